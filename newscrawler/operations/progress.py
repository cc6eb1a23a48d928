"""A progress line on long crawls: where the crawl stands, in the words of the archive.

Scrapy's LogStats counts pages and items; a person watching a crawl wants to know what it
stored. Every ``NEWSCRAWLER_PROGRESS_INTERVAL`` seconds (default 30; 0 turns it off) each
crawl, under ``scrapy crawl`` or ``crawl-due``, logs one INFO line:

    progress: liputan6: fetched 120 new 31 revised 2 unchanged 80 304 0 incomplete 0 ...
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawler import settings as defaults

PROGRESS_KEYS = (
    ("fetched", "downloader/response_count"),
    ("new", "archive/new"),
    ("revised", "archive/revised"),
    ("unchanged", "archive/unchanged"),
    ("304", "archive/fetch/not-modified"),
    ("incomplete", "archive/fetch/incomplete"),
    ("failed", "archive/fetch/failed"),
    ("skipped", "newscrawler/incremental/skipped"),
)


def progress_line(site: str, stats: dict[str, object]) -> str:
    """``progress: liputan6: fetched 12 new 3 ...`` from a crawl's stats."""
    numbers = " ".join(f"{label} {stats.get(key, 0)}" for label, key in PROGRESS_KEYS)
    return f"progress: {site}: {numbers}"


class ProgressLine:
    """The extension that logs :func:`progress_line` every interval while the spider runs."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        interval = crawler.settings.getfloat(
            "NEWSCRAWLER_PROGRESS_INTERVAL", defaults.NEWSCRAWLER_PROGRESS_INTERVAL
        )
        if interval <= 0:
            raise NotConfigured  # bare: a message would be logged as a WARNING
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self) -> None:
        self.loop = task.LoopingCall(self.log)
        self.loop.start(self.interval, now=False)

    def log(self) -> None:
        spider, stats = self.crawler.spider, self.crawler.stats
        if spider is not None and stats is not None:
            spider.logger.info(progress_line(spider.name, stats.get_stats()))

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
