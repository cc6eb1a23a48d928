"""Read-only views of archived articles, as the query API and the CLI hand them out.

Times inside are aware UTC; ``to_dict`` shows them in the article's own zone (WIB for
Liputan6: ``2019-11-24T13:46:00+07:00``), which is how the site printed them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from archive.revisions import REVISED_FIELDS, NormalizedContent
from archive.snapshot import CONTENT_FIELDS, ContentField
from archive.timestamps import iso_in_zone, iso_text_in_zone

_TIME_FIELDS = frozenset(f.name for f in CONTENT_FIELDS if f.kind == "time")


@dataclass(frozen=True, slots=True)
class RevisionView:
    """One revision of one article: its number, kind, when it was seen and what changed."""

    article_id: int
    number: int
    kind: str  # "new" | "revised" | "reverted"
    reverts_to: int | None
    content_hash: str
    first_seen_at: datetime
    last_seen_at: datetime
    field_diff: dict[str, Any]
    body_diff: dict[str, Any]
    timezone: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "revision": self.number,
            "kind": self.kind,
            "reverts_to": self.reverts_to,
            "content_hash": self.content_hash,
            "first_seen_at": iso_in_zone(self.first_seen_at, self.timezone),
            "last_seen_at": iso_in_zone(self.last_seen_at, self.timezone),
            "changed_fields": sorted(self.field_diff),
            "field_diff": field_diff_in_zone(self.field_diff, self.timezone),
            "body_diff": self.body_diff,
        }


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with the content of one of its revisions (the latest unless asked otherwise).

    Each content field reads as an attribute too (``view.title``, ``view.published_at``), for
    whatever fields archive.snapshot.CONTENT_FIELDS declares.
    """

    id: int
    site: str
    canonical_url: str
    publisher_id: str | None
    timezone: str
    language: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    revision_count: int
    revision: int
    revision_kind: str
    revision_first_seen_at: datetime
    revision_last_seen_at: datetime
    content_hash: str
    content: NormalizedContent
    urls: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        # Called only for names that are not attributes: the content's fields.
        if name in REVISED_FIELDS:
            return self.content[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_dict(self) -> dict[str, Any]:
        zone = self.timezone
        return {
            "id": self.id,
            "site": self.site,
            "canonical_url": self.canonical_url,
            "urls": self.urls,
            "publisher_id": self.publisher_id,
            "timezone": zone,
            "language": self.language,
            "first_seen_at": iso_in_zone(self.first_seen_at, zone),
            "last_seen_at": iso_in_zone(self.last_seen_at, zone),
            "revision_count": self.revision_count,
            "revision": self.revision,
            "revision_kind": self.revision_kind,
            "revision_first_seen_at": iso_in_zone(self.revision_first_seen_at, zone),
            "revision_last_seen_at": iso_in_zone(self.revision_last_seen_at, zone),
            "content_hash": self.content_hash,
            **{f.name: _shown(f, self.content[f.name], zone) for f in CONTENT_FIELDS},
        }


def _shown(field: ContentField, value: Any, zone: str) -> Any:
    return iso_in_zone(value, zone) if field.kind == "time" else value


def field_diff_in_zone(diff: dict[str, Any], zone: str) -> dict[str, Any]:
    """A field diff with its times shown in the article's zone.

    Diffs are computed and stored with times as UTC text (archive.diff.field_diff: the
    comparison must not depend on a zone); a reader should see the times the way ``show``
    prints them, so a changed publish time reads 09:30+07:00 in both.
    """
    return {
        name: (
            {side: iso_text_in_zone(change[side], zone) for side in ("before", "after")}
            if name in _TIME_FIELDS
            else change
        )
        for name, change in diff.items()
    }
