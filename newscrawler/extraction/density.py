"""The block of a page that holds the most prose, in the manner of Readability: the generic
page's container of last resort, and the candidate :mod:`mainblock` weighs the others by."""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from functools import lru_cache

from lxml import etree, html

from newscrawler.extraction.body import paragraphs
from newscrawler.extraction.furniture import BLOCK_TAGS, SKIP_TAGS, is_furniture

# Class or id words that say a block holds the article, or that it does not (compared on the
# whole attribute, lowercased): "entry-content", "post-body" vs "sidebar", "comment-list".
_LIKELY_TEXT = re.compile(r"article|body|content|entry|main|post|story|text|blog|isi|berita")
_UNLIKELY_TEXT = re.compile(
    r"comment|footer|sidebar|widget|related|promo|sponsor|share|social|banner|masthead|"
    r"menu|nav|breadcrumb|tags|meta|shopping|subscribe|newsletter|cookie|popup|modal"
)
# A paragraph shorter than this is a label or a link, not prose.
_MIN_PARAGRAPH = 25
# Paragraph-like elements; a <div> counts too when no block sits directly inside it.
_PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote", "dd"})
# How much of a paragraph's vote its parent, grandparent and great-grandparent receive.
_ANCESTOR_SHARE = (1.0, 0.5, 1 / 6)
# Candidates whose link density is measured (the few best by raw score; measuring is O(text)).
_TOP_CANDIDATES = 5


def densest_block(root: etree._Element) -> etree._Element | None:
    """The block that holds the most prose, in the manner of Readability; a last resort.

    Every paragraph of 25+ characters votes for its parent, grandparent and great-
    grandparent: one point, one per comma, one per 100 characters (at most 3), the whole
    scaled down by the share of its text inside links (a list of names or headlines set as
    one paragraph is not prose). Text set between ``<br>``s votes chunk by chunk, as if each
    were a ``<p>``. A block's votes are weighted by its class ("entry-content" up, "sidebar"
    down) and by the share of its text that is not link text, so a footer of link lists or a
    teaser column loses to the article column. Where the article is split among sibling
    blocks (a book chapter in ``<section>``s, a post in several ``<div>``s), those siblings
    that score nearly as well are joined: the result is then a new ``<div>`` holding copies
    of them, in page order. Blocks marked as furniture ("baca-juga", "share-bar", hidden)
    never vote.
    """
    votes: dict[etree._Element, float] = {}
    for para, points, holds_text in _prose_blocks(root):
        # A paragraph votes for the block around it; text loose in a block, for the block.
        ancestor = para if holds_text else para.getparent()
        for share in _ANCESTOR_SHARE:
            if ancestor is None:
                break
            votes[ancestor] = votes.get(ancestor, 0.0) + points * share
            ancestor = ancestor.getparent()
    if not votes:
        return None
    best, best_score = _least_linked(votes)
    if best.tag in _TABLE_PARTS:
        # A table's rows outvote the prose around them (Wikipedia's "List of ..." pages: a
        # paragraph, a table of 50 rows, notes): the table is part of the article, which is
        # the block around it.
        outer = next((el for el in best.iterancestors() if el.tag not in _TABLE_PARTS), None)
        if outer is not None and outer.tag != "body":
            return outer
    risen = _risen(best, votes)
    if risen is not best:
        best, best_score = risen, _score(risen, votes)
    kin = _with_kin(best, best_score, votes)
    return kin if kin is not None else _with_siblings(best, best_score, votes)


def _least_linked(votes: dict[etree._Element, float]) -> tuple[etree._Element, float]:
    """Of the few blocks with the most weighted votes, the one that keeps the most once its
    link text is taken off, and its score; the first of equals.

    A block's weighted votes bound its score (the link share only lowers it), and the blocks
    come in order of those votes: once the bound falls below the best score found, no block
    left can reach it, and measuring their links (the whole page's text, for an outer block)
    would change nothing.
    """
    weighted = sorted(
        ((el, score * _class_weight(el)) for el, score in votes.items()),
        key=lambda pair: pair[1],
        reverse=True,
    )
    best, best_score = weighted[0][0], -1.0
    for el, bound in weighted[:_TOP_CANDIDATES]:
        if bound < best_score:
            break
        score = bound * (1 - _link_density(el))
        if score > best_score:
            best, best_score = el, score
    return best, best_score


def _risen(best: etree._Element, votes: dict[etree._Element, float]) -> etree._Element:
    """An ancestor of ``best`` whose votes rise again on the way up, else ``best``.

    Votes fall from a block to its parent; where they rise again a level or two up, the
    text goes on around the best block, as Readability reasons. The Herald Sun prints the
    first paragraphs in ``<div class="story-body">`` and the rest in a "read more" box
    inside it, which holds the most. Raw votes, not weighted by class: a caption's box beside
    the text must not lift ``<div class="element article">`` above the article's own block.
    """
    last = votes[best]
    floor = last / 3
    parent = best.getparent()
    while parent is not None and parent.tag != "body":
        if parent in votes:
            score = votes[parent]
            if score < floor:
                break
            if score > last:
                return parent
            last = score
        parent = parent.getparent()
    return best


_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr"})


def whole_body(root: etree._Element) -> etree._Element | None:
    """The page's ``<body>`` when it shows text besides its headline: the container of last
    resort, for pages with no paragraph long enough to vote (a note of a few short lines).

    A photo gallery, an ``<h1>`` over figures whose captions the walker skips, shows nothing
    else and has no article text.
    """
    body = root.find("body")
    if body is None:
        return None
    headlines = {" ".join(h1.text_content().split()) for h1 in body.iter("h1")}
    if all(line in headlines for line in paragraphs(body)):
        return None
    return body


def _prose_blocks(root: etree._Element) -> list[tuple[etree._Element, float, bool]]:
    """Each paragraph outside skipped and furniture boxes: (element, its points, whether the
    element holds the text loose between ``<br>``s rather than being a paragraph).

    Each element's children are listed once and that list answers every question about them
    (a ``<br>`` among them, a block among them, their tails, where the walk goes next). The
    walk goes on only to children that can hold or be a paragraph: a childless ``<a>``,
    ``<img>`` or ``<span>`` (a third of the elements a page's walk would visit) is neither.
    """
    found: list[tuple[etree._Element, float, bool]] = []
    tag = root.tag
    if tag.__class__ is not str or tag in SKIP_TAGS:
        return found
    stack = [root]
    pop, push = stack.pop, stack.append
    while stack:
        el = pop()
        tag = el.tag
        # <body>'s classes name the layout: Drupal's <body class="one-sidebar sidebar-second">.
        if el is not root and tag != "body" and is_furniture(el):
            continue
        if tag in _PARAGRAPH_TAGS:
            points = _paragraph_points(el)
            if points:
                found.append((el, points, False))
            if tag != "td":
                continue
            _push_walkable(list(el), push)
            continue
        children = list(el)
        has_br = has_block = False
        walkable = []
        for child in children:
            child_tag = child.tag
            if child_tag == "br":
                has_br = True
            elif child_tag in _BLOCK_OR_SKIP_TAGS:
                has_block = True
            if child_tag in _WALKED_LEAVES or (
                child_tag.__class__ is str and child_tag not in SKIP_TAGS and len(child)
            ):
                walkable.append(child)
        # Text set between <br>s straight inside a block: "<div>A<br><br>B</div>".
        loose = _loose_text_points(el, children) if has_br else 0
        if loose:
            found.append((el, loose, True))
        elif tag == "div" and not has_block:
            points = _paragraph_points(el)
            if points:
                found.append((el, points, False))
        walkable.reverse()
        stack.extend(walkable)
    return found


# Where the walk goes: paragraphs and <div>s, and any element with children (a <section>, a
# <span> holding a <p>). A comment's tag is a function, in neither set.
_WALKED_LEAVES = _PARAGRAPH_TAGS | {"div"}


def _push_walkable(children: list[etree._Element], push: Callable[[etree._Element], None]) -> None:
    """Pushes, last first, the children the walk visits: not skipped, and a paragraph, a
    ``<div>`` or an element with children of its own (the test _prose_blocks makes inline
    for the children of a block it looks over anyway)."""
    for child in reversed(children):
        child_tag = child.tag
        if child_tag in _WALKED_LEAVES or (
            child_tag.__class__ is str and child_tag not in SKIP_TAGS and len(child)
        ):
            push(child)


# A skipped child counts: <div class="column-right-inner"><aside>...</aside></div> is a
# sidebar, not a paragraph holding the aside's 40k characters of links.
_BLOCK_OR_SKIP_TAGS = BLOCK_TAGS | SKIP_TAGS


def _points(text: str) -> int:
    """A paragraph's vote: nothing under 25 characters, else one point, one per comma and
    one per 100 characters (at most 3)."""
    length = len(text.strip())
    if length < _MIN_PARAGRAPH:
        return 0
    return 1 + text.count(",") + min(length // 100, 3)


def _loose_text_points(el: etree._Element, children: list[etree._Element]) -> int:
    """The points of the text loose in ``el`` (its text and its children's tails), each run
    between two ``<br>``s a paragraph of its own: an old layout's or a Korean portal's
    article is one ``<div>`` of text and ``<br><br>``, and ten paragraphs there are worth
    what ten ``<p>`` are."""
    points = 0
    chunk = el.text or ""
    for child in children:
        if child.tag == "br":
            points += _points(chunk)
            chunk = ""
        tail = child.tail
        if tail:
            chunk += tail
    return points + _points(chunk)


def _paragraph_points(el: etree._Element) -> float:
    """The points of a paragraph's visible text, times the share of it outside links.

    Script text is not visible: a table cell holding an ad's ``<script>`` is not a paragraph.
    A paragraph of links is not prose: Archive of Our Own's "kudos" line, a thousand user
    names in links, comma after comma, would outvote the story. Both cost a look inside the
    paragraph, taken only where the points are high: below that, a handful of short
    paragraphs, a block's link density already tells links from prose.
    """
    text = el.text_content()
    points = _points(text)
    if points < _CHECKED_POINTS:
        return points
    linked = 0
    for inner in el.iter("a", "script", "style"):
        if inner.tag == "a":
            linked += len(inner.text_content())
        else:
            text = text.replace(inner.text_content(), "", 1)
    points = _points(text)
    if linked and points:
        return points * max(0.0, 1 - linked / len(text))
    return points


# Points from which a paragraph is looked into (4 commas, or 2 in 300 characters).
_CHECKED_POINTS = 6


def _class_weight(el: etree._Element) -> float:
    names = el.get("class")
    ident = el.get("id")
    if names is None and ident is None:
        return 1.0
    return _names_weight(f"{names or ''} {ident or ''}".lower())


# Many blocks of a page share their class ("row", "col-md-8"): each string is weighed once.
@lru_cache(maxsize=4096)
def _names_weight(names: str) -> float:
    if not names.strip():
        return 1.0
    weight = 1.0
    if _LIKELY_TEXT.search(names):
        weight *= 1.5
    if _UNLIKELY_TEXT.search(names):
        weight *= 0.5
    return weight


def _link_density(el: etree._Element) -> float:
    """Share of the block's text that sits inside links: near 1 for menus and teaser lists."""
    total = len(el.text_content())
    if not total:
        return 1.0
    if _NESTED_LINK(el):
        # Each link counts its own text, a link's text inside another link twice.
        linked = sum(len(a.text_content()) for a in el.iter("a"))
    else:
        # The same sum without an element object per link: the text nodes under links.
        linked = sum(map(len, _LINK_TEXT(el)))
    return min(linked / total, 1.0)


_LINK_TEXT = etree.XPath("descendant-or-self::a//text()", smart_strings=False)
_NESTED_LINK = etree.XPath("boolean(descendant-or-self::a//a)")


def _score(el: etree._Element, votes: dict[etree._Element, float]) -> float:
    return votes[el] * _class_weight(el) * (1 - _link_density(el))


def _with_kin(
    best: etree._Element, best_score: float, votes: dict[etree._Element, float]
) -> etree._Element | None:
    """The best block joined with the blocks elsewhere on the page whose class starts with
    the same name and that score at least a fifth as well, in page order; None when there
    are none.

    A long feature broken by full-width pictures and pull quotes is several blocks of one
    class, each in a section of its own: Quanta's ``<div class="post__content ...">``. A
    how-to page is one block per step, the first marked apart: eHow's ``<div class="content
    lead">`` then ``<div class="content">`` in each step. Those are too short to pass the
    sibling rule's floor, but their shared name is a signal that plain text blocks lack.
    """
    names = best.get("class", "").split(None, 1)
    if not names:
        return None
    first = names[0]
    threshold = best_score * 0.2
    kin = [
        el
        for el in votes
        if el is not best
        and el.tag == best.tag
        and first in el.get("class", "")
        and el.get("class", "").split(None, 1)[0] == first
        and _score(el, votes) >= threshold
    ]
    if not kin:
        return None
    chosen = {best, *kin}
    # Page order, and no block twice: one inside another is read with the outer one.
    ordered = [
        el
        for el in best.getroottree().getroot().iter(best.tag)
        if el in chosen and not any(outer in chosen for outer in el.iterancestors())
    ]
    if len(ordered) < 2:
        return None
    return _joined(ordered)


def _with_siblings(
    best: etree._Element, best_score: float, votes: dict[etree._Element, float]
) -> etree._Element:
    parent = best.getparent()
    if parent is None:
        return best
    threshold = max(10.0, best_score * 0.2)
    joined = [
        sibling
        for sibling in parent
        if sibling is best
        or (
            isinstance(sibling.tag, str)
            and not is_furniture(sibling)
            and sibling in votes
            and _score(sibling, votes) >= threshold
        )
    ]
    if len(joined) == 1:
        return best
    return _joined(joined)


def _joined(blocks: list[etree._Element]) -> etree._Element:
    """A new ``<div>`` holding copies of ``blocks`` in the order given; the page is left as
    it is, since other fields still read it."""
    wrapper = html.Element("div")
    for block in blocks:
        copy = deepcopy(block)
        copy.tail = None
        wrapper.append(copy)
    return wrapper
