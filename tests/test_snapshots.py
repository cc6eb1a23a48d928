"""RawArticle -> ArticleSnapshot: field choice, provenance, drops."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawler.items import Found, RawArticle
from newscrawler.normalize.article import NotAnArticle, language_code, to_snapshot

FETCHED = datetime(2019, 11, 24, 9, 0, tzinfo=UTC)


def raw(**fields) -> RawArticle:
    defaults = {
        "url": "https://www.liputan6.com/news/read/1/x",
        "site": "liputan6",
        "timezone": "Asia/Jakarta",
        "fetched_at": FETCHED,
        "title": [Found("Judul Berita - News Liputan6.com", "markup:title")],
        "body": ["Liputan6.com, Jakarta - Paragraf pertama.", "Paragraf kedua."],
        "site_names": ("Liputan6.com",),
    }
    return RawArticle(**(defaults | fields))


def test_no_title_is_not_an_article():
    with pytest.raises(NotAnArticle) as caught:
        to_snapshot(raw(title=[Found("   ", "json-ld")]))
    assert caught.value.key == "no_title"


def test_no_body_is_not_an_article():
    with pytest.raises(NotAnArticle) as caught:
        to_snapshot(raw(body=["(*)", "Baca Juga"]))
    assert caught.value.key == "no_body"


def test_authors_come_from_the_first_source_that_names_a_person():
    snapshot = to_snapshot(
        raw(
            authors=[
                Found("Liputan6.com", "meta:author"),
                Found("oleh Gilar Ramdhani", "byline"),
                Found("Someone Else", "markup:byline"),
            ]
        )
    )
    assert snapshot.authors == ("Gilar Ramdhani",)
    assert snapshot.provenance["authors"] == "byline"


def test_dates_keep_their_source_and_flag_disagreement():
    snapshot = to_snapshot(
        raw(
            published=[
                Found("2019-11-24T06:46:00Z", "json-ld"),
                Found("24 Nov 2019, 13:46 WIB", "byline"),
                Found("24 Nov 2019, 15:00 WIB", "feed"),
            ]
        )
    )
    assert snapshot.published_at.isoformat() == "2019-11-24T13:46:00+07:00"
    assert snapshot.provenance["published_at"] == "json-ld"
    assert snapshot.notes["raw"]["published_at"] == "2019-11-24T06:46:00Z"
    assert snapshot.notes["date_conflicts"]["published_at"] == [
        {"source": "feed", "raw": "24 Nov 2019, 15:00 WIB"}
    ]


def test_unparseable_dates_give_none_not_a_guess():
    snapshot = to_snapshot(raw(published=[Found("kapan-kapan", "byline")]))
    assert snapshot.published_at is None
    assert "published_at" not in snapshot.provenance


def test_title_suffix_and_dateline():
    snapshot = to_snapshot(raw())
    assert snapshot.title == "Judul Berita"
    assert snapshot.body.startswith("Liputan6.com, Jakarta - Paragraf pertama.")
    assert snapshot.dateline == "Liputan6.com, Jakarta"


def test_generic_site_keeps_the_pages_own_offset():
    snapshot = to_snapshot(
        raw(timezone=None, published=[Found("2024-08-14T10:30:00+08:00", "json-ld")])
    )
    assert snapshot.published_at.isoformat() == "2024-08-14T10:30:00+08:00"
    assert snapshot.timezone == "Asia/Jakarta"


@pytest.mark.parametrize(
    ("value", "code"),
    [("In-Id", "id"), ("id_ID", "id"), ("en-US", "en"), ("id", "id"), ("ind", "id"), ("?", "")],
)
def test_language_code(value, code):
    assert language_code(value) == code


def test_reporter_line_opening_the_text_becomes_the_author():
    snapshot = to_snapshot(
        raw(
            body=[
                "Laporan Wartawan Tribunnews.com, Wahyu Aji",
                "TRIBUNNEWS.COM, JAKARTA - Paragraf pertama berita ini.",
            ]
        )
    )
    assert snapshot.authors == ("Wahyu Aji",)
    assert snapshot.provenance["authors"] == "body:reporter-line"
    assert snapshot.body == "TRIBUNNEWS.COM, JAKARTA - Paragraf pertama berita ini."


def test_modified_before_published_is_left_blank_and_noted():
    # Okezone's JSON-LD once said modified 20:33 the day before publishing at 07:26: an
    # honest blank, with the raw value kept for an audit.
    snapshot = to_snapshot(
        raw(
            published=[Found("2020-07-09T07:26:00+07:00", "json-ld")],
            modified=[Found("2020-07-08T20:33:00+07:00", "json-ld")],
        )
    )
    assert snapshot.modified_at is None
    assert snapshot.notes["modified_before_published"] == "2020-07-08T20:33:00+07:00"


def test_modified_before_published_gives_way_to_the_update_the_page_shows():
    snapshot = to_snapshot(
        raw(
            published=[Found("2020-07-09T07:26:00+07:00", "json-ld")],
            modified=[
                Found("2020-07-08T20:33:00+07:00", "json-ld"),
                Found("Diperbarui 09 Jul 2020, 08:15 WIB", "byline"),
            ],
        )
    )
    assert snapshot.modified_at is not None
    assert snapshot.modified_at.isoformat() == "2020-07-09T08:15:00+07:00"
    assert snapshot.provenance["modified_at"] == "byline"


def test_a_day_without_a_time_gives_way_to_the_time_the_page_shows_that_day():
    snapshot = to_snapshot(
        raw(
            published=[
                Found("2024-08-14", "json-ld"),
                Found("Rabu, 14 Agustus 2024 | 10:30 WIB", "byline"),
            ]
        )
    )
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2024-08-14T10:30:00+07:00"
    assert snapshot.provenance["published_at"] == "byline"
    other_day = to_snapshot(
        raw(published=[Found("2024-08-14", "json-ld"), Found("15 Agustus 2024 10:30", "byline")])
    )
    assert other_day.published_at is not None
    assert other_day.published_at.isoformat() == "2024-08-14T00:00:00+07:00"


def test_fields_without_candidates_have_no_value_and_no_provenance():
    snapshot = to_snapshot(raw(authors=[], editors=[], tags=[], published=[], modified=[]))
    assert (snapshot.authors, snapshot.editors, snapshot.tags) == ((), (), ())
    assert (snapshot.published_at, snapshot.modified_at) == (None, None)
    assert set(snapshot.provenance) == {"title", "body"}
    assert snapshot.notes == {}
