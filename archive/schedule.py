"""When to visit an article again: a revisit schedule that decays with the article's age.

Newsrooms edit most in an article's first hours (a developing story, a corrected name) and
rarely after a week, so revisits are checkpoints at offsets from the article's *anchor*
(its publish time, or when the archive first saw it if that is earlier or the time is
unknown): by default 15 min, 1 h, 3 h, 12 h, 1 d, 3 d and 7 d, then never. A visit plans the
next checkpoint after itself; checkpoints a missed cron run skipped are not made up one by
one, the next visit simply jumps to the next checkpoint still ahead.

A revisit goes to the article's canonical URL: the page's declared canonical once a visit
has seen one (archive.identity.revisit_url), never merely the variant fetched last (an old
slug that may die while the article lives). Visits that stored nothing leave the URL as it
is, except a ``retired-alias`` one, which moves a plan still pointing at the dead URL to the
article's live one (archive.aliases).

A visit that got a page but not the article (``incomplete``: cut short; a challenge page
served as a 200; a ``retired-alias``) makes the article due again after ``RETRY_AFTER``, or
at its next checkpoint if that is sooner; past the schedule's end this retry is made once.

The plan is written by :func:`record_visit`, an ``Archive.visit_hooks`` hook, in the same
transaction as the visit, so an article is never stored without a plan. Crawlers read it
back with :func:`site_schedule` (every known URL of a site and its plan) and
:func:`due_visits`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from archive.aliases import live_url
from archive.models import Article, ArticleURL, Content, Revision, VisitSchedule
from archive.snapshot import FetchInfo
from archive.timestamps import require_aware
from archive.vocabulary import Visit

DEFAULT_SCHEDULE = "15m,1h,3h,12h,1d,3d,7d"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# Outcomes whose response validators (ETag, Last-Modified) describe the article's page.
_VALIDATED = frozenset({"new", "revised", "reverted", "unchanged", "not-modified"})
# How soon a visit that got a page but not the article is tried again (see the docstring).
RETRY_AFTER = timedelta(minutes=15)


def parse_duration(text: str) -> timedelta:
    """``"15m"`` -> 15 minutes; units s, m, h, d, w (``"1.5h"`` works too)."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"bad duration {text!r}: use a number and a unit, e.g. 15m, 3h, 1d")
    amount, unit = match.groups()
    return timedelta(**{_UNITS[unit]: float(amount)})


def format_duration(value: timedelta) -> str:
    """The shortest exact spelling in days at most: 900 s -> ``"15m"``, a week -> ``"7d"``."""
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True, slots=True)
class RevisitPolicy:
    """Checkpoints after an article's anchor at which it is visited again, in order."""

    offsets: tuple[timedelta, ...]

    def __post_init__(self) -> None:
        if list(self.offsets) != sorted(set(self.offsets)) or any(
            o <= timedelta(0) for o in self.offsets
        ):
            raise ValueError(f"revisit offsets must be positive and increasing: {self}")

    @classmethod
    def parse(cls, text: str | Sequence[str]) -> RevisitPolicy:
        """``"15m,1h,3h"`` (or a list of durations); ``""`` or ``"never"``: no revisits."""
        parts = text.split(",") if isinstance(text, str) else list(text)
        parts = [p.strip() for p in parts if p.strip()]
        if parts == ["never"]:
            return cls(())
        return cls(tuple(parse_duration(p) for p in parts))

    def __str__(self) -> str:
        return ",".join(format_duration(o) for o in self.offsets) or "never"

    def next_visit(self, anchor: datetime, after: datetime) -> datetime | None:
        """The first checkpoint strictly after ``after``, or None when the schedule is over.

        >>> from datetime import UTC
        >>> policy = RevisitPolicy.parse("15m,1h")
        >>> t0 = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)
        >>> policy.next_visit(t0, t0 + timedelta(minutes=20)).isoformat()
        '2024-08-14T04:00:00+00:00'
        >>> policy.next_visit(t0, t0 + timedelta(hours=2)) is None
        True
        """
        require_aware(anchor, "anchor")
        require_aware(after, "after")
        for offset in self.offsets:
            if anchor + offset > after:
                return anchor + offset
        return None


DEFAULT_POLICY = RevisitPolicy.parse(DEFAULT_SCHEDULE)


def anchor_for(first_seen_at: datetime, published_at: datetime | None) -> datetime:
    """The schedule's time zero: the publish time when known and not after the first sighting.

    A publish time in the future of our first sighting is a site's clock or time zone error;
    the first sighting is the safer anchor then.
    """
    if published_at is not None and published_at <= first_seen_at:
        return published_at
    return first_seen_at


class VisitPlanner:
    """An ``Archive.visit_hooks`` hook that plans each article's next revisit.

    ``Archive.open(url).visit_hooks.append(VisitPlanner(policy))``: every visit of a known
    article (stored, 304, gone, blocked, dropped, incomplete) moves its plan on. A gone
    article keeps its plan: a takedown is sometimes undone, and the next checkpoint notices.
    """

    def __init__(self, policy: RevisitPolicy = DEFAULT_POLICY) -> None:
        self.policy = policy

    def __call__(self, session: Session, article_id: int, fetch: FetchInfo, outcome: str) -> None:
        record_visit(session, article_id, fetch, outcome, self.policy)

    def visited_many(self, session: Session, visits: Sequence[Visit]) -> None:
        """A whole batch's visits (``Archive.store_many``): the same plans, a few statements."""
        record_visits(session, visits, self.policy)


def record_visit(
    session: Session, article_id: int, fetch: FetchInfo, outcome: str, policy: RevisitPolicy
) -> VisitSchedule:
    """Update (or create) the article's plan after a visit; returns the row.

    ``record_visits`` with one visit, taking the article's first sighting and publish time
    from the database.
    """
    article = session.get_one(Article, article_id)
    published_at = session.scalar(
        select(Content.published_at)
        .join(Revision, Revision.content_id == Content.id)
        .where(Revision.article_id == article_id, Revision.number == article.revision_count)
    )
    moved = live_url(session, article_id, fetch.url) if outcome == "retired-alias" else None
    visit = Visit(
        article_id, article.site, fetch, outcome, article.first_seen_at, published_at, moved
    )
    record_visits(session, [visit], policy)
    return session.get_one(VisitSchedule, article_id)


_PLAN_COLUMNS = (
    "article_id",
    "site",
    "url",
    "anchor_at",
    "last_visit_at",
    "last_outcome",
    "visits",
    "next_visit_at",
    "etag",
    "last_modified",
)


def record_visits(session: Session, visits: Sequence[Visit], policy: RevisitPolicy) -> None:
    """Move each visited article's plan on, in order, read and written in bulk.

    Each visit carries the article's first sighting and publish time as of that visit, so
    a batch's plans come out as recording its visits one at a time would leave them.
    """
    ids = list(dict.fromkeys(v.article_id for v in visits))
    rows: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        for found in session.execute(
            select(*(getattr(VisitSchedule, name) for name in _PLAN_COLUMNS)).where(
                VisitSchedule.article_id.in_(ids[start : start + 500])
            )
        ):
            rows[found.article_id] = found._asdict()
    known = set(rows)
    for visit in visits:
        visited_at = require_aware(visit.fetch.fetched_at, "fetched_at")
        row = rows.setdefault(
            visit.article_id,
            dict.fromkeys(_PLAN_COLUMNS)
            | {"article_id": visit.article_id, "site": visit.site, "last_visit_at": visited_at},
        )
        _plan_after(row, visit, visited_at, policy)
    # The ORM may hold plan rows loaded earlier in this session; bulk writes bypass them.
    session.flush()
    session.expire_all()
    new = [row for article_id, row in rows.items() if article_id not in known]
    if new:
        session.execute(insert(VisitSchedule), new)
    if known:
        session.execute(update(VisitSchedule), [rows[article_id] for article_id in known])


def _plan_after(
    row: dict[str, Any], visit: Visit, visited_at: datetime, policy: RevisitPolicy
) -> None:
    """What one visit does to its article's plan: the rule, in one place."""
    fetch = visit.fetch
    anchor = anchor_for(visit.first_seen_at, visit.published_at)
    row["url"] = visit.revisit_url or row["url"] or fetch.url
    row["anchor_at"] = anchor
    row["last_visit_at"] = max(row["last_visit_at"], visited_at)
    previous, row["last_outcome"] = row["last_outcome"], visit.outcome
    row["visits"] = (row["visits"] or 0) + 1
    planned = policy.next_visit(anchor, row["last_visit_at"])
    if retried_soon(visit) and (planned is not None or previous != visit.outcome):
        retry = visited_at + RETRY_AFTER
        planned = retry if planned is None else min(planned, retry)
    row["next_visit_at"] = planned
    if visit.outcome in _VALIDATED and (fetch.etag or fetch.last_modified):
        row["etag"] = fetch.etag or row["etag"]
        row["last_modified"] = fetch.last_modified or row["last_modified"]


def retried_soon(visit: Visit) -> bool:
    """Whether the visit got a page, but not the article's: it is tried again soon."""
    if visit.outcome in ("incomplete", "retired-alias"):
        return True
    # A bot wall served as a 200 (a challenge page): the article is there behind it.
    return visit.outcome == "blocked" and visit.fetch.status == 200


@dataclass(frozen=True, slots=True)
class Plan:
    """What a crawler needs to know about one archived article of its site."""

    article_id: int
    url: str  # the URL to revisit: the article's canonical (see the module docstring)
    last_visit_at: datetime
    next_visit_at: datetime | None
    etag: str | None
    last_modified: str | None

    def is_due(self, now: datetime) -> bool:
        return self.next_visit_at is not None and self.next_visit_at <= now


def site_schedule(session: Session, site: str) -> tuple[dict[str, int], dict[int, Plan]]:
    """Every known URL (canonical form) of ``site`` -> article id, and each article's plan.

    An article without a plan row (stored by code that plans nothing) gets a plan whose
    schedule is over, seen last when the archive last saw it.
    """
    # list() first: a Result has .keys() (its column names), so dict() would take it for a
    # mapping and fail.
    urls: dict[str, int] = dict(
        list(
            session.execute(
                select(ArticleURL.url, ArticleURL.article_id)
                .join(Article, Article.id == ArticleURL.article_id)
                .where(Article.site == site)
            )
        )
    )
    plans: dict[int, Plan] = {}
    rows = session.execute(
        select(Article.id, Article.canonical_url, Article.last_seen_at, VisitSchedule)
        .outerjoin(VisitSchedule, VisitSchedule.article_id == Article.id)
        .where(Article.site == site)
    )
    for article_id, canonical_url, last_seen_at, row in rows:
        if row is None:
            plans[article_id] = Plan(article_id, canonical_url, last_seen_at, None, None, None)
        else:
            plans[article_id] = Plan(
                article_id,
                row.url,
                row.last_visit_at,
                row.next_visit_at,
                row.etag,
                row.last_modified,
            )
    return urls, plans


@dataclass(frozen=True, slots=True)
class DueVisit:
    """One row of ``newsarchive due``."""

    article_id: int
    site: str
    url: str
    timezone: str
    last_visit_at: datetime
    last_outcome: str | None
    visits: int
    next_visit_at: datetime


def due_visits(
    session: Session, until: datetime, site: str | None = None, limit: int | None = None
) -> list[DueVisit]:
    """Articles whose next revisit is at or before ``until``, soonest first."""
    query = (
        select(VisitSchedule, Article.timezone)
        .join(Article, Article.id == VisitSchedule.article_id)
        .where(VisitSchedule.next_visit_at.is_not(None))
        .where(VisitSchedule.next_visit_at <= require_aware(until, "until"))
        .order_by(VisitSchedule.next_visit_at, VisitSchedule.article_id)
    )
    if site is not None:
        query = query.where(VisitSchedule.site == site)
    if limit is not None:
        query = query.limit(limit)
    due = []
    for row, timezone in session.execute(query):
        assert row.next_visit_at is not None  # filtered above
        due.append(
            DueVisit(
                row.article_id,
                row.site,
                row.url,
                timezone,
                row.last_visit_at,
                row.last_outcome,
                row.visits,
                row.next_visit_at,
            )
        )
    return due
