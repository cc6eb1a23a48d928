"""Which URL of an article is its own: a 404 on an old alias retires that URL, not the article.

An article collects URLs (archive.identity): the page's declared canonical, an old slug, the
``m.`` host, an AMP rendering. Publishers let old variants die while the article lives on,
so a 404 or 410 means the article is ``gone`` only on its canonical URL, and only when no
other URL of it answered since that one last did. On any other URL the visit is a
``retired-alias``: that URL is dead, the article is revisited at its canonical URL
(:func:`live_url`), and nothing stored about it changes.

The crawl's pipeline asks :func:`judge_not_found` before it records a ``gone`` visit; the
revisit planner (archive.schedule) asks :func:`live_url` where the article's plan goes next.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.identity import InvalidURLError, canonicalize_url, fetchable_url
from archive.models import Article, Fetch, VisitSchedule
from archive.queries import find_article_id
from archive.snapshot import FetchInfo

# Outcomes of visits at which the URL answered with the article's page.
ANSWERED = frozenset({"new", "revised", "reverted", "unchanged", "not-modified"})
# How many of an article's latest answered visits are looked through.
RECENT_VISITS = 50


def _canonical(url: str) -> str | None:
    try:
        return canonicalize_url(url)
    except InvalidURLError:
        return None


def live_url(session: Session, article_id: int, dead_url: str) -> str | None:
    """Where to revisit the article instead of ``dead_url``, which answered 404/410.

    None when ``dead_url`` is the article's canonical URL and no other URL of it answered
    after that one last did: the article is gone. Otherwise, in order:

    1. ``dead_url`` is not the canonical: the plan's URL when it is the canonical (the page's
       declared canonical), else the latest URL that answered and is the canonical, else the
       canonical form on the site's host (``archive.identity.fetchable_url``);
    2. ``dead_url`` is the canonical, but another URL answered more recently: that URL.
    """
    dead = _canonical(dead_url)
    article = session.get(Article, article_id)
    if dead is None or article is None:
        return None
    answered = list(
        session.scalars(
            select(Fetch.url)
            .where(Fetch.article_id == article_id, Fetch.outcome.in_(ANSWERED))
            .order_by(Fetch.fetched_at.desc(), Fetch.id.desc())
            .limit(RECENT_VISITS)
        )
    )
    if dead != article.canonical_url:
        planned = session.scalar(
            select(VisitSchedule.url).where(VisitSchedule.article_id == article_id)
        )
        for url in ([planned] if planned else []) + answered:
            if _canonical(url) == article.canonical_url:
                return url
        return fetchable_url(article.canonical_url, dead_url)
    for url in answered:
        if _canonical(url) == dead:
            return None  # the canonical itself answered last: now it is gone
        return url
    return None


def judge_not_found(session: Session, fetch: FetchInfo) -> tuple[FetchInfo, str | None]:
    """A ``gone`` visit as the archive sees it: still gone (and None), or a retired alias
    with the URL to revisit the article at. Other visits come back as they are.
    """
    if fetch.outcome != "gone":
        return fetch, None
    url = _canonical(fetch.url)
    article_id = find_article_id(session, [url]) if url is not None else None
    if article_id is None:
        return fetch, None
    home = live_url(session, article_id, fetch.url)
    if home is None:
        return fetch, None
    said = fetch.reason or "not found"
    retired = replace(
        fetch, outcome="retired-alias", reason=f"{said} on an old URL; the article is at {home}"
    )
    return retired, home
