"""Bylines printed as a line of text: "By Erin Cunningham", "Par Sébastien Farcis".

Many pages mark their byline only with a class name of their own (the Washington Post's
``pb-byline``, LWN's ``FeatureByline``) and run the date into the same element: "By Nathan
Willis March 25, 2015", "by Lucas Nolan 22 Dec 2016". Such a line is a byline when it opens
with the word for "by"; the names are what comes before the date. The normalizer then reads
the names as it reads any byline ("By A and B" gives two people).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from newscrawler.extraction.index import text_of
from newscrawler.extraction.treescan import class_contains
from newscrawler.normalize.authors import AUTHOR_LABELS, EDITOR_LABELS

# The word for "by" in the languages of the pages we read: English, French, German,
# Spanish/Portuguese, Indonesian.
_BY = re.compile(r"^(?:by|par|von|por|oleh)\s", re.IGNORECASE)
# Where a date begins: a month's name or abbreviation before a number ("March 25, 2015",
# "Dec 2016"), or any digit ("22 Dec 2016", "25/03/2015"), even one run into the name:
# Breitbart's "by Lucas Nolan22 Dec 2016".
_MONTH = (
    r"jan|feb|mar|apr|may|mei|jun|jul|aug|agu|sep|oct|okt|nov|dec|des|"
    r"janv|févr|fevr|avr|mai|juin|juil|août|aout|sept|déc"
)
_DATE_START = re.compile(rf"\s(?:{_MONTH})[a-zé]*\.?\s+\d|\s?\d", re.IGNORECASE)
_TRAILING = " ,;|-–—·•"


def by_line(text: str) -> str | None:
    """The "By ..." part of a byline element's text, without the date run into it; None when
    the text does not open with the word for "by" or names nobody after it.

    "By GILLIAN MOHNEY March 11, 2015 3:46 PM" -> "By GILLIAN MOHNEY".
    """
    line = " ".join(text.split())
    if not _BY.match(line):
        return None
    date = _DATE_START.search(line)
    if date:
        line = line[: date.start()]
    line = line.rstrip(_TRAILING)
    return line if len(line.split()) >= 2 else None


# Words one of which a class that may mark a byline contains.
_CLASS_WORDS = ("yline", "uthor", "autor", "penulis")
# A class name that marks a byline: "byline", "penulis", or the author's name by any of the
# usual spellings: "author", "authors", "author-name", "authorname" (rbb24.de's "Von <span
# class="authorname">"), "author__name", "post-author", "article-author", "c-autor". Not a
# comment's author ("comment-author"), nor an author's box ("author-bio", "author-box").
_BYLINE_NAME = re.compile(
    r"^(?:byline|penulis|(?:(?!comment)[a-z][a-z0-9-]*?(?:-|_|__))?(?:author|autor)s?(?:[-_]{0,2}name)?)$",
    re.IGNORECASE,
)


def byline_elements(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """In page order, the elements with a byline class name (``byline``, ``penulis``,
    ``author`` and its spellings, see ``_BYLINE_NAME``), and those with "byline" or "Byline"
    anywhere in their class (``pb-byline``, ``FeatureByline``); both from one walk of the page.
    """
    named: list[etree._Element] = []
    anywhere: list[etree._Element] = []
    for el in class_contains(root, _CLASS_WORDS):
        names = el.get("class", "")
        if any(_BYLINE_NAME.match(name) for name in names.split()):
            named.append(el)
        if "byline" in names or "Byline" in names:
            anywhere.append(el)
    return named, anywhere


# A photo's box: figure, figcaption, Kompas's <div class="photo">, any "*caption*" class. Names
# in it are the photographer's or the agency's: <div class="photo"><img ...><span class="pb_10
# author">KOMPAS.COM/MASRIADI</span> Penyidik Polres ...</div>. A list is never a caption:
# the Independent prints its byline as <ul class="caption meta inline-pipes-list"><li
# class="author" itemprop="author">.
_PHOTO_TAGS = frozenset({"figure", "figcaption"})
_LISTS = frozenset({"ul", "ol"})
# XPath's normalize-space() separates at these four characters only, not at a no-break space.
_XML_SPACE = str.maketrans("\t\n\r", "   ")


def in_photo_box(element: etree._Element) -> bool:
    """Whether the element or one of its ancestors is a photo's box, as the XPath
    ``boolean(ancestor-or-self::*[self::figure or self::figcaption or contains(concat(' ',
    normalize-space(@class), ' '), ' photo ') or (contains(@class, 'caption') and
    not(self::ul or self::ol))])`` tells, read in Python: a call of that XPath costs as much
    as twenty steps up in Python (its string functions copy every class on the way)."""
    el: etree._Element | None = element
    while el is not None:
        tag = el.tag
        if tag in _PHOTO_TAGS:
            return True
        names = el.get("class")
        if names is not None and (
            ("caption" in names and tag not in _LISTS)
            or ("photo" in names and "photo" in names.translate(_XML_SPACE).split(" "))
        ):
            return True
        el = el.getparent()
    return False


# Short texts that may label a credit: "Penulis: Ani", "Reporter : Budi | Editor : Citra",
# "Written by Dedi". One pass over the page's text nodes serves both roles.
_LABELLED_TEXT = etree.XPath(
    ".//text()[string-length(.) < 120]"
    "[contains(., ':') or contains(., 'ritten by') or contains(., 'dited by')]"
    "[not(parent::script or parent::style)]",
    smart_strings=False,
)
# A line that labels a credit, with the labels the credit cleaner knows (normalize/authors.py);
# a label needs its colon ("Red Hat" is no editor), but for "Written by" / "Edited by".
_AUTHOR_LINE = re.compile(rf"^(?:(?:{AUTHOR_LABELS})\s*:|written by\b)\s*[^\W\d_]", re.IGNORECASE)
_EDITOR_LINE = re.compile(
    rf"^(?:(?:{EDITOR_LABELS})\s*:|edited by\b)\s*(?P<name>[^\W\d_][\w .'-]{{2,60}})$",
    re.IGNORECASE,
)


def labelled_lines(region: etree._Element) -> list[str]:
    """The short lines in ``region`` that may label a credit, whitespace collapsed, in page
    order."""
    return [" ".join(str(text).split()) for text in _LABELLED_TEXT(region)]


def labelled_authors(lines: list[str]) -> list[str]:
    """Of :func:`labelled_lines`, those that label the writer: "Penulis: Ani Wijaya",
    "Reporter : Budi | Editor : Citra" (the credit cleaner splits the roles)."""
    return [line for line in lines if _AUTHOR_LINE.match(line)]


def labelled_editors(lines: list[str]) -> list[str]:
    """Of :func:`labelled_lines`, the names a line labels as the editor's: "Editor: Ani"."""
    found = (_EDITOR_LINE.match(line) for line in lines)
    return [match["name"] for match in found if match]


# A link to an author's page: "/autoren/name/max-kolter" (lto.de), "/author/jane-doe",
# "/penulis/budi", "/journalist/ola-nordmann"; a slug must follow the directory's name.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|es|i)?|auteurs?|autore|penulis|reporters?|journalist(?:en|s)?|"
    r"writers?|contributors?)/[^/?#]*[^\W\d_][^?#]*$",
    re.IGNORECASE,
)
_LINKS = etree.XPath(".//a[@href]")
# What _AUTHOR_PAGE needs, found fast: one of the directory names after a slash.
_AUTHOR_DIRECTORY = re.compile(
    r"/(?:author|autor|auteur|penulis|reporter|journalist|writer|contributor)", re.IGNORECASE
)
# Where a link to an author's page names no author of this article: the site's menus and
# footer ("Unsere Autoren"), a side column's "more from" box.
_NOT_BYLINE_TAGS = frozenset({"nav", "footer", "aside"})


def author_links(root: etree._Element) -> list[etree._Element]:
    """Links to an author's page whose text reads as a name (two to five words, no digit),
    outside menus, footers and side columns, in page order.

    Many bylines carry no class or ``rel`` that says so, only where the name links to: lto.de
    prints ``von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a>`` under the headline,
    while its meta author is the outlet ("LTO").
    """
    found: list[etree._Element] = []
    for link in _LINKS(root):
        href = link.get("href") or ""
        if not _AUTHOR_DIRECTORY.search(href):
            continue
        path = href.split("://", 1)[-1]
        words = text_of(link).split()
        if not (2 <= len(words) <= 5) or any(ch.isdigit() for w in words for ch in w):
            continue
        if not _AUTHOR_PAGE.search(path.rstrip("/")):
            continue
        if any(a.tag in _NOT_BYLINE_TAGS for a in link.iterancestors()):
            continue
        found.append(link)
    return found


def headline_first(
    elements: list[etree._Element], headline: etree._Element | None
) -> list[etree._Element]:
    """``elements`` (in page order) with those from the headline on first, then those
    before it: a byline follows its headline, while one above it belongs to the menus or to
    a teaser of another story (thenation.com prints a "collections" box, each teaser with its
    ``collections__author``, before the article's ``<h1>``)."""
    if headline is None or len(elements) < 2:
        return elements
    wanted = {id(el) for el in elements}
    before: list[etree._Element] = []
    for el in headline.getroottree().getroot().iter():
        if el is headline:
            break
        if id(el) in wanted:
            before.append(el)
    if not before or len(before) == len(elements):
        return elements
    after = elements[len(before) :]
    return [*after, *before]


def first_byline(elements: Iterable[etree._Element]) -> list[etree._Element]:
    """The first byline element with text and those beside it, photo credits left out.

    A page prints its article's byline once, near the headline; further matches belong
    to teasers, "more from" boxes and comment threads (Quanta's related posts, Yahoo's
    side column each carry a ``.byline``). Several authors sit side by side in one line
    (``<a rel="author">A</a> and <a rel="author">B</a>``), so the first match's
    siblings stay; a credit inside a photo's box names who took the picture.
    """
    kept: list[etree._Element] = []
    for el in elements:
        if in_photo_box(el):
            continue
        if kept and not any(
            el.getparent() is k.getparent() or k in el.iterancestors() for k in kept[:1]
        ):
            continue
        if text_of(el):
            kept.append(el)
    # A byline element holding others ("<div class="byline">By <a class="author">A</a> ·
    # 5:00 am</div>"): the inner ones are the names, the outer adds what is not.
    inner = [k for k in kept if not any(o is not k and k in o.iterancestors() for o in kept)]
    return inner


# How far above the text's block a credit is looked for.
_CREDIT_LEVELS = 3


def credit_region(block: etree._Element | None, root: etree._Element) -> etree._Element:
    """Where a credit for the text in ``block`` is looked for: a few levels above it (not
    above ``<body>``), else the whole page. A credit stands in the article's header or at its
    foot, within a few levels of its text."""
    if block is None or block.getparent() is None:
        return root
    region = block
    for _ in range(_CREDIT_LEVELS):
        parent = region.getparent()
        if parent is None or region.tag == "body":
            break
        region = parent
    return region
