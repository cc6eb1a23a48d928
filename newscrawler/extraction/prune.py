"""Article text from a container minus the furniture a site nests inside it.

The body walker already skips what any site marks as furniture (figures, "baca-juga"
classes, ads). Some sites use their own class names for captions or boxes inside the text,
e.g. KapanLagi's ``<div class="entertainment-newsdetail-image-caption">``; a site page names
them here. The page itself is never changed: other fields may still read those elements.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from newscrawler.extraction import body as body_text


def without(container: etree._Element, *xpaths: str) -> etree._Element:
    """A copy of ``container`` without the elements the XPaths find; their tails stay.

    ``<p>A<div class="cap">x</div>B</p>`` without ``.//div`` is ``<p>AB</p>``.
    """
    copy = deepcopy(container)
    for xpath in xpaths:
        for element in copy.xpath(xpath):
            if not isinstance(element, etree._Element) or element is copy:
                continue
            _drop(element)
    return copy


def paragraphs_without(container: etree._Element, *xpaths: str) -> list[str]:
    """The walker's paragraphs of ``container`` once the XPaths' elements are gone."""
    return body_text.paragraphs(without(container, *xpaths))


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
