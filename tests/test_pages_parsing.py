"""A UTF-8 page parsed from its bytes gives the tree Scrapy's decode-then-parse gives.

Each test builds the same response twice: one is read by ``response.selector`` (Scrapy
decodes the body, parsel encodes it back for lxml), the other by :func:`selector_of`.
"""

from __future__ import annotations

import codecs
import gc
import gzip
import weakref
from pathlib import Path

import pytest
from lxml import etree
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_base_url

from newscrawler.extraction.parsing import base_url_of, parse_utf8, release_tree, selector_of

URL = "https://www.example.co.id/berita/1"
PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Harga cabai naik – “pedas”</title><base href="/arsip/"></head>
<body><p id="a">Jakarta — Harga cabai rawit naik 20% di Pasar Induk Kramat Jati.</p>
<p>Pedagang: “Sejak Senin.” ½ kg Rp40.000</p></body></html>
"""


def _both(body: bytes, **kwargs: object) -> tuple[HtmlResponse, HtmlResponse]:
    return HtmlResponse(URL, body=body, **kwargs), HtmlResponse(URL, body=body, **kwargs)  # type: ignore[arg-type]


def _markup(response: HtmlResponse, fast: bool) -> bytes:
    selector = selector_of(response) if fast else response.selector
    return etree.tostring(selector.root, encoding="utf-8")


def test_utf8_bytes_give_the_same_tree_without_decoding_the_body() -> None:
    fast, scrapy = _both(PAGE.encode())
    assert _markup(fast, True) == _markup(scrapy, False)
    # The body was never decoded whole: Scrapy's cached text is still unset.
    assert fast._cached_ubody is None


def test_a_page_and_its_tree_go_when_the_response_does() -> None:
    """Nothing holds the response in a cycle: its tree is freed at once, not by the cyclic
    GC (which in a crawl freed a few hundred trees per full collection)."""
    from newscrawler.extract import extract_raw

    response = HtmlResponse(URL, body=PAGE.encode())
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = extract_raw(response)
        tree = weakref.ref(response.selector.root)
        gone = weakref.ref(response)
        del response
        assert gone() is None
        assert tree() is None
    finally:
        if enabled:
            gc.enable()
    assert result.snapshot is not None


def test_a_released_response_lets_go_of_its_tree_and_parses_again_if_asked() -> None:
    response = HtmlResponse(URL, body=PAGE.encode())
    assert response.text  # decoded as well
    tree = weakref.ref(selector_of(response).root)
    enabled = gc.isenabled()
    gc.disable()
    try:
        release_tree(response)
        assert tree() is None  # freed at once, the response still alive
    finally:
        if enabled:
            gc.enable()
    assert response._cached_ubody is None
    assert response.css("p#a::text").get().startswith("Jakarta")


def test_the_selector_becomes_the_responses_own() -> None:
    response = HtmlResponse(URL, body=PAGE.encode())
    selector = selector_of(response)
    assert response.selector is selector
    assert selector_of(response) is selector
    assert response.css("p#a::text").get().startswith("Jakarta")


@pytest.mark.parametrize(
    "body",
    [
        # Declared UTF-8, but a Latin-1 byte in the middle: lxml would stop or garble there.
        PAGE.encode().replace(b"Kramat", b"Kr\xe1mat"),
        # NUL bytes: Scrapy's text path drops them; lxml would end the text there.
        PAGE.replace("Pedagang", "Pedag\x00ang").encode(),
        codecs.BOM_UTF8 + PAGE.encode(),
        b"  \n" + PAGE.encode() + b"\n\n",
        b"",
        b"<p>tanpa charset, tanpa html</p>",
    ],
    ids=["invalid-utf8", "nul", "bom", "whitespace", "empty", "undeclared"],
)
def test_odd_bodies_give_what_scrapy_gives(body: bytes) -> None:
    fast, scrapy = _both(body)
    assert _markup(fast, True) == _markup(scrapy, False)
    assert fast.css("p::text").getall() == scrapy.css("p::text").getall()


def test_invalid_utf8_is_not_parsed_from_the_bytes() -> None:
    assert parse_utf8(b"<p>caf\xe9 au lait</p>", URL) is None
    assert parse_utf8("<p>café</p>".encode(), URL) is not None


def test_other_encodings_are_left_to_scrapy() -> None:
    body = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("½ ", "")
    fast, scrapy = _both(body.encode("cp1252", errors="replace"))
    assert _markup(fast, True) == _markup(scrapy, False)
    assert fast.text == scrapy.text


def test_a_header_charset_wins_over_the_meta() -> None:
    headers = {"Content-Type": "text/html; charset=iso-8859-1"}
    fast, scrapy = _both(PAGE.encode(), headers=headers)
    assert _markup(fast, True) == _markup(scrapy, False)


@pytest.mark.parametrize(
    "body",
    [
        PAGE.encode(),
        codecs.BOM_UTF8 + PAGE.encode(),
        PAGE.replace('<base href="/arsip/">', "").encode(),
        # The <base> beyond the first 4,096 characters is not read, by Scrapy nor here.
        PAGE.replace("<title>", "<title>" + "é" * 5000).encode(),
        PAGE.encode("utf-16"),
    ],
    ids=["base", "bom", "no-base", "late-base", "utf-16"],
)
def test_base_url_is_scrapys(body: bytes) -> None:
    fast, scrapy = _both(body)
    assert base_url_of(fast) == get_base_url(scrapy)


def test_canonical_url_is_joined_with_the_base() -> None:
    from newscrawler.extract import extract_raw

    body = PAGE.replace("</head>", '<link rel="canonical" href="1-harga-cabai"></head>')
    result = extract_raw(HtmlResponse(URL, body=body.encode()))
    assert result.raw.canonical_url == "https://www.example.co.id/arsip/1-harga-cabai"


def _real_pages(pages_dir: Path, benchmarks_dir: Path) -> list[tuple[str, bytes]]:
    pages = sorted(pages_dir.rglob("*.html"))
    zyte = sorted((benchmarks_dir / "zyte-article-extraction" / "html").glob("*.gz"))
    return [(p.name, p.read_bytes()) for p in pages] + [
        (p.name, gzip.decompress(p.read_bytes())) for p in zyte[:60]
    ]


def test_real_pages_give_the_same_tree(shared_pages: Path, shared_benchmarks: Path) -> None:
    fast_paths = 0
    for name, body in _real_pages(shared_pages, shared_benchmarks):
        fast, scrapy = _both(body)
        assert _markup(fast, True) == _markup(scrapy, False), name
        fast_paths += fast._cached_ubody is None
    # Most real pages declare UTF-8 and never have their body decoded whole.
    assert fast_paths > 40


def test_a_long_page_parses_the_same() -> None:
    # A page the size of a long article, to check nothing depends on small inputs.
    body = PAGE.replace("<p>Pedagang", "<p>kalimat panjang. " * 20000 + "<p>Pedagang").encode()
    fast, scrapy = _both(body)
    assert _markup(fast, True) == _markup(scrapy, False)
