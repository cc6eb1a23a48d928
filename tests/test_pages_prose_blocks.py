"""_prose_blocks walks only where a paragraph can be, and finds what a walk of every element
finds: the same paragraphs, points and order (votes are summed in that order)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from newscrawler.pages import body
from newscrawler.pages.body import _prose_blocks

LONG = "Kalimat yang cukup panjang untuk dihitung, dengan koma, sebagai paragraf."
PAGE = f"""<html><head><title>T</title></head><body>
<div class="content"><span><p>{LONG}</p></span><a href="/x"></a><img src="a.png">
<div>{LONG}<br><br>{LONG}<!-- c -->{LONG}</div>
<ul><li><a href="/y"><p>{LONG} linked</p></a></li></ul>
<script><p>{LONG}</p></script><div class="baca-juga"><p>{LONG}</p></div>
<table><tr><td>{LONG} in a cell <div>{LONG} in the cell's div</div></td></tr></table>
<blockquote><p>{LONG} quoted</p></blockquote><div>{LONG} plain div</div></div>
</body></html>"""


def every_element_walk(root: etree._Element) -> list[tuple[etree._Element, float, bool]]:
    """The walk as written before it learned to pass by leaves: every element visited."""
    found: list[tuple[etree._Element, float, bool]] = []
    stack = [root]
    while stack:
        el = stack.pop()
        tag = el.tag
        if (
            not isinstance(tag, str)
            or tag in body._SKIP_TAGS
            or (el is not root and tag != "body" and body._is_furniture(el))
        ):
            continue
        children = list(el)
        paragraph = tag in body._PARAGRAPH_TAGS
        loose = 0
        if not paragraph and any(child.tag == "br" for child in children):
            loose = body._loose_text_points(el, children)
        if loose:
            found.append((el, loose, True))
        elif paragraph or (
            tag == "div" and not any(c.tag in body._BLOCK_OR_SKIP_TAGS for c in children)
        ):
            points = body._paragraph_points(el)
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


def test_real_pages(shared_pages: Path) -> None:
    pages = sorted(shared_pages.glob("*/*.html"))
    assert pages
    for path in pages:
        root = html.fromstring(path.read_bytes())
        assert _described(_prose_blocks(root)) == _described(every_element_walk(root)), path
