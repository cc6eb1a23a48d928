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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archive.snapshot import CONTENT_FIELDS, ArticleSnapshot, ContentField
from archive.timestamps import require_aware

# Fields whose change makes a new revision, in the order diffs list them.
REVISED_FIELDS = tuple(f.name for f in CONTENT_FIELDS)
# The fields the archive began with are hashed even when empty, as they always were; a field
# added later counts only once it has a value, so adding one leaves every stored hash as it
# was (an article is not "revised" by a field the page never had).
_HASHED_WHEN_EMPTY = frozenset(
    [
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
    ]
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


def _normalized(field: ContentField, raw: Any) -> Any:
    """One snapshot value, normalized as its kind says."""
    if field.kind == "text":
        text = normalize_text(raw)
        return (text or "") if field.required else text
    if field.kind in ("names", "tags"):
        return normalize_names(raw)
    if field.kind == "time":
        return require_aware(raw, field.name) if raw else None
    return normalize_body(raw)


def _compared(field: ContentField, value: Any) -> Any:
    """A normalized value as the hash and the diff compare it (JSON-ready)."""
    if field.kind == "time":
        return require_aware(value).isoformat() if value is not None else None
    if field.kind == "tags":
        # Tag order is layout, not content: some sites shuffle their tag lists per render.
        return sorted(t.casefold() for t in value)
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass(frozen=True, slots=True, init=False)
class NormalizedContent:
    """The revisable part of a snapshot, normalized, with times in UTC.

    ``values`` has one entry per CONTENT_FIELDS field, in its order (``content["title"]``).
    Built from such a mapping, from keywords (``NormalizedContent(title=..., body=...)``)
    or both, the keywords winning, so ``dataclasses.replace(content, title=...)`` works.
    The fields the archive itself reads by name (search index, revisit schedule) are
    properties too.
    """

    values: dict[str, Any]

    def __init__(self, values: Mapping[str, Any] | None = None, **fields: Any) -> None:
        given = {**(values or {}), **fields}
        if given.keys() != set(REVISED_FIELDS):
            raise TypeError(
                f"content fields are {', '.join(REVISED_FIELDS)};"
                f" missing {sorted(set(REVISED_FIELDS) - given.keys())},"
                f" unknown {sorted(given.keys() - set(REVISED_FIELDS))}"
            )
        object.__setattr__(self, "values", {name: given[name] for name in REVISED_FIELDS})

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def title(self) -> str:
        return str(self.values["title"])

    @property
    def body(self) -> str:
        return str(self.values["body"])

    @property
    def authors(self) -> list[str]:
        return list(self.values["authors"])

    @property
    def tags(self) -> list[str]:
        return list(self.values["tags"])

    @property
    def section(self) -> str | None:
        section: str | None = self.values["section"]
        return section

    @property
    def published_at(self) -> datetime | None:
        published_at: datetime | None = self.values["published_at"]
        return published_at

    def columns(self) -> dict[str, Any]:
        """The values of the ``contents`` columns named like the fields."""
        return dict(self.values)

    def hash_fields(self) -> dict[str, object]:
        """The values the content hash covers, as JSON-ready values."""
        return {
            field.name: _compared(field, self.values[field.name])
            for field in CONTENT_FIELDS
            if field.name in _HASHED_WHEN_EMPTY or not _is_empty(self.values[field.name])
        }

    def content_hash(self) -> str:
        """SHA-256 over the normalized fields: equal hashes mean a reader sees the same article."""
        payload = json.dumps(self.hash_fields(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def compared(self, field: ContentField) -> Any:
        """The field's value as a diff compares it: times as UTC ISO text, tags in any order."""
        return _compared(field, self.values[field.name])


def normalize_snapshot(snapshot: ArticleSnapshot) -> NormalizedContent:
    """The normalized, hashable content of one snapshot."""
    return NormalizedContent(
        {field.name: _normalized(field, getattr(snapshot, field.name)) for field in CONTENT_FIELDS}
    )


def content_from_row(row: Any) -> NormalizedContent:
    """The normalized content a stored ``contents`` row (or anything with the fields as
    attributes) holds; rows are stored normalized."""
    return NormalizedContent(
        {field.name: _as_stored(field, getattr(row, field.name)) for field in CONTENT_FIELDS}
    )


def _as_stored(field: ContentField, value: Any) -> Any:
    # JSON list columns come back as lists (or as None from a column added to old rows).
    if field.kind in ("names", "tags"):
        return list(value or [])
    return value
