"""Walks over a whole page that collect elements by attribute, each one XPath walk.

Two questions every generic page asks of the whole tree: which elements carry a byline-ish
class (``pb-byline``, ``author-name``), and which carry an ``itemprop`` or a ``rel``. Each is
one walk that screens the attributes themselves (``descendant-or-self::*/@class[...]``) and
hands back their elements in page order, rather than a test on every element.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree


def class_contains(root: etree._Element, words: tuple[str, ...]) -> list[etree._Element]:
    """The elements under ``root`` (itself included), in page order, whose ``class``
    attribute contains one of ``words`` as a substring, case as given:
    ``descendant-or-self::*/@class[contains(., "author") or ...]/parent::*``."""
    return _elements(_class_xpath(words)(root))


def having_attribute(root: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    """The elements under ``root`` (itself included), in page order, with at least one of
    the attributes ``names``: ``(descendant-or-self::*/@itemprop | ...)/parent::*``."""
    return _elements(_attribute_xpath(names)(root))


@lru_cache(maxsize=64)
def _class_xpath(words: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(., {_literal(word)})" for word in words)
    return etree.XPath(f"descendant-or-self::*/@class[{tests}]/parent::*")


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
