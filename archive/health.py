"""Is a site still crawled well? Judged from each run's stats against the site's own past.

A crawl that runs from cron for months breaks quietly: a site starts answering 403 or a
challenge page, or a redesign makes the parser stop finding authors while titles and text
still arrive. Each run stores its stats (``runs.stats``); this module reads them back:

1. **blocked**: at least ``min_blocked`` visits were blocked (403/429/451 or a challenge
   page) and they are at least ``blocked_share`` of the run's responses;
2. **failing**: the crawl ended other than ``finished`` (or ``shutdown``, a requested
   stop), raised exceptions in our code, or failed visits (5xx after retries, network
   errors) are as frequent as blocked ones must be to count, or incomplete ones (pages cut
   short: a server or proxy breaking downloads off) are;
3. **degraded**: a field (authors, tags, modified time, body) was found on fewer than
   ``coverage_drop`` times the site's usual share, the median of its last ``window``
   finished runs with at least ``min_articles`` articles (and at least
   ``min_baseline_runs`` such runs; a new site has no baseline yet); or, in a run of at
   least ``min_articles`` articles, the site's page object missed the body in
   ``fallback_share`` of them (its container looked wrong and the generic choice filled
   in: a redesign the page object does not know yet), or the body was chosen on weak
   evidence in ``weak_share`` of them.

Everything else is ``ok``. The archive knows no Scrapy: the crawler counts coverage as
stats ``newscrawler/coverage/articles`` and ``newscrawler/coverage/<field>``, fallbacks as
``newscrawler/fallback/body`` and bodies by confidence as ``newscrawler/body_confidence/<level>``.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.models import Run

COVERAGE_FIELDS = ("authors", "tags", "modified", "body")
COVERAGE_PREFIX = "newscrawler/coverage/"
# Articles whose site container looked wrong and whose body the generic choice gave, and
# articles by how sure the choice of body was (see newscrawler/extraction/mainblock.py).
FALLBACK_PREFIX = "newscrawler/fallback/"
CONFIDENCE_PREFIX = "newscrawler/body_confidence/"
Status = Literal["ok", "blocked", "failing", "degraded"]

# Errors our own code raised on a page, caught and recorded as the page's failed visit:
# newscrawler/error/extraction (a page object), newscrawler/error/normalize.
ERROR_PREFIX = "newscrawler/error/"


@dataclass(frozen=True, slots=True)
class HealthRules:
    """The thresholds of the module docstring's rules."""

    window: int = 5
    min_articles: int = 5
    min_baseline_runs: int = 2
    coverage_drop: float = 0.5
    min_blocked: int = 3
    blocked_share: float = 0.5
    # A page object going stale: this share of a run's articles took the generic fallback.
    fallback_share: float = 0.2
    # This share of a run's bodies chosen on weak evidence (two readings disagreed).
    weak_share: float = 0.3


DEFAULT_RULES = HealthRules()


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run's numbers, as the summary table shows them."""

    run_id: int
    site: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    fetched: int  # HTTP responses, feeds and listings included
    new: int
    revised: int  # revised or reverted: an edit either way
    unchanged: int
    not_modified: int
    gone: int
    dropped: int
    blocked: int
    failed: int
    articles: int  # articles parsed (new, revised or unchanged): coverage's denominator
    exceptions: int  # errors raised by our own code, escaped or caught (see summarize)
    coverage: dict[str, float | None] = field(default_factory=dict)
    fallbacks: int = 0  # articles whose body came from the generic fallback
    weak_bodies: int = 0  # articles whose body was chosen on weak evidence
    retired_aliases: int = 0  # 404/410 on an old URL of a live article (archive.aliases)
    incomplete: int = 0  # pages cut short: the article's stored revision stayed current

    @property
    def errors(self) -> int:
        return self.blocked + self.failed


def _count(stats: dict[str, Any], *keys: str) -> int:
    return sum(int(stats.get(key) or 0) for key in keys)


def summarize(run: Run) -> RunSummary:
    """The numbers of one stored run."""
    stats = run.stats or {}
    articles = _count(stats, COVERAGE_PREFIX + "articles")
    coverage: dict[str, float | None] = {
        name: (_count(stats, COVERAGE_PREFIX + name) / articles if articles else None)
        for name in COVERAGE_FIELDS
    }
    return RunSummary(
        run_id=run.id,
        site=run.site,
        status=run.status,
        started_at=run.started_at,
        finished_at=run.finished_at,
        fetched=_count(stats, "downloader/response_count"),
        new=_count(stats, "archive/new"),
        revised=_count(stats, "archive/revised", "archive/reverted"),
        unchanged=_count(stats, "archive/unchanged"),
        not_modified=_count(stats, "archive/fetch/not-modified"),
        gone=_count(stats, "archive/fetch/gone"),
        retired_aliases=_count(stats, "archive/fetch/retired-alias"),
        incomplete=_count(stats, "archive/fetch/incomplete"),
        dropped=_count(stats, "archive/fetch/dropped"),
        blocked=_count(stats, "archive/fetch/blocked"),
        failed=_count(stats, "archive/fetch/failed"),
        articles=articles,
        # Scrapy's count of exceptions that escaped, and ours of those caught and recorded as
        # failed visits (a page object or the normalizer raised: newscrawler/error/*).
        exceptions=_count(stats, "spider_exceptions/count")
        + _count(stats, *(key for key in stats if key.startswith(ERROR_PREFIX))),
        coverage=coverage,
        fallbacks=_count(stats, FALLBACK_PREFIX + "body"),
        weak_bodies=_count(stats, CONFIDENCE_PREFIX + "low"),
    )


@dataclass(frozen=True, slots=True)
class SiteHealth:
    """A site's latest run judged against its own recent past."""

    site: str
    status: Status
    run: RunSummary
    problems: list[str]
    baseline: dict[str, float]  # median coverage per field over the baseline runs
    baseline_runs: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["run"]["errors"] = self.run.errors
        for key in ("started_at", "finished_at"):
            value = data["run"][key]
            data["run"][key] = value.isoformat() if value is not None else None
        return data


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def assess(
    latest: RunSummary, history: Sequence[RunSummary], rules: HealthRules = DEFAULT_RULES
) -> SiteHealth:
    """Judge ``latest`` against ``history`` (earlier finished runs of the site, newest first)."""
    problems: list[str] = []
    statuses: list[Status] = []
    if latest.status not in ("finished", "shutdown"):
        statuses.append("failing")
        problems.append(f"the crawl ended with {latest.status!r}")
    if latest.exceptions:
        statuses.append("failing")
        problems.append(f"{latest.exceptions} exception(s) in the crawler's code (see the log)")
    responses = max(latest.fetched, latest.blocked + latest.failed)
    if latest.blocked >= rules.min_blocked and _share(latest.blocked, responses) >= (
        rules.blocked_share
    ):
        statuses.append("blocked")
        problems.append(
            f"blocked: {latest.blocked} of {responses} responses were 403/429 or challenge pages"
        )
    if latest.failed >= rules.min_blocked and _share(latest.failed, responses) >= (
        rules.blocked_share
    ):
        statuses.append("failing")
        problems.append(f"failing: {latest.failed} of {responses} visits failed")
    if latest.incomplete >= rules.min_blocked and _share(latest.incomplete, responses) >= (
        rules.blocked_share
    ):
        statuses.append("failing")
        problems.append(f"failing: {latest.incomplete} of {responses} pages came cut short")

    if latest.articles >= rules.min_articles:
        if _share(latest.fallbacks, latest.articles) >= rules.fallback_share:
            statuses.append("degraded")
            problems.append(
                f"the site's page object missed the body in {latest.fallbacks} of"
                f" {latest.articles} articles (the generic choice filled in): a new layout?"
            )
        if _share(latest.weak_bodies, latest.articles) >= rules.weak_share:
            statuses.append("degraded")
            problems.append(
                f"the body was chosen on weak evidence in {latest.weak_bodies} of"
                f" {latest.articles} articles"
            )

    usable = [r for r in history if r.articles >= rules.min_articles][: rules.window]
    baseline: dict[str, float] = {}
    if len(usable) >= rules.min_baseline_runs:
        for name in COVERAGE_FIELDS:
            shares = [r.coverage[name] for r in usable if r.coverage.get(name) is not None]
            if shares:
                baseline[name] = statistics.median(s for s in shares if s is not None)
    if latest.articles >= rules.min_articles:
        for name, usual in baseline.items():
            now = latest.coverage.get(name)
            if now is not None and usual > 0 and now < rules.coverage_drop * usual:
                statuses.append("degraded")
                problems.append(
                    f"{name} found in {now:.0%} of {latest.articles} articles"
                    f" (usually {usual:.0%}, median of {len(usable)} runs)"
                )
    status: Status = statuses[0] if statuses else "ok"
    return SiteHealth(latest.site, status, latest, problems, baseline, len(usable))


def site_health(
    session: Session,
    site: str | None = None,
    run_ids: Sequence[int] | None = None,
    rules: HealthRules = DEFAULT_RULES,
) -> list[SiteHealth]:
    """Health of each site's latest finished run (or of the given runs), by site name."""
    finished = Run.finished_at.is_not(None)
    if run_ids is not None:
        latest_runs = list(session.scalars(select(Run).where(Run.id.in_(run_ids))))
    else:
        newest = select(Run.site, func.max(Run.id).label("id")).where(finished).group_by(Run.site)
        if site is not None:
            newest = newest.where(Run.site == site)
        ids = [row.id for row in session.execute(newest)]
        latest_runs = list(session.scalars(select(Run).where(Run.id.in_(ids))))
    healths = []
    for run in sorted(latest_runs, key=lambda r: r.site):
        earlier = session.scalars(
            select(Run)
            .where(Run.site == run.site, Run.id < run.id, finished)
            .order_by(Run.id.desc())
            .limit(rules.window * 4)  # runs too small to count are skipped, look a bit further
        )
        healths.append(assess(summarize(run), [summarize(r) for r in earlier], rules))
    return healths


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def health_table(healths: Sequence[SiteHealth]) -> Table:
    """The run summary: one row per site, problems spelled out under the table's rows."""
    table = Table(show_header=True, header_style="bold")
    columns = (
        "site",
        "run",
        "fetched",
        "new",
        "revised",
        "unchanged",
        "not-modified",
        "gone",
        "retired",
        "incomplete",
        "dropped",
        "errors",
        "coverage",
        "fallback",
        "status",
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for health in healths:
        run = health.run
        coverage = " ".join(
            f"{name} {_percent(run.coverage.get(name))}" for name in COVERAGE_FIELDS
        )
        status = health.status if health.status == "ok" else f"[bold red]{health.status}[/]"
        table.add_row(
            health.site,
            str(run.run_id),
            str(run.fetched),
            str(run.new),
            str(run.revised),
            str(run.unchanged),
            str(run.not_modified),
            str(run.gone),
            str(run.retired_aliases),
            str(run.incomplete),
            str(run.dropped),
            str(run.errors),
            coverage,
            f"{run.fallbacks} body, {run.weak_bodies} weak",
            status,
        )
    return table


def problem_lines(healths: Sequence[SiteHealth]) -> list[str]:
    """``liputan6: authors found in 0% of 10 articles (usually 100%, ...)`` per problem."""
    return [f"{h.site}: {problem}" for h in healths for problem in h.problems]
