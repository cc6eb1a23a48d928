"""parse_sitemap and sitemaps_from_robots on sitemaps written after real news sites' ones."""

from __future__ import annotations

import gzip

import pytest

from newscrawler.discovery import (
    Sitemap,
    SitemapEntry,
    SitemapError,
    parse_sitemap,
    sitemaps_from_robots,
)
from tests.conftest import FIXTURES

DISCOVERY = FIXTURES / "discovery"


def _read(name: str) -> bytes:
    return (DISCOVERY / name).read_bytes()


def test_google_news_sitemap() -> None:
    sitemap = parse_sitemap(_read("news-sitemap.xml"))

    assert sitemap.kind == "urlset"
    assert sitemap.entries[0] == SitemapEntry(
        loc="https://www.liputan6.com/news/read/5701234/banjir-rob-genangi-pesisir-utara-jakarta",
        lastmod="2024-08-14T10:45:12+07:00",
        news_title="Banjir Rob Genangi Pesisir Utara Jakarta, Warga Diminta Waspada",
        news_publication_date="2024-08-14T10:30:00+07:00",
        news_keywords=("banjir rob", "Jakarta Utara", "BMKG", "cuaca ekstrem"),
        news_language="id",
        news_publication_name="Liputan6.com",
    )
    second, third = sitemap.entries[1:]
    # CDATA title; keywords with blanks and a trailing comma
    assert second.news_title == "Rupiah Menguat ke Rp 15.600 per Dolar AS & IHSG Dibuka Hijau"
    assert second.news_keywords == ("rupiah", "dolar AS", "IHSG")
    assert second.lastmod is None
    # loc across lines with an escaped &; character references in the title; date only
    assert third.loc == (
        "https://www.liputan6.com/bola/read/5701251/timnas-indonesia-u-19-juara-piala-aff"
        "?utm_source=sitemap&page=1"
    )
    assert third.news_title == "Timnas Indonesia U-19 Juara Piala AFF – Erick Thohir: “Luar Biasa”"
    assert third.news_publication_date == "2024-08-14"
    assert third.news_keywords == ()


def test_image_loc_is_not_the_page_loc() -> None:
    """<image:image><image:loc> sits inside <url> too; only the direct child <loc> counts."""
    locs = [entry.loc for entry in parse_sitemap(_read("news-sitemap.xml")).entries]
    assert not any("akamaized" in loc for loc in locs)
    assert len(locs) == 3


def test_plain_sitemap_with_lastmod() -> None:
    sitemap = parse_sitemap(_read("sitemap-lastmod.xml"))

    assert sitemap == Sitemap(
        kind="urlset",
        entries=[
            SitemapEntry(
                loc="https://news.detik.com/berita/d-7572645/siswa-berkebutuhan-khusus-diduga-dibully",
                lastmod="2024-10-08T09:12:44+07:00",
            ),
            SitemapEntry(
                loc="https://news.detik.com/berita/d-7572635/jadi-ketua-dprd-dki-khoirudin",
                lastmod="2024-10-08",
            ),
            SitemapEntry(
                loc="https://news.detik.com/pilkada/d-7572535/pemilih-lebih-banyak-dari-kalangan-menengah-atas"
            ),
            # the fourth <url> has no <loc> and is left out
        ],
    )


def test_prefixed_namespaces() -> None:
    (entry,) = parse_sitemap(_read("sitemap-prefixed.xml")).entries
    assert entry.loc == "https://www.antaranews.com/berita/4261234/bmkg-prakirakan-hujan-lebat"
    assert entry.lastmod == "2024-08-14T03:30:00Z"
    assert entry.news_title == "BMKG prakirakan hujan lebat di sejumlah wilayah"
    assert entry.news_publication_date == "2024-08-14T10:30:00+07:00"
    assert entry.news_publication_name == "ANTARA News"


def test_no_namespace() -> None:
    sitemap = parse_sitemap(_read("sitemap-no-namespace.xml"))
    assert [entry.loc for entry in sitemap.entries] == [
        "https://www.tempo.co/read/1901234/harga-beras-naik",
        "https://www.tempo.co/read/1901240/kpk-periksa-saksi",
    ]


def test_sitemap_index() -> None:
    sitemap = parse_sitemap(_read("sitemap-index.xml"))

    assert sitemap.kind == "sitemapindex"
    assert sitemap.entries == [
        SitemapEntry("https://www.liputan6.com/sitemap_news.xml", "2024-08-14T10:45:12+07:00"),
        SitemapEntry(
            "https://www.liputan6.com/sitemap/2024/08/14.xml.gz", "2024-08-14T10:44:00+07:00"
        ),
        SitemapEntry("https://www.liputan6.com/sitemap/2024/08/13.xml.gz"),
    ]


def test_gzip_sitemap() -> None:
    body = _read("sitemap-2024-08-13.xml.gz")
    assert body.startswith(b"\x1f\x8b")

    sitemap = parse_sitemap(body)

    assert sitemap.kind == "urlset"
    assert sitemap.entries == [
        SitemapEntry(
            "https://www.liputan6.com/news/read/5700101/jokowi-resmikan-bendungan",
            "2024-08-13T21:15:00+07:00",
        ),
        SitemapEntry(
            "https://www.liputan6.com/showbiz/read/5700150/konser-amal-di-gbk",
            "2024-08-13T22:40:00+07:00",
        ),
    ]


def test_gzip_twice_and_truncated_gzip() -> None:
    """A .xml.gz served with Content-Encoding: gzip on top; a download cut mid-stream."""
    plain = _read("news-sitemap.xml")
    assert parse_sitemap(gzip.compress(_read("sitemap-2024-08-13.xml.gz"))).kind == "urlset"
    compressed = gzip.compress(plain)
    cut = parse_sitemap(compressed[: len(compressed) * 2 // 3])
    assert 1 <= len(cut.entries) < 3
    assert cut.entries[0] == parse_sitemap(plain).entries[0]


def test_truncated_sitemap_keeps_complete_entries() -> None:
    sitemap = parse_sitemap(_read("sitemap-truncated.xml"))

    assert [entry.loc for entry in sitemap.entries] == [
        "https://www.liputan6.com/news/read/5701300/dpr-sahkan-ruu-perampasan-aset",
        "https://www.liputan6.com/news/read/5701311/gempa-magnitudo-5-guncang-garut",
    ]  # the cut-off "/5701320/menteri-keuan" is not guessed at
    assert sitemap.entries[1].news_publication_date == "2024-08-14T11:05:00+07:00"


def test_broken_but_recoverable_sitemap() -> None:
    """Leading blank line, bare & in a query string, &nbsp; in a title, Latin-1 bytes."""
    body = (
        "\n\n<?xml version='1.0' encoding='iso-8859-1'?>"
        '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        "<loc>https://x.example/read/1?a=1&b=2</loc>"
        "<news:news><news:title>Caf\xe9&nbsp;Jakarta</news:title></news:news>"
        "</url></urlset>"
    ).encode("iso-8859-1")

    (entry,) = parse_sitemap(body).entries

    assert entry.loc == "https://x.example/read/1?a=1&b=2"
    assert entry.news_title == "Café\xa0Jakarta"


def test_text_sitemap() -> None:
    body = b"https://x.example/read/1\r\nhttps://x.example/read/2\n\n"
    assert [entry.loc for entry in parse_sitemap(body).entries] == [
        "https://x.example/read/1",
        "https://x.example/read/2",
    ]


def test_html_error_page_is_not_a_sitemap() -> None:
    with pytest.raises(SitemapError, match=r"not a sitemap: the root element is <html>"):
        parse_sitemap(_read("sitemap-error-page.html"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b" \n\t", "empty"),
        (bytes(range(256)) * 8, "not a sitemap"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", "gzip"),
        (b'<rss version="2.0"><channel><item/></channel></rss>', "root element is <rss>"),
        (b"Just some text, no URLs.", "not a sitemap"),
    ],
    ids=["empty", "blank", "random", "bad-gzip", "feed", "text"],
)
def test_not_a_sitemap_raises(body: bytes, message: str) -> None:
    with pytest.raises(SitemapError, match=message):
        parse_sitemap(body)


def test_size_limit_stops_a_gzip_bomb() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    assert len(bomb) < 10_000
    with pytest.raises(SitemapError, match="larger than"):
        parse_sitemap(bomb, max_size=1_000_000)


def test_large_sitemap_streams_through() -> None:
    """50,000 URLs (the protocol's maximum per file) in order."""
    urls = [f"https://www.liputan6.com/news/read/{5_000_000 + n}/judul-{n}" for n in range(50_000)]
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{url}</loc></url>" for url in urls)
        + "</urlset>"
    ).encode()

    assert [entry.loc for entry in parse_sitemap(body).entries] == urls


def test_sitemaps_from_robots() -> None:
    robots = (DISCOVERY / "robots.txt").read_text()

    assert sitemaps_from_robots(robots, "https://www.liputan6.com/robots.txt") == [
        "https://www.liputan6.com/sitemap.xml",
        "https://www.liputan6.com/sitemap_news.xml",  # lower case, comment after it
        "https://www.liputan6.com/sitemap/video.xml",  # relative, resolved
    ]  # the repeated one and the empty "Sitemap:" line are dropped


@pytest.mark.parametrize(
    "robots", ["", "User-agent: *\nDisallow: /\n", "\ufeff# nothing\n", "Sitemaps are nice\n"]
)
def test_robots_without_sitemaps(robots: str) -> None:
    assert sitemaps_from_robots(robots, "https://x.example/robots.txt") == []


def test_robots_with_bom_and_crlf() -> None:
    robots = "\ufeffSitemap: https://x.example/a.xml\r\nsitemap:https://x.example/b.xml\r\n"
    assert sitemaps_from_robots(robots, "https://x.example/robots.txt") == [
        "https://x.example/a.xml",
        "https://x.example/b.xml",
    ]
