"""Does a URL look like a news article? Rules for sites we have no spider for.

A site spider knows its article pattern (Liputan6 ``/read/<id>/``). For any other site the
generic spider judges by shape: article URLs carry a publication date, a publisher's id or a
headline turned into a slug, while section fronts, tag pages and author pages carry a word
or two. Examples::

    https://example.co.id/news/2024/08/13/banjir-di-kota   date          -> article
    https://example.com/ekonomi/822959/kpk-tak-temukan     numeric id    -> article
    https://example.com/ekonomi/harga-beras-naik-lagi-di-pasar-induk  slug -> article
    https://example.com/tag/virus-corona                    tag page      -> not
    https://example.com/ekonomi                             section       -> not
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

import tldextract

__all__ = ["looks_like_article", "registrable_domain"]

# /2024/08/13/, /2024-08-13/, /20240813, CNN Indonesia's /20200624223334-12-517155/.
_DATE = re.compile(
    r"/(?:19|20)\d{2}(?P<sep>[/-]?)(?:0[1-9]|1[0-2])(?P=sep)(?:0[1-9]|[12]\d|3[01])(?:\d{6})?"
    r"(?=[/_-]|\d|$)"
)
# A segment that is a number (/read/4117380/) or ends in one (d-5067068, indonesia-39730365).
_NUMERIC_ID = re.compile(r"(?:^|[-_])\d{5,}$")
# A headline slug: four or more words ("kpk-tak-temukan-surat").
_SLUG_WORD = re.compile(r"[-_]")
_MIN_SLUG_WORDS = 4
# Path segments of pages that list articles or people, never articles themselves.
_LISTING_SEGMENTS = frozenset(
    {
        "tag", "tags", "topic", "topics", "topik", "author", "authors", "penulis", "reporter",
        "category", "categories", "kategori", "kanal", "channel", "indeks", "index", "arsip",
        "archive", "archives", "search", "cari", "page", "halaman", "feed", "rss", "amp",
        "video", "videos", "foto", "photo", "photos", "galeri", "gallery", "login", "register",
    }
)  # fmt: skip
# Files that are not pages.
_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|xml|rss|json|js|css|zip|mp[34])$", re.I)
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def registrable_domain(url_or_host: str) -> str:
    """``https://www.news.example.co.id/x`` -> ``example.co.id``; an IP or ``localhost`` as is.

    Uses the public suffix list that ships with ``tldextract`` (no network).
    """
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host
    host = (host or "").lower().strip(".")
    parts = _EXTRACT(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def _on_domains(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def looks_like_article(url: str, domains: tuple[str, ...]) -> bool:
    """True when ``url`` is on one of ``domains`` (or their subdomains) and shaped like an
    article: a date, a numeric id or a slug of four or more words in its path, and no
    listing segment (``/tag/``, ``/author/``, ``/video/`` ...) before it.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not _on_domains(host, domains):
        return False
    path = parts.path
    if _FILE.search(path):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments or any(s.lower() in _LISTING_SEGMENTS for s in segments[:-1]):
        return False
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1], flags=re.I)
    if last.lower() in _LISTING_SEGMENTS:
        return False
    # A date with something after it: /2024/08/13/banjir-di-kota, not the day list /2024/08/13.
    date = _DATE.search(path)
    if date and re.search(r"[^\W\d_]", path[date.end() :]):
        return True
    if any(_NUMERIC_ID.search(s) for s in segments):
        return True
    words = [w for w in _SLUG_WORD.split(last) if w]
    return len(words) >= _MIN_SLUG_WORDS
