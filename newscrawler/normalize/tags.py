"""Tags and keywords: what a page lists as the article's topics.

They arrive as lists, as one comma-joined meta string, or mixed with internal taxonomy
markers (Liputan6's JSON-LD keywords hold "Tekno:Telko" and "Editor:Iskandar" next to the
real topics). Tags are compared across revisions, so spelling variants of one tag count once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from newscrawler.normalize.text import normalize_whitespace

__all__ = ["clean_tags"]

_SPLIT = re.compile(r"\s*[,;]\s*")
# "Tekno:Telko", "Editor:Iskandar", "Penulis: X": a word, a colon, a value.
_TAXONOMY = re.compile(r"^[^\W\d_][\w .&-]{0,40}\s*:\s*\S")
_MAX_TAG = 80


def clean_tags(raw: Iterable[str]) -> list[str]:
    """Topic tags, split, trimmed, de-duplicated case-insensitively keeping the first spelling."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in raw:
        if not isinstance(value, str):
            continue
        text = html.unescape(value) if "&" in value else value
        text = unicodedata.normalize("NFC", text)
        for part in _SPLIT.split(text):
            tag = normalize_whitespace(part).lstrip("#").strip(" .\"'")
            tag = normalize_whitespace(tag)
            if not tag or len(tag) > _MAX_TAG or _TAXONOMY.match(tag):
                continue
            key = tag.casefold()
            if key not in seen:
                seen.add(key)
                tags.append(tag)
    return tags
