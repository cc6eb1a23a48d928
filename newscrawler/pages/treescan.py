"""Walks over a whole page that collect elements by attribute, in C where compiled.

Two questions every generic page asks of the whole tree: which elements carry a byline-ish
class (``pb-byline``, ``author-name``), and which carry an ``itemprop`` or a ``rel``. As XPath
each is one walk, but ``contains(@class, "author")`` copies every class string of the page
once per word, and the two walks cost about a third of the parse. ``_treescan`` (Cython, built
by ``pip install``; see setup.py) reads libxml2's nodes directly and makes a Python object only
for the elements it returns: a tenth of the time. Where it is not compiled (no C compiler at
install), the XPath below gives the same elements in the same order.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

try:
    from newscrawler.pages import _treescan
except ImportError:  # installed without a C compiler: the XPath walks below
    _treescan = None  # type: ignore[assignment]

# Whether the C walks are in use (CI requires them: NEWSCRAWLER_REQUIRE_COMPILED=1).
COMPILED = _treescan is not None
# body.py's text walk and densest-block walk in C, built with body.py's rules; None where
# not compiled (body.py then walks in Python).
TextWalk = _treescan.TextWalk if _treescan is not None else None
ProseWalk = _treescan.ProseWalk if _treescan is not None else None


def class_contains(root: etree._Element, words: tuple[str, ...]) -> list[etree._Element]:
    """The elements under ``root`` (itself included), in page order, whose ``class``
    attribute contains one of ``words`` as a substring, case as given:
    ``descendant-or-self::*/@class[contains(., "author") or ...]/parent::*``."""
    return attribute_contains(root, "class", words)


def attribute_contains(
    root: etree._Element, name: str, words: tuple[str, ...]
) -> list[etree._Element]:
    """The elements under ``root`` (itself included), in page order, whose attribute
    ``name`` contains one of ``words``: ``descendant-or-self::*/@name[contains(., w)]/..``."""
    if _treescan is not None:
        return _treescan.attribute_contains(root, name.encode("utf-8"), _utf8(words))
    return _elements(_contains_xpath(name, words)(root))


def subtree_elements(
    anchors: list[etree._Element], tag: str | None, limit: int
) -> list[etree._Element] | None:
    """The elements under each of ``anchors`` (in page order, each included), each once and
    in page order, named ``tag`` (any if None); None when there are more than ``limit``."""
    if _treescan is not None:
        return _treescan.subtree_elements(anchors, (tag or "").encode("utf-8"), limit)
    found: list[etree._Element] = []
    last: etree._Element | None = None
    for anchor in anchors:
        if last is not None and any(a is last for a in anchor.iterancestors()):
            continue
        last = anchor
        for el in anchor.iter(tag or etree.Element):
            if not isinstance(el.tag, str):
                continue
            if len(found) >= limit:
                return None
            found.append(el)
    return found


def index_page(
    root: etree._Element, tags: tuple[str, ...]
) -> tuple[list[list[etree._Element]], list[tuple[str, str | None, str | None]], list[str]] | None:
    """What ``PageIndex`` reads, from one walk in C (see ``_treescan.index_page``); None
    where not compiled (``PageIndex`` then walks in Python)."""
    if _treescan is None:
        return None
    return _treescan.index_page(root, _utf8(tags))


def having_attribute(root: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    """The elements under ``root`` (itself included), in page order, with at least one of
    the attributes ``names``: ``(descendant-or-self::*/@itemprop | ...)/parent::*``."""
    if _treescan is not None:
        return _treescan.having_attribute(root, _utf8(names))
    return _elements(_attribute_xpath(names)(root))


@lru_cache(maxsize=64)
def _utf8(words: tuple[str, ...]) -> tuple[bytes, ...]:
    return tuple(word.encode("utf-8") for word in words)


@lru_cache(maxsize=64)
def _contains_xpath(name: str, words: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(., {_literal(word)})" for word in words)
    return etree.XPath(f"descendant-or-self::*/@{name}[{tests}]/parent::*")


@lru_cache(maxsize=64)
def _attribute_xpath(names: tuple[str, ...]) -> etree.XPath:
    steps = " | ".join(f"descendant-or-self::*/@{name}" for name in names)
    return etree.XPath(f"({steps})/parent::*")


def _literal(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    parts = ", '\"', ".join(f'"{part}"' for part in text.split('"'))
    return f"concat({parts})"


def _elements(found: object) -> list[etree._Element]:
    assert isinstance(found, list)
    return [el for el in found if isinstance(el, etree._Element)]
