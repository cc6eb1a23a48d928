"""End-to-end crawl speed: full pipelines into a fresh SQLite archive against a bare crawl.

Both crawls are ``python -m scrapy crawl liputan6`` processes, exactly as a user runs them,
against the same generated site (``bench.crawlsite``: N real-sized articles, plus feed,
news sitemap, robots.txt and indeks pages) served by the replay server on 127.0.0.1. The
bare crawl is the same command with ``ITEM_PIPELINES={}``: it still discovers, downloads and
runs the page object in the spider, so the ratio of the two rates is what normalization and
the archive cost. Politeness is off (no AutoThrottle, no delay, 32 concurrent requests).

Rates come from Scrapy's own clock (``elapsed_time_seconds``: engine start to close) so
interpreter start-up is not counted; the process's wall time is recorded beside it. The
crawl's CPU time (user + system, from ``wait4``) over its elapsed time tells who waited:
near 1.0 the crawler is CPU-bound, well below it the crawler waited on the server.

    .venv/bin/python -m bench --only crawl
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from bench import crawlsite, replayload
from bench.common import ROOT
from newscrawler import settings as project_settings
from newscrawler.demo.site import article_file
from newscrawler.operations.replay import crawl_environment, replay_crawl_command, serving

TARGET_FULL_TO_BARE = 0.7
CONCURRENCY = 32


class StatsFile:
    """Scrapy extension: writes the crawl's final stats as JSON to ``BENCH_STATS_FILE``.

    The stats Scrapy logs at the end are a Python repr with datetimes in it; a file of
    JSON is what another process can read back reliably.
    """

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        extension = cls(crawler, crawler.settings.get("BENCH_STATS_FILE"))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        assert self.crawler.stats is not None
        stats = dict(self.crawler.stats.get_stats())
        stats["bench/peak_rss_kb"] = own_peak_rss_kb()
        Path(self.path).write_text(json.dumps(stats, default=str, indent=1), encoding="utf-8")


def own_peak_rss_kb() -> int | None:
    """This process's peak resident set since it started its program (``VmHWM``).

    Not ``ru_maxrss``: Linux carries a process's high-water mark across ``exec``, so a crawl
    started from a large parent (the benchmark runner, 300 MB once it holds every page and
    trafilatura) reported the parent's size, whatever the crawl itself used.
    """
    status = Path("/proc/self/status")
    if not status.is_file():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


@dataclass
class CrawlRun:
    """One crawl process: Scrapy's stats, and what the operating system measured."""

    articles: int
    pipelines: bool
    stats: dict[str, Any]
    wall_seconds: float
    cpu_seconds: float
    max_rss_mb: float
    log: str

    @property
    def elapsed(self) -> float:
        return float(self.stats["elapsed_time_seconds"])

    def figures(self) -> dict[str, Any]:
        stats = self.stats
        return {
            "articles": self.articles,
            "pipelines": "full" if self.pipelines else "none (ITEM_PIPELINES={})",
            "elapsed_seconds": self.elapsed,
            "articles_per_second": self.articles / self.elapsed,
            "wall_seconds": self.wall_seconds,
            "cpu_seconds": self.cpu_seconds,
            "cpu_share": self.cpu_seconds / self.wall_seconds,
            "max_rss_mb": self.max_rss_mb,
            "responses": stats.get("downloader/response_count"),
            "bytes_received": stats.get("downloader/response_bytes"),
            "items_scraped": stats.get("item_scraped_count", 0),
            "items_dropped": stats.get("item_dropped_count", 0),
            "archive_new": stats.get("archive/new"),
        }


def crawl_command(
    day: date, replay_url: str, *, pipelines: bool, archive_url: str, stats_file: Path
) -> list[str]:
    command = replay_crawl_command(
        "liputan6",
        replay_url,
        archive_url,
        "-a",
        f"date={day:%Y-%m-%d}",
        settings={
            "CONCURRENT_REQUESTS": str(CONCURRENCY),
            "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY),
            "ROBOTSTXT_OBEY": "True",
            # The project's extensions as a crawl has them, and the stats file.
            "EXTENSIONS": json.dumps({**project_settings.EXTENSIONS, "bench.crawl.StatsFile": 0}),
            "BENCH_STATS_FILE": str(stats_file),
        },
    )
    if not pipelines:
        command += ["-s", "ITEM_PIPELINES={}"]
    return command


def crawl_once(
    day: date,
    articles: int,
    replay_url: str,
    workdir: Path,
    *,
    pipelines: bool,
    timeout: float = 600,
) -> CrawlRun:
    """Run one crawl process to the end; its own peak RSS and CPU time come from ``wait4``."""
    name = "full" if pipelines else "bare"
    archive = workdir / f"{name}-{articles}.sqlite3"
    archive.unlink(missing_ok=True)
    stats_file = workdir / f"{name}-{articles}.stats.json"
    log_file = workdir / f"{name}-{articles}.log"
    command = crawl_command(
        day,
        replay_url,
        pipelines=pipelines,
        archive_url=f"sqlite:///{archive}",
        stats_file=stats_file,
    )
    env = crawl_environment()
    with log_file.open("wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    log_text = log_file.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0 or not stats_file.is_file():
        raise RuntimeError(f"crawl failed ({process.returncode}): {log_file}\n{log_text[-3000:]}")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return CrawlRun(
        articles=articles,
        pipelines=pipelines,
        stats=stats,
        wall_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        # The crawl's own peak (see own_peak_rss_kb); wait4's figure where /proc is missing.
        max_rss_mb=(stats.get("bench/peak_rss_kb") or usage.ru_maxrss) / 1024,
        log=str(log_file),
    )


def check(run: CrawlRun) -> None:
    """A benchmark of a crawl that did not fetch every article measures nothing: stop."""
    scraped = run.stats.get("item_scraped_count", 0)
    if run.pipelines:
        stored = run.stats.get("archive/new", 0)
        if stored != run.articles:
            raise RuntimeError(f"{run.log}: stored {stored} of {run.articles} articles")
    elif scraped < run.articles:
        raise RuntimeError(f"{run.log}: scraped {scraped} of {run.articles} articles")


def run(
    n: int = 2000, *, workdir: Path | None = None, server_ceiling: bool = True, rounds: int = 2
) -> tuple[dict[str, Any], CrawlRun]:
    """Bare and full crawls of an ``n``-article site, alternating for ``rounds`` rounds, each
    side's fastest kept; returns figures and that full crawl.

    One bare crawl then one full crawl put 20 s between the two figures: on this shared
    machine five such runs of the same code gave 0.67 to 0.98. Alternating and keeping the
    best of each side, a slow minute has to hit both rounds of one side to move the ratio.
    """
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as scratch:
        work = workdir or Path(scratch)
        site = work / "site"
        build_start = time.perf_counter()
        day, articles = crawlsite.build(site, n)
        build_seconds = time.perf_counter() - build_start
        page_bytes = [len(article_file(site, a).read_bytes()) for a in articles]
        with serving(site) as server:
            # Bare first, then full, in each round: both read a warm page cache.
            crawls = []
            for _ in range(rounds):
                crawls.append(crawl_once(day, n, server.url, work, pipelines=False))
                crawls.append(crawl_once(day, n, server.url, work, pipelines=True))
            ceiling = replayload.measure(server.url, articles) if server_ceiling else None
        for crawl in crawls:
            check(crawl)
        bare = min((c for c in crawls if not c.pipelines), key=lambda c: c.elapsed)
        full = min((c for c in crawls if c.pipelines), key=lambda c: c.elapsed)
        ratio = (n / full.elapsed) / (n / bare.elapsed)
        figures: dict[str, Any] = {
            "bare": bare.figures(),
            "full": full.figures(),
            "full_to_bare": ratio,
            "target_full_to_bare_at_least": TARGET_FULL_TO_BARE,
            "rounds": rounds,
            "rates_each_round": {
                side: [round(n / c.elapsed, 1) for c in crawls if c.pipelines == (side == "full")]
                for side in ("bare", "full")
            },
            "target_met": ratio >= TARGET_FULL_TO_BARE,
            "replay_server": ceiling,
            "inputs": {
                "articles": n,
                "site": "bench.crawlsite.build(n) from newscrawler/demo/liputan6-2019-11-24.json",
                "article_page_kb_mean": sum(page_bytes) / len(page_bytes) / 1024,
                "site_build_seconds": build_seconds,
                "concurrency": CONCURRENCY,
                "command": " ".join(
                    crawl_command(
                        day,
                        "http://127.0.0.1:PORT",
                        pipelines=True,
                        archive_url="sqlite:///FRESH.sqlite3",
                        stats_file=Path("STATS.json"),
                    )[1:]
                ),
            },
        }
        return figures, full
