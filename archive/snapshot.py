"""What the crawler hands the archive: one normalized article as seen at one fetch.

These types are the contract between ``newscrawler`` (which produces them) and ``archive``
(which stores them). They hold only clean, typed values: aware datetimes, person names,
paragraph text. Anything raw or provisional stays on the crawler's side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

FetchOutcome = Literal[
    "new",  # first time this article was stored
    "revised",  # content changed, a new revision was added
    "reverted",  # content went back to an earlier revision's content
    "unchanged",  # fetched again, nothing a reader would notice changed
    "not-modified",  # the server answered 304 to a conditional request
    "gone",  # 404/410 for a URL that was (or looked like) an article, on its canonical URL
    "retired-alias",  # 404/410 on another URL of a known article: that URL is dead, not it
    "blocked",  # 403/429 or a challenge page
    "failed",  # network error, 5xx after retries, unparseable response
    "dropped",  # fetched fine but not an article (no title/body), with a reason
    "incomplete",  # a page cut short (or an interstitial): not taken as the article's text
]


# How a content field is normalized, compared and shown (archive.revisions):
# "text" one line, None when blank; "names" a list of names in page order; "tags" the same,
# but their order is layout, not content; "time" an aware datetime, compared as UTC;
# "body" paragraphs separated by a blank line, diffed sentence by sentence.
FieldKind = Literal["text", "names", "tags", "time", "body"]


@dataclass(frozen=True, slots=True)
class ContentField:
    """One field of an article's content: an ArticleSnapshot attribute and a ``contents``
    column of the same name, of one kind. ``required`` text is "" when blank, never None."""

    name: str
    kind: FieldKind
    required: bool = False


# The content of an article: what a reader sees, so a change in any of these (after
# normalization) is a new revision. The one list of them: the normalized content, its hash,
# the diffs, the stored row, the views, the JSON and the exports all follow it, in this
# order. To add a field, see docs/archive.md, "Adding a content field".
CONTENT_FIELDS = (
    ContentField("title", "text", required=True),
    ContentField("subtitle", "text"),
    ContentField("authors", "names"),
    ContentField("editors", "names"),
    ContentField("tags", "tags"),
    ContentField("section", "text"),
    ContentField("dateline", "text"),
    ContentField("published_at", "time"),
    ContentField("modified_at", "time"),
    ContentField("body", "body"),
)


def _require_aware(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware, got naive {value!r}")


@dataclass(frozen=True, slots=True)
class ArticleSnapshot:
    """One article's normalized content at one fetch.

    ``body`` holds paragraphs separated by a blank line. ``timezone`` is the IANA zone the
    site prints its times in (``Asia/Jakarta`` for WIB); the archive stores UTC and uses it to
    show times the way the site does. ``provenance`` records where each field came from
    (``{"published_at": "json-ld", ...}``) and ``notes`` anything a user may want to audit,
    such as two sources disagreeing on the publish time.
    """

    url: str
    site: str
    title: str
    body: str
    fetched_at: datetime
    canonical_url: str | None = None
    publisher_id: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    published_at: datetime | None = None
    modified_at: datetime | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    dateline: str | None = None
    timezone: str = "Asia/Jakarta"
    site_name: str | None = None  # how the outlet names itself: "Liputan6.com"
    provenance: dict[str, str] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _require_aware("fetched_at", self.fetched_at)
        for content_field in CONTENT_FIELDS:
            if content_field.kind == "time":
                _require_aware(content_field.name, getattr(self, content_field.name))


@dataclass(frozen=True, slots=True)
class RawResponse:
    """What the server sent, as the crawler received it: the body (after the transfer's
    Content-Encoding is undone) and the headers in their order, repeats kept. The archive
    keeps it compressed and content-addressed (archive.rawpages)."""

    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """One HTTP visit, successful or not. Every visit the crawler makes is recorded."""

    url: str
    site: str
    fetched_at: datetime
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    outcome: FetchOutcome | None = None  # the archive sets it for stored articles
    reason: str | None = None  # why it was dropped/failed/blocked, in words
    run_id: int | None = None
    # How the article was extracted (body source and confidence, fields the generic page
    # filled in for the site's, pages assembled): kept with the visit for audits and health.
    extraction: dict[str, Any] | None = None
    # The response itself, for any visit that got a body (None: no body, or not kept).
    raw: RawResponse | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _require_aware("fetched_at", self.fetched_at)
