"""What hostile or mangled input does to the discovery parsers: no crash, no file read.

Feeds and sitemaps come from servers we do not control, so external entities must never be
fetched or read, entity expansion must not blow up, and arbitrary bytes must give ``[]`` or
the documented SitemapError, never another exception.
"""

from __future__ import annotations

import contextlib
import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.discovery import (
    SitemapError,
    article_links,
    looks_like_feed,
    parse_feed,
    parse_sitemap,
)
from tests.conftest import FIXTURES

DISCOVERY = FIXTURES / "discovery"


def _external_entity_doc(tmp_path: Path, root: str) -> bytes:
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-123")
    return (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>{root}'
    ).encode()


def test_feed_never_reads_external_entities(tmp_path: Path) -> None:
    body = _external_entity_doc(
        tmp_path,
        "<rss><channel><item><title>a&xxe;b</title><link>http://x.example/1</link>"
        "<description>&xxe;</description></item></channel></rss>",
    )
    entries = parse_feed(body)
    assert len(entries) == 1
    assert "RAHASIA" not in repr(entries)


def test_sitemap_never_reads_external_entities(tmp_path: Path) -> None:
    body = _external_entity_doc(
        tmp_path, "<urlset><url><loc>http://x.example/&xxe;</loc></url></urlset>"
    )
    try:
        entries = parse_sitemap(body).entries
    except SitemapError:
        entries = []
    assert "RAHASIA" not in repr(entries)


def test_entity_expansion_does_not_explode() -> None:
    """The "billion laughs" document: nested entities that would expand to gigabytes."""
    lol = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss><channel><item>'
        "<title>&l9;</title><link>http://x.example/1</link></item></channel></rss>"
    )
    entries = parse_feed(feed.encode())
    assert [entry.url for entry in entries] == ["http://x.example/1"]
    assert len(entries[0].title or "") < 10_000


def test_utf16_feed_and_sitemap() -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-16"?><rss><channel><item><title>Berita Ä</title>'
        "<link>http://x.example/1</link></item></channel></rss>"
    )
    assert parse_feed(feed.encode("utf-16"))[0].title == "Berita Ä"
    sitemap = '<?xml version="1.0" encoding="utf-16"?><urlset><url><loc>http://x.example/1</loc></url></urlset>'
    assert parse_sitemap(sitemap.encode("utf-16")).entries[0].loc == "http://x.example/1"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(body: bytes) -> None:
    assert isinstance(parse_feed(body), list)
    assert isinstance(looks_like_feed(body), bool)
    assert isinstance(article_links(body, "https://x.example/", r"/read/"), list)
    with contextlib.suppress(SitemapError):
        parse_sitemap(body)


@pytest.mark.parametrize("name", ["rss-broken.xml", "atom.xml", "feed-in-html.html"])
def test_feed_cut_at_every_byte(name: str) -> None:
    """A download cut at any byte gives a prefix of the full feed's entries, never junk."""
    body = (DISCOVERY / name).read_bytes()
    full = [entry.url for entry in parse_feed(body)]
    assert full
    for cut in range(len(body) + 1):
        partial = [entry.url for entry in parse_feed(body[:cut])]
        assert partial == full[: len(partial)], f"cut at byte {cut}"
    assert [entry.url for entry in parse_feed(body[:-1])] == full


@pytest.mark.parametrize(
    "name", ["news-sitemap.xml", "sitemap-index.xml", "sitemap-prefixed.xml", "sitemap-lastmod.xml"]
)
def test_sitemap_cut_at_every_byte(name: str) -> None:
    """Cut at any byte, plain or gzip: only complete entries, equal to the full file's."""
    body = (DISCOVERY / name).read_bytes()
    compressed = gzip.compress(body)
    full = parse_sitemap(body).entries
    assert full
    root_tag_end = re.search(rb"<(?:\w+:)?(?:urlset|sitemapindex)[^>]*>", body)
    assert root_tag_end is not None
    for cut in range(len(body) + 1):
        try:
            partial = parse_sitemap(body[:cut]).entries
        except SitemapError:
            # only a cut before the root element is complete may leave nothing to read
            assert cut < root_tag_end.end(), f"cut at byte {cut}"
            continue
        assert partial == full[: len(partial)], f"cut at byte {cut}"
    for cut in range(len(compressed) + 1):
        with contextlib.suppress(SitemapError):
            partial = parse_sitemap(compressed[:cut]).entries
            assert partial == full[: len(partial)], f"gzip cut at byte {cut}"
    assert parse_sitemap(body.rstrip()[:-1]).entries == full


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_in_a_feed_title(title: str) -> None:
    from xml.sax.saxutils import escape

    # XML 1.0 cannot carry most control characters at all, so they are not part of the test.
    title = "".join(ch for ch in title if ch in "\t\n\r" or ord(ch) >= 0x20)
    title = "".join(
        ch for ch in title if not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff"
    )
    feed = f"<rss><channel><item><title>{escape(title)}</title><link>http://x.example/1</link></item></channel></rss>"
    (entry,) = parse_feed(feed.encode())
    assert entry.url == "http://x.example/1"
