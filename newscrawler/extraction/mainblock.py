"""Choosing the generic page's article text by evidence, never by position.

A page offers several blocks that could be its article: each ``itemprop=articleBody``, each
``<article>`` (a teaser in a "more stories" rail is an ``<article>`` too, and often comes
first), and the block that holds the most prose (:func:`density.densest_block`). They are
weighed, not taken in page order:

1. Every candidate is read into paragraphs; a candidate whose text is an unrendered template
   (``${lead}``, ``{{ body }}``) has no text.
2. The prose of each is measured: the characters of its paragraphs long enough to be
   sentences (a teaser card holds a headline and a line; the story holds many).
3. A marked-up candidate wins when it holds at least half the prose of the densest block or
   contains that block (the markup then only adds the lead or a subheading the vote left
   out); of several, the first (an outer ``<article>`` around the whole page holds the
   story, its comments and the related stories). Otherwise the densest block wins: the
   markup named a teaser, a card or a related story.

:func:`judge` then weighs the chosen text against a second, independent reading of the page
(trafilatura's) and says how sure the choice is; see its docstring.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from newscrawler.extraction import body as body_text
from newscrawler.extraction import density, furniture
from newscrawler.extraction.datelines import headline_element

# An unrendered client-side template: Liputan6-style pages that fill the text in the browser
# print ``${lead}`` where the lead goes; Mustache/Jinja/ERB print ``{{ body }}``/``<%= %>``.
_PLACEHOLDER = re.compile(r"^\s*(?:\$\{[^}]*\}|\{\{[^}]*\}\}|\{%[^%]*%\}|<%=?[^%]*%>)\s*$")
# A paragraph this long is a sentence, not a label, a button or a headline.
_PROSE_LINE = 60
# What a marked-up block must hold of the densest block's prose to be believed.
_MARKUP_SHARE = 0.5


def real_paragraphs(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without unrendered template placeholders."""
    return [p for p in paragraphs if not _PLACEHOLDER.match(p)]


def prose(paragraphs: list[str]) -> int:
    """Characters of the paragraphs long enough to be sentences."""
    return sum(len(p) for p in paragraphs if len(p) >= _PROSE_LINE)


@dataclass(frozen=True)
class Candidate:
    element: etree._Element
    source: str
    paragraphs: list[str]

    @property
    def prose(self) -> int:
        return prose(self.paragraphs)


def _candidate(element: etree._Element | None, source: str) -> Candidate | None:
    if element is None:
        return None
    found = real_paragraphs(body_text.paragraphs(element))
    return Candidate(element, source, found) if found else None


def choose(root: etree._Element, headlines: list[str] | None = None) -> Candidate | None:
    """The generic page's article block, by the rules in the module's docstring.

    ``headlines`` (the page's title metas and ``<title>``) find the headline's element,
    whose side of the page the text is looked for on first (:func:`beside_headline`).
    """
    marked = [
        c for el in body_text.marked_up(root) if (c := _candidate(el, "generic:markup")) is not None
    ]
    dense = _candidate(density.densest_block(root), "generic:density")
    if dense is not None and headlines:
        dense = beside_headline(root, dense, headlines)
    if dense is None:
        if marked:
            return max(marked, key=lambda c: c.prose)
        return _candidate(density.whole_body(root), "generic:page")
    believed = [
        c
        for c in marked
        if c.prose >= _MARKUP_SHARE * dense.prose or _contains(c.element, dense.element)
    ]
    return believed[0] if believed else dense


# What the prose on the headline's side of the page must hold of the densest block's.
_NEAR_SHARE = 0.25


def beside_headline(root: etree._Element, dense: Candidate, headlines: list[str]) -> Candidate:
    """The text on the headline's side of the page, where the densest block is elsewhere.

    A column of teasers or a long "about" box beside a short story can hold more prose than
    the story. The story sits with its headline: where the headline's part of the page (the
    child of the lowest element holding both, that holds the headline) has prose of its own,
    a quarter of the densest block's or more, the best block there is the text. A headline
    set alone in a full-width header has no prose beside it, and the densest block stays.
    """
    block = dense.element
    anchor = headline_element(root, headlines)
    if anchor is None or block.getparent() is None or _contains(block, anchor):
        return dense
    # The proxies are kept in a list: lxml gives an element the same Python object only
    # while one is referenced, so ids of dropped proxies could be reused.
    path = [anchor, *anchor.iterancestors()]
    common = next((a for a in block.iterancestors() if any(a is p for p in path)), None)
    if common is None:
        return dense
    side = path[next(i for i, p in enumerate(path) if p is common) - 1]
    if side is anchor:
        return dense
    near = _candidate(density.densest_block(side), "generic:density")
    if near is None or near.prose < _NEAR_SHARE * dense.prose:
        return dense
    return Candidate(near.element, "generic:beside-headline", near.paragraphs)


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    """Whether ``inner`` is ``outer`` or inside it (a joined block: its first part is)."""
    if inner.getparent() is None and len(inner):
        # densest_block's join of copies: compare by the copies' text instead.
        first = " ".join(inner[0].text_content().split())[:200]
        return bool(first) and first in " ".join(outer.text_content().split())
    return inner is outer or any(a is outer for a in inner.iterancestors())


# -- a second reading ---------------------------------------------------------------------

# Two readings that share less than this (token F1) took different blocks: one of them took
# a teaser, a sidebar or another story, or found nothing where the other found the text.
_DISAGREE = 0.3
# Readings that share this much took the same block.
_AGREE = 0.7
# A paragraph of ours the second reading lacks is furniture (a "Read next" list, a kicker,
# a box's button labels) when it is shorter than this and most of its words are not in the
# second reading; a longer one is prose the other reading cut short, and stays.
_FURNITURE_LINE = 200
_SHARED_WORDS = 0.8

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Case-folded runs of letters and digits: what two readings are compared on."""
    return _WORD.findall(text.casefold())


def agreement(ours: list[str], theirs: list[str]) -> float:
    """Token F1 between two readings of a page (1.0: the same words, as often)."""
    a, b = Counter(words(" ".join(ours))), Counter(words(" ".join(theirs)))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def second_reading(markup: str, url: str | None) -> list[str]:
    """trafilatura's reading of the page's main text, one paragraph a line.

    trafilatura is a well-kept extractor built on other evidence than ours (its own
    boilerplate rules, then readability and jusText as fallbacks): where its reading and
    ours agree, both are likely right; where they part, one took the wrong block.
    Comments are left out: they are never the article.
    """
    # Imported here: a crawl of sites whose page objects read their own containers never
    # asks, and need not load it.
    import trafilatura

    text = trafilatura.extract(markup, url=url, include_comments=False, include_tables=True)
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Judgement:
    """The paragraphs to keep, whose reading they are, and how sure the choice is.

    ``confidence`` is ``high`` (two independent readings took the same block), ``medium``
    (they overlap, or there was no second reading to compare with) or ``low`` (they took
    different blocks, or one found nothing: the text kept is the better-supported guess).
    """

    paragraphs: list[str]
    reading: str  # "ours" or "trafilatura"
    confidence: str
    reason: str
    dropped: int = 0  # our paragraphs left out as furniture the second reading lacks


def judge(ours: list[str], theirs: list[str]) -> Judgement:
    """Weigh our reading of the page against a second one.

    1. No second reading: ours, ``medium`` (``low`` when ours is empty too).
    2. Ours is empty, or the two share less than 30% of their words: they took different
       blocks, and the second reading, which weighs the page on evidence of its own
       (boilerplate patterns, text density, fallback extractors), is the one kept, ``low``;
       unless it holds no line of prose (a gallery's captions), when ours stays, ``low``.
    3. Otherwise ours, with its short paragraphs that the second reading lacks left out
       (:data:`_FURNITURE_LINE`), ``high`` when the two agree on 70% of their words, else
       ``medium``.
    """
    if not theirs:
        if not ours:
            return Judgement([], "ours", "low", "no reading found any text")
        return Judgement(ours, "ours", "medium", "no second reading to compare with")
    shared = agreement(ours, theirs) if ours else 0.0
    if shared < _DISAGREE and not prose(theirs):
        # A second reading of short lines only (a gallery's headline and captions) is no
        # article text either.
        return Judgement(ours, "ours", "low", "the second reading found no prose")
    if shared < _DISAGREE:
        return Judgement(
            theirs, "trafilatura", "low", f"the readings took different blocks ({shared:.2f})"
        )
    vocabulary = set(words(" ".join(theirs)))
    kept = [p for p in ours if len(p) >= _FURNITURE_LINE or _shared(p, vocabulary)]
    confidence = "high" if shared >= _AGREE else "medium"
    return Judgement(
        kept,
        "ours",
        confidence,
        f"the readings agree on {shared:.2f} of their words",
        dropped=len(ours) - len(kept),
    )


def _shared(paragraph: str, vocabulary: set[str]) -> bool:
    found = words(paragraph)
    if not found:
        return True
    return sum(w in vocabulary for w in found) >= _SHARED_WORDS * len(found)


# A site's container that opens with the page's headline holds the page's header too (the
# date line, the channel, the photographer's credit): the site's selector matched a wrapper
# of a layout it was not written for, e.g. a photo channel of a portal whose page object
# knows its news pages.
_HEADER_PARAGRAPHS = 4


def implausible(paragraphs: list[str], headlines: list[str]) -> str | None:
    """Why a site container's ``paragraphs`` are not the article text, or None."""
    if not paragraphs:
        return "the site's container is empty"
    heads = {h.casefold() for h in headlines if len(h) >= 10}
    if not heads:
        return None
    for paragraph in paragraphs[:_HEADER_PARAGRAPHS]:
        if paragraph.casefold() in heads:
            return "the site's container starts with the headline"
    if len(paragraphs) == 1 and any(paragraphs[0].casefold().startswith(h) for h in heads):
        return "the site's container is one block starting with the headline"
    return None


# -- the standfirst -------------------------------------------------------------------------

# A description shorter than this is a label, not a lead.
_MIN_LEAD = 40
# How much of the description's start an element must show to be its printed form.
_LEAD_PREFIX = 60
# Elements a standfirst is printed in; one with more children than this is a wrapper.
_LEAD_TAGS = ("p", "h2", "div", "span", "strong", "em")
_LEAD_CHILDREN = 4
_NOT_SHOWN = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "footer",
        "figure",
        "figcaption",
        "a",
        "button",
        "form",
    }
)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def standfirst(
    root: etree._Element, container: etree._Element, descriptions: list[str], first: list[str]
) -> str | None:
    """The lead the page prints above its article block, when that block leaves it out.

    Many publishers set the standfirst (the teaser, the "summary" under the headline) apart
    from the text's own block, and the same words are the page's description meta (Die Welt,
    The Intercept, Golem, Tageblatt). A description the page also *shows*, before the chosen
    block, is the article's first paragraph; one only in ``<meta>`` is not. ``first`` is the
    block's first paragraphs: a lead already there is not added twice.
    """
    leads = [_folded(d) for d in descriptions if len(d.strip()) >= _MIN_LEAD]
    if not leads:
        return None
    opening = _folded(" ".join(first))
    leads = [lead for lead in leads if lead[:_LEAD_PREFIX] not in opening]
    if not leads:
        return None
    body = root.find("body")
    if body is None or container.getparent() is None:
        return None
    for el in body.iter(_LEAD_TAGS):
        if el is container or _is_inside(el, container):
            break
        if len(el) > _LEAD_CHILDREN or _in_hidden_box(el):
            continue
        shown = " ".join(el.text_content().split())
        folded = shown.casefold()
        if len(shown) < _MIN_LEAD:
            continue
        for lead in leads:
            same_start = folded.startswith(lead[:_LEAD_PREFIX]) or lead.startswith(
                folded[:_LEAD_PREFIX]
            )
            if same_start and 0.6 * len(lead) <= len(folded) <= 1.6 * len(lead):
                return shown
    return None


def _is_inside(el: etree._Element, container: etree._Element) -> bool:
    return any(a is container for a in el.iterancestors())


def _in_hidden_box(el: etree._Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _NOT_SHOWN for a in (el, *el.iterancestors()))


# -- text behind a "continue reading" control ---------------------------------------------

# Inline ways of hiding a block until the reader asks: <div hidden>, style="display:none".
_HIDDEN_BLOCKS = etree.XPath(
    ".//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]"
    "[not(ancestor::*[@hidden or contains(translate(@style, ' ', ''), 'display:none')])]"
)
# A hidden block is the article's rest only with prose in it: this much, in sentences.
_COLLAPSED_PROSE = 300


def collapsed(container: etree._Element, shown: list[str]) -> list[str]:
    """Paragraphs of prose that the container hides after its shown text, not shown already.

    Publishers print the whole article and fold its end behind a "continue reading" or
    "Baca selengkapnya" button: ``<div class="read-more" style="display:none">``, a
    ``<div hidden>``. That text is the article's. A hidden box named as furniture (a share
    dialog, a related list), one with shown prose after it, or one without prose, is not.
    """
    seen = {" ".join(p.split()) for p in shown}
    rest: list[str] = []
    for block in _HIDDEN_BLOCKS(container):
        if not isinstance(block, etree._Element) or block.tag in _NEVER_TEXT:
            continue
        if furniture.named_as_furniture(block) or not _trailing(block, container):
            continue
        found = [p for p in body_text.paragraphs(block) if p not in seen]
        if prose(found) >= _COLLAPSED_PROSE:
            rest.extend(found)
            seen.update(found)
    return rest


_NEVER_TEXT = frozenset({"script", "style", "template", "noscript", "iframe", "svg"})
# Shown text after a folded block that still leaves it the article's end: its button's
# label, "Baca selengkapnya", "Continue reading".
_BUTTON_TEXT = 60


def _trailing(block: etree._Element, container: etree._Element) -> bool:
    """Whether ``block`` comes after the container's shown text: what follows it there
    shows no more than a button's label."""
    following = 0
    node = block
    while node is not container and node.getparent() is not None:
        if node.tail and node.tail.strip():
            following += len(node.tail.strip())
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and not furniture.not_shown(sibling):
                following += sum(map(len, body_text.paragraphs(sibling)))
            elif sibling.tail and sibling.tail.strip():
                following += len(sibling.tail.strip())
            if following > _BUTTON_TEXT:
                return False
        node = node.getparent()
    return following <= _BUTTON_TEXT
