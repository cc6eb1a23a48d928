"""Step 3 of a batch: write what was decided, in bulk and in dependency order.

Articles (new ones get their ids), aliases, contents, revisions, search documents, then
(after archive.batch_links' near-duplicate links) the fetch log. ``fetch_values`` is the one
place that says what a ``fetches`` row holds, for stored articles and for bare visits alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from archive.decide import KnownArticle, KnownContent, KnownRevision, WorkingSet
from archive.models import Article, ArticleURL, Content, Fetch, Revision, SearchDocument, table_of
from archive.rawpages import PackedResponse, write_raw_pages
from archive.snapshot import FetchInfo
from archive.timestamps import require_aware


def fetch_values(
    fetch: FetchInfo,
    outcome: str,
    article_id: int | None,
    revision_id: int | None,
    raw: PackedResponse | None = None,
    raw_page_id: int | None = None,
) -> dict[str, Any]:
    """The columns of one Fetch row; ``raw``: its response, stored as ``raw_page_id``."""
    return {
        "run_id": fetch.run_id,
        "article_id": article_id,
        "revision_id": revision_id,
        "url": fetch.url,
        "site": fetch.site,
        "fetched_at": require_aware(fetch.fetched_at, "fetched_at"),
        "status": fetch.status,
        "etag": fetch.etag,
        "last_modified": fetch.last_modified,
        "outcome": outcome,
        "reason": fetch.reason,
        "extraction": fetch.extraction,
        "raw_page_id": raw_page_id,
        "response_headers": raw.headers if raw is not None else None,
    }


def write_articles(session: Session, working: WorkingSet) -> None:
    """Articles (ids for the new ones), their new aliases, contents, revisions, documents."""
    new = [a for a in working.articles if a.is_new]
    if new:
        ids = session.scalars(
            insert(Article).returning(Article.id, sort_by_parameter_order=True),
            [_article_values(a) for a in new],
        ).all()
        for article, article_id in zip(new, ids, strict=True):
            article.id = article_id
    existing = [a for a in working.articles if not a.is_new]
    if existing:
        session.execute(update(Article), [{"id": a.id, **_article_values(a)} for a in existing])
    if working.new_aliases:
        session.execute(
            insert(table_of(ArticleURL)),
            [
                {"article_id": a.key, "url": url, "first_seen_at": seen}
                for a, url, seen in working.new_aliases
            ],
        )
    _write_revisions(session, working)
    _write_documents(session, working)


def write_fetches(session: Session, working: WorkingSet) -> None:
    """The visits, after the bodies they received (same transaction: none points at nothing)."""
    raw_ids = write_raw_pages(
        session, [(d.item.raw, d.item.seen_at) for d in working.decisions if d.item.raw]
    )
    session.execute(
        insert(table_of(Fetch)),
        [
            fetch_values(
                d.fetch,
                d.outcome,
                d.article.key,
                d.revision_id,
                d.item.raw,
                raw_ids[d.item.raw.sha256] if d.item.raw else None,
            )
            for d in working.decisions
        ],
    )


def _article_values(article: KnownArticle) -> dict[str, Any]:
    return {
        "site": article.site,
        "canonical_url": article.canonical_url,
        "publisher_id": article.publisher_id,
        "timezone": article.timezone,
        "language": article.language,
        "first_seen_at": article.first_seen_at,
        "last_seen_at": article.last_seen_at,
        "revision_count": article.revision_count,
    }


def _content_values(article: KnownArticle, content: KnownContent) -> dict[str, Any]:
    return {
        "article_id": article.key,
        "content_hash": content.content_hash,
        "simhash": content.simhash,
        **content.normalized.columns(),
    }


def _write_revisions(session: Session, working: WorkingSet) -> None:
    # Keyed by id(): an object first met as new may be met again (an unchanged refetch).
    contents: dict[int, tuple[KnownArticle, KnownContent]] = {}
    revisions: dict[int, tuple[KnownArticle, KnownRevision]] = {}
    touched: dict[int, KnownRevision] = {}
    for decision in working.decisions:
        revision = decision.revision
        if revision.insert is not None:
            revisions.setdefault(id(revision), (decision.article, revision))
            if revision.content.is_new:
                contents.setdefault(id(revision.content), (decision.article, revision.content))
        elif revision.touched:
            touched.setdefault(id(revision), revision)
    if contents:
        ids = session.scalars(
            insert(Content).returning(Content.id, sort_by_parameter_order=True),
            [_content_values(a, c) for a, c in contents.values()],
        ).all()
        for (_, content), content_id in zip(contents.values(), ids, strict=True):
            content.id = content_id
    if revisions:
        ids = session.scalars(
            insert(Revision).returning(Revision.id, sort_by_parameter_order=True),
            [
                {
                    "article_id": a.key,
                    "content_id": r.content.id,
                    "last_seen_at": r.last_seen_at,
                    **(r.insert or {}),
                }
                for a, r in revisions.values()
            ],
        ).all()
        for (_, revision), revision_id in zip(revisions.values(), ids, strict=True):
            revision.id = revision_id
    if touched:
        session.execute(
            update(Revision),
            [{"id": r.id, "last_seen_at": r.last_seen_at} for r in touched.values()],
        )


def _write_documents(session: Session, working: WorkingSet) -> None:
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for article in working.articles:
        if article.document is None:
            continue
        values = {"article_id": article.key, **article.document}
        (updates if article.has_document else inserts).append(values)
    if inserts:
        session.execute(insert(table_of(SearchDocument)), inserts)
    if updates:
        session.execute(update(SearchDocument), updates)
