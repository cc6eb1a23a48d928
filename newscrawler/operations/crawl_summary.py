"""What one ``scrapy crawl`` came to, from its stats: a line for the operator and an exit code.

Scrapy exits 0 whenever the crawl ran, even when every page failed or a page object raised
on every article. A scheduled crawl must say so: ``scrapy crawl NAME`` (our ``crawl``
command) prints one summary line and exits 3 when the run has a problem, as ``crawl-due``
does:

- an error in our code (a page object, a pipeline: Scrapy's ``spider_exceptions/count`` and
  our ``newscrawler/error/*``), since each one is a page or an article not handled as it
  should be;
- pages were fetched and none was stored, unchanged or not modified, yet some failed or
  were blocked (offline, a site that blocks us, a changed layout refusing every page);
- the archive recorded no run at all (it could not be opened).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select

from archive.models import Fetch, Run
from archive.store import Archive

EXIT_OK = 0
EXIT_PROBLEM = 3  # the same code crawl-due gives an unhealthy site
# Errors in our own code that were caught and recorded: newscrawler/error/extraction, ...
ERROR_PREFIX = "newscrawler/error/"

# The archive pipeline's counters (newscrawler/pipelines.py): articles stored by outcome,
# and visits that stored no article.
_STORED = ("new", "revised", "reverted", "unchanged")
_VISITS = ("not-modified", "gone", "retired-alias", "incomplete", "blocked", "failed", "dropped")


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """The counts of one crawl and what went wrong in it."""

    site: str
    counts: dict[str, int]
    errors: int
    run_id: int | None
    problems: list[str] = field(default_factory=list)
    # Visits that stored nothing, by outcome, then by the kind of reason (see reason_kind).
    reasons: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEM if self.problems else EXIT_OK

    def line(self) -> str:
        """``crawl liputan6 (run 12): 3 new, 1 revised, 40 unchanged, 2 failed, 0 errors``."""
        shown = [
            f"{count} {name}{_kinds(self.reasons.get(name, {}))}"
            for name, count in self.counts.items()
            if count
        ]
        run = f" (run {self.run_id})" if self.run_id is not None else ""
        body = ", ".join([*shown, f"{self.errors} errors"]) if shown else "nothing fetched"
        return f"crawl {self.site}{run}: {body}"


def _kinds(kinds: Mapping[str, int], most: int = 3) -> str:
    """`` (HTTP 500 ×2, too large)``: the commonest kinds of reason, each with its count."""
    if not kinds:
        return ""
    ranked = Counter(kinds).most_common()
    parts = [f"{kind} ×{n}" if n > 1 else kind for kind, n in ranked[:most]]
    if len(ranked) > most:
        parts.append(f"{len(ranked) - most} more")
    return f" ({', '.join(parts)})"


# Where a reason's kind ends: its details follow a colon, a parenthesis, a semicolon, " to "
# or " on ": "HTTP 404 on an old URL; …", "redirected off-site to example.net", "too large:
# 17 MB", "extraction error: KeyError: …", "page 2 of the article (…) failed: HTTP 500".
_DETAILS = re.compile(r"[:(;]| to | on ")


def reason_kind(reason: str | None) -> str:
    """What kind of failure a fetch's reason names, short and without URLs or numbers that
    differ per page, so a crawl's failures can be counted by kind."""
    text = " ".join((reason or "").split())
    kind = _DETAILS.split(text, maxsplit=1)[0].strip()
    return kind[:60] or "no reason given"


def run_reasons(archive: Archive, run_id: int) -> dict[str, dict[str, int]]:
    """A run's visits that stored nothing (``not-modified`` aside), by outcome and kind."""
    found: dict[str, Counter[str]] = {}
    with archive.session() as session:
        rows = session.execute(
            select(Fetch.outcome, Fetch.reason, func.count())
            .where(Fetch.run_id == run_id, Fetch.outcome.in_(_VISITS))
            .where(Fetch.outcome != "not-modified")
            .group_by(Fetch.outcome, Fetch.reason)
        )
        for outcome, reason, count in rows:
            found.setdefault(outcome, Counter())[reason_kind(reason)] += count
    return {outcome: dict(kinds) for outcome, kinds in found.items()}


def run_summary(archive_url: str, site: str, run_id: int | None) -> CrawlSummary | None:
    """The summary of a recorded run: its stats as the crawl stored them, its failures by
    kind from the fetch log. None when the archive has no such run."""
    if run_id is None:
        return None
    with Archive.open(archive_url) as archive:
        with archive.session() as session:
            run = session.get(Run, run_id)
            stats = dict(run.stats or {}) if run is not None else None
        if stats is None:
            return None
        return replace(summarize(site, stats), reasons=run_reasons(archive, run_id))


def summarize(site: str, stats: Mapping[str, Any], *, archived: bool = True) -> CrawlSummary:
    """The summary of a finished crawl's stats (``crawler.stats.get_stats()``); ``archived``
    False for a crawl without the archive pipeline (a benchmark's bare crawl), which records
    no run by design."""

    def count(key: str) -> int:
        value = stats.get(key, 0)
        return int(value) if isinstance(value, int | float) else 0

    counts = {name: count(f"archive/{name}") for name in _STORED}
    counts |= {name: count(f"archive/fetch/{name}") for name in _VISITS}
    # Not log_count/ERROR: Scrapy logs a request that failed after its retries as an ERROR,
    # which is the site's failure, counted above, not ours.
    errors = count("spider_exceptions/count") + sum(
        count(key) for key in stats if key.startswith(ERROR_PREFIX)
    )
    run_id = stats.get("archive/run_id")
    problems: list[str] = []
    if errors:
        problems.append(f"{site}: {errors} errors in the crawl (see the log)")
    handled = sum(counts[n] for n in _STORED) + counts["not-modified"]
    failed = counts["failed"] + counts["blocked"]
    if failed and not handled:
        problems.append(f"{site}: every page fetched failed or was blocked ({failed})")
    if run_id is None and archived:
        problems.append(f"{site}: the archive recorded no run")
    return CrawlSummary(
        site=site,
        counts=counts,
        errors=errors,
        run_id=run_id if isinstance(run_id, int) else None,
        problems=problems,
    )


def error_text(error: BaseException, limit: int = 300) -> str:
    """``"KeyError: 'x'"``: the kind and message of an error our code raised on a page, short
    enough for the reason column of the page's fetch."""
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= limit else text[: limit - 1] + "…"
