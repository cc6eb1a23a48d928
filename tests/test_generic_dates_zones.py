"""Dates and zones of pages without a page object: the zone from the page's own evidence,
and the date printed by the headline where the markup declares none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse

from newscrawler.extract import extract_raw
from newscrawler.extraction.zonehint import domain_zone, infer_zone, language_zone, shown_zone
from newscrawler.normalize.article import to_snapshot
from newscrawler.pages.base import ArticlePage
from newscrawler.sites import GENERIC
from tests.conftest import shared_page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
PROSE = "".join(
    f"<p>Paragraf {i}: warga memadati pantai saat libur panjang, kata petugas, dan antrean "
    "kendaraan mengular hingga sore hari di jalan menuju kawasan wisata.</p>"
    for i in range(4)
)


@pytest.mark.parametrize(
    ("shown", "languages", "url", "zone"),
    [
        ("Rabu, 14 Agustus 2024 | 10:30 WITA", ["en"], "https://example.com/", "Asia/Makassar"),
        ("", ["de-AT"], "https://example.com/", "Europe/Vienna"),
        ("", ["en"], "https://www.kabarpesisir.co.id/a", "Asia/Jakarta"),
        ("", ["id-ID"], "https://example.com/", "Asia/Jakarta"),
        ("", ["In-Id"], "https://example.com/", "Asia/Jakarta"),  # Liputan6's withdrawn code
        ("", ["de"], "https://example.com/", "Europe/Berlin"),
        ("", ["en-US"], "https://example.com/", None),  # a country of many zones
        ("", ["en"], "https://www.bbc.co.uk/news/x", "Europe/London"),
        ("", [], "https://example.org/", None),
    ],
)
def test_the_zone_of_a_page_from_its_evidence(shown, languages, url, zone):
    assert infer_zone(shown=shown, languages=languages, url=url) == zone


def test_the_evidence_helpers():
    assert shown_zone("Diperbarui 24 Nov 2019, 14:16 WIB") == "Asia/Jakarta"
    assert shown_zone("WIB tanpa jam") is None
    assert language_zone("en-GB") == ("Europe/London", None)
    assert domain_zone("https://news.detik.com/x") is None


def _page(markup: str, url: str = "https://www.example.com/a") -> ArticlePage:
    return ArticlePage(HtmlResponse(url=url, body=markup.encode(), encoding="utf-8"))


def test_an_indonesian_page_without_a_page_object_shows_its_times_in_wib():
    # A JSON-LD time in UTC on a site of no page object, but the page is in Indonesian.
    page = _page(
        "<html lang='id'><head><title>Pantai penuh</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Pantai penuh", '
        '"datePublished": "2024-08-14T03:30:00Z"}</script></head>'
        f"<body><h1>Pantai penuh</h1>{PROSE}</body></html>"
    )
    snapshot = to_snapshot(page.to_item(), now=FETCHED)
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2024-08-14T10:30:00+07:00"
    assert snapshot.timezone == "Asia/Jakarta"


def test_the_date_by_the_headline_dates_an_undeclared_page():
    # Kompas 2015: the headline is an <h2> (the <h1> names the channel); the date sits right
    # under it; a ticker far above and the footer's copyright hold years too.
    page = _page(
        "<html><head><title>Polres Serahkan Anggota ke Kejaksaan - Kompas.com</title></head>"
        "<body><div class='ticker'>Selasa, 3/11/2015</div>"
        + "<div><span>menu</span></div>"
        * 25
        + "<h1>Regional</h1><h2>Polres Serahkan Anggota ke Kejaksaan</h2>"
        "<div class='msmall grey'>Rabu, 4 November 2015 | 21:04 WIB</div>"
        f"{PROSE}<p class='date'>COPYRIGHT © 2016</p></body></html>"
    )
    assert page.date_by_headline() == ["Rabu, 4 November 2015 | 21:04 WIB"]
    snapshot = to_snapshot(page.to_item(), now=FETCHED)
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2015-11-04T21:04:00+07:00"
    assert snapshot.provenance["published_at"] == "markup:by-headline"


def test_a_declared_day_gains_the_time_printed_by_the_headline():
    page = _page(
        "<html><head><title>Pantai penuh</title>"
        "<meta property='article:published_time' content='2024-08-14'></head>"
        "<body><h1>Pantai penuh saat libur</h1><div>Rabu, 14 Agustus 2024 | 10:30 WIB</div>"
        f"{PROSE}</body></html>"
    )
    snapshot = to_snapshot(page.to_item(), now=FETCHED)
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2024-08-14T10:30:00+07:00"


@pytest.mark.shared
@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        # The page shows "Rabu, 4 November 2015 | 21:04 WIB" under its <h2> headline.
        ("kompas/anpandu_kompas-singlepage.html", "2015-11-04T21:04:00+07:00"),
        # "Senin, 15 Februari 2016, 16:15 WIB" above the headline.
        ("republika/anpandu_republika-singlepage.html", "2016-02-15T16:15:00+07:00"),
    ],
)
def test_older_indonesian_layouts_read_generically_keep_the_shown_time(relative, expected):
    body = shared_page(relative).read_bytes()
    result = extract_raw(
        HtmlResponse(url="https://www.example-portal.com/read/1/x", body=body),
        fetched_at=FETCHED,
        site=GENERIC,
    )
    assert result.snapshot is not None
    assert result.snapshot.published_at is not None
    assert result.snapshot.published_at.isoformat() == expected
