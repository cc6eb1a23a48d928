"""The generic page's shared rules that site pages rely on instead of their own overrides.

Markup is quoted from the real pages in ../shared/pages (file named with each case); the
tests on whole pages read those files in place.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawler.normalize.article import to_snapshot
from newscrawler.pages.antara import AntaraPage
from newscrawler.pages.base import ArticlePage
from newscrawler.pages.detik import DetikPage
from newscrawler.pages.kompas import KompasPage
from newscrawler.pages.okezone import OkezonePage
from newscrawler.pages.republika import RepublikaPage
from tests.conftest import FIXTURES, shared_page


def _page(cls: type[ArticlePage], markup: str, url: str = "https://example.com/a") -> ArticlePage:
    return cls(HtmlResponse(url=url, body=markup.encode("utf-8"), encoding="utf-8"))


def _page_of(cls: type[ArticlePage], path: Path, url: str) -> ArticlePage:
    return cls(HtmlResponse(url=url, body=path.read_bytes()))


# detik/detik_tisorlawan_1.html: a "Baca juga" table between two paragraphs of the text.
DETIK_LINKSISIP = """<html><body>
<div class="detail__body-text itp_bodycontent">
  <p>"Kalau dari keterangannya (korban), dia (pria berkemeja biru) mengeluarkan,
  memperlihatkan, setelah itu ditaruh di pinggang, seperti itu. Kalau langsung
  mengacungkan, keterangannya belum ada," ujarnya.</p>
  <table class="linksisip"><tbody><tr><td><div class="lihatjg">
    <strong>Baca juga: </strong><a data-label="List Berita"
    href="https://news.detik.com/berita/d-6453518/terungkap-cekcok-pemotor-vs-pria-berpistol-di-jaksel-dipicu-salip-salipan">Terungkap!
    Cekcok Pemotor vs Pria Berpistol di Jaksel Dipicu Salip-salipan</a>
  </div></td></tr></tbody></table>
  <p>Widya mengatakan pihaknya belum bisa memastikan apakah benda yang dibawa pelaku itu
  pistol asli atau hanya replika.</p>
</div>
<article><p>Elsewhere on the page.</p><table class="linksisip"><tr><td>Kept</td></tr></table>
</article>
</body></html>"""


class _SkippingPage(ArticlePage):
    body_xpaths = ("//div[contains(@class, 'detail__body-text')]",)
    body_skip_xpaths = (".//*[contains(@class, 'linksisip')]",)


def test_body_skip_xpaths_prune_the_site_container():
    paragraphs, source = _page(_SkippingPage, DETIK_LINKSISIP).body()
    assert source == "site"
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith('"Kalau dari keterangannya')
    assert paragraphs[1].startswith("Widya mengatakan")
    assert not any("Terungkap" in p or "Baca juga" in p for p in paragraphs)


def test_body_skip_xpaths_leave_a_generic_container_alone():
    # The paths are written for the site's container; the generic fallback is left whole.
    # The generic choice weighs the blocks: the prose outweighs the one-line <article>.
    markup = DETIK_LINKSISIP.replace("detail__body-text", "something-else")
    paragraphs, source = _page(_SkippingPage, markup).body()
    assert source == "generic:density"
    assert paragraphs[0].startswith('"Kalau dari keterangannya')
    assert any(p.startswith("Baca juga: Terungkap!") for p in paragraphs)


def test_without_skip_xpaths_the_table_is_text():
    class Plain(ArticlePage):
        body_xpaths = _SkippingPage.body_xpaths

    paragraphs, _ = _page(Plain, DETIK_LINKSISIP).body()
    assert any(p.startswith("Baca juga: Terungkap!") for p in paragraphs)


def test_detik_real_page_loses_its_baca_juga_table():
    path = shared_page("detik/detik_tisorlawan_1.html")
    url = "https://news.detik.com/berita/d-6453785/x"
    page = _page_of(DetikPage, path, url)
    paragraphs, source = page.body()
    assert source == "site"
    assert any(p.startswith("Widya mengatakan pihaknya") for p in paragraphs)
    assert not any("Cekcok Pemotor vs Pria Berpistol" in p for p in paragraphs)


# kompas/anpandu_kompas-singlepage.html: the photo under the headline and its credit.
KOMPAS_PHOTO = """<html><body><div class="kcm-read-top clearfix">
<h2>Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan</h2>
<div id="583437" class="photo" style="   max-width: 100% ; width:780px "><img data-width="780px"
 src="http://assets.kompas.com/data/photo/2015/11/04/2050471Senjata-Komeng780x390.jpg" alt="">
<span class="pb_10 author">KOMPAS.COM/MASRIADI</span> Penyidik Polres Lhokseumawe menyerahkan
senjata AK 56 dan puluhan amunisi milik Komeng ke Kejaksaan Negeri Lhoksukon, Aceh Utara.</div>
</div>
<figure><img src="x.jpg"><figcaption>Foto: <span class="byline">ANTARA FOTO/Ari</span>
</figcaption></figure>
<div class="read__credit"><span class="author">Masriadi</span></div>
</body></html>"""


def test_byline_classes_in_a_photo_box_are_photo_credits():
    authors = _page(ArticlePage, KOMPAS_PHOTO).authors()
    assert [(f.value, f.source) for f in authors] == [("Masriadi", "markup:byline")]


def test_kompas_real_page_names_the_writer_not_the_photographer():
    path = shared_page("kompas/anpandu_kompas-singlepage.html")
    url = "http://regional.kompas.com/read/2015/11/04/21040031/Polres.Lhokseumawe"
    for cls in (ArticlePage, KompasPage):
        values = [f.value for f in _page_of(cls, path, url).authors()]
        assert "KOMPAS.COM/MASRIADI" not in values, cls
    assert "Kontributor Lhokseumawe, Masriadi" in [
        f.value for f in _page_of(KompasPage, path, url).authors()
    ]


# okezone/ogs_okezone_2020-07-08.html: the <head> microdata every Okezone page carries (the
# homepage too), and the article's own dates.
OKEZONE_HEAD = """<html><head>
<meta itemprop="datePublished" content="2014-07-13T20:07:27.8200000">
{dates}
</head><body><h1>6 Rekomendasi Bisnis dengan Tingkat Kerugian Kecil</h1>{body}</body></html>"""
OKEZONE_META = '<meta property="article:published_time" content="2020-07-09T07:26:05+07:00">'
OKEZONE_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org",'
    ' "@type": "NewsArticle", "datePublished": "2020-07-09 07:26:05"}</script>'
)
SITE_WIDE = "2014-07-13T20:07:27.8200000"


@pytest.mark.parametrize("dates", [OKEZONE_META, OKEZONE_LD, OKEZONE_META + OKEZONE_LD])
def test_head_microdata_date_yields_to_json_ld_and_meta(dates):
    page = _page(ArticlePage, OKEZONE_HEAD.format(dates=dates, body=""))
    values = [f.value for f in page.published()]
    assert values
    assert SITE_WIDE not in values


def test_head_microdata_date_stays_when_nothing_else_dates_the_page():
    page = _page(ArticlePage, OKEZONE_HEAD.format(dates="", body=""))
    assert [(f.value, f.source) for f in page.published()] == [(SITE_WIDE, "markup:itemprop")]


def test_body_microdata_date_stays_next_to_json_ld():
    # Microdata on the article itself is the article's: VIVA's <span itemprop="datePublished">.
    body = '<time itemprop="datePublished" datetime="2015-06-19T12:58:00+07:00">19 Jun</time>'
    page = _page(ArticlePage, OKEZONE_HEAD.format(dates=OKEZONE_LD, body=body))
    assert [f.value for f in page.published()] == [
        "2020-07-09 07:26:05",
        "2015-06-19T12:58:00+07:00",
        "19 Jun",
    ]


def test_okezone_real_page_has_no_site_wide_date_conflict():
    path = shared_page("okezone/ogs_okezone_2020-07-08.html")
    url = "https://economy.okezone.com/read/2020/07/08/320/2243366/6-rekomendasi-bisnis"
    page = _page_of(OkezonePage, path, url)
    assert SITE_WIDE not in [f.value for f in page.published()]
    snapshot = to_snapshot(page.to_item(), now=datetime(2020, 7, 9, tzinfo=UTC))
    assert snapshot.published_at.isoformat() == "2020-07-09T07:26:05+07:00"
    assert "published_at" not in snapshot.notes.get("date_conflicts", {})


# fixtures/sites/antara/2024-01-15_bali-subak-jatiluwih.html, keywords meta only.
ANTARA_KEYWORDS = """<html><head>
<meta name="keywords" content="subak jatiluwih,padi lokal,tabanan,berita terkini,berita bali">
<meta name="news_keywords" content="berita terkini, berita bali">
</head><body><h1>Petani subak Jatiluwih tanam padi lokal serentak</h1></body></html>"""


def test_junk_tags_leave_every_candidate():
    class Site(ArticlePage):
        junk_tags = frozenset({"berita terkini", "berita bali"})

    page = _page(Site, ANTARA_KEYWORDS)
    assert [(f.value, f.source) for f in page.tags_without_junk()] == [
        ("subak jatiluwih, padi lokal, tabanan", "meta:keywords")
    ]
    # The generic page has no junk: both metas stay as written.
    assert len(_page(ArticlePage, ANTARA_KEYWORDS).tags_without_junk()) == 2


def test_antara_regional_keywords_are_junk():
    url = "https://bali.antaranews.com/berita/123456/petani-subak-jatiluwih"
    item = _page(AntaraPage, ANTARA_KEYWORDS, url).to_item()
    assert [f.value for f in item.tags] == ["subak jatiluwih, padi lokal, tabanan"]


def test_antara_real_page_drops_the_site_keywords():
    path = shared_page("antara/anpandu_antara-singlepage.html")
    url = "http://www.antaranews.com/berita/527615/x"
    item = _page_of(AntaraPage, path, url).to_item()
    values = ", ".join(f.value for f in item.tags).casefold()
    assert "gunung rinjani" in values
    assert "berita terkini" not in values
    assert "portal indonesia" not in values


@pytest.mark.parametrize(
    "name", ["anpandu_antara-singlepage.html", "anpandu_antara-singlepage4.html"]
)
def test_antara_copyright_line_is_not_a_date(name):
    path = shared_page(f"antara/{name}")
    page = _page_of(AntaraPage, path, "http://www.antaranews.com/berita/527615/x")
    visible = [f.value for f in page.published() if f.source == "byline"]
    assert visible  # the 2015-2017 date line is still read
    assert not [v for v in visible if "COPYRIGHT" in v.upper() or "©" in v]


def test_republika_header_credits():
    path = FIXTURES / "sites" / "republika" / "2016-03-08_banjir-bandung-selatan.html"
    page = _page_of(RepublikaPage, path, "http://www.republika.co.id/berita/x")
    snapshot = to_snapshot(page.to_item(), now=datetime(2016, 3, 8, tzinfo=UTC))
    assert (snapshot.authors, snapshot.editors) == (("Arie Lukihardianti",), ("Dwi Murdaningsih",))
    wire = shared_page("republika/anpandu_republika-singlepage.html")
    page = _page_of(RepublikaPage, wire, "http://www.republika.co.id/berita/x")
    snapshot = to_snapshot(page.to_item(), now=datetime(2016, 2, 15, tzinfo=UTC))
    assert (snapshot.authors, snapshot.editors) == ((), ("Yudha Manggala P Putra",))
