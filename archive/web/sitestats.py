"""Per-site figures for the sites page: articles first seen per day, visits by outcome, and
field coverage over recent crawls (from each run's stats, as ``newsarchive health`` reads
them). Each is bounded: a window of days before the site's latest article, or a number of
runs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.health import COVERAGE_FIELDS, summarize
from archive.models import Article, Fetch, Run
from archive.timestamps import in_zone, table_time

DAYS = 30
RUNS = 10


@dataclass(frozen=True, slots=True)
class SiteFigures:
    site: str
    articles: int
    per_day: list[tuple[str, float]]  # (date in the site's zone, articles first seen)
    outcomes: list[tuple[str, float]]  # (outcome, visits) over the same days
    coverage: dict[str, list[tuple[str, float]]]  # field -> (run, share of articles)


def sites(session: Session) -> list[str]:
    """Every site with an article or a run, by name."""
    found = set(session.scalars(select(Article.site).distinct()))
    found |= set(session.scalars(select(Run.site).distinct()))
    return sorted(found)


def site_figures(session: Session, site: str, days: int = DAYS, runs: int = RUNS) -> SiteFigures:
    """The site's figures over the ``days`` before its latest article (so an archive that
    stopped growing still shows its last month) and its last ``runs`` finished crawls."""
    count, latest = session.execute(
        select(func.count(Article.id), func.max(Article.first_seen_at)).where(Article.site == site)
    ).one()
    per_day: list[tuple[str, float]] = []
    outcomes: list[tuple[str, float]] = []
    if latest is not None:
        zone = session.scalar(select(Article.timezone).where(Article.site == site).limit(1))
        assert zone is not None  # the site has an article
        start = latest - timedelta(days=days)
        counts: Counter[date] = Counter()
        for hour, articles in _per_hour(session, site, start):
            counts[_day(hour, zone)] += articles
        last_day = _day(latest, zone)
        per_day = [
            (str(day), float(counts.get(day, 0)))
            for day in (last_day - timedelta(days=n) for n in range(days - 1, -1, -1))
        ]
        outcomes = [
            (outcome, float(visits))
            for outcome, visits in session.execute(
                select(Fetch.outcome, func.count(Fetch.id))
                .where(Fetch.site == site, Fetch.fetched_at > start)
                .group_by(Fetch.outcome)
                .order_by(Fetch.outcome)
            )
        ]
    recent = list(
        session.scalars(
            select(Run)
            .where(Run.site == site, Run.finished_at.is_not(None))
            .order_by(Run.id.desc())
            .limit(runs)
        )
    )
    coverage: dict[str, list[tuple[str, float]]] = {name: [] for name in COVERAGE_FIELDS}
    for run in reversed(recent):
        summary = summarize(run)
        for name in COVERAGE_FIELDS:
            share = summary.coverage.get(name)
            if share is not None:
                when = table_time(run.started_at, "UTC")
                coverage[name].append((f"run {run.id} ({when})", share))
    return SiteFigures(site, int(count), per_day, outcomes, coverage)


def _per_hour(session: Session, site: str, start: datetime) -> list[tuple[datetime, int]]:
    """Articles first seen per UTC hour since ``start``: the database counts (a month is at
    most 720 rows, however many articles), and each hour goes to its day in the site's zone
    here, where zones are known (an hour split by a half-hour offset counts on one day)."""
    if session.get_bind().dialect.name == "sqlite":
        # Stored as naive UTC text, "2024-08-14 03:00:00.000000": the hour is its first 13.
        hour = func.substr(Article.first_seen_at, 1, 13)
    else:
        hour = func.to_char(func.timezone("UTC", Article.first_seen_at), "YYYY-MM-DD HH24")
    rows = session.execute(
        select(hour, func.count(Article.id))
        .where(Article.site == site, Article.first_seen_at > start)
        .group_by(hour)
    )
    return [
        (datetime.strptime(text, "%Y-%m-%d %H").replace(tzinfo=UTC), articles)
        for text, articles in rows
    ]


def _day(moment: datetime, zone: str) -> date:
    shown = in_zone(moment, zone)
    assert shown is not None  # moment is a stored time, never None
    return shown.date()
