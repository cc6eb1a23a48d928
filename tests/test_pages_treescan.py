"""The C walks of ``_treescan`` give exactly what the Python walks and XPath they replace give.

Each test runs both on a page written here to hold the awkward cases (comments, CDATA-like
script text, entities in attributes, namespaced attributes, furniture by every rule, text
between ``<br>``s, nesting) and on every real page in ``../shared``.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from scrapy.http import HtmlResponse

from newscrawler.pages import body, treescan
from newscrawler.pages.index import PageIndex
from newscrawler.pages.parsing import selector_of

compiled = pytest.mark.skipif(
    not treescan.COMPILED and not os.environ.get("NEWSCRAWLER_REQUIRE_COMPILED"),
    reason="newscrawler.pages._treescan is not compiled (no C compiler at install)",
)

PAGE = """<!DOCTYPE html><html lang="id"><head><title>Judul</title>
<meta name="author" content="Ani"><script type="application/ld+json">{"a": 1}</script>
<meta property="og:title twitter:title" name="Title" content="Judul &amp; x"><meta name="x">
<meta content="tanpa nama"><script type="application/ld+json"></script>
<script type="application/LD+JSON">{"b": 2}</script></head>
<body class="one-sidebar"><header class="site-header author-strip">Menu</header>
<div class="read__content" itemprop="articleBody">
  <p>Jakarta - Harga cabai naik, kata pedagang, dan pembeli mengeluh &amp; menawar.<br>
  Baris kedua setelah br, cukup panjang untuk dihitung sebagai paragraf.</p>
  <!-- komentar di tengah --> ekor komentar
  <div class="baca-juga">Baca Juga: <a href="/x">Tautan</a></div>
  <div class="pb-byline">By <a rel="author" href="/ani">Ani Rahma</a> 24 Nov 2019</div>
  <span class="author-name" title="&quot;x&quot;">Budi</span>
  <div style="DISPLAY: none">tersembunyi</div><div hidden>juga</div>
  <div aria-hidden="true">aria</div><div role="navigation">nav</div>
  <div id="related-posts">terkait</div><DIV CLASS="Byline">Oleh Citra</DIV>
  <section><div>Teks lepas pertama yang panjang sekali, dengan koma, dan lagi.<br><br>
  Teks lepas kedua yang juga panjang sekali, dengan koma, dan lagi, dan lagi.</div></section>
  <table><tr><td>Sel tabel yang berisi kalimat panjang, dengan koma, dan titik.<p>dalam</p>
  </td></tr></table><blockquote><p>Kutipan yang panjang sekali untuk dihitung ya.</p>
  </blockquote><figure><figcaption class="caption">Foto: Antara</figcaption></figure>
  <div xmlns:x="urn:x" x:class="author">namespaced</div><ul><li>Butir satu</li></ul>
  <script>var author = 1;</script><p>Penutup. (ant)</p>
</div> ekor kontainer
<aside class="widget popular"><p>POPULER: berita lain yang panjang, sekali, ya.</p></aside>
<div class="penulis-box"><span class="penulis">Dedi</span></div>
</body></html>"""


def _real_roots(pages_dir: Path, benchmarks_dir: Path) -> list[tuple[str, etree._Element]]:
    paths = sorted(pages_dir.rglob("*.html"))
    zyte = sorted((benchmarks_dir / "zyte-article-extraction" / "html").glob("*.gz"))
    readability = sorted((benchmarks_dir / "mozilla-readability").glob("*/source.html.gz"))
    bodies = [(p.name, p.read_bytes()) for p in paths] + [
        (p.name, gzip.decompress(p.read_bytes())) for p in [*zyte, *readability]
    ]
    return [(name, _root(data)) for name, data in bodies]


def _root(data: bytes) -> etree._Element:
    return selector_of(HtmlResponse("https://example.com/a", body=data)).root


@pytest.fixture(scope="module")
def real_roots(shared_pages: Path, shared_benchmarks: Path) -> list[tuple[str, etree._Element]]:
    return _real_roots(shared_pages, shared_benchmarks)


def _elements_by_xpath(root: etree._Element, xpath: str) -> list[etree._Element]:
    found = root.xpath(xpath)
    assert isinstance(found, list)
    return [el for el in found if isinstance(el, etree._Element)]


BYLINE_XPATH = (
    'descendant-or-self::*/@class[contains(., "yline") or contains(., "author") '
    'or contains(., "penulis")]/parent::*'
)
ATTRIBUTE_XPATH = "(descendant-or-self::*/@itemprop | descendant-or-self::*/@rel)/parent::*"


def _check_scans(root: etree._Element, name: str) -> None:
    words = ("yline", "author", "penulis")
    assert treescan.class_contains(root, words) == _elements_by_xpath(root, BYLINE_XPATH), name
    assert treescan.having_attribute(root, ("itemprop", "rel")) == _elements_by_xpath(
        root, ATTRIBUTE_XPATH
    ), name


def _python_paragraphs(container: etree._Element) -> list[str]:
    pieces: list[str] = []
    body._walk(container, pieces, True)
    return [t for chunk in "".join(pieces).split("\x00") if (t := " ".join(chunk.split()))]


def _check_walks(root: etree._Element, name: str) -> None:
    for container in [root, *root.iter("article", "div", "section", "main", "span", "b")][:60]:
        assert body.paragraphs(container) == _python_paragraphs(container), name
        assert body.has_text(container) is body._walk_finds_text(container, True), name
    assert body._COMPILED_PROSE is not None
    assert body._COMPILED_PROSE(root) == body._prose_blocks(root), name


@compiled
def test_the_c_walks_are_in_use() -> None:
    assert treescan.COMPILED
    assert body._COMPILED_WALK is not None
    assert body._COMPILED_PROSE is not None


@compiled
def test_scans_agree_on_awkward_markup() -> None:
    root = lxml.html.fromstring(PAGE)
    _check_scans(root, "PAGE")
    named = [el.get("class") for el in treescan.class_contains(root, ("yline", "author"))]
    assert named == ["site-header author-strip", "pb-byline", "author-name", "Byline"]
    # A subtree: the element itself counts, nothing outside it does.
    article = root.find(".//div[@itemprop]")
    assert article is not None
    _check_scans(article, "article")
    assert treescan.having_attribute(article, ("itemprop",)) == [article]


@compiled
def test_walks_agree_on_awkward_markup() -> None:
    root = lxml.html.fromstring(PAGE)
    _check_walks(root, "PAGE")
    article = root.find(".//div[@itemprop]")
    assert article is not None
    paragraphs = body.paragraphs(article)
    assert paragraphs[0].startswith("Jakarta - Harga cabai naik")
    assert "tersembunyi" not in " ".join(paragraphs)
    assert paragraphs[-1] == "ekor kontainer"  # the container's tail, as the walk reads it


@compiled
def test_walks_agree_on_elements_outside_a_page() -> None:
    # body._joined builds a <div> of copies; feed descriptions are parsed as fragments.
    fragment = lxml.html.fragment_fromstring("<p>Satu<br>dua</p>tiga", create_parent="div")
    assert body.paragraphs(fragment) == _python_paragraphs(fragment) == ["Satu", "dua", "tiga"]
    comment = etree.Comment("c")
    comment.tail = "ekor"
    assert body.paragraphs(comment) == _python_paragraphs(comment) == ["ekor"]


@compiled
def test_a_tree_nested_past_any_parse_is_refused_not_crashed() -> None:
    root = top = lxml.html.fromstring("<div>x</div>")
    for _ in range(20000):
        top = etree.SubElement(top, "div")
    top.text = "dalam"
    with pytest.raises(RecursionError):
        body.paragraphs(root)


@compiled
def test_c_and_python_agree_on_real_pages(
    real_roots: list[tuple[str, etree._Element]],
) -> None:
    assert len(real_roots) > 300
    for name, root in real_roots:
        _check_scans(root, name)
        _check_walks(root, name)


def _python_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(treescan, "_treescan", None)


@compiled
def test_python_fallbacks_give_what_the_c_walks_give(
    real_roots: list[tuple[str, etree._Element]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a checkout without a C compiler runs, against the C walks, on every real page."""
    words = ("yline", "author", "penulis")
    for name, root in [("PAGE", lxml.html.fromstring(PAGE)), *real_roots[::5]]:
        in_c = (
            treescan.class_contains(root, words),
            treescan.attribute_contains(root, "id", ("content", "main")),
            treescan.having_attribute(root, ("itemprop", "rel")),
        )
        anchors = treescan.class_contains(root, ("content", "article"))
        below_c = [treescan.subtree_elements(anchors, tag, 500) for tag in (None, "p", "a")]
        index_c = PageIndex(root)
        with monkeypatch.context() as patch:
            _python_only(patch)
            index_python = PageIndex(root)
            assert index_python.tags == index_c.tags, name
            assert index_python.metas == index_c.metas, name
            assert index_python.ld_scripts == index_c.ld_scripts, name
            assert not treescan.COMPILED or treescan._treescan is None
            in_python = (
                treescan.class_contains(root, words),
                treescan.attribute_contains(root, "id", ("content", "main")),
                treescan.having_attribute(root, ("itemprop", "rel")),
            )
            below_python = [
                treescan.subtree_elements(anchors, tag, 500) for tag in (None, "p", "a")
            ]
        assert in_c == in_python, name
        assert below_c == below_python, name


@compiled
def test_subtree_elements_stops_at_the_limit_and_skips_nested_anchors() -> None:
    root = lxml.html.fromstring(
        '<div><div class="box"><p>a</p><div class="box"><p>b</p></div></div><p>c</p>'
        '<section class="box"><p>d</p><!-- c --></section></div>'
    )
    anchors = treescan.class_contains(root, ("box",))
    assert len(anchors) == 3
    found = treescan.subtree_elements(anchors, "p", 10)
    assert [el.text for el in found or []] == ["a", "b", "d"]
    assert [el.tag for el in treescan.subtree_elements(anchors, None, 10) or []] == [
        "div", "p", "div", "p", "section", "p",
    ]  # fmt: skip
    assert treescan.subtree_elements(anchors, None, 5) is None


def _first_by_xpath(root: etree._Element, xpath: str) -> etree._Element | None:
    found = root.xpath(xpath)
    assert isinstance(found, list)
    return next((el for el in found if isinstance(el, etree._Element)), None)


@compiled
def test_class_boxes_are_found_as_their_xpath_finds_them(
    real_roots: list[tuple[str, etree._Element]],
) -> None:
    from newscrawler.sites import known_sites

    xpaths = sorted({xp for site in known_sites() for xp in site.page.body_xpaths})
    shaped = [xp for xp in xpaths if body._CLASS_BOX.match(xp)]
    assert len(shaped) >= 10  # the sites' usual way of naming their text's box
    # Whitespace other than spaces in the class, the name as part of a longer name, case.
    written = lxml.html.fromstring(
        '<div><div class="x-read__content">a</div><p class="read__content">b</p>'
        '<div class="\tREAD__CONTENT">c</div><div class="one\nread__content\ttwo">d</div></div>'
    )
    extra = "//div[contains(concat(' ', normalize-space(@class), ' '), ' read__content ')]"
    for name, root in [("written", written), *real_roots]:
        for xpath in [*shaped, extra]:
            assert body.first_match(root, [xpath]) is _first_by_xpath(root, xpath), (name, xpath)
    found = body.first_match(written, [extra])
    assert found is not None
    assert found.text == "d"


# Every character str.split() splits at, and characters that look like space but are not.
SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
NOT_SPACES = ["\u200b", "\u180e", "\ufeff", "\u2060", "\u00ad", "\u3001", "\u2027", "\u205e"]
# Control characters lxml refuses to set as text; an HTML parse keeps them all the same.
NOT_SETTABLE = set("\x0b\x0c\x1c\x1d\x1e\x1f")


@compiled
@pytest.mark.parametrize("char", SPACES + NOT_SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_paragraph_whitespace_is_what_str_split_sees(char: str) -> None:
    html = f"<p>{char}a{char}{char}é {char}b{char}</p><p>{char}</p>{char}ä{char}c<br>{char}"
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    assert body.paragraphs(fragment) == _python_paragraphs(fragment)
    assert body.has_text(fragment[1]) is body._walk_finds_text(fragment[1], True)
    if char not in NOT_SETTABLE:
        # Set by hand too: a parse turns "\r" into "\n".
        fragment[0].text = f"{char}a{char}{char}é{char}"
        assert body.paragraphs(fragment) == _python_paragraphs(fragment)


def test_control_characters_are_parsed_though_lxml_refuses_to_set_them() -> None:
    for char in NOT_SETTABLE:
        parsed = lxml.html.fragment_fromstring(f"<p>a{char}b</p>")
        assert parsed.text == f"a{char}b"
        with pytest.raises(ValueError, match="XML compatible"):
            etree.Element("p").text = f"a{char}b"


def test_paragraph_whitespace_covers_every_space_character() -> None:
    assert len(SPACES) == 29  # if Unicode adds one, the C scan in _treescan.pyx needs it too


# Random markup from the pieces the walks look at: block, inline, skipped and table tags,
# furniture and article class names, hiding attributes, <br>, comments, entities, odd space.
_TAGS = [
    "div", "p", "span", "a", "b", "br", "td", "tr", "table", "section", "article", "script",
    "style", "figure", "li", "ul", "h1", "blockquote", "nav", "meta", "time",
]  # fmt: skip
_ATTRIBUTES = [
    "", ' class="baca-juga"', ' class="content entry"', ' class="pb-byline"', ' hidden',
    ' class="author-name share"', ' style="display: none"', ' aria-hidden="true"',
    ' role="navigation"', ' id="related-posts"', ' itemprop="articleBody"', ' rel="author"',
    ' class="widget Blog"', ' name="author" content="Ani"', ' class="a&amp;b"',
]  # fmt: skip
_TEXTS = st.lists(
    st.sampled_from([*"ab, .é-", "\u00a0", "\u3000", "\t", "\n", "&amp;", "  ", "panjang, "]),
    max_size=30,
).map("".join)


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        kind = draw(st.integers(0, 9))
        if kind < 2:
            parts.append(draw(_TEXTS))
        elif kind == 2:
            parts.append(f"<!-- {draw(_TEXTS)} -->")
        else:
            tag = draw(st.sampled_from(_TAGS))
            attributes = draw(st.sampled_from(_ATTRIBUTES))
            inner = draw(_markup(depth + 1))
            parts.append(f"<{tag}{attributes}>{inner}</{tag}>")
    return "".join(parts)


@compiled
@settings(max_examples=400, deadline=None)
@given(_markup())
def test_c_walks_agree_with_python_on_random_markup(markup: str) -> None:
    root = lxml.html.document_fromstring(f"<html><body><div>{markup}</div></body></html>")
    _check_scans(root, markup)
    _check_walks(root, markup)
    index_c = PageIndex(root)
    saved, treescan._treescan = treescan._treescan, None
    try:
        index_python = PageIndex(root)
    finally:
        treescan._treescan = saved
    assert (index_python.tags, index_python.metas, index_python.ld_scripts) == (
        index_c.tags,
        index_c.metas,
        index_c.ld_scripts,
    )
