"""Candidates for a field as page objects gather them: each value with where it was found,
in the page object's order of trust, without repeats."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from newscrawler.items import Found


def found_in(values: Iterable[str], source: str) -> list[Found]:
    """``values`` as candidates from ``source``, stripped, blanks left out."""
    return [Found(v.strip(), source) for v in values if v and v.strip()]


def attributes(elements: list[etree._Element], *names: str) -> list[str]:
    """Each attribute's values over the elements, one attribute after the other, as
    ``//x/@datetime`` then ``//x/@content`` give them."""
    return [value for name in names for el in elements if (value := el.get(name)) is not None]


def headline_in_title(headline: str, title: str) -> bool:
    """Whether ``title`` is ``headline`` plus branding: it contains the headline, and the
    headline is at least half of it. "Mozilla" is not the headline of "Mozilla - Wikipedia"
    by this rule, nor "evolve extension for Mercurial" of "Evolve: Shared Mutable History —
    evolve extension for Mercurial": such an ``<h1>`` names the site, not the page.
    """
    head, whole = " ".join(headline.casefold().split()), " ".join(title.casefold().split())
    return bool(head) and head in whole and 2 * len(head) >= len(whole)


def unique(found: Iterable[Found]) -> list[Found]:
    """Candidates without repeats, first occurrence kept (pages often say a thing twice)."""
    return list(dict.fromkeys(found))
