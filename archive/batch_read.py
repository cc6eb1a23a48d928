"""Step 1 of a batch: read every row its items can touch, one ``SELECT ... IN`` per kind.

Articles by publisher id and by URL (locked, in id order), their latest revisions and
contents, earlier contents an item may revert to, and which have a search document. The
result is the ``WorkingSet`` that ``archive.decide`` decides against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from archive.decide import KnownArticle, KnownContent, KnownRevision, WorkingSet
from archive.models import Article, ArticleURL, Content, Revision, SearchDocument
from archive.revisions import content_from_row
from archive.vocabulary import PreparedItem

# Bound parameters per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535.
IN_CHUNK = 500

_ARTICLE_COLUMNS = (
    Article.id,
    Article.site,
    Article.canonical_url,
    Article.publisher_id,
    Article.timezone,
    Article.language,
    Article.first_seen_at,
    Article.last_seen_at,
    Article.revision_count,
)


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """Distinct values in order, IN_CHUNK at a time."""
    ordered = list(dict.fromkeys(values))
    for start in range(0, len(ordered), IN_CHUNK):
        yield ordered[start : start + IN_CHUNK]


def read_working_set(session: Session, items: Sequence[PreparedItem]) -> WorkingSet:
    """The articles the items can name, locked, with what deciding needs of each."""
    working = WorkingSet()
    ids: set[int] = set()
    publisher_ids = {i.snapshot.publisher_id for i in items} - {None}
    sites = {i.snapshot.site for i in items if i.snapshot.publisher_id is not None}
    found_by_publisher: list[Any] = []
    for chunk in chunks(publisher_ids):
        found_by_publisher += session.execute(
            select(Article.id, Article.site, Article.publisher_id).where(
                Article.publisher_id.in_(chunk), Article.site.in_(sites)
            )
        ).all()
    aliases = [url for i in items for url in i.aliases]
    alias_rows: list[Any] = []
    canonical_rows: list[Any] = []
    for chunk in chunks(aliases):
        alias_rows += session.execute(
            select(ArticleURL.url, ArticleURL.article_id).where(ArticleURL.url.in_(chunk))
        ).all()
        canonical_rows += session.execute(
            select(Article.canonical_url, Article.id).where(Article.canonical_url.in_(chunk))
        ).all()
    ids |= {row[0] for row in found_by_publisher}
    ids |= {row[1] for row in alias_rows} | {row[1] for row in canonical_rows}
    if not ids:
        return working
    loaded: dict[int, KnownArticle] = {}
    # Lock in id order, so two batches touching the same articles queue instead of
    # deadlocking (PostgreSQL; SQLite's writer already holds the whole database).
    for chunk in chunks(sorted(ids)):
        for row in session.execute(
            select(*_ARTICLE_COLUMNS)
            .where(Article.id.in_(chunk))
            .order_by(Article.id)
            .with_for_update()
        ):
            loaded[row.id] = KnownArticle(**row._asdict(), is_new=False)
    for article in loaded.values():
        if article.publisher_id is not None:
            working.by_publisher_id[(article.site, article.publisher_id)] = article
        working.by_canonical[article.canonical_url] = article
    for url, article_id in alias_rows:
        working.by_alias[url] = loaded[article_id]
    _read_revisions(session, items, loaded)
    return working


def _read_revisions(
    session: Session, items: Sequence[PreparedItem], loaded: dict[int, KnownArticle]
) -> None:
    hashes = {i.content_hash for i in items}
    content_columns = list(Content.__table__.columns)  # every content field, whatever they are
    contents: dict[int, KnownContent] = {}
    for chunk in chunks(loaded):
        latest_rows = session.execute(
            select(
                Revision.id.label("revision_id"),
                Revision.number.label("revision_number"),
                Revision.last_seen_at.label("revision_last_seen_at"),
                *content_columns,
            )
            .join(Content, Content.id == Revision.content_id)
            .join(
                Article,
                and_(
                    Article.id == Revision.article_id,
                    Article.revision_count == Revision.number,
                ),
            )
            .where(Article.id.in_(chunk))
        )
        for row in latest_rows:
            content = contents.get(row.id) or contents.setdefault(row.id, _content(row))
            article = loaded[row.article_id]
            article.latest = KnownRevision(
                row.revision_id, row.revision_number, content, row.revision_last_seen_at
            )
            article.contents[content.content_hash] = content
        # Earlier contents the batch may revert to (usually none).
        for earlier in session.execute(
            select(*content_columns).where(
                Content.article_id.in_(chunk), Content.content_hash.in_(hashes)
            )
        ):
            content = contents.get(earlier.id) or contents.setdefault(earlier.id, _content(earlier))
            loaded[earlier.article_id].contents[content.content_hash] = content
        for (article_id,) in session.execute(
            select(SearchDocument.article_id).where(SearchDocument.article_id.in_(chunk))
        ):
            loaded[article_id].has_document = True
    for chunk in chunks(contents):
        for content_id, number in session.execute(
            select(Revision.content_id, func.max(Revision.number))
            .where(Revision.content_id.in_(chunk))
            .group_by(Revision.content_id)
        ):
            contents[content_id].max_number = number


def _content(row: Any) -> KnownContent:
    return KnownContent(row.id, row.content_hash, row.simhash, content_from_row(row), 0)
