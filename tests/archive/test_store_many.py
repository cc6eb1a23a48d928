"""Batches: ``store_many`` leaves the archive exactly as ``store`` one item at a time would.

Two archives on the same backend get the same items, one through ``store`` in order, the
other through ``store_many`` (all in one batch, or in small batches), and every table is
compared row by row, ids included. The items mix every case a batch can meet: new,
unchanged through a URL variant, revised, reverted, the same article twice in one batch, a
publisher id that joins two slugs, wire copies linked as near-duplicates (inside the batch
and with an article stored before it), a body too short to link, and visit plans.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Barrier
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from archive.models import (
    Article,
    ArticleURL,
    Base,
    Content,
    NearDuplicate,
    Revision,
    VisitSchedule,
)
from archive.schedule import RevisitPolicy, VisitPlanner
from archive.search import search
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot

LIPUTAN6 = "https://www.liputan6.com/read/5670001/harga-beras-naik"
EDITED = BODY.replace("Rp 14.000", "Rp 14.500")
WIRE = BODY.replace("Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -")
OTHER = (
    "Tim nasional sepak bola Indonesia menang dua gol tanpa balas atas Vietnam di Stadion "
    "Utama Gelora Bung Karno. Pelatih memuji lini tengah yang disiplin sepanjang laga.\n\n"
    "Gol pertama lahir dari sundulan kapten pada menit ke-23, gol kedua dari tendangan "
    "bebas jarak jauh menjelang turun minum. Penonton memadati tribun sejak sore."
)
POLICY = RevisitPolicy.parse("15m,1h,3h,12h")


def _item(url: str, hours: float, **fields: Any) -> tuple[ArticleSnapshot, FetchInfo]:
    item = snapshot(url, hours=hours, **fields)
    return item, fetch_for(item, etag=f'"{hours}"')


def before_the_batch() -> list[tuple[ArticleSnapshot, FetchInfo]]:
    """Stored first, one by one, so the batch meets rows it did not create."""
    return [
        _item("https://www.liputan6.com/read/100/sepak-bola", 0, body=OTHER),
        _item("https://www.liputan6.com/read/200/beras", 0, publisher_id="200", body=BODY),
        _item("https://www.liputan6.com/read/200/beras", 1, publisher_id="200", body=EDITED),
    ]


def the_batch() -> list[tuple[ArticleSnapshot, FetchInfo]]:
    kompas = "https://www.kompas.com/read/2024/08/14/beras-naik"
    return [
        _item(LIPUTAN6, 2),  # new; a wire copy of article 200 (stored before)
        _item(LIPUTAN6.replace("www.", "m.") + "?utm_source=x", 2.5),  # unchanged, new alias
        _item(LIPUTAN6, 3, body=EDITED),  # revised
        _item(LIPUTAN6, 4),  # reverted to revision 1
        _item(LIPUTAN6, 3.5),  # unchanged, seen earlier than the last visit
        _item(kompas, 4, site="kompas", body=WIRE, publisher_id=None),  # near-dup, new
        _item("https://www.liputan6.com/read/100/sepak-bola", 5, body=OTHER),  # unchanged
        _item(  # the publisher id joins a new slug to article 200, and a revert
            "https://www.liputan6.com/read/200/beras-mahal", 5, publisher_id="200", body=BODY
        ),
        _item("https://www.liputan6.com/read/300/singkat", 5, body="Foto: banjir di Bekasi."),
        _item(  # an article first met without its id, then with it
            "https://www.liputan6.com/read/400/gempa", 6, body=OTHER + " Gempa susulan."
        ),
        _item(
            "https://www.liputan6.com/read/400/gempa-terkini",
            7,
            publisher_id="400",
            canonical_url="https://www.liputan6.com/read/400/gempa",
            body=OTHER + " Gempa susulan.",
            title="Gempa Susulan",
            language=None,
        ),
        _item(  # no language on the page: the article keeps the one it had
            "https://www.liputan6.com/read/400/x", 8, publisher_id="400", body=OTHER, language=None
        ),
    ]


def _open(url: str) -> Archive:
    archive = Archive.open(url)
    archive.visit_hooks.append(VisitPlanner(POLICY))
    return archive


def dump(archive: Archive) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ids included (near-duplicate link ids aside: see below)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with archive.session() as session:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            rows = [tuple(row) for row in session.execute(select(table).order_by(*order))]
            if table.name == NearDuplicate.__tablename__:
                # One item can find several partners at once; the order it links them in is
                # a set's order, so compare the links, not their ids.
                rows = sorted(row[1:] for row in rows)
            tables[table.name] = rows
        tables["search"] = [
            tuple(hit.article_id for hit in search(session, words))
            for words in ("beras", "vietnam", "bekasi", "susulan")
        ]
    return tables


@contextmanager
def two_archives(backend: str, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    if backend == "sqlite":
        tmp = request.getfixturevalue("tmp_path")
        yield f"sqlite:///{tmp / 'one.sqlite3'}", f"sqlite:///{tmp / 'many.sqlite3'}"
        return
    server = make_url(request.getfixturevalue("postgres_url"))
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    names = [f"newscrawler_test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        one, many = (
            server.set(database=name).render_as_string(hide_password=False) for name in names
        )
        yield one, many
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("batch_size", [100, 3, 1])
def test_a_batch_leaves_the_archive_as_storing_one_by_one_does(
    backend: str, batch_size: int, request: pytest.FixtureRequest
) -> None:
    with two_archives(backend, request) as (one_url, many_url):
        one, many = _open(one_url), _open(many_url)
        try:
            for archive in (one, many):
                for item, fetch in before_the_batch():
                    archive.store(item, fetch)
            batch = the_batch()
            expected = [one.store(item, fetch) for item, fetch in batch]
            got = []
            for start in range(0, len(batch), batch_size):
                got += many.store_many(batch[start : start + batch_size])
            assert got == expected
            tables = dump(one)
            assert dump(many) == tables
        finally:
            one.close()
            many.close()
    # The batch exercised what it claims to.
    assert len(tables["near_duplicates"]) >= 2  # inside the batch and with an older article
    assert len(tables["visit_schedule"]) == 6
    assert len(tables["revisions"]) == 3 + 9
    outcomes = [r.outcome for r in expected]
    assert outcomes[:5] == ["new", "unchanged", "revised", "reverted", "unchanged"]
    assert outcomes[5:9] == ["new", "unchanged", "reverted", "new"]
    assert outcomes[9:] == ["new", "revised", "revised"]


def test_the_batch_links_wire_copies_and_plans_visits(archive: Archive) -> None:
    archive.visit_hooks.append(VisitPlanner(POLICY))
    results = archive.store_many(before_the_batch() + the_batch())
    kompas = results[3 + 5].article_id
    with archive.session() as session:
        links = {
            (low, high)
            for low, high in session.execute(
                select(NearDuplicate.article_id, NearDuplicate.duplicate_id)
            )
        }
        plans = session.scalar(select(VisitSchedule).where(VisitSchedule.article_id == kompas))
    assert any(kompas in pair for pair in links)
    assert plans is not None
    assert plans.visits == 1
    assert plans.etag == '"4"'


def test_a_plain_visit_hook_is_called_once_per_visit_in_order(archive: Archive) -> None:
    seen: list[tuple[int, str]] = []

    def hook(_session: Session, article_id: int, _fetch: FetchInfo, outcome: str) -> None:
        seen.append((article_id, outcome))

    archive.visit_hooks.append(hook)
    results = archive.store_many(the_batch()[:4])
    assert seen == [(r.article_id, r.outcome) for r in results]


def test_a_bad_item_rejects_the_whole_batch_before_anything_is_written(archive: Archive) -> None:
    good = _item(LIPUTAN6, 0)
    bad = _item("https://www.liputan6.com/read/9/x", 0, timezone="Asia/Atlantis")
    with pytest.raises(Exception, match="Atlantis"):
        archive.store_many([good, bad])
    with archive.session() as session:
        assert session.scalars(select(Article.id)).all() == []
    assert archive.store_many([]) == []


ARTICLES = 40


def _write_batches(url: str, worker: int, start: Barrier) -> list[str]:
    archive = Archive.open(url, upgrade=False)
    start.wait()
    outcomes: list[str] = []
    for edited in (False, True):
        batch = []
        for number in range(ARTICLES):
            # Each worker reaches the article through its own URL variant.
            host = "https://www.liputan6.com" if worker == 0 else "http://m.liputan6.com"
            url_ = f"{host}/read/{5_000_000 + number}/berita-{number}?utm_source={worker}"
            body = f"Berita nomor {number}. {EDITED if edited else BODY}"
            batch.append(_item(url_, edited + worker / 10, body=body))
        for first in range(0, ARTICLES, 10):
            outcomes += [r.outcome for r in archive.store_many(batch[first : first + 10])]
    archive.close()
    return outcomes


@pytest.mark.postgres
def test_two_processes_storing_batches_of_the_same_articles_make_no_duplicates(
    postgres_database: str,
) -> None:
    Archive.open(postgres_database).close()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = [
                pool.apply_async(_write_batches, (postgres_database, w, start)) for w in (0, 1)
            ]
            outcomes = [r.get(timeout=240) for r in results]
    archive = Archive.open(postgres_database, upgrade=False)
    with archive.session() as session:
        articles = session.scalar(select(func.count(Article.id)))
        contents = session.scalar(select(func.count(Content.id)))
        aliases = session.scalar(select(func.count(ArticleURL.id)))
        numbers: dict[int, list[int]] = {}
        for article_id, number in session.execute(
            select(Revision.article_id, Revision.number).order_by(Revision.number)
        ):
            numbers.setdefault(article_id, []).append(number)
    archive.close()
    assert articles == ARTICLES
    assert contents == 2 * ARTICLES
    assert aliases == ARTICLES  # both workers' variants share one canonical alias
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values())
    assert Counter(o for both in outcomes for o in both)["new"] == ARTICLES


def test_copies_in_one_batch_asking_for_the_same_keys_each_find_the_stored_story(
    archive: Archive,
) -> None:
    """Two copies of one wire story in a batch (1 and 5 bits from the stored one, 6 from
    each other) probe some of the same index keys; each still meets the stored copy, and
    each other."""
    original = archive.store(*_item(LIPUTAN6, 0)).article_id
    kompas, detik = archive.store_many(
        [
            _item("https://www.kompas.com/read/2024/08/14/beras", 1, site="kompas", body=WIRE),
            _item(
                "https://news.detik.com/berita/d-7001/beras",
                1,
                site="detik",
                body=BODY.replace("Liputan6.com, Jakarta -", "Jakarta, detikcom -"),
            ),
        ]
    )
    with archive.session() as session:
        links = set(session.execute(select(NearDuplicate.article_id, NearDuplicate.duplicate_id)))
    pairs = {frozenset(pair) for pair in links}
    assert pairs == {
        frozenset({original, kompas.article_id}),
        frozenset({original, detik.article_id}),
        frozenset({kompas.article_id, detik.article_id}),
    }
