"""URL shapes the generic spider takes for articles, with links seen on real news pages."""

from __future__ import annotations

import pytest

from newscrawler.discovery.article_urls import looks_like_article, registrable_domain

ARTICLES = [
    # A date, then a slug.
    "http://www.thejakartapost.com/news/2015/06/19/us-shootings-timeline.html",
    # The publisher's id in the path or at the end of a segment.
    "https://mediaindonesia.com/ekonomi/822959/kpk-tak-temukan-surat",
    "https://news.detik.com/berita/d-5067068/kasus-corona-di-jakpus",
    "http://www.bbc.com/indonesia/indonesia-39730365",
    "https://www.cnnindonesia.com/nasional/20200624223334-12-517155/kasus-impor",
    # A headline slug of four or more words.
    "http://www.kapanlagi.com/showbiz/selebriti/banyak-hal-berkesan-inilah-serba-serbi-daa704.html",
]
NOT_ARTICLES = [
    # Lists: sections, tags, authors, day indexes, videos.
    "https://www.cnnindonesia.com/nasional/politik",
    "https://www.cnnindonesia.com/tag/panduan-menghadapi-pandemi",
    "https://mediaindonesia.com/author/151/andhika",
    "https://www.liputan6.com/indeks/2019/11/24",
    "https://www.kapanlagi.com/arsip/film/2015/11/05",
    "http://www.kapanlagi.com/ragam/tag-populer/film_indonesia_2015.html",
    "https://www.kabarpesisir.co.id/video/tayangan-ulang-lomba-perahu-hias",
    # Files, and other domains than the crawl's.
    "https://asset.mediaindonesia.com/news/2025/10/22/1761091618_b057de6bc8f5dc8792db.jpg",
    "https://www.cnbcindonesia.com/market/20200624204618-17-167831/tugas-khusus-bri",
]
DOMAINS = (
    "thejakartapost.com", "mediaindonesia.com", "detik.com", "bbc.com", "cnnindonesia.com",
    "kapanlagi.com", "liputan6.com", "kabarpesisir.co.id",
)  # fmt: skip


@pytest.mark.parametrize("url", ARTICLES)
def test_article_shapes(url):
    assert looks_like_article(url, DOMAINS)


@pytest.mark.parametrize("url", NOT_ARTICLES)
def test_not_article_shapes(url):
    assert not looks_like_article(url, DOMAINS)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.news.example.co.id/x", "example.co.id"),
        ("http://tekno.liputan6.com/read/2436773/x", "liputan6.com"),
        ("https://www.bbc.com/indonesia/index.xml", "bbc.com"),
        ("https://feeds.bbci.co.uk/indonesia/rss.xml", "bbci.co.uk"),
        ("http://127.0.0.1:8765/", "127.0.0.1"),
        ("mediaindonesia.com", "mediaindonesia.com"),
    ],
)
def test_registrable_domain(url, expected):
    assert registrable_domain(url) == expected
