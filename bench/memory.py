"""Peak memory of a full crawl at a small and a ten times larger site: it must stay flat.

A crawl that keeps what it has seen (responses, items, snapshots) grows with the site; one
that streams them does not. Each figure is the crawl process's own peak resident set size
(``VmHWM`` read by the crawl itself when it closes; see ``bench.crawl.own_peak_rss_kb`` for
why not ``ru_maxrss``), so the benchmark runner and the replay server are not counted.
Flat means the large crawl's peak is within 20% of the small one's.

    .venv/bin/python -m bench --only memory
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench import crawlsite
from bench.crawl import CrawlRun, check, crawl_once
from newscrawler.operations.replay import serving

TARGET_GROWTH = 1.2


def full_crawl(n: int, workdir: Path) -> CrawlRun:
    site = workdir / f"site-{n}"
    day, _ = crawlsite.build(site, n)
    with serving(site) as server:
        crawl = crawl_once(day, n, server.url, workdir, pipelines=True)
    check(crawl)
    return crawl


def run(
    small: int = 200, large: int = 2000, *, large_run: CrawlRun | None = None
) -> dict[str, Any]:
    """Peak RSS of full crawls of ``small`` and ``large`` articles (``large_run`` if given,
    e.g. the crawl benchmark's full crawl of the same kind of site)."""
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        work = Path(scratch)
        small_run = full_crawl(small, work)
        if large_run is None or large_run.articles != large:
            large_run = full_crawl(large, work)
    growth = large_run.max_rss_mb / small_run.max_rss_mb
    return {
        "small": {"articles": small, "max_rss_mb": small_run.max_rss_mb},
        "large": {"articles": large, "max_rss_mb": large_run.max_rss_mb},
        "growth": growth,
        "target_growth_at_most": TARGET_GROWTH,
        "target_met": growth <= TARGET_GROWTH,
        "measure": "VmHWM of each crawl process at its close, full pipelines, fresh archive",
    }
