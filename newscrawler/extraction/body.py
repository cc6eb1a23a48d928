"""Turning an article's HTML container into paragraphs of visible text, and finding the
containers a page marks up as its article.

The walk skips what a reader does not read as the article (:mod:`furniture`): scripts,
figures and captions, embedded players, share bars, and inline "Baca Juga" boxes that sites
put *inside* the article container. Text-level furniture ("Baca Juga:" lines, "(*)") is left
for normalization, which sees the paragraphs of every site in the same form. Where no site
selector or markup names the container, :mod:`density` and :mod:`mainblock` choose one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree, html

from newscrawler.extraction.furniture import BLOCK_TAGS, SKIP_TAGS, is_furniture
from newscrawler.extraction.index import PageIndex, compiled_xpath

_BREAK = "\x00"


def _walk(el: etree._Element, pieces: list[str], root: bool) -> None:
    """Appends the visible text of ``el`` (and its tail) to ``pieces``, ``_BREAK`` where a
    block starts or ends."""
    tag = el.tag
    if tag.__class__ is str:  # not a comment nor a processing instruction
        tag = tag.lower()
        if tag not in SKIP_TAGS and (root or not is_furniture(el)):
            _walk_inside(el, tag, pieces)
    tail = el.tail
    if tail:
        pieces.append(tail)


def _walk_inside(el: etree._Element, tag: str, pieces: list[str]) -> None:
    """Appends the visible text of ``el`` without its tail: ``el`` is shown (``tag`` is not
    skipped and ``el`` is not furniture).

    An explicit stack, not recursion: lxml builds trees up to 2,048 elements deep, and a
    page that nests a few hundred ``<div>`` more than it closes went past Python's limit of
    1,000 frames (RecursionError). It costs no more than the recursive walk did. A childless
    child (most are: an ``<a>``, a ``<b>``, a ``<br>``) is read in the loop, without going on
    the stack.
    """
    append = pieces.append
    if tag == "br":
        append(_BREAK)
    block = tag in BLOCK_TAGS
    if block:
        append(_BREAK)
    text = el.text
    if text:
        append(text)
    # The open elements, innermost last: their children still to read, whether each is a
    # block, and the tail that follows it.
    stack: list[tuple[Iterator[etree._Element], bool, str | None]] = [(iter(el), block, None)]
    while stack:
        children, block, tail = stack[-1]
        for child in children:
            child_tag = child.tag
            if child_tag.__class__ is str:
                child_tag = child_tag.lower()
                if child_tag not in SKIP_TAGS and not is_furniture(child):
                    if len(child):
                        if child_tag == "br":
                            append(_BREAK)
                        child_block = child_tag in BLOCK_TAGS
                        if child_block:
                            append(_BREAK)
                        text = child.text
                        if text:
                            append(text)
                        stack.append((iter(child), child_block, child.tail))
                        break
                    if child_tag in BLOCK_TAGS:
                        append(_BREAK)
                        text = child.text
                        if text:
                            append(text)
                        append(_BREAK)
                    else:
                        if child_tag == "br":
                            append(_BREAK)
                        text = child.text
                        if text:
                            append(text)
            text = child.tail
            if text:
                append(text)
        else:
            stack.pop()
            if block:
                append(_BREAK)
            if tail:
                append(tail)


def paragraphs(container: etree._Element) -> list[str]:
    """Visible paragraphs of ``container`` in order; blocks and ``<br>`` end a paragraph.

    ``<p>A<br><br>B</p>`` (Liputan6's old layout) gives ``["A", "B"]``.
    """
    out: list[str] = []
    for chunk in visible_text(container).split(_BREAK):
        # str.split() and re's \s agree on what whitespace is (Py_UNICODE_ISSPACE).
        text = " ".join(chunk.split())
        if text:
            out.append(text)
    return out


def visible_text(container: etree._Element) -> str:
    """The visible text of ``container`` and its tail, ``_BREAK`` where a block starts or
    ends."""
    pieces: list[str] = []
    _walk(container, pieces, True)
    return "".join(pieces)


def has_text(container: etree._Element) -> bool:
    """Whether ``paragraphs(container)`` would be non-empty, stopping at the first visible
    character: choosing a container only asks this, and the answer is usually in its first
    paragraph."""
    return _walk_finds_text(container, True)


def _walk_finds_text(el: etree._Element, root: bool) -> bool:
    # The same elements, texts and tails as _walk, in the same order, and on an explicit
    # stack for the same reason.
    tag = el.tag
    if tag.__class__ is str and tag.lower() not in SKIP_TAGS and (root or not is_furniture(el)):
        if _visible(el.text):
            return True
        stack: list[tuple[Iterator[etree._Element], str | None]] = [(iter(el), None)]
        while stack:
            children, tail = stack[-1]
            for child in children:
                tag = child.tag
                shown = tag.__class__ is str and tag.lower() not in SKIP_TAGS
                if shown and not is_furniture(child):
                    if _visible(child.text):
                        return True
                    stack.append((iter(child), child.tail))
                    break
                if _visible(child.tail):
                    return True
            else:
                stack.pop()
                if _visible(tail):
                    return True
    return _visible(el.tail)


def _visible(text: str | None) -> bool:
    # paragraphs() splits on _BREAK and drops blank chunks: "\x00 \x00" gives nothing.
    return bool(text and text.replace(_BREAK, "").strip())


# Where a page marks up its article: schema.org's articleBody, else an <article>. Seattle Times
# prints <meta itemprop="articleBody" content="(a summary)">, which holds no text.
# itemprop holds a list of names: Blogger's post is itemprop="description articleBody".
# Both read from the page's index, which lists the elements with an itemprop and the
# <article>s in page order from walks other fields need anyway: two more walks of the whole
# tree cost about a sixth of parsing it.
_ARTICLE_BODY = "articleBody"
# WordPress prints each comment as <article class="comment-body">, Kinja as <article
# class="js_reply reply">, sometimes before the story's own <article>.
_COMMENT_CLASS = re.compile(r"\b(?:comment|reply)", re.IGNORECASE)


def best_marked_up(root: etree._Element) -> etree._Element | None:
    """The first ``itemprop=articleBody`` element with text, else the first ``<article>``
    with text that is not a comment; None when the page marks up neither.

    An ``<article>`` counts only with a ``<p>`` or a ``<br>`` in it: one of text and ``<br>``s,
    with no ``<p>``, is an article too.
    """
    # The whole document, as ``//`` reads it, whatever element of it is given.
    root = root.getroottree().getroot()
    index = PageIndex.of(root)
    for el in index.attributed_with(root, "itemprop"):
        if el.tag != "meta" and _has_name(el.get("itemprop", ""), _ARTICLE_BODY) and has_text(el):
            return el
    for el in index.tags["article"]:
        if next(el.iter("p", "br"), None) is None:
            continue
        if _COMMENT_CLASS.search(el.get("class") or ""):
            continue
        if has_text(el):
            return el
    return None


def marked_up(root: etree._Element) -> list[etree._Element]:
    """Every ``itemprop=articleBody`` element, then every ``<article>`` with a ``<p>`` or a
    ``<br>`` that is not a comment, in page order: the candidates :func:`best_marked_up`
    takes the first of, for a chooser that weighs them all."""
    root = root.getroottree().getroot()
    index = PageIndex.of(root)
    found = [
        el
        for el in index.attributed_with(root, "itemprop")
        if el.tag != "meta" and _has_name(el.get("itemprop", ""), _ARTICLE_BODY)
    ]
    found.extend(
        el
        for el in index.tags["article"]
        if next(el.iter("p", "br"), None) is not None
        and not _COMMENT_CLASS.search(el.get("class") or "")
    )
    return found


def _has_name(value: str, name: str) -> bool:
    """Whether the space-separated list ``value`` holds ``name``, as XPath's
    ``contains(concat(" ", normalize-space(.), " "), " name ")`` tells: only XML's four
    whitespace characters separate, where ``str.split`` would also split at a no-break space.
    """
    return name in value.translate(_XML_SPACE).split(" ")


_XML_SPACE = str.maketrans("\t\n\r", "   ")


def first_match(root: etree._Element, xpaths: Iterable[str]) -> etree._Element | None:
    """The first element any of the XPath expressions finds, trying them in order."""
    for xp in xpaths:
        found = compiled_xpath(xp)(root)
        assert isinstance(found, list)
        for el in found:
            if isinstance(el, etree._Element):
                return el
    return None


def fragment_paragraphs(markup: str) -> list[str]:
    """Paragraphs of an HTML fragment, e.g. a feed item's description."""
    if not markup.strip():
        return []
    return paragraphs(html.fragment_fromstring(markup, create_parent="div"))
