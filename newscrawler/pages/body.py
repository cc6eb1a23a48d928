"""Turning an article's HTML container into paragraphs of visible text.

Two jobs: find the element that holds the article (a site's selector, schema.org's
``itemprop=articleBody``, ``<article>``, else the block with the most paragraph text) and walk
it into paragraphs. The walk skips what a reader does not read as the article: scripts,
figures and captions, embedded players, share bars, and inline "Baca Juga" boxes that sites
put *inside* the article container. Text-level furniture ("Baca Juga:" lines, "(*)") is left
for normalization, which sees the paragraphs of every site in the same form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree, html

# Elements whose text is never article text.
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "figure",
        "figcaption",
        "picture",
        "svg",
        "canvas",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "nav",
        "aside",
        "footer",
        "header",
        "ins",
        "head",
        "title",
        "meta",
        "link",
    }
)

# Elements that end a paragraph.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "hr",
        "center",
        "address",
    }
)

# class/id tokens of furniture blocks inside article containers, e.g. Liputan6's
# <div class="baca-juga"> list of related links in the middle of the text.
_FURNITURE = re.compile(
    r"^(?:baca-?juga\w*|bacajuga\w*|read-?also\w*|related\w*|inline-related\w*|"
    r"share\w*|social\w*|sharing\w*|advert\w*|ads?|ad-\w+|ads-\w+|\w+-ads?|iklan\w*|"
    r"promo\w*|newsletter\w*|tags?|tag-\w+|tags-\w+|\w+-tags?|comments?|comment-\w+|"
    r"video-?\w*|popul\w*|populer\w*|recommend\w*|outbrain\w*|taboola\w*|caption\w*|"
    r"breadcrumbs?|author-box|byline\w*|sidebar\w*|hidden|sr-only|visually-hidden|"
    r"widget\w*|paging\w*|pagination\w*|box-?baca\w*|lihat-?juga\w*|artikel-?terkait\w*)$",
    re.IGNORECASE,
)
# Related-link boxes under compound names: Liputan6's "baca-juga-collections", KapanLagi's
# "box-related-news", detik's "cb-berita-terkait", Okezone's "ga_WidgetBeritaTerkait". The
# text rule for a bare "Baca Juga" line cannot tell such a list from a subheading after it.
_RELATED_BOX = re.compile(
    r"^(?:[a-z0-9]+[-_]+)*(?:baca-?juga|read-?also|lihat-?juga|related[a-z0-9]*|[a-z0-9]*terkait)"
    r"(?:[-_]+[a-z0-9]+)*$",
    re.IGNORECASE,
)

_WS = re.compile(r"\s+")
_BREAK = "\x00"


def _is_furniture(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and "display:none" in style.replace(" ", "").lower():
        return True
    for attr in ("class", "id"):
        value = el.get(attr)
        if value and any(
            _FURNITURE.match(token) or _RELATED_BOX.match(token) for token in value.split()
        ):
            return True
    return False


def _walk(el: etree._Element, pieces: list[str], root: bool) -> None:
    tag = el.tag
    if not isinstance(tag, str):  # comments and processing instructions
        if el.tail:
            pieces.append(el.tail)
        return
    tag = tag.lower()
    skip = tag in _SKIP_TAGS or (not root and _is_furniture(el))
    if not skip:
        if tag == "br":
            pieces.append(_BREAK)
        block = tag in _BLOCK_TAGS
        if block:
            pieces.append(_BREAK)
        if el.text:
            pieces.append(el.text)
        for child in el:
            _walk(child, pieces, False)
        if block:
            pieces.append(_BREAK)
    if el.tail:
        pieces.append(el.tail)


def paragraphs(container: etree._Element) -> list[str]:
    """Visible paragraphs of ``container`` in order; blocks and ``<br>`` end a paragraph.

    ``<p>A<br><br>B</p>`` (Liputan6's old layout) gives ``["A", "B"]``.
    """
    pieces: list[str] = []
    _walk(container, pieces, True)
    out: list[str] = []
    for chunk in "".join(pieces).split(_BREAK):
        text = _WS.sub(" ", chunk).strip()
        if text:
            out.append(text)
    return out


def densest_block(root: etree._Element) -> etree._Element | None:
    """The element whose direct paragraphs hold the most text: a readability-style last resort.

    Containers whose class marks them as furniture are not candidates, nor are their children.
    """
    best: etree._Element | None = None
    best_score = 0
    for el in root.iter("div", "section", "article", "main", "td"):
        if _is_furniture(el):
            continue
        score = 0
        for child in el:
            tag = child.tag
            if tag == "p":
                score += len(child.text_content())
            elif tag == "br" and child.tail:
                score += len(child.tail.strip())
        score += len((el.text or "").strip())
        if score > best_score:
            best, best_score = el, score
    return best


def first_match(root: etree._Element, xpaths: Iterable[str]) -> etree._Element | None:
    """The first element any of the XPath expressions finds, trying them in order."""
    for xp in xpaths:
        found = root.xpath(xp)
        for el in found:
            if isinstance(el, etree._Element):
                return el
    return None


def fragment_paragraphs(markup: str) -> list[str]:
    """Paragraphs of an HTML fragment, e.g. a feed item's description."""
    if not markup.strip():
        return []
    return paragraphs(html.fragment_fromstring(markup, create_parent="div"))
