"""Reading the archive: articles by URL or id, their history, versions as of a time, changes.

Functions take a Session so the CLI, the store and tests share them; they return views
(archive.views), never ORM rows, so callers cannot change the archive by accident.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.identity import InvalidURLError, canonicalize_url
from archive.models import (
    Article,
    ArticleURL,
    Content,
    Fetch,
    NearDuplicate,
    RawPage,
    Revision,
    Run,
)
from archive.revisions import content_from_row
from archive.timestamps import iso_in_zone, require_aware
from archive.views import ArticleView, RevisionView


class ArticleNotFoundError(LookupError):
    """No article matches the URL or id asked for."""


class RevisionNotFoundError(LookupError):
    """The article has no revision with that number, or none yet at that time."""


def find_article_id(session: Session, canonical_urls: Sequence[str]) -> int | None:
    """The article one of these canonical URLs leads to (aliases first, then canonical URLs)."""
    found = session.scalars(
        select(ArticleURL.article_id).where(ArticleURL.url.in_(canonical_urls)).limit(1)
    ).first()
    if found is not None:
        return found
    return session.scalars(
        select(Article.id).where(Article.canonical_url.in_(canonical_urls)).limit(1)
    ).first()


def resolve_article(session: Session, ref: str | int) -> int:
    """The id of the article ``ref`` names: an integer id or any URL variant of the article.

    Raises ArticleNotFoundError with a message fit for a user.
    """
    text = str(ref).strip()
    if text.isdigit():
        if session.get(Article, int(text)) is None:
            raise ArticleNotFoundError(f"no article with id {text}")
        return int(text)
    try:
        canonical = canonicalize_url(text)
    except InvalidURLError as error:
        raise ArticleNotFoundError(f"{text!r} is neither an article id nor a URL") from error
    article_id = find_article_id(session, [canonical]) or by_publisher_id(session, canonical)
    if article_id is None:
        raise ArticleNotFoundError(f"no article for URL {text} (looked up as {canonical})")
    return article_id


# Pieces of a URL's path that may be the publisher's article id: a whole segment
# ("/read/4117380/", "/d-7522193/") or a long number inside one ("...-5012345.html").
_LONG_NUMBER = re.compile(r"\d{5,}")
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def _site_host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def by_publisher_id(session: Session, url: str) -> int | None:
    """The article of the same host whose publisher id the URL carries, whatever its slug.

    A publisher's id names the article however its URL is spelled: ``…/read/4117380/anything``
    is Liputan6's article 4117380 under any slug, an old or a mistyped one. Candidates are the
    path's segments and the long numbers in them; an article counts only when its canonical
    URL is on the same host (``www.``, ``m.``, ``amp.`` aside), since ids are unique within a
    site only.
    """
    path = urlsplit(url).path
    segments = [piece for piece in path.split("/") if piece]
    candidates = {*segments, *(n for piece in segments for n in _LONG_NUMBER.findall(piece))}
    if not candidates:
        return None
    host = _site_host(url)
    rows = session.execute(
        select(Article.id, Article.canonical_url).where(Article.publisher_id.in_(candidates))
    )
    matches = [article_id for article_id, canonical in rows if _site_host(canonical) == host]
    return matches[0] if len(matches) == 1 else None


def _revision_row(session: Session, article_id: int, number: int) -> Revision:
    row = session.scalars(
        select(Revision).where(Revision.article_id == article_id, Revision.number == number)
    ).one_or_none()
    if row is None:
        raise RevisionNotFoundError(f"article {article_id} has no revision {number}")
    return row


def load_article(session: Session, article_id: int, revision: int | None = None) -> ArticleView:
    """The article with the content of revision ``revision`` (default: the latest)."""
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleNotFoundError(f"no article with id {article_id}")
    row = _revision_row(session, article_id, revision or article.revision_count)
    content = session.get_one(Content, row.content_id)
    urls = list(
        session.scalars(
            select(ArticleURL.url)
            .where(ArticleURL.article_id == article_id)
            .order_by(ArticleURL.id)
        )
    )
    return ArticleView(
        id=article.id,
        site=article.site,
        canonical_url=article.canonical_url,
        publisher_id=article.publisher_id,
        timezone=article.timezone,
        language=article.language,
        first_seen_at=article.first_seen_at,
        last_seen_at=article.last_seen_at,
        revision_count=article.revision_count,
        revision=row.number,
        revision_kind=row.kind,
        revision_first_seen_at=row.first_seen_at,
        revision_last_seen_at=row.last_seen_at,
        content_hash=content.content_hash,
        content=content_from_row(content),
        urls=urls,
    )


def article_as_of(session: Session, article_id: int, moment: datetime) -> ArticleView:
    """The version a reader would have seen at ``moment``: the last revision first seen by then.

    Raises RevisionNotFoundError when the archive had not yet seen the article at ``moment``.
    """
    when = require_aware(moment, "as-of time")
    number = session.scalar(
        select(func.max(Revision.number)).where(
            Revision.article_id == article_id, Revision.first_seen_at <= when
        )
    )
    if number is None:
        article = session.get_one(Article, article_id)
        zone = article.timezone  # as every command shows times
        raise RevisionNotFoundError(
            f"article {article_id} not yet seen at {iso_in_zone(when, zone, 'minutes')}: "
            f"the archive first saw it at {iso_in_zone(article.first_seen_at, zone, 'minutes')}"
        )
    return load_article(session, article_id, number)


def history(session: Session, article_id: int) -> list[RevisionView]:
    """Every revision of the article, oldest first."""
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleNotFoundError(f"no article with id {article_id}")
    rows = session.execute(
        select(Revision, Content.content_hash)
        .join(Content, Content.id == Revision.content_id)
        .where(Revision.article_id == article_id)
        .order_by(Revision.number)
    )
    return [_revision_view(rev, content_hash, article.timezone) for rev, content_hash in rows]


def _revision_view(rev: Revision, content_hash: str, zone: str) -> RevisionView:
    return RevisionView(
        article_id=rev.article_id,
        number=rev.number,
        kind=rev.kind,
        reverts_to=rev.reverts_to,
        content_hash=content_hash,
        first_seen_at=rev.first_seen_at,
        last_seen_at=rev.last_seen_at,
        field_diff=dict(rev.field_diff),
        body_diff=dict(rev.body_diff),
        timezone=zone,
    )


@dataclass(frozen=True, slots=True)
class Change:
    """One revision in the ``changes`` feed, with the article it belongs to."""

    article_id: int
    site: str
    title: str
    canonical_url: str
    revision: RevisionView

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "site": self.site,
            "title": self.title,
            "canonical_url": self.canonical_url,
            **self.revision.to_dict(),
        }


def changes(
    session: Session,
    *,
    site: str | None = None,
    field: str | None = None,
    since: datetime | None = None,
    limit: int = 100,
) -> list[Change]:
    """Revisions that changed an already-archived article (not first versions), newest first.

    ``field`` keeps only revisions that changed that field (``title``, ``body``, ...).
    """
    query = (
        select(Revision, Content.content_hash, Content.title, Article)
        .join(Content, Content.id == Revision.content_id)
        .join(Article, Article.id == Revision.article_id)
        .where(Revision.number > 1)
        .order_by(Revision.first_seen_at.desc(), Revision.id.desc())
    )
    if site is not None:
        query = query.where(Article.site == site)
    if since is not None:
        query = query.where(Revision.first_seen_at >= require_aware(since, "since"))
    if field is None:
        query = query.limit(limit)  # the database stops there; the field filter cannot
    result: list[Change] = []
    # The field filter looks inside the JSON diff, which the two backends query differently;
    # filtering in Python keeps one code path, and the time/site filters bound the rows.
    for rev, content_hash, title, article in session.execute(query):
        if field is not None and field not in rev.field_diff:
            continue
        view = _revision_view(rev, content_hash, article.timezone)
        result.append(Change(article.id, article.site, title, article.canonical_url, view))
        if len(result) >= limit:
            break
    return result


def near_duplicates(session: Session, article_id: int) -> list[tuple[int, int]]:
    """Articles whose body nearly equals this one's, as (article id, Hamming distance)."""
    rows = session.execute(
        select(NearDuplicate.article_id, NearDuplicate.duplicate_id, NearDuplicate.distance).where(
            (NearDuplicate.article_id == article_id) | (NearDuplicate.duplicate_id == article_id)
        )
    )
    return sorted((b if a == article_id else a, d) for a, b, d in rows)


def fetches(session: Session, article_id: int) -> list[Fetch]:
    """Every logged visit to the article, oldest first."""
    return list(
        session.scalars(
            select(Fetch).where(Fetch.article_id == article_id).order_by(Fetch.fetched_at, Fetch.id)
        )
    )


def stats(session: Session) -> dict[str, Any]:
    """Counts a user checks first: articles, revisions, contents, fetches by outcome, per site."""
    per_site = {
        site: {"articles": articles, "revisions": revisions or 0}
        for site, articles, revisions in session.execute(
            select(Article.site, func.count(Article.id), func.sum(Article.revision_count))
            .group_by(Article.site)
            .order_by(Article.site)
        )
    }
    outcomes = dict(
        session.execute(
            select(Fetch.outcome, func.count(Fetch.id))
            .group_by(Fetch.outcome)
            .order_by(Fetch.outcome)
        ).all()
    )
    last_run = session.scalars(select(Run).order_by(Run.started_at.desc()).limit(1)).first()
    raw_count, raw_stored, raw_original = session.execute(
        select(func.count(RawPage.id), func.sum(func.length(RawPage.data)), func.sum(RawPage.size))
    ).one()
    return {
        "articles": session.scalar(select(func.count(Article.id))) or 0,
        "revisions": session.scalar(select(func.count(Revision.id))) or 0,
        "distinct_contents": session.scalar(select(func.count(Content.id))) or 0,
        "reverts": session.scalar(
            select(func.count(Revision.id)).where(Revision.kind == "reverted")
        )
        or 0,
        "near_duplicate_pairs": session.scalar(select(func.count(NearDuplicate.id))) or 0,
        "fetches": sum(outcomes.values()),
        "fetches_by_outcome": outcomes,
        "runs": session.scalar(select(func.count(Run.id))) or 0,
        # The bodies kept (archive.rawpages): how many, their bytes stored and as served.
        "raw_pages": {
            "count": raw_count or 0,
            "stored_bytes": int(raw_stored or 0),
            "original_bytes": int(raw_original or 0),
            "fetches_with_body": session.scalar(
                select(func.count(Fetch.id)).where(Fetch.raw_page_id.is_not(None))
            )
            or 0,
        },
        "last_run": (
            {
                "id": last_run.id,
                "site": last_run.site,
                "started_at": last_run.started_at.isoformat(),
                "finished_at": last_run.finished_at.isoformat() if last_run.finished_at else None,
                "status": last_run.status,
            }
            if last_run
            else None
        ),
        "sites": per_site,
    }
