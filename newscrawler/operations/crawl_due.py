"""Scheduled crawls: every enabled site, incrementally, in one process, with a verdict.

``newscrawler crawl-due`` (cron, a systemd timer) runs :func:`crawl_due`: one Scrapy crawler
per site in one reactor (sites are different hosts, so politeness per host is unchanged),
with ``NEWSCRAWLER_INCREMENTAL`` on, so each fetches only new articles and due revisits.
Afterwards :func:`judge` reads each run back from the archive and ``archive.health`` says
whether a site is blocked or its parser lost a field; the command's exit code says so too,
so cron mail reaches someone. ``newscrawler schedule --every 15m`` repeats it in a child
process per round (a Twisted reactor starts once per process).

Sites of the sites file (``newscrawler/sitesfile.py``) run beside the built-in ones, each as
the generic spider with ``site=NAME``; their names are accepted wherever a spider's is.

Resuming needs no state of its own: the archive is the memory. A killed run leaves every
article it stored scheduled; the next run re-discovers the rest and skips the stored ones.
(Scrapy's JOBDIR is not used: its disk queue is indexed on a clean close, so a ``kill -9``
could leave requests marked seen but never fetched.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from archive.health import DEFAULT_RULES, HealthRules, SiteHealth, site_health
from archive.store import Archive
from newscrawler.sites import project_settings

# Exit codes of crawl-due: cron mails on anything but 0.
EXIT_OK = 0
EXIT_NO_RUN = 1  # a site's crawl did not even record a run (it failed to start)
EXIT_USAGE = 2
EXIT_UNHEALTHY = 3  # a site is blocked, failing or degraded (see archive.health)

NOT_SCHEDULED = frozenset({"generic"})  # needs a start URL; crawl it by hand


# "Every scheduled article is due now" (crawl-due --now): a NEWSCRAWLER_NOW after every
# planned visit. Only the choice of due revisits reads it; a visit still plans its next
# checkpoint from the real time of the fetch.
EVERYTHING_DUE = datetime(9999, 1, 1, tzinfo=UTC).isoformat()


def enabled_sites(
    settings: Settings, chosen: Iterable[str] = (), configured: Collection[str] = ()
) -> list[str]:
    """The sites to crawl: ``chosen``, else ``NEWSCRAWLER_SITES``, else every spider but
    generic and every site of the sites file (``configured``)."""
    spiders = SpiderLoader.from_settings(settings).list()
    names = [n.strip() for n in chosen if n.strip()] or settings.getlist("NEWSCRAWLER_SITES")
    if not names:
        return [*sorted(n for n in spiders if n not in NOT_SCHEDULED), *configured]
    unknown = sorted(set(names) - set(spiders) - set(configured))
    if unknown:
        raise ValueError(f"unknown site(s) {unknown}; `newscrawler sites` lists the sites")
    return list(dict.fromkeys(names))


def due_settings(
    archive_url: str | None,
    overrides: Sequence[str] = (),
    sites_file: str | None = None,
    everything_due: bool = False,
) -> Settings:
    """Project settings for a scheduled crawl: incremental, into ``archive_url``.

    ``overrides`` are ``NAME=VALUE`` pairs, as ``scrapy crawl -s`` takes them. ``sites_file``
    becomes ``NEWSCRAWLER_SITES_FILE``, which the spiders of configured sites read;
    ``everything_due`` judges every scheduled article due (``EVERYTHING_DUE``).
    """
    settings = project_settings()
    settings.set("NEWSCRAWLER_INCREMENTAL", True, priority="cmdline")
    if archive_url:
        settings.set("ARCHIVE_URL", archive_url, priority="cmdline")
    for pair in overrides:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"-s {pair!r}: expected NAME=VALUE")
        settings.set(name.strip(), value, priority="cmdline")
    if sites_file:
        settings.set("NEWSCRAWLER_SITES_FILE", sites_file, priority="cmdline")
    if everything_due:
        if any(pair.partition("=")[0].strip() == "NEWSCRAWLER_NOW" for pair in overrides):
            raise ValueError("--now and -s NEWSCRAWLER_NOW=... say two different things; give one")
        settings.set("NEWSCRAWLER_NOW", EVERYTHING_DUE, priority="cmdline")
    return settings


def crawl_due(
    sites: Sequence[str], settings: Settings, configured: Collection[str] = ()
) -> dict[str, int | None]:
    """Crawl ``sites`` in this process; returns each site's run id (None: no run recorded).

    A site among ``configured`` (the sites file's) is crawled by the generic spider.
    """
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    for site in sites:
        if site in configured:
            crawler = process.create_crawler("generic")
            process.crawl(crawler, site=site)
        else:
            crawler = process.create_crawler(site)
            process.crawl(crawler)
        crawlers[site] = crawler
    process.start()  # each crawl logs its progress line (operations/progress.py)
    return {
        site: (crawler.stats.get_value("archive/run_id") if crawler.stats else None)
        for site, crawler in crawlers.items()
    }


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a scheduled run came to: each site's health, sites without a run, the exit code."""

    healths: list[SiteHealth]
    missing: list[str]

    @property
    def exit_code(self) -> int:
        if self.missing:
            return EXIT_NO_RUN
        if any(h.status != "ok" for h in self.healths):
            return EXIT_UNHEALTHY
        return EXIT_OK


def judge(
    archive_url: str | None, runs: dict[str, int | None], rules: HealthRules = DEFAULT_RULES
) -> Verdict:
    """Each recorded run judged against its site's earlier runs."""
    ids = [run_id for run_id in runs.values() if run_id is not None]
    with Archive.open(archive_url, upgrade=False) as archive, archive.session() as session:
        healths = site_health(session, run_ids=ids, rules=rules)
    return Verdict(healths, sorted(site for site, run_id in runs.items() if run_id is None))


class _Stop:
    """SIGTERM/SIGINT handler for the schedule loop: stop after passing it to the round."""

    def __init__(self) -> None:
        self.requested = False
        self.child: subprocess.Popen[bytes] | None = None

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        self.requested = True
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signum)  # Scrapy stops gracefully and records the run


def round_command(
    arguments: Sequence[str], archive_url: str | None, environ: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of one ``crawl-due`` round.

    The archive URL travels in the environment (``ARCHIVE_URL``), never on the command line:
    a PostgreSQL URL may hold a password, and every user of the machine can read a
    process's arguments (``ps``, ``/proc/PID/cmdline``), not its environment. An
    ``-s ARCHIVE_URL=...`` among ``arguments`` goes the same way.
    """
    env = dict(environ)
    if archive_url:
        env["ARCHIVE_URL"] = archive_url
    kept: list[str] = []
    items = list(arguments)
    for index, value in enumerate(items):
        if value.startswith("ARCHIVE_URL=") and index and items[index - 1] in ("-s", "--set"):
            env["ARCHIVE_URL"] = value.removeprefix("ARCHIVE_URL=")
            kept.pop()  # its "-s"
            continue
        kept.append(value)
    return [sys.executable, "-m", "newscrawler.cli", "crawl-due", *kept], env


def run_every(
    every: timedelta,
    arguments: Sequence[str],
    rounds: int = 0,
    log: Any = print,
    archive_url: str | None = None,
) -> int:
    """Run ``newscrawler crawl-due <arguments>`` every ``every`` (``rounds`` 0: until stopped),
    against ``archive_url`` (passed as :func:`round_command` says).

    A round that overruns the interval is followed by the next at once, never run twice in
    parallel. Returns the last round's exit code.
    """
    stop = _Stop()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    command, env = round_command(arguments, archive_url, os.environ)
    code = EXIT_OK
    done = 0
    try:
        while not stop.requested:
            started = time.monotonic()
            stop.child = subprocess.Popen(command, env=env)
            code = stop.child.wait()
            stop.child = None
            done += 1
            log(f"round {done} finished with exit code {code}")
            if rounds and done >= rounds:
                break
            deadline = started + every.total_seconds()
            while not stop.requested and time.monotonic() < deadline:
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code
