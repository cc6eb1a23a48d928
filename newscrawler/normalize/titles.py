"""Headlines: the page's <title> or og:title minus the site's branding.

Titles carry a suffix naming the site and often the section (" - Tekno Liputan6.com",
" | Republika Online", " : Okezone News"). Only a trailing segment that names a site is
removed, so a dash inside the headline ("Jokowi - JK Bertemu") is left alone.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from newscrawler.normalize.text import normalize_whitespace

__all__ = ["SITE_NAMES", "clean_title"]

# Names sites put after their headlines, compared case-insensitively.
SITE_NAMES = (
    "Liputan6.com", "Liputan6", "Republika Online", "Republika.co.id", "Republika",
    "Kompas.com", "Kompas.tv", "KOMPAS.com", "Kompasiana", "ANTARA News", "Antaranews.com",
    "ANTARA", "Okezone News", "Okezone.com", "Okezone", "merdeka.com", "detikcom", "detik.com",
    "detikNews", "detikFinance", "detikSport", "detikHot", "detikInet", "detikOto",
    "detikHealth", "detikTravel", "detikFood", "Tempo.co", "TEMPO.CO", "Tempo", "VIVA.co.id",
    "VIVA", "VIVAnews", "Suara.com", "Tribunnews.com", "Tribunnews", "Kapanlagi.com",
    "KapanLagi", "Media Indonesia", "mediaindonesia.com", "CNN Indonesia", "CNNIndonesia.com",
    "The Jakarta Post", "Jakarta Post", "BBC News Indonesia", "BBC Indonesia", "BBC News",
)  # fmt: skip

# Separators between headline and branding. A plain "-" needs spaces around it so that
# hyphenated words ("Covid-19") never split; ":" needs a space before it ("Okezone : x").
_SEPARATOR = re.compile(r"\s+[-–—|:·•»]\s+|\s*\|\s*|\s+[-–—]{2}\s+")
# A section word or two may precede the site name: "Tekno Liputan6.com", "News Okezone".
_MAX_SECTION_WORDS = 3
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net|org|co|tv)$", re.I)


def clean_title(raw: str, *, site_names: Iterable[str] = ()) -> str:
    """Headline without site/section suffixes; entities decoded, NFC, whitespace collapsed."""
    if not isinstance(raw, str):
        return ""
    text = html.unescape(html.unescape(raw)) if "&" in raw else raw
    text = normalize_whitespace(unicodedata.normalize("NFC", text))
    names = sorted(
        {n.lower() for n in (*site_names, *SITE_NAMES) if n and n.strip()}, key=len, reverse=True
    )
    while True:
        stripped = _strip_branding(text, names)
        if stripped == text:
            return text
        text = stripped


def _strip_branding(text: str, names: list[str]) -> str:
    separators = list(_SEPARATOR.finditer(text))
    if not separators:
        return text
    # Trailing branding: "Headline - Tekno Liputan6.com".
    last = separators[-1]
    head, tail = text[: last.start()].strip(), text[last.end() :].strip()
    if head and _is_branding(tail, names):
        return head
    # Leading branding: "Liputan6.com | Headline" or "detikNews : Headline".
    first = separators[0]
    head, tail = text[: first.start()].strip(), text[first.end() :].strip()
    if tail and _is_site(head, names):
        return tail
    return text


def _is_site(segment: str, names: list[str]) -> bool:
    key = normalize_whitespace(segment).lower()
    return key in names or bool(_DOMAIN.match(key))


def _is_branding(segment: str, names: list[str]) -> bool:
    """ "Liputan6.com", "Tekno Liputan6.com", "merdeka.com", "Berita Terkini Liputan6"."""
    key = normalize_whitespace(segment).lower()
    if not key:
        return False
    if _is_site(key, names):
        return True
    for name in names:
        if key.endswith(name):
            section = key[: -len(name)].strip()
            if (
                section
                and len(section.split()) <= _MAX_SECTION_WORDS
                and key[-len(name) - 1] == " "
            ):
                return True
    return False
