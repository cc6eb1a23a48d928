"""The archive's tables as typed SQLAlchemy models. Alembic migrations create them.

- ``Article``: one real-world article (identity: canonical URL, or the site's own id).
- ``ArticleURL``: every URL (canonical form) that led to an article, so variants resolve.
- ``Content``: one distinct version of an article's text, stored once, keyed by its hash.
- ``Revision``: one step in the article's history, pointing at a Content. A revert is a light
  row pointing at an earlier Content, so an A-B-A flip-flop stores two contents, not three.
- ``Fetch``: every visit, stored or not. ``Run``: one crawl and its stats.
- ``RawPage``: a response body as the server sent it, compressed, stored once per SHA-256.
- ``NearDuplicate`` / ``SimhashBand``: wire copies of a story across sites, linked, never merged.
- ``SearchDocument``: the current text of each article, indexed by SQLite FTS5 or a
  PostgreSQL tsvector index (both created in the migration, outside these models).
- ``VisitSchedule``: when each article is next due for a revisit (see ``archive.schedule``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from archive.timestamps import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class Run(Base):
    """One crawl of one site, with the stats the crawler reported when it finished."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(40), default="running")
    args: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The crawl's process, so a run whose process died is closed as interrupted (runs.py).
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]


class Article(Base):
    """One real-world article, however many URLs and revisions it has."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("site", "publisher_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(100), index=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    # The publisher's own id (Liputan6 /read/<id>/, Detik d-<id>); unique within a site.
    publisher_id: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(20))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    # Number of the latest revision (revisions are numbered 1, 2, ... within an article).
    revision_count: Mapped[int] = mapped_column(Integer, default=0)


class ArticleURL(Base):
    """A URL (in canonical form) known to lead to an article: its aliases."""

    __tablename__ = "article_urls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    first_seen_at: Mapped[datetime]


class Content(Base):
    """One distinct version of an article's content, stored once per article and hash."""

    __tablename__ = "contents"
    __table_args__ = (UniqueConstraint("article_id", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    editors: Mapped[list[str]] = mapped_column(default=list)
    tags: Mapped[list[str]] = mapped_column(default=list)
    section: Mapped[str | None] = mapped_column(String(200))
    dateline: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    modified_at: Mapped[datetime | None]
    simhash: Mapped[int] = mapped_column(BigInteger)


class Revision(Base):
    """One step in an article's history: new, revised, or reverted to an earlier content."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    content_id: Mapped[int] = mapped_column(ForeignKey("contents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "new" | "revised" | "reverted"
    reverts_to: Mapped[int | None] = mapped_column(Integer)  # revision number it restores
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    last_seen_at: Mapped[datetime]
    # {"title": {"before": "...", "after": "..."}, ...}; body is summarised here and
    # detailed sentence by sentence in body_diff.
    field_diff: Mapped[dict[str, Any]] = mapped_column(default=dict)
    body_diff: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Fetch(Base):
    """One visit to one URL, whatever came of it."""

    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_site_fetched_at", "site", "fetched_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(2000))
    site: Mapped[str] = mapped_column(String(100))
    fetched_at: Mapped[datetime]
    status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    # How the article was extracted, for a stored article: {"body_source": "generic:density",
    # "body_confidence": "high", "fallbacks": ["body"], "pages": 3}; see FetchInfo.
    extraction: Mapped[dict[str, Any] | None]
    # The body the visit received (archive.rawpages), None when it got none, raw pages
    # were not kept, or pruned; and the response headers, [[name, value], ...] in order.
    # Headers belong to the visit (Date, Set-Cookie differ each time), the body may be shared.
    raw_page_id: Mapped[int | None] = mapped_column(ForeignKey("raw_pages.id"), index=True)
    response_headers: Mapped[list[list[str]] | None] = mapped_column(JSON)


class RawPage(Base):
    """One response body, byte for byte, compressed; stored once, keyed by its SHA-256.

    ``compression`` says how ``data`` is to be read back (``archive.rawpages.unpack``);
    ``size`` is the body's length before compression.
    """

    __tablename__ = "raw_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    compression: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    first_seen_at: Mapped[datetime]


class NearDuplicate(Base):
    """Two articles whose bodies are nearly the same (a wire story on two sites).

    Stored once per pair, with ``article_id < duplicate_id``.
    """

    __tablename__ = "near_duplicates"
    __table_args__ = (UniqueConstraint("article_id", "duplicate_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    duplicate_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    distance: Mapped[int] = mapped_column(Integer)  # Hamming distance of the two SimHashes
    found_at: Mapped[datetime]


class SimhashBand(Base):
    """One index key of an article's current SimHash, to find near-duplicate candidates.

    See archive.neardup: every pair of articles within the linking distance shares a key.
    Each row carries the whole hash it was cut from, and the lookup index covers it: at 100k
    articles a key matches dozens of unrelated articles by chance, and answering each from
    the index alone (no row, no join to the article's content) keeps ingest from slowing
    as the archive grows.
    """

    __tablename__ = "simhash_bands"
    __table_args__ = (Index("ix_simhash_bands_lookup", "band", "value", "article_id", "simhash"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    simhash: Mapped[int] = mapped_column(BigInteger)


class SearchDocument(Base):
    """The current text of each article, as the full-text index sees it.

    ``authors_key`` and ``tags_key`` hold lower-cased names between bars (``|budi|ani|``) so
    one LIKE filter works on both backends.
    """

    __tablename__ = "search_documents"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    site: Mapped[str] = mapped_column(String(100))
    section: Mapped[str | None] = mapped_column(String(200))
    authors_key: Mapped[str] = mapped_column(Text, default="")
    tags_key: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


class VisitSchedule(Base):
    """When each article is next due for a revisit, and what its last visit saw.

    Planned by ``archive.schedule`` inside the transaction that records each visit, so a
    killed crawl never leaves an article stored but unscheduled. ``next_visit_at`` is None
    once the revisit schedule has run out. ``etag``/``last_modified`` are the validators of
    the last successful response, sent back as a conditional request on the next visit.
    """

    __tablename__ = "visit_schedule"
    __table_args__ = (Index("ix_visit_schedule_site_next_visit_at", "site", "next_visit_at"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    site: Mapped[str] = mapped_column(String(100))
    # What to request again: the article's canonical URL (archive.schedule says which).
    url: Mapped[str] = mapped_column(String(2000))
    anchor_at: Mapped[datetime]  # time zero of the schedule: publish time or first seen
    last_visit_at: Mapped[datetime]
    last_outcome: Mapped[str | None] = mapped_column(String(20))
    visits: Mapped[int] = mapped_column(Integer, default=0)
    next_visit_at: Mapped[datetime | None]
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core inserts of rows nobody reads back: the ORM's bulk insert
    spends more time preparing each row than SQLite spends storing it."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
