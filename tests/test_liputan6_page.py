"""Liputan6: the seed article as a 2019 page, and the real 2015-2016 pages in ../shared."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse

from newscrawler.normalize.article import to_snapshot
from newscrawler.pages.liputan6 import Liputan6Page
from tests.conftest import FIXTURES, shared_page

SEED_URL = (
    "https://www.liputan6.com/news/read/4117380/"
    "tingkat-mutu-dan-produktivitas-kemnaker-ajak-asn-indramayu-belajar-dari-pelaku-industri"
)
FETCHED = datetime(2019, 11, 24, 9, 0, tzinfo=UTC)


def snapshot_of(body: bytes, url: str):
    page = Liputan6Page(HtmlResponse(url=url, body=body), fetched_at=FETCHED)
    return to_snapshot(page.to_item())


@pytest.fixture(scope="module")
def seed():
    body = (FIXTURES / "sites" / "liputan6" / "2019-11-24_kemnaker-asn-indramayu.html").read_bytes()
    return snapshot_of(body, SEED_URL)


def test_seed_article_title_authors_and_times(seed):
    assert seed.title == (
        "Tingkat Mutu dan Produktivitas, Kemnaker Ajak ASN Indramayu Belajar dari Pelaku Industri"
    )
    assert seed.authors == ("Gilar Ramdhani",)
    assert seed.published_at.isoformat() == "2019-11-24T13:46:00+07:00"
    # "Diperbarui 24 Nov 2019, 14:16 WIB" is the update, never the publish time.
    assert seed.modified_at.isoformat() == "2019-11-24T14:16:00+07:00"


def test_seed_article_body_keeps_dateline_and_drops_furniture(seed):
    assert seed.body.startswith("Liputan6.com, Jakarta Dalam rangka")
    assert seed.body.endswith("harapnya.")
    for furniture in (
        "(*)",
        "Tag Terkait",
        "Video Pilihan Hari Ini",
        "POPULER",
        "Berita Terkini Selengkapnya",
        "Baca Juga",
        "Ilustrasi Aparatur Sipil Negara",
    ):
        assert furniture not in seed.body
    assert seed.dateline == "Liputan6.com, Jakarta"
    assert seed.body.count("\n\n") == 9  # ten paragraphs, as the seed text has


def test_seed_article_other_fields(seed):
    assert seed.publisher_id == "4117380"
    assert seed.tags == ("Kemnaker", "ASN", "Produktivitas", "Indramayu")
    assert seed.section == "News"
    assert seed.language == "id"
    assert seed.subtitle.startswith("Disnakertrans Kabupaten Indramayu menggandeng")
    assert seed.canonical_url == SEED_URL
    # JSON-LD (06:46Z), article:published_time and the byline all agree: no conflict flagged.
    assert "date_conflicts" not in seed.notes


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "url", "title", "published", "authors", "body_start"),
    [
        (
            "anpandu_liputan6-singlepage.html",
            "http://tekno.liputan6.com/read/2436773/tri-indonesia-broadband-dorong-ekosistem-digital-dalam-negeri",
            "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri",
            "2016-02-16T09:10:56+07:00",
            ("Corry Anestia",),
            "Liputan6.com, Jakarta - Indonesia memasuki fase dinamis",
        ),
        (
            "anpandu_liputan6-singlepage3.html",
            "http://photo.liputan6.com/musik/hadiri-grammy-awards-2016-taylor-swift-dan-selena-gomez-peluk-pelukan-2437247",
            "Hadiri Grammy Awards 2016, Taylor Swift dan Selena Gomez Peluk-pelukan",
            "2016-02-16T09:09:27+07:00",
            ("Arny Christika Putri",),
            "Penyanyi Taylor Swift (kanan) memeluk Selena Gomez",
        ),
        (
            # datePublished here is malformed: datetime="18 Jun 2015 at &lt;span&gt;06:25 WIB..."
            "slasherrb_liputan6.html",
            "http://news.liputan6.com/read/2254252/wapres-jk-dan-ahok-blusukan-dari-udara",
            "Wapres JK dan Ahok 'Blusukan' dari Udara",
            "2015-06-18T06:25:00+07:00",
            ("Silvanus Alvin",),
            "Liputan6.com, Jakarta - Pada hari pertama puasa",
        ),
    ],
)
def test_real_liputan6_pages(name, url, title, published, authors, body_start):
    snapshot = snapshot_of(shared_page(f"liputan6/{name}").read_bytes(), url)
    assert snapshot.title == title
    assert snapshot.published_at.isoformat() == published
    # The author meta says "Liputan6.com": an outlet, never a person.
    assert snapshot.authors == authors
    assert snapshot.body.startswith(body_start)
    assert "Baca Juga" not in snapshot.body


@pytest.mark.shared
def test_old_layout_body_matches_published_expectation():
    """slasherrb's expected text for this page, compared with whitespace removed."""
    expected = shared_page("liputan6/slasherrb_liputan6_expectation.txt").read_text()
    snapshot = snapshot_of(
        shared_page("liputan6/slasherrb_liputan6.html").read_bytes(),
        "http://news.liputan6.com/read/2254252/wapres-jk-dan-ahok-blusukan-dari-udara",
    )

    def squash(text: str) -> str:
        return "".join(text.replace("\u200e", "").split())

    # The closing credit "(Mvi/Ali)" is split off into notes, not lost.
    assert squash(snapshot.body) + "(Mvi/Ali)" == squash(expected)
    assert snapshot.notes["credit"] == "(Mvi/Ali)"


@pytest.mark.shared
def test_editor_from_json_ld_keywords_is_not_a_tag():
    snapshot = snapshot_of(
        shared_page("liputan6/anpandu_liputan6-singlepage.html").read_bytes(),
        "http://tekno.liputan6.com/read/2436773/x",
    )
    assert snapshot.editors == ("Iskandar",)
    assert snapshot.tags == ("Media Visit", "Hutchison 3 Indonesia")
    assert snapshot.modified_at.isoformat() == "2016-02-16T11:13:59+07:00"
