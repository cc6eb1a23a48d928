"""What counts as a new revision: normalized content and its hash.

Only what a reader would notice makes a revision. Text is normalized first (Unicode NFC,
non-breaking and zero-width spaces, runs of whitespace, stray tags left by an extractor), so a
re-render that only moved markup or whitespace hashes the same as before.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from archive.snapshot import ArticleSnapshot
from archive.timestamps import require_aware

# Fields whose change makes a new revision, in the order diffs list them.
REVISED_FIELDS = (
    "title",
    "subtitle",
    "authors",
    "editors",
    "tags",
    "section",
    "dateline",
    "published_at",
    "modified_at",
    "body",
)

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
# Tags an extractor may leave in text ("<b>JAKARTA</b> - ..."); the words stay, the tags go.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def normalize_text(text: str | None) -> str | None:
    """One line of text with markup-level noise removed; None stays None, blank becomes None."""
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFC", text)
    cleaned = _ZERO_WIDTH.sub("", cleaned)
    cleaned = _TAG.sub("", cleaned)
    cleaned = _WHITESPACE.sub(" ", cleaned).strip()
    return cleaned or None


def normalize_body(body: str) -> str:
    """Paragraphs with normalized text, separated by one blank line, empty ones dropped."""
    paragraphs = (normalize_text(p) for p in _PARAGRAPH_BREAK.split(body.replace("\r\n", "\n")))
    return "\n\n".join(p for p in paragraphs if p)


def normalize_names(names: tuple[str, ...] | list[str]) -> list[str]:
    """Names in page order with duplicates (ignoring case) and blanks removed."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        cleaned = normalize_text(name)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            result.append(cleaned)
    return result


@dataclass(frozen=True, slots=True)
class NormalizedContent:
    """The revisable part of a snapshot, normalized, with times in UTC."""

    title: str
    subtitle: str | None
    authors: list[str]
    editors: list[str]
    tags: list[str]
    section: str | None
    dateline: str | None
    published_at: datetime | None
    modified_at: datetime | None
    body: str

    def hash_fields(self) -> dict[str, object]:
        """The values the content hash covers, as JSON-ready values."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": self.authors,
            "editors": self.editors,
            # Tag order is layout, not content: some sites shuffle their tag lists per render.
            "tags": sorted(t.casefold() for t in self.tags),
            "section": self.section,
            "dateline": self.dateline,
            "published_at": _iso(self.published_at),
            "modified_at": _iso(self.modified_at),
            "body": self.body,
        }

    def columns(self) -> dict[str, Any]:
        """The values of the ``contents`` columns named like the fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def content_hash(self) -> str:
        """SHA-256 over the normalized fields: equal hashes mean a reader sees the same article."""
        payload = json.dumps(self.hash_fields(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return require_aware(value).isoformat() if value is not None else None


def normalize_snapshot(snapshot: ArticleSnapshot) -> NormalizedContent:
    """The normalized, hashable content of one snapshot."""
    return NormalizedContent(
        title=normalize_text(snapshot.title) or "",
        subtitle=normalize_text(snapshot.subtitle),
        authors=normalize_names(snapshot.authors),
        editors=normalize_names(snapshot.editors),
        tags=normalize_names(snapshot.tags),
        section=normalize_text(snapshot.section),
        dateline=normalize_text(snapshot.dateline),
        published_at=(
            require_aware(snapshot.published_at, "published_at") if snapshot.published_at else None
        ),
        modified_at=(
            require_aware(snapshot.modified_at, "modified_at") if snapshot.modified_at else None
        ),
        body=normalize_body(snapshot.body),
    )


def content_from_row(row: Any) -> NormalizedContent:
    """The normalized content a stored ``contents`` row holds (rows are stored normalized)."""
    return NormalizedContent(
        title=row.title,
        subtitle=row.subtitle,
        authors=list(row.authors),
        editors=list(row.editors),
        tags=list(row.tags),
        section=row.section,
        dateline=row.dateline,
        published_at=row.published_at,
        modified_at=row.modified_at,
        body=row.body,
    )
