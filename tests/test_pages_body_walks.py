"""The body walkers take shortcuts; each is held here against the plain walk it replaced.

- ``_prose_blocks`` walks only where a paragraph can be, and finds what a walk of every
  element finds: the same paragraphs, points and order (votes are summed in that order);
- ``is_furniture`` reads only the attributes an element has;
- ``paragraphs`` reads a childless child in its parent's loop.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from newscrawler.extraction import body, density, furniture
from newscrawler.extraction.body import paragraphs
from newscrawler.extraction.density import _prose_blocks
from newscrawler.extraction.furniture import is_furniture

LONG = "Kalimat yang cukup panjang untuk dihitung, dengan koma, sebagai paragraf."
PAGE = f"""<html><head><title>T</title></head><body>
<div class="content"><span><p>{LONG}</p></span><a href="/x"></a><img src="a.png">
<div>{LONG}<br><br>{LONG}<!-- c -->{LONG}</div>
<ul><li><a href="/y"><p>{LONG} linked</p></a></li></ul>
<script><p>{LONG}</p></script><div class="baca-juga"><p>{LONG}</p></div>
<table><tr><td>{LONG} in a cell <div>{LONG} in the cell's div</div></td></tr></table>
<blockquote><p>{LONG} quoted</p></blockquote><div>{LONG} plain div</div></div>
</body></html>"""


def furniture_by_get(el: etree._Element) -> bool:
    """``is_furniture`` as it read each attribute with ``get``."""
    get = el.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    role = get("role")
    if role and role in furniture.FURNITURE_ROLES:
        return True
    style = get("style")
    if style and furniture.hides(style):
        return True
    names = get("class")
    if names and furniture.furniture_names(names):
        return True
    names = get("id")
    return bool(names and furniture.furniture_names(names))


def call_per_element_paragraphs(container: etree._Element) -> list[str]:
    """``paragraphs`` as it was written: one call per element."""
    pieces: list[str] = []

    def walk(el: etree._Element, root: bool) -> None:
        tag = el.tag
        if isinstance(tag, str):
            tag = tag.lower()
            if tag not in furniture.SKIP_TAGS and (root or not furniture_by_get(el)):
                if tag == "br":
                    pieces.append(body._BREAK)
                if tag in furniture.BLOCK_TAGS:
                    pieces.append(body._BREAK)
                if el.text:
                    pieces.append(el.text)
                for child in el:
                    walk(child, False)
                if tag in furniture.BLOCK_TAGS:
                    pieces.append(body._BREAK)
        if el.tail:
            pieces.append(el.tail)

    walk(container, True)
    chunks = (" ".join(chunk.split()) for chunk in "".join(pieces).split(body._BREAK))
    return [chunk for chunk in chunks if chunk]


FURNITURE = """<div>
<p hidden>a</p><p aria-hidden="true">b</p><p aria-hidden="false">c</p>
<div role="navigation">d</div><div role="main">e</div><p style="display: none">f</p>
<p style="color: red">g</p><p class="baca-juga">h</p><p class="lead">i</p>
<p id="sharing">j</p><p id="intro" class="x">k</p><p title="t">l</p>
<p class="widget Blog">m</p><p class="">n</p>
</div>"""


def test_furniture_by_the_names_present() -> None:
    root = html.fromstring(FURNITURE)
    shown = [el.text for el in root if not is_furniture(el)]
    assert shown == ["c", "e", "g", "i", "k", "l", "m", "n"]
    assert shown == [el.text for el in root if not furniture_by_get(el)]


def every_element_walk(root: etree._Element) -> list[tuple[etree._Element, float, bool]]:
    """The walk as written before it learned to pass by leaves: every element visited."""
    found: list[tuple[etree._Element, float, bool]] = []
    stack = [root]
    while stack:
        el = stack.pop()
        tag = el.tag
        if (
            not isinstance(tag, str)
            or tag in furniture.SKIP_TAGS
            or (el is not root and tag != "body" and furniture.is_furniture(el))
        ):
            continue
        children = list(el)
        paragraph = tag in density._PARAGRAPH_TAGS
        loose = 0
        if not paragraph and any(child.tag == "br" for child in children):
            loose = density._loose_text_points(el, children)
        if loose:
            found.append((el, loose, True))
        elif paragraph or (
            tag == "div" and not any(c.tag in density._BLOCK_OR_SKIP_TAGS for c in children)
        ):
            points = density._paragraph_points(el)
            if points:
                found.append((el, points, False))
            if tag not in ("td", "div"):
                continue
        stack.extend(reversed(children))
    return found


def _described(found: list[tuple[etree._Element, float, bool]]) -> list[tuple[str, float, bool]]:
    return [(el.getroottree().getpath(el), points, loose) for el, points, loose in found]


def test_written_page() -> None:
    root = html.fromstring(PAGE)
    found = _described(_prose_blocks(root))
    assert found == _described(every_element_walk(root))
    paths = [path for path, _, _ in found]
    assert "/html/body/div/span/p" in paths  # a <p> inside a <span>
    assert "/html/body/div/ul/li/a/p" in paths
    # Nothing from the <script> nor the "Baca juga" box.
    assert not any("script" in path or "div[2]" in path for path in paths)
    assert ("/html/body/div/div[1]", 3 * 3, True) in found  # three loose runs of 3 points


def test_written_page_paragraphs() -> None:
    root = html.fromstring(PAGE)
    got = paragraphs(root.find("body"))
    assert got == call_per_element_paragraphs(root.find("body"))
    assert got[:4] == [f"{LONG}", LONG, f"{LONG}{LONG}", f"{LONG} linked"]


def test_real_pages(shared_pages: Path) -> None:
    pages = sorted(shared_pages.glob("*/*.html"))
    assert pages
    for path in pages:
        root = html.fromstring(path.read_bytes())
        assert _described(_prose_blocks(root)) == _described(every_element_walk(root)), path
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        assert [is_furniture(el) for el in elements] == [furniture_by_get(el) for el in elements]
        for el in elements:
            if len(el) and el.tag in ("body", "article", "div", "section"):
                assert paragraphs(el) == call_per_element_paragraphs(el), path
