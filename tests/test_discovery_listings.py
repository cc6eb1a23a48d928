"""article_links on real listing pages (Liputan6 home, Detik indeks) and on small pages."""

from __future__ import annotations

import html
import re
from urllib.parse import urldefrag, urljoin

import pytest

from newscrawler.discovery import article_links
from tests.conftest import shared_page

LIPUTAN6_ARTICLE = r"liputan6\.com/(?:[a-z-]+/)?read/\d+/"
DETIK_ARTICLE = r"detik\.com/.+/d-\d+/"


def _hrefs_by_regex(page: str, base_url: str, pattern: str) -> list[str]:
    """The expected answer, found another way: a regex over the raw markup."""
    found: list[str] = []
    for href in re.findall(r"<a\s[^>]*?href=[\"']([^\"']*)[\"']", page, re.IGNORECASE):
        url = urldefrag(urljoin(base_url, html.unescape(href).strip()))[0]
        if re.search(pattern, url) and url not in found:
            found.append(url)
    return found


@pytest.mark.shared
def test_liputan6_home_page() -> None:
    body = shared_page("liputan6/anpandu_liputan6-mainpage.html").read_bytes()

    links = article_links(body, "http://www.liputan6.com/", LIPUTAN6_ARTICLE)

    assert links[:3] == [
        "http://news.liputan6.com/read/2437204/obama-sambut-langsung-para-pemimpin-negara-asean",
        "http://news.liputan6.com/read/2437182/jokowi-ri-dukung-laos-sebagai-ketua-asean",
        "http://news.liputan6.com/read/2437167/pasca-atap-roboh-baru-11-gardu-tol-cikunir-2-beroperasi-pagi-ini",
    ]
    # linked four times on the page (headline, photo, list, most-read), reported once
    assert (
        links.count(
            "http://citizen6.liputan6.com/read/2436674/5-wanita-ini-tewas-secara-tragis-jadi-tumbal-kecantikan"
        )
        == 1
    )
    assert "http://www.liputan6.com/tag/driver-go-jek-ditembak" not in links
    assert "http://www.liputan6.com/indeks/2016/02/16" not in links
    assert all(re.search(LIPUTAN6_ARTICLE, link) for link in links)
    assert len(links) == len(set(links)) == 95
    assert links == _hrefs_by_regex(
        body.decode("utf-8"), "http://www.liputan6.com/", LIPUTAN6_ARTICLE
    )


@pytest.mark.shared
def test_detik_indeks_page() -> None:
    body = shared_page("detik/nathanaelfd10_detik-indeks.html").read_bytes()

    links = article_links(body, "https://news.detik.com/indeks", DETIK_ARTICLE)

    assert links[:2] == [
        "https://news.detik.com/berita/d-7572645/siswa-berkebutuhan-khusus-diduga-dibully-pihak-sekolah-minta-maaf",
        "https://news.detik.com/berita/d-7572635/jadi-ketua-dprd-dki-khoirudin-mau-fokus-ke-banjir-macet-pengangguran",
    ]
    assert (
        "https://news.detik.com/pilkada/d-7572535/pemilih-lebih-banyak-dari-kalangan-menengah-atas-rk-akan-perbanyak-blusukan"
        in links
    )
    assert (
        "https://news.detik.com/foto-news/d-7571834/kontras-beri-catatan-kritis-jelang-ulang-tahun-ke-79-tni"
        in links
    )
    assert "https://news.detik.com" not in links
    assert all(re.search(DETIK_ARTICLE, link) for link in links)
    assert len(links) == 16
    assert sorted(links) == sorted(
        _hrefs_by_regex(body.decode("utf-8"), "https://news.detik.com/indeks", DETIK_ARTICLE)
    )


@pytest.mark.shared
def test_pattern_as_compiled_regex() -> None:
    body = shared_page("detik/nathanaelfd10_detik-indeks.html").read_bytes()
    base = "https://news.detik.com/indeks"
    assert article_links(body, base, re.compile(DETIK_ARTICLE)) == article_links(
        body, base, DETIK_ARTICLE
    )


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Indeks Berita</title></head>
<body>
  <a href="/news/read/101/pertama">Pertama</a>
  <a href="https://www.liputan6.com/news/read/101/pertama#komentar">Komentar</a>
  <a href="  https://www.liputan6.com/bisnis/read/102/kedua  ">Kedua</a>
  <a href="https://www.liputan6.com/tag/banjir">Tag</a>
  <a href="javascript:void(0)" onclick="share('/news/read/103/x')">Bagikan</a>
  <a href="JavaScript:open('/news/read/104/y')">Buka</a>
  <a href="mailto:redaksi@liputan6.com?subject=/news/read/105/z">Surat</a>
  <a href="//m.liputan6.com/news/read/106/ketiga">Mobile</a>
  <a href="read/107/relatif">Relatif</a>
  <a>no href</a>
  <a href="">empty</a>
  <script>document.write('<a href="/news/read/108/script">')</script>
</body></html>
"""


def test_small_page() -> None:
    assert article_links(PAGE, "https://www.liputan6.com/indeks/2024/08/14", r"/read/\d+/") == [
        "https://www.liputan6.com/news/read/101/pertama",
        "https://www.liputan6.com/bisnis/read/102/kedua",
        "https://m.liputan6.com/news/read/106/ketiga",
        "https://www.liputan6.com/indeks/2024/08/read/107/relatif",
    ]


def test_base_href_is_honoured() -> None:
    page = '<html><head><base href="https://www.tempo.co/"></head><body><a href="read/1/a">A</a>'
    assert article_links(page, "https://www.tempo.co/indeks/2024", r"/read/\d+/") == [
        "https://www.tempo.co/read/1/a"
    ]


def test_bytes_in_declared_charset() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body>'
        '<a href="/read/1/caf\xe9">Caf\xe9</a></body></html>'
    ).encode("iso-8859-1")
    assert article_links(page, "https://x.example/", r"/read/\d+/") == [
        "https://x.example/read/1/café"
    ]


def test_xhtml_with_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><a href="/read/9/a">A</a>'
    assert article_links(page, "https://x.example/", r"/read/\d+/") == [
        "https://x.example/read/9/a"
    ]


@pytest.mark.parametrize(
    "page", ["", "   ", b"", "<!-- nothing -->", bytes(range(256)), "no markup"]
)
def test_nothing_to_find(page: str | bytes) -> None:
    assert article_links(page, "https://x.example/", r"/read/\d+/") == []
