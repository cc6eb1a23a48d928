"""The whole-page scans and the body walk on markup written to hold the awkward cases.

Comments, script text, entities in attributes, namespaced attributes, furniture by every rule,
text between ``<br>``s, nesting, elements outside a page, and every kind of whitespace.
"""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from newscrawler.extraction import body
from newscrawler.extraction.treescan import class_contains, having_attribute

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


def test_class_and_attribute_scans_in_page_order() -> None:
    root = lxml.html.fromstring(PAGE)
    named = [el.get("class") for el in class_contains(root, ("yline", "author"))]
    # Substrings, case as given ("Byline" holds "yline"); a namespaced x:class is not a class.
    assert named == ["site-header author-strip", "pb-byline", "author-name", "Byline"]
    # A subtree: the element itself counts, nothing outside it does.
    article = root.find(".//div[@itemprop]")
    assert article is not None
    assert having_attribute(article, ("itemprop",)) == [article]
    assert [el.tag for el in having_attribute(article, ("itemprop", "rel"))] == ["div", "a"]


def test_the_walk_skips_furniture_and_reads_tails() -> None:
    root = lxml.html.fromstring(PAGE)
    article = root.find(".//div[@itemprop]")
    assert article is not None
    paragraphs = body.paragraphs(article)
    assert paragraphs[0].startswith("Jakarta - Harga cabai naik")
    assert "tersembunyi" not in " ".join(paragraphs)
    assert paragraphs[-1] == "ekor kontainer"  # the container's tail, as the walk reads it
    assert body.has_text(article)


def test_the_walk_reads_elements_outside_a_page() -> None:
    # density._joined builds a <div> of copies; feed descriptions are parsed as fragments.
    fragment = lxml.html.fragment_fromstring("<p>Satu<br>dua</p>tiga", create_parent="div")
    assert body.paragraphs(fragment) == ["Satu", "dua", "tiga"]
    comment = etree.Comment("c")
    comment.tail = "ekor"
    assert body.paragraphs(comment) == ["ekor"]


def test_a_tree_nested_past_any_parse_is_read() -> None:
    # The walk keeps its own stack: no depth raises RecursionError.
    root = top = lxml.html.fromstring("<div>x</div>")
    for _ in range(20000):
        top = etree.SubElement(top, "div")
    top.text = "dalam"
    assert body.paragraphs(root) == ["x", "dalam"]
    assert body.has_text(root.getchildren()[0])


def test_a_class_box_is_found_by_its_whole_name_in_any_whitespace() -> None:
    written = lxml.html.fromstring(
        '<div><div class="x-read__content">a</div><p class="read__content">b</p>'
        '<div class="\tREAD__CONTENT">c</div><div class="one\nread__content\ttwo">d</div></div>'
    )
    box = "//div[contains(concat(' ', normalize-space(@class), ' '), ' read__content ')]"
    found = body.first_match(written, [box])
    assert found is not None
    assert found.text == "d"


# Every character str.split() splits at, and characters that look like space but are not.
SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
NOT_SPACES = ["\u200b", "\u180e", "\ufeff", "\u2060", "\u00ad", "\u3001", "\u2027", "\u205e"]


@pytest.mark.parametrize("char", SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_paragraph_whitespace_is_what_str_split_sees(char: str) -> None:
    html = f"<p>{char}a{char}{char}é {char}b{char}</p><p>{char}</p>{char}ä{char}c<br>{char}"
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    assert body.paragraphs(fragment) == ["a é b", "ä c"]
    assert body.has_text(lxml.html.fragment_fromstring(f"<p>{char}</p>")) is False


@pytest.mark.parametrize("char", NOT_SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_characters_that_only_look_like_space_are_kept(char: str) -> None:
    c = char
    html = f"<p>{c}a{c}{c}é {c}b{c}</p><p>{c}</p>{c}ä{c}c<br>{c}"
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    assert body.paragraphs(fragment) == [f"{c}a{c}{c}é {c}b{c}", c, f"{c}ä{c}c", c]
    assert body.has_text(lxml.html.fragment_fromstring(f"<p>{c}</p>")) is True
