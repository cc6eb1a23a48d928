"""Times without an offset are the site's; a false UTC suffix gives way to the local time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawler.items import Found, RawArticle
from newscrawler.normalize.article import to_snapshot
from newscrawler.normalize.dates import parse_datetime
from newscrawler.normalize.resolve import resolve_datetime
from newscrawler.normalize.zones import WIB, WIT, WITA


@pytest.mark.parametrize(
    ("raw", "zone", "expected"),
    [
        # JSON-LD and meta values without an offset, on sites in each of the three zones.
        ("2024-08-14T10:30:00", WIB, "2024-08-14T10:30:00+07:00"),
        ("2024-08-14T10:30:00", WITA, "2024-08-14T10:30:00+08:00"),
        ("2024-08-14T10:30:00", WIT, "2024-08-14T10:30:00+09:00"),
        ("2024-08-14 10:30:00", WITA, "2024-08-14T10:30:00+08:00"),
        ("2024-08-14T10:30:00.000", WITA, "2024-08-14T10:30:00+08:00"),
        ("2024/08/14 10:30:00", WITA, "2024-08-14T10:30:00+08:00"),  # detik's createdate meta
        ("2024-08-14T10:30", WITA, "2024-08-14T10:30:00+08:00"),
        ("14 Agustus 2024 10:30", WIT, "2024-08-14T10:30:00+09:00"),
        # A zone written on the page beats the site's.
        ("Rabu, 14 Agustus 2024 | 10:30 WIB", WITA, "2024-08-14T10:30:00+07:00"),
        ("2024-08-14T10:30:00+07:00", WITA, "2024-08-14T10:30:00+07:00"),
    ],
)
def test_a_time_without_an_offset_is_the_sites(raw: str, zone, expected: str) -> None:
    value = parse_datetime(raw, default_tz=zone)
    assert value is not None
    assert value.isoformat() == expected


@pytest.mark.parametrize(
    ("utc", "local", "zone", "expected"),
    [
        # A CMS printing local time with a UTC suffix, beside the visible byline.
        (
            "2024-08-14T10:30:00+00:00",
            "Rabu, 14 Agustus 2024 10:30 WIB",
            WIB,
            "2024-08-14T10:30:00+07:00",
        ),
        (
            "2024-08-14T10:30:00Z",
            "Rabu, 14 Agustus 2024 10:30 WIB",
            WIB,
            "2024-08-14T10:30:00+07:00",
        ),
        ("2024-08-14T10:30:45.000Z", "14/08/2024, 10:30 WIB", WIB, "2024-08-14T10:30:00+07:00"),
        (
            "2024-08-14T10:30:00Z",
            "Rabu, 14 Agustus 2024 | 10:30 WITA",
            WITA,
            "2024-08-14T10:30:00+08:00",
        ),
        # The site's zone, not the page's: a byline without a zone on a WIT site.
        ("2024-08-14T10:30:00Z", "14 Agustus 2024 10:30", WIT, "2024-08-14T10:30:00+09:00"),
    ],
)
def test_a_false_utc_suffix_gives_way_to_the_local_time(utc, local, zone, expected) -> None:
    resolved = resolve_datetime(
        [Found(utc, "json-ld"), Found(local, "markup:byline")], default_tz=zone
    )
    assert resolved.value is not None
    assert resolved.value.isoformat() == expected
    assert (resolved.raw, resolved.source) == (local, "markup:byline")
    assert resolved.conflicts == (("json-ld", utc),)


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # A true UTC value: the byline agrees with it, the first stays.
        (["2016-02-16T02:10:56Z", "on 16 Feb 2016 at 09:10 WIB"], "2016-02-16T02:10:56+00:00"),
        # Off by an hour, not by the site's offset: the first stays, the other is a conflict.
        (["2024-08-14T10:30:00Z", "14 Agustus 2024 11:30 WIB"], "2024-08-14T10:30:00+00:00"),
        # Same wall clock but in another zone than the site's: no evidence the suffix is false.
        (["2024-08-14T10:30:00Z", "14 Agustus 2024 10:30 WITA"], "2024-08-14T10:30:00+00:00"),
        # Only UTC candidates: nothing to compare with.
        (["2024-08-14T10:30:00Z", "2024-08-14T10:30:00+00:00"], "2024-08-14T10:30:00+00:00"),
        # The first in the site's zone already: it stays.
        (["2024-08-14T10:30:00+07:00", "2024-08-14T10:30:00Z"], "2024-08-14T10:30:00+07:00"),
    ],
)
def test_the_first_stays_without_that_evidence(candidates: list[str], expected: str) -> None:
    resolved = resolve_datetime([Found(c, f"source{i}") for i, c in enumerate(candidates)])
    assert resolved.value is not None
    assert resolved.value.isoformat() == expected
    assert resolved.source == "source0"


def test_the_local_time_reaches_the_snapshot_in_the_sites_zone() -> None:
    raw = RawArticle(
        url="https://www.example.co.id/berita/1/x",
        site="generic",
        title=[Found("Judul", "json-ld")],
        body=["Isi berita yang cukup panjang untuk menjadi badan artikel."],
        published=[
            Found("2024-08-14T10:30:00Z", "json-ld"),
            Found("Rabu, 14 Agustus 2024 10:30 WIB", "markup:time"),
        ],
        timezone="Asia/Jakarta",
        fetched_at=datetime(2024, 8, 15, tzinfo=UTC),
    )
    snapshot = to_snapshot(raw)
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2024-08-14T10:30:00+07:00"
    assert snapshot.provenance["published_at"] == "markup:time"
    assert snapshot.notes["date_conflicts"]["published_at"] == [
        {"source": "json-ld", "raw": "2024-08-14T10:30:00Z"}
    ]
