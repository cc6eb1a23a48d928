"""Tags and keywords: what a page lists as the article's topics.

They arrive as lists, as one comma-joined meta string, or mixed with internal taxonomy
markers (Liputan6's JSON-LD keywords hold "Tekno:Telko" and "Editor:Iskandar" next to the
real topics). Tags are compared across revisions, so spelling variants of one tag count once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable

from newscrawler.normalize.text import normalize_whitespace

__all__ = ["clean_tags", "without_junk"]

# Commas and semicolons join meta keywords; "#" joins visible tag lists ("# angeline # angeline
# dibunuh" on Suara, "TAG #Rizal Ramli #Dahlan Iskan" on Kompas).
_SPLIT = re.compile(r"\s*[,;]\s*|(?:^|\s+)#\s*")
# A list's own heading: "TAG", "Tags:", "Topik:".
_HEADING = re.compile(
    r"^\s*(?:tags?|topik|topics?|kata kunci|keywords?)\s*(?::\s*|(?=#))", re.IGNORECASE
)
# Liputan6's JSON-LD keywords: "Tekno:Telko", "Photo:Showbiz:Musik", "Editor:Arny Christika
# Putri". A colon without spaces, or a credit label, marks taxonomy rather than a topic.
_TAXONOMY = re.compile(
    r"^(?:[^\s:]+:[^\s:]|(?:editor|penulis|reporter|author|kanal|rubrik|section)\s*:)", re.I
)
_MAX_TAG = 80


def clean_tags(raw: Iterable[str]) -> list[str]:
    """Topic tags, split, trimmed, de-duplicated case-insensitively keeping the first spelling."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in raw:
        if not isinstance(value, str):
            continue
        text = html.unescape(value) if "&" in value else value
        text = _HEADING.sub("", unicodedata.normalize("NFC", text))
        for part in _split(text):
            # Stripping a normalized string leaves it normalized: " " is among the stripped.
            tag = normalize_whitespace(part).lstrip("#").strip(" .\"'")
            if not tag or len(tag) > _MAX_TAG or _TAXONOMY.match(tag):
                continue
            key = tag.casefold()
            if key not in seen:
                seen.add(key)
                tags.append(tag)
    return tags


def _split(text: str) -> list[str]:
    """``_SPLIT.split(text)`` up to spaces around the parts, which every caller trims.

    Without a "#" only the comma and semicolon split, and ``str.split`` finds them in a
    fraction of the time ``_SPLIT`` takes to try its leading spaces at every position:
    "a , b" gives ["a ", " b"] instead of ["a", "b"], the same tags once ``clean_tags``
    has normalized each part's whitespace, its first step.
    """
    if "#" in text:
        return _SPLIT.split(text)
    return text.replace(";", ",").split(",")


def without_junk(raw: str, junk: Collection[str]) -> str:
    """One tag string minus a site's own keywords (``junk``, lowercased), re-joined by commas.

    ANTARA ends every keywords meta with the same terms: "penerbangan batal, abu vulkanik,
    gunung rinjani, gunung batujari, berita terkini, berita Indonesia, berita online, portal
    Indonesia" -> "penerbangan batal, abu vulkanik, gunung rinjani, gunung batujari". The
    value is split as :func:`clean_tags` splits it; an empty result means nothing was left.
    """
    return ", ".join(tag for tag in clean_tags([raw]) if tag.casefold() not in junk)
