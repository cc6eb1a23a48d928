"""Headlines: the page's <title> or og:title minus the site's branding.

Titles carry a suffix naming the site and often the section (" - Tekno Liputan6.com",
" | Republika Online", " : Okezone News"). Only a trailing segment that names a site is
removed, so a dash inside the headline ("Jokowi - JK Bertemu") is left alone.

A page of a multi-page article adds its number ("... Halaman all", "... - Page 2"): removed,
every page is the same article. A media label is the publisher's headline where it stands
before a colon ("FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun" is Kapanlagi's own headline,
as "Galeri: Suasana Pelelangan Ikan" is a gallery's <h1>, and "Pakar: ..." is how Indonesian
headlines quote), so it is kept; only a label set apart as a channel, in brackets or before a
spaced dash or bar ("[FOTO] ...", "VIDEO - ...", "Foto | ..."), is removed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from newscrawler.normalize.text import may_contain_ignoring_case, normalize_whitespace

__all__ = ["clean_title"]

# Separators between headline and branding. A plain "-" needs spaces around it so that
# hyphenated words ("Covid-19") never split; ":" needs a space before it ("Okezone : x").
_SEPARATOR = re.compile(r"\s+(?:[-–—|:·•»]|::|[-–—]{2})\s+|\s*\|\s*")
# One character every separator has: a title without any ("Judul berita") has no separator,
# and this scan is cheaper than _SEPARATOR trying its spaces at every position.
_SEPARATOR_CHAR = re.compile("[-–—|:·•»]")
# "KapanLagi.com: Brandon Salim ..." puts the site first, followed by a bare colon.
_LEADING_SITE = re.compile(r"^(?P<site>[^\s:]+(?:\s[^\s:]+){0,2})\s*:\s+(?P<rest>\S.*)$")
# A section word or two may precede the site name: "Tekno Liputan6.com", "News Okezone".
_MAX_SECTION_WORDS = 3
_ANY_DOMAIN = re.compile(r"(?:www\.)?(?P<name>[\w-]+)\.[a-z]{2,6}(?:\.[a-z]{2})?")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net|org|co|tv)$", re.I)
# Pagination: "Judul Halaman all" (Kompas), "Judul Halaman 2", "Judul - Page 2", "Judul (Page
# 2 of 3)", "Judul | Hal. 2". A spaced separator may precede it; the word needs its number.
_PAGINATION = re.compile(
    r"(?:\s+[-–—|:·•»]|\s*,)?\s+[(\[]?(?:halaman|hal\.|laman|page|seite|página|pagina)\s+"
    r"(?:\d{1,3}|all|semua)(?:\s*(?:dari|of|von|de|di|/)\s*\d{1,3})?[)\]]?\s*$",
    re.IGNORECASE,
)
# What _PAGINATION needs: one of its words (any case; "página" is not ASCII, which
# may_contain_ignoring_case never rules out).
_PAGINATION_WORDS = ("halaman", "hal.", "laman", "page", "seite", "pagina")
# A media or channel label set apart from the headline: "[FOTO] ...", "(VIDEO) ...", "FOTO -
# ...", "Video | ...", "Galeri Foto » ...". Before a plain colon it is the headline's own word.
_MEDIA = r"(?:foto|video|galeri(?:\s+foto)?|infografis|photos?|gallery|in pictures|watch|live)"
_CHANNEL_LABEL = re.compile(
    rf"^\s*(?:[\[(]\s*{_MEDIA}\s*[\])]\s*[-–—|:·•»]?|{_MEDIA}\s+[-–—|·•»])\s*(?=\S)",
    re.IGNORECASE,
)


def clean_title(raw: str, *, site_names: Iterable[str] = ()) -> str:
    """Headline without site/section suffixes; entities decoded, NFC, whitespace collapsed.

    ``site_names`` are the outlets' names a title may carry (compared case-insensitively):
    the site's own and those of the other outlets its pages repost (the site records'
    ``brands``); a bare domain ("merdeka.com") counts without being named.
    """
    if not isinstance(raw, str):
        return ""
    text = html.unescape(html.unescape(raw)) if "&" in raw else raw
    text = normalize_whitespace(unicodedata.normalize("NFC", text))
    names = _branding_names(tuple(site_names))
    while True:
        stripped = _strip_pagination(_strip_branding(text, names))
        if stripped == text:
            return _strip_channel_label(text)
        text = stripped


def _strip_pagination(text: str) -> str:
    if not may_contain_ignoring_case(text, _PAGINATION_WORDS):
        return text
    stripped = _PAGINATION.sub("", text).strip()
    return stripped or text


def _strip_channel_label(text: str) -> str:
    # Anchored at the start: a failed match costs a character or two.
    return _CHANNEL_LABEL.sub("", text, count=1)


@lru_cache(maxsize=256)
def _branding_names(site_names: tuple[str, ...]) -> tuple[str, ...]:
    """The outlets' names, lowercased, longest first: sorted once per site rather than once
    per title."""
    names = {n.lower() for n in site_names if n and n.strip()}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=256)
def _spaced_before(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" " + name for name in names)


@lru_cache(maxsize=256)
def _spaced_after(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name + " " for name in names)


def _strip_branding(text: str, names: tuple[str, ...]) -> str:
    # The site-first shape has a colon; most titles have none.
    leading = _LEADING_SITE.match(text) if ":" in text else None
    if leading and _is_site(leading["site"], names):
        return leading["rest"]
    separators = list(_SEPARATOR.finditer(text)) if _SEPARATOR_CHAR.search(text) else []
    if not separators:
        return text
    # Trailing branding: "Headline - Tekno Liputan6.com", "Headline - Kompas.com Regional".
    last = separators[-1]
    head, tail = text[: last.start()].strip(), text[last.end() :].strip()
    if head and _is_branding(tail, names):
        # Okezone: "Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle";
        # the section before "::" belongs to the branding.
        if last.group().strip() == "::" and len(separators) > 1:
            before = separators[-2]
            section = head[before.end() :].strip()
            if section and len(section.split()) <= 2:
                return head[: before.start()].strip()
        return head
    # Leading branding: "Liputan6.com | Headline" or "detikNews : Headline".
    first = separators[0]
    head, tail = text[: first.start()].strip(), text[first.end() :].strip()
    if tail and _is_site(head, names):
        return tail
    return text


def _is_site(segment: str, names: tuple[str, ...]) -> bool:
    key = normalize_whitespace(segment).lower()
    if key in names or _DOMAIN.match(key):
        return True
    # The site's name with its country domain: "Golem.de", "mbl.is", "Tageblatt.lu".
    host = _ANY_DOMAIN.fullmatch(key)
    return bool(host and host["name"] in names)


def _is_branding(segment: str, names: tuple[str, ...]) -> bool:
    """ "Liputan6.com", "Tekno Liputan6.com", "merdeka.com", "Berita Terkini Liputan6"."""
    key = normalize_whitespace(segment).lower()
    if not key:
        return False
    if _is_site(key, names):
        return True
    # Most tails name no site at all; the C-level tuple checks rule them out in one go.
    if not (key.endswith(_spaced_before(names)) or key.startswith(_spaced_after(names))):
        return False
    for name in names:
        # "Tekno Liputan6.com" (section first) or "ANTARA News Otomotif" (section after).
        if key.endswith(" " + name):
            section = key[: -len(name)].strip()
        elif key.startswith(name + " "):
            section = key[len(name) :].strip()
        else:
            continue
        if len(section.split()) <= _MAX_SECTION_WORDS:
            return True
    return False
