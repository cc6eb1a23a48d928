"""The generic page's shared rules that site pages rely on instead of their own overrides.

Markup is quoted from the real pages in ../shared/pages (file named with each case); the
tests on whole pages read those files in place.
"""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newscrawler.pages.base import ArticlePage
from newscrawler.pages.detik import DetikPage
from tests.conftest import shared_page


def _page(cls: type[ArticlePage], markup: str, url: str = "https://example.com/a") -> ArticlePage:
    return cls(HtmlResponse(url=url, body=markup.encode("utf-8"), encoding="utf-8"))


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
    markup = DETIK_LINKSISIP.replace("detail__body-text", "something-else")
    paragraphs, source = _page(_SkippingPage, markup).body()
    assert source == "generic:markup"
    assert paragraphs == ["Elsewhere on the page.", "Kept"]


def test_without_skip_xpaths_the_table_is_text():
    class Plain(ArticlePage):
        body_xpaths = _SkippingPage.body_xpaths

    paragraphs, _ = _page(Plain, DETIK_LINKSISIP).body()
    assert any(p.startswith("Baca juga: Terungkap!") for p in paragraphs)


def test_detik_real_page_loses_its_baca_juga_table():
    path = shared_page("detik/detik_tisorlawan_1.html")
    url = "https://news.detik.com/berita/d-6453785/x"
    page = DetikPage(HtmlResponse(url=url, body=path.read_bytes()))
    paragraphs, source = page.body()
    assert source == "site"
    assert any(p.startswith("Widya mengatakan pihaknya") for p in paragraphs)
    assert not any("Cekcok Pemotor vs Pria Berpistol" in p for p in paragraphs)
