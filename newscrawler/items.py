"""The two item types that make the crawl's stages visible.

``RawArticle`` is what a page object finds: strings exactly as the page has them, each with
the place it came from, so a user can audit any normalized value back to its source.
``ArticleSnapshot`` (defined by the archive, re-exported here) is the normalized, typed item
the pipelines produce and the archive stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from archive.snapshot import ArticleSnapshot, FetchInfo, RawResponse

__all__ = ["ArticleSnapshot", "FetchInfo", "Found", "NormalizedArticle", "RawArticle"]


@dataclass(frozen=True, slots=True)
class Found:
    """A raw value and where it was found, e.g. ``Found("24 Nov 2019, 13:46 WIB", "byline")``.

    Sources are short and stable: ``json-ld``, ``meta:og:title``, ``meta:article:published_time``,
    ``markup:time[datetime]``, ``byline``, ``url``, ``feed``, ``sitemap``.
    """

    value: str
    source: str


@dataclass(slots=True)
class RawArticle:
    """Everything a page object pulled from one response, not yet cleaned.

    List fields hold candidates in the page object's order of trust: the normalizer takes the
    first usable one and compares it with the rest (dates that disagree are flagged).
    ``body`` holds the visible paragraphs of the article in order, furniture included where the
    page mixes it in; removing furniture is normalization's job.
    """

    url: str
    site: str
    timezone: str | None = None  # None: an unknown site's zone; times keep their own offset
    # For a site of unknown zone, the zone the page's own evidence gives ("13:46 WIB", its
    # language, its domain): read and shown in it, as a site's own zone would be.
    zone_hint: str | None = None
    fetched_at: datetime | None = None
    canonical_url: str | None = None
    publisher_id: str | None = None
    title: list[Found] = field(default_factory=list)
    subtitle: list[Found] = field(default_factory=list)
    authors: list[Found] = field(default_factory=list)
    editors: list[Found] = field(default_factory=list)
    published: list[Found] = field(default_factory=list)
    modified: list[Found] = field(default_factory=list)
    section: list[Found] = field(default_factory=list)
    tags: list[Found] = field(default_factory=list)
    language: list[Found] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    body_source: str | None = None
    # How sure the choice of body is ("high", "medium", "low") and why; see
    # newscrawler/extraction/mainblock.py.
    body_confidence: str | None = None
    body_reason: str | None = None
    # How many pages of a paginated article ``body`` was assembled from ("Halaman 1 2 3").
    pages: int = 1
    # Why the page is not an article (a listing, a feed, a video-only page): a stable key for
    # stats counters and a message, e.g. ("listing", "an index of 40 teasers"). None: it is.
    refusal: tuple[str, str] | None = None
    # How the outlet names itself ("Liputan6.com"): stripped from titles, never an author.
    site_names: tuple[str, ...] = ()
    # The HTTP side of the fetch, filled by the spider (page objects see no transport).
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    # How an unclosed page's markup ended ("no closing tags", "ends inside a tag"): the
    # archive judges it against the stored revision (newscrawler/completeness.py).
    page_end: str | None = None
    # The response as received (NEWSCRAWLER_KEEP_RAW), kept with the visit in the archive.
    raw: RawResponse | None = field(default=None, repr=False)
    # Which page object made this item: its class name and VERSION (set by to_item), so
    # every way of reading a page (crawl, WARC import, extract) records the same.
    page: str | None = None
    page_version: int | None = None


@dataclass(frozen=True, slots=True)
class NormalizedArticle:
    """The pipelines' output: the snapshot the archive stores plus the fetch that saw it."""

    snapshot: ArticleSnapshot
    fetch: FetchInfo
