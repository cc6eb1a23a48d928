"""Which links continue an article over pages, and which (a listing's next page) never do."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newscrawler.extraction.pagination import (
    Continuation,
    join_pages,
    looks_like_article,
    next_pages,
    single_page_url,
)
from newscrawler.pages.base import ArticlePage
from newscrawler.pages.kompas import KompasPage

SITE = Path(__file__).parent / "fixtures" / "paginated-site"
KOMPAS = (
    "https://megapolitan.kompas.com/read/2024/01/15/09420011/"
    "banjir-rob-rendam-permukiman-di-pesisir-utara-jakarta"
)
DETIK = "https://news.detik.com/berita/d-7145123/warga-muara-angke-mengungsi-karena-rob"


def page(url: str, body: str, cls: type[ArticlePage] = ArticlePage) -> ArticlePage:
    return cls(HtmlResponse(url=url, body=body.encode(), encoding="utf-8"))


def fixture(url: str, name: str) -> ArticlePage:
    host, _, path = url.removeprefix("https://").partition("?")[0].partition("/")
    return page(url, (SITE / host / name.format(path=path)).read_text(), KompasPage)


def test_kompas_first_page_lists_its_later_pages_in_order():
    found = fixture(KOMPAS, "{path}").continuation()
    assert found.next == (f"{KOMPAS}?page=2", f"{KOMPAS}?page=3")
    assert found.single_page is None
    assert (found.last_page, found.first_page) == (3, None)


def test_a_later_page_knows_the_first_and_only_the_pages_after_it():
    found = fixture(f"{KOMPAS}?page=2", "{path}@page=2").continuation()
    assert found.next == (f"{KOMPAS}?page=3",)
    assert found.first_page == KOMPAS


def test_show_all_link_is_the_single_page_and_the_single_page_continues_nowhere():
    url = (
        "https://nasional.kompas.com/read/2024/01/16/10150021/"
        "kpu-tetapkan-jadwal-debat-ketiga-calon-presiden"
    )
    first = fixture(url, "{path}")
    assert single_page_url(first) == f"{url}?page=all"
    assert fixture(f"{url}?page=all", "{path}@page=all").continuation() == Continuation()


def test_path_pages_in_a_pagination_box_and_a_show_all_text():
    body = f"""<html><body><article><p>Teks halaman pertama.</p></article>
    <div class="detail__long-nav">
      <div class="pagination"><a href="{DETIK}/2">2</a><a href="{DETIK}/3">3</a></div>
      <a href="{DETIK}?single=1">Tampilkan semua</a>
    </div></body></html>"""
    found = page(DETIK, body).continuation()
    assert found.next == (f"{DETIK}/2", f"{DETIK}/3")
    assert found.single_page == f"{DETIK}?single=1"
    second = page(f"{DETIK}/2", body.replace(f'"{DETIK}/2"', f'"{DETIK}"')).continuation()
    assert second.next == (f"{DETIK}/3",)
    assert second.first_page == DETIK


@pytest.mark.parametrize(
    ("url", "links"),
    [
        # The indeks is a listing: its paging box pages the listing, not an article.
        (
            "https://indeks.kompas.com/?site=all&date=2024-01-15",
            '<div class="paging"><a class="paging__link paging__link--next"'
            ' href="https://indeks.kompas.com/?site=all&amp;date=2024-01-15&amp;page=2">'
            "Next</a></div>",
        ),
        # A tag page's next page, though its slug has three words.
        (
            "https://www.kompas.com/tag/banjir-rob-jakarta",
            '<link rel="next" href="https://www.kompas.com/tag/banjir-rob-jakarta?page=2">'
            '<div class="pagination"><a href="?page=2">2</a></div>',
        ),
        # An article's sidebar: the section's and the indeks' next pages.
        (
            KOMPAS,
            '<link rel="next" href="https://megapolitan.kompas.com/?page=2">'
            '<div class="most"><a rel="next" href="https://www.kompas.com/tren?page=2">Next</a>'
            '<a rel="next" href="https://indeks.kompas.com/?site=all&amp;page=2">2</a></div>',
        ),
        # The comments under the article have pages of their own.
        (
            KOMPAS,
            f'<div class="kompasComment-pagination"><a href="{KOMPAS}?page=2">2</a></div>',
        ),
        # A related article whose slug ends in a number, outside any pagination.
        (
            "https://www.suara.com/news/2024/01/15/130605/ribuan-warga-antre-minyak-goreng",
            '<div class="related"><a href="https://www.suara.com/news/2024/01/15/130605/'
            'ribuan-warga-antre-minyak-goreng-2">Ribuan warga antre (bagian kedua)</a></div>',
        ),
        # Another host's article with the same path is not this article's page.
        (
            KOMPAS,
            f'<div class="paging"><a href="{KOMPAS.replace("megapolitan", "amp")}?page=2">2</a>'
            "</div>",
        ),
    ],
)
def test_links_that_are_not_pages_of_the_article_are_never_followed(url, links):
    body = f"<html><head></head><body><article><p>Teks.</p></article>{links}</body></html>"
    if links.startswith("<link"):
        head, _, rest = links.partition(">")
        body = (
            f"<html><head>{head}></head><body><article><p>Teks.</p></article>{rest}</body></html>"
        )
    found = page(url, body).continuation()
    assert not found
    assert next_pages(page(url, body)) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/read/2024/01/15/09420011/banjir-rob-rendam-pesisir", True),
        ("/read/2015/11/04/21040031/Polres.Lhokseumawe.Tangkap.Pencuri", True),
        ("/read/2024/01/15/09420011", True),  # an id with no slug
        ("/tren", False),
        ("/", False),
        ("/tag/banjir-rob-jakarta", False),
        ("/indeks/2024/01/15", False),
    ],
)
def test_looks_like_article(path, expected):
    assert looks_like_article(path) is expected


def test_join_pages_drops_repeats_of_later_pages_and_navigation():
    bodies = [
        ["Laporan Wartawan Tribunnews.com, Wahyu Aji", "Paragraf satu.", "Halaman 1 2 3"],
        ["Laporan Wartawan Tribunnews.com, Wahyu Aji", "Paragraf dua.", "Halaman 2 dari 3"],
        ["Paragraf tiga.", "Selanjutnya"],
    ]
    assert join_pages(bodies) == [
        "Laporan Wartawan Tribunnews.com, Wahyu Aji",
        "Paragraf satu.",
        "Paragraf dua.",
        "Paragraf tiga.",
    ]


def test_extract_says_a_saved_page_continues():
    from newscrawler.extract import extract, response_from_file

    body = (SITE / "megapolitan.kompas.com" / KOMPAS.split(".com/")[1]).read_bytes()
    notes = extract(response_from_file(body, KOMPAS))["notes"]
    assert notes["continues"] == {
        "single_page": None,
        "next": [f"{KOMPAS}?page=2", f"{KOMPAS}?page=3"],
    }
