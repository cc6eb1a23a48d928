"""Search (ranked, filtered) and export (JSONL round trip, CSV, Parquet) on both backends."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from archive.export import (
    ExportFilters,
    export_records,
    read_jsonl,
    write_csv,
    write_jsonl,
    write_parquet,
)
from archive.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS, BadQueryError, SearchFilters, search
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot


def _fill(archive: Archive) -> None:
    stories = [
        (
            "https://www.liputan6.com/read/1/beras",
            "liputan6",
            "Harga Beras Naik",
            BODY,
            "Bisnis",
            ("Budi Santoso",),
            ("beras",),
            datetime(2024, 8, 14, 2, 30, tzinfo=UTC),
        ),
        (
            "https://news.detik.com/berita/d-2/banjir",
            "detik",
            "Banjir Rendam Jakarta Utara",
            "Banjir setinggi satu meter merendam permukiman di Jakarta Utara. Warga mengungsi ke "
            "masjid. Harga beras di pengungsian tidak dibahas.",
            "News",
            ("Ani Lestari",),
            ("banjir", "jakarta"),
            datetime(2024, 8, 20, 1, 0, tzinfo=UTC),
        ),
        (
            "https://www.kompas.com/read/3/timnas",
            "kompas",
            "Timnas Menang",
            "Timnas menang 2-0 atas Vietnam. Beras tidak disebut di sini kecuali sekali.",
            "Bola",
            ("Budi Santoso",),
            ("timnas",),
            datetime(2024, 7, 1, 12, 0, tzinfo=UTC),
        ),
    ]
    for url, site, title, body, section, authors, tags, published in stories:
        item = snapshot(
            url,
            site=site,
            title=title,
            body=body,
            section=section,
            authors=authors,
            tags=tags,
            published_at=published,
        )
        archive.store(item, fetch_for(item))
    # A revision of the first story, so exports carry history.
    item = snapshot(
        "https://www.liputan6.com/read/1/beras",
        hours=3,
        title="Harga Beras Naik Lagi",
        section="Bisnis",
        authors=("Budi Santoso",),
        tags=("beras",),
    )
    archive.store(item, fetch_for(item))


def test_search_ranks_title_matches_first_and_searches_the_current_version(
    archive: Archive,
) -> None:
    _fill(archive)
    with archive.session() as session:
        hits = search(session, "beras")
        assert hits[0].site == "liputan6"
        assert {h.site for h in hits} == {"liputan6", "detik", "kompas"}
        assert hits[0].title == "Harga Beras Naik Lagi"
        assert hits[0].rank > hits[-1].rank
        assert "[" in hits[0].snippet
        assert [h.site for h in search(session, '"jakarta utara" banjir')] == ["detik"]
        assert search(session, "tsunami") == []


@pytest.mark.parametrize(
    ("filters", "sites"),
    [
        (SearchFilters(site="detik"), {"detik"}),
        (SearchFilters(section="bisnis"), {"liputan6"}),
        (SearchFilters(author="budi santoso"), {"liputan6", "kompas"}),
        (SearchFilters(author="Budi"), set()),  # whole names only
        (SearchFilters(tag="Jakarta"), {"detik"}),
        (SearchFilters(since=datetime(2024, 8, 14, tzinfo=UTC)), {"liputan6", "detik"}),
        (SearchFilters(until=datetime(2024, 8, 14, tzinfo=UTC)), {"kompas"}),
    ],
)
def test_search_filters(archive: Archive, filters: SearchFilters, sites: set[str]) -> None:
    _fill(archive)
    with archive.session() as session:
        assert {h.site for h in search(session, "beras", filters)} == sites


@pytest.mark.parametrize("query", ["", "  -- ** ", '""'])
def test_search_refuses_queries_without_words(archive: Archive, query: str) -> None:
    with archive.session() as session, pytest.raises(BadQueryError):
        search(session, query)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # Took 42 s on SQLite and 107 s on PostgreSQL before queries were bounded.
        ("ASN " * 2000, "the query is 8,000 characters long: at most 512 are allowed"),
        (" ".join(f"kata{n}" for n in range(33)), "the query has 33 words: at most 32"),
        ('"' + " ".join(["banjir"] * 40) + '"', "the query has 40 words: at most 32"),
    ],
)
def test_search_refuses_queries_past_the_bound(archive: Archive, query: str, message: str) -> None:
    with archive.session() as session, pytest.raises(BadQueryError, match=message):
        search(session, query)


def test_search_takes_a_query_at_the_bound(archive: Archive) -> None:
    _fill(archive)
    query = " ".join(["beras"] * MAX_QUERY_WORDS)
    query += " " * (MAX_QUERY_CHARS - len(query))
    with archive.session() as session:
        assert {h.site for h in search(session, query)} == {"liputan6", "detik", "kompas"}


def test_search_treats_operators_as_words(archive: Archive) -> None:
    _fill(archive)
    with archive.session() as session:
        assert search(session, "beras AND OR NOT") == []
        assert len(search(session, "beras-naik")) == 1


def test_jsonl_export_reads_back_equal_to_the_archive(archive: Archive, tmp_path: Path) -> None:
    _fill(archive)
    path = tmp_path / "archive.jsonl"
    with archive.session() as session:
        expected = list(export_records(session))
        with path.open("w", encoding="utf-8") as out:
            assert write_jsonl(export_records(session), out) == 4
    assert read_jsonl(path) == expected
    assert [(r["article_id"], r["revision"]) for r in expected] == [(1, 1), (1, 2), (2, 1), (3, 1)]
    first = expected[0]
    assert first["urls"] == ["https://liputan6.com/read/1/beras"]
    assert first["published_at"] == datetime(2024, 8, 14, 2, 30, tzinfo=UTC)
    assert '"published_at": "2024-08-14T09:30:00+07:00"' in path.read_text(encoding="utf-8")


def test_export_filters(archive: Archive) -> None:
    _fill(archive)
    with archive.session() as session:
        latest = list(export_records(session, ExportFilters(latest_only=True)))
        detik = list(export_records(session, ExportFilters(site="detik")))
    assert [(r["article_id"], r["revision"]) for r in latest] == [(1, 2), (2, 1), (3, 1)]
    assert [r["site"] for r in detik] == ["detik"]


def test_csv_and_parquet_exports(archive: Archive, tmp_path: Path) -> None:
    _fill(archive)
    out = io.StringIO()
    with archive.session() as session:
        assert write_csv(export_records(session), out) == 4
        assert write_parquet(export_records(session), tmp_path / "a.parquet") == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[2]["tags"] == "banjir; jakarta"
    assert rows[0]["published_at"] == "2024-08-14T09:30:00+07:00"
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 4
    assert table.column("tags").to_pylist()[2] == ["banjir", "jakarta"]
    assert table.column("published_at").to_pylist()[0] == datetime(2024, 8, 14, 2, 30, tzinfo=UTC)
