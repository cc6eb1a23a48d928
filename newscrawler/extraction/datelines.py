"""The date a page prints by its headline, for pages that declare none in their markup.

Older layouts and small sites carry no JSON-LD or date meta; the reader sees the date in the
article's header, a few elements before or after the headline: Kompas 2015's ``<div
class="msmall grey">Rabu, 4 November 2015 | 21:04 WIB</div>`` right under the ``<h2>``,
Republika's ``date-detail`` just above it. Dates further away belong to tickers, teaser
lists and footers ("COPYRIGHT © 2016"). So: the headline's element is found by its text,
and the short texts around it that hold a year are offered, nearest first, those with a
clock time before those without (a ticker's bare "Selasa, 23/02/2016" loses to the header's
"Selasa, 23 Februari 2016 15:06 WIB").
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawler.normalize.dates import has_clock, parse_datetime

# How far from the headline, in elements of the page in document order.
_BEFORE, _AFTER = 20, 60
# A date line is short; a paragraph mentioning a year is not one.
_MAX_LENGTH = 100
# A distance penalty for a date without a clock time.
_NO_CLOCK = 25
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A day as well as a year: "4 November 2015", "23/02/2016"; not "COPYRIGHT © 2016".
_NUMBERS = re.compile(r"\d+")
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title", "option"})
_HEADLINE_TAGS = ("h1", "h2", "h3")


def _text(el: etree._Element) -> str:
    return " ".join(el.text_content().split())


def headline_element(root: etree._Element, headlines: list[str]) -> etree._Element | None:
    """The ``<h1>``/``<h2>``/``<h3>`` whose text is the page's headline (as a title meta or
    the ``<title>`` gives it), else the first ``<h1>``."""
    folded = [h.casefold() for h in headlines if h]
    first_h1 = None
    for el in root.iter(_HEADLINE_TAGS):
        text = _text(el).casefold()
        if first_h1 is None and el.tag == "h1":
            first_h1 = el
        if len(text) >= 15 and any(text in h for h in folded):
            return el
    return first_h1


def dates_near(anchor: etree._Element) -> list[str]:
    """Short texts holding a year around ``anchor``, best first (see the module docstring)."""
    elements = [el for el in anchor.getroottree().getroot().iter() if isinstance(el.tag, str)]
    position = next(i for i, el in enumerate(elements) if el is anchor)
    scored: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for offset in range(-_BEFORE, _AFTER + 1):
        index = position + offset
        if offset == 0 or not 0 <= index < len(elements):
            continue
        el = elements[index]
        if el.tag in _SKIPPED or any(a.tag in _SKIPPED for a in el.iterancestors()):
            continue
        text = _text(el)
        if not text or len(text) > _MAX_LENGTH or text in seen or not _YEAR.search(text):
            continue
        if len(_NUMBERS.findall(text)) < 2:
            continue
        seen.add(text)
        penalty = 0 if has_clock(text) else _NO_CLOCK
        scored.append((abs(offset) + penalty, index, text))
    return [text for _, _, text in sorted(scored)]


def date_parts(text: str) -> list[str]:
    """``text`` and, when it is several items set apart by bars ("Selasa, 23 Februari 2016
    15:06 WIB | 998 Views"), the ones with a year, so a parser sees the date alone."""
    parts = [p.strip() for p in text.split("|") if _YEAR.search(p)]
    return [text, *parts] if len(parts) > 1 or (parts and parts[0] != text) else [text]


def date_by_headline(root: etree._Element, headlines: list[str]) -> list[str]:
    """The date the page prints next to its headline, as one candidate that parses, or none."""
    anchor = headline_element(root, headlines)
    if anchor is None:
        return []
    for text in dates_near(anchor):
        for part in date_parts(text):
            if parse_datetime(part) is not None:
                return [part]
    return []
