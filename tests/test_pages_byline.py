"""The "By ..." line of a byline element: who, without the date run into it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from newscrawler.extraction.byline import by_line, byline_elements, in_photo_box


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Erin Cunningham", "By Erin Cunningham"),
        ("By Nathan Willis\n   March 25, 2015", "By Nathan Willis"),
        ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "By GILLIAN MOHNEY"),
        ("by Lucas Nolan22 Dec 2016651", "by Lucas Nolan"),
        ("by Lucas Nolan 22 Dec 2016 651", "by Lucas Nolan"),
        ("By Jane Roe and Ali Rahman | Reuters", "By Jane Roe and Ali Rahman | Reuters"),
        ("Par Sébastien Farcis, 12 févr. 2016", "Par Sébastien Farcis"),
        ("Oleh Gilar Ramdhani - 24 Nov 2019", "Oleh Gilar Ramdhani"),
        ("Bylines are hard", None),
        ("Updated March 18, 2015", None),
        ("By", None),
        ("By 2015", None),
    ],
)
def test_by_line(text, expected):
    assert by_line(text) == expected


def test_byline_elements_in_page_order():
    root = html.fromstring(
        "<div><p class='author'>A</p><p class='pb-byline'>B</p><p class='Author'>C</p>"
        "<p class='byline x'>D</p><p class='authorship'>E</p><p class='FeatureByline'>F</p></div>"
    )
    named, anywhere = byline_elements(root)
    # "Author" is the author class in capitals; "authorship" names no one.
    assert [el.text for el in named] == ["A", "C", "D"]
    assert [el.text for el in anywhere] == ["B", "D", "F"]


# The rule as an XPath, which in_photo_box reads in Python.
IN_PHOTO_BOX_XPATH = etree.XPath(
    "boolean(ancestor-or-self::*[self::figure or self::figcaption"
    " or contains(concat(' ', normalize-space(@class), ' '), ' photo ')"
    " or (contains(@class, 'caption') and not(self::ul or self::ol))])"
)

PHOTO_BOXES = """<div>
<figure><span class="author">A</span></figure>
<div class="photo"><span class="author">B</span></div>
<div class="x\tphoto\nbig"><span class="author">C</span></div>
<div class="photos"><span class="author">D</span></div>
<div class="photo\u00a0x"><span class="author">E</span></div>
<div class="img-caption"><span class="author">F</span></div>
<ul class="caption meta"><li class="author">G</li></ul>
<figcaption class="author">H</figcaption>
<p class="author">I</p>
</div>"""


def test_in_photo_box_as_the_xpath_tells() -> None:
    root = html.fromstring(PHOTO_BOXES)
    authors = [el for el in root.iter() if el.get("class") == "author"]
    inside = [el.text for el in authors if in_photo_box(el)]
    assert inside == ["A", "B", "C", "F", "H"]
    assert inside == [el.text for el in authors if IN_PHOTO_BOX_XPATH(el)]


def test_in_photo_box_on_real_pages(shared_pages: Path) -> None:
    for path in sorted(shared_pages.glob("*/*.html")):
        root = html.fromstring(path.read_bytes())
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        assert [in_photo_box(el) for el in elements] == [
            IN_PHOTO_BOX_XPATH(el) for el in elements
        ], path
