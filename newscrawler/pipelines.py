"""Item pipelines: normalize raw articles, then store them (and every fetch) in the archive.

Stats counters are the run report: ``newscrawler/dropped/no_body: 2``,
``archive/new: 12``, ``archive/revised: 3``, ``archive/fetch/gone: 1``, a visit that
stored nothing by its outcome (``archive/fetch/incomplete: 1``,
``archive/fetch/retired-alias: 1``), and field coverage (``newscrawler/coverage/articles:
15``, ``newscrawler/coverage/authors: 15``, ...) from which ``newsarchive health`` notices a
parser that silently stopped finding a field.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Literal

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from twisted.internet.task import LoopingCall

from archive.aliases import judge_not_found
from archive.batch import PreparedItem, prepare
from archive.db import shown_url
from archive.identity import InvalidURLError, canonicalize_url
from archive.schedule import VisitPlanner
from archive.store import FETCH_ONLY_OUTCOMES, Archive
from archive.urls import archive_url
from newscrawler import settings as defaults
from newscrawler.items import FetchInfo, NormalizedArticle, RawArticle
from newscrawler.normalize.article import NotAnArticle, normalize, visit_of
from newscrawler.operations.crawl_health import coverage_keys
from newscrawler.operations.crawl_summary import error_text
from newscrawler.operations.incremental import revisit_policy

DEFAULT_ARCHIVE_URL = "sqlite:///archive.sqlite3"
# The defaults are the project's settings (newscrawler/settings.py), used as they are where
# a crawler runs without them (a test's bare Settings).
DEFAULT_ARCHIVE_BATCH = defaults.NEWSCRAWLER_ARCHIVE_BATCH
DEFAULT_ARCHIVE_FLUSH_SECONDS = defaults.NEWSCRAWLER_ARCHIVE_FLUSH_SECONDS
DEFAULT_ARCHIVE_CACHE_KB = defaults.NEWSCRAWLER_ARCHIVE_CACHE_KB


logger = logging.getLogger(__name__)


class NormalizePipeline:
    """RawArticle -> NormalizedArticle; pages with no title or no body are counted drops."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawArticle):
            return item
        assert self.crawler.stats is not None
        try:
            return with_page_end(normalize(item), item)
        except NotAnArticle as exc:
            self.crawler.stats.inc_value(f"newscrawler/dropped/{exc.key}")
            raise DropItem(str(exc), log_level="INFO") from exc
        except Exception as exc:  # any normalizer bug: the visit is recorded, the crawl goes on
            self.crawler.stats.inc_value("newscrawler/error/normalize")
            logger.error("normalizing %s failed", item.url, exc_info=exc)
            raise FailedItem(f"normalization error: {error_text(exc)}") from exc


class FailedItem(DropItem):
    """An item our own code could not handle: recorded as a *failed* visit, not a drop."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="INFO")  # logged once, with its traceback, above


def with_page_end(normalized: NormalizedArticle, raw: RawArticle) -> NormalizedArticle:
    """The article with how an unclosed page ended in its fetch's ``extraction``, for the
    archive to judge against the stored revision (archive.decide.incomplete_reason)."""
    if raw.page_end is None:
        return normalized
    fetch = normalized.fetch
    extraction = {**(fetch.extraction or {}), "page_end": raw.page_end}
    return replace(normalized, fetch=replace(fetch, extraction=extraction))


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(stats, default=str))


def crawl_archive_url(settings: BaseSettings) -> str:
    """The archive a crawl writes to: the ``ARCHIVE_URL`` setting, else the environment
    variable, else ``./archive.sqlite3``; a plain path or ``postgres://`` read as
    :func:`archive.urls.archive_url` says."""
    return archive_url(
        settings.get("ARCHIVE_URL") or os.environ.get("ARCHIVE_URL") or DEFAULT_ARCHIVE_URL
    )


class ArchivePipeline:
    """Stores normalized articles and records every fetch, including drops and failures.

    ``ARCHIVE_URL`` (setting, else environment variable, else ``sqlite:///archive.sqlite3``)
    names the database. Each crawl is recorded as a run with its final stats, and every
    visit of a known article plans its next revisit (``archive.schedule``).

    Articles are stored with ``Archive.store_many`` in batches of
    ``NEWSCRAWLER_ARCHIVE_BATCH`` (default 50; 1 stores each at once), or after
    ``NEWSCRAWLER_ARCHIVE_FLUSH_SECONDS`` (default 5), and when the spider closes: one
    transaction per batch instead of one per article. An article is checked (times, zone,
    URL) when it arrives, so a bad one fails alone. Visits that store nothing are written
    at once, after the pending batch if it holds the same URL, so the log keeps its order.

    ``NEWSCRAWLER_ARCHIVE_CACHE_KB`` (default 2048) is the SQLite page cache of the crawl's
    archive connection: small, so the crawl's memory stays flat as the archive grows.

    A visit's response body (``FetchInfo.raw``, kept unless ``NEWSCRAWLER_KEEP_RAW`` is off)
    is stored with it (archive.rawpages) and taken off the item this pipeline passes on.
    """

    def __init__(
        self,
        crawler: Crawler,
        url: str,
        batch: int = DEFAULT_ARCHIVE_BATCH,
        flush_seconds: float = DEFAULT_ARCHIVE_FLUSH_SECONDS,
        cache_kb: int = DEFAULT_ARCHIVE_CACHE_KB,
    ) -> None:
        self.crawler = crawler
        self.url = url
        self.cache_kb = cache_kb
        self.batch = max(1, batch)
        self.flush_seconds = flush_seconds
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.pending: list[PreparedItem] = []
        self.pending_urls: set[str] = set()  # canonical URLs of the pending articles
        self._timer: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        url = crawl_archive_url(crawler.settings)
        pipeline = cls(
            crawler,
            url,
            batch=crawler.settings.getint("NEWSCRAWLER_ARCHIVE_BATCH", DEFAULT_ARCHIVE_BATCH),
            flush_seconds=crawler.settings.getfloat(
                "NEWSCRAWLER_ARCHIVE_FLUSH_SECONDS", DEFAULT_ARCHIVE_FLUSH_SECONDS
            ),
            cache_kb=crawler.settings.getint(
                "NEWSCRAWLER_ARCHIVE_CACHE_KB", DEFAULT_ARCHIVE_CACHE_KB
            ),
        )
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    @property
    def spider(self) -> Spider:
        assert self.crawler.spider is not None
        return self.crawler.spider

    def open_spider(self) -> None:
        self.archive = Archive.open(self.url, sqlite_cache_kb=self.cache_kb)
        self.archive.visit_hooks.append(
            VisitPlanner(revisit_policy(self.spider, self.crawler.settings))
        )
        self.run_id = self.archive.start_run(
            site=self.spider.name,
            started_at=datetime.now(UTC),
            args={k: str(v) for k, v in getattr(self.spider, "_arguments", {}).items()},
        )
        self.spider.logger.info("archiving to %s (run %s)", shown_url(self.url), self.run_id)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("archive/run_id", self.run_id)
        if self.batch > 1 and self.flush_seconds > 0:
            self._timer = LoopingCall(self.flush)
            self._timer.start(self.flush_seconds, now=False)

    def close_spider(self) -> None:
        if self.archive is None:
            return
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self.flush()
        assert self.crawler.stats is not None
        stats = _jsonable(self.crawler.stats.get_stats())
        status = str(stats.get("finish_reason") or "finished")
        assert self.run_id is not None
        self.archive.finish_run(self.run_id, datetime.now(UTC), stats, status)
        self.archive.close()

    def _inc(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)

    def flush(self) -> None:
        """Store the pending articles in one transaction and count their outcomes."""
        if not self.pending:
            return
        assert self.archive is not None
        batch, self.pending, self.pending_urls = self.pending, [], set()
        for result in self.archive.store_prepared(batch):
            # An incomplete page stored nothing: counted with the visits that store nothing.
            fetch_only = result.outcome in FETCH_ONLY_OUTCOMES
            self._inc(
                f"archive/fetch/{result.outcome}" if fetch_only else f"archive/{result.outcome}"
            )

    def process_item(self, item: Any) -> Any:
        assert self.archive is not None
        if isinstance(item, NormalizedArticle):
            fetch = item.fetch
            if self.run_id is not None:
                fetch = _with_run(fetch, self.run_id)
            prepared = prepare(item.snapshot, fetch)
            self.pending.append(prepared)
            self.pending_urls.update(prepared.aliases)
            for key in coverage_keys(item.snapshot):
                self._inc(key)
            if len(self.pending) >= self.batch:
                self.flush()
            return replace(item, fetch=_without_raw(item.fetch))
        elif isinstance(item, FetchInfo):
            if self.run_id is not None:
                item = _with_run(item, self.run_id)
            revisit = None
            if item.outcome == "gone":
                item, revisit = self._judge_not_found(item)
            self._record_fetch(item)
            self._inc(f"archive/fetch/{item.outcome}")
            if revisit is not None:
                self._revisit(revisit)
            return _without_raw(item)
        return item

    def _judge_not_found(self, fetch: FetchInfo) -> tuple[FetchInfo, str | None]:
        """A 404/410: the article gone, or only an old URL of it (archive.aliases)."""
        assert self.archive is not None
        self.flush()  # the article's other visits may wait in the batch
        with self.archive.session() as session:
            return judge_not_found(session, fetch)

    def _revisit(self, url: str) -> None:
        """Fetch a retired alias's article at its canonical URL, in this crawl.

        Scrapy's duplicate filter drops the request when this crawl has fetched that URL
        already: the article was seen there.
        """
        article_request = getattr(self.spider, "article_request", None)
        if article_request is None:
            return
        request: Request = article_request(url, {"via": "retired-alias"})
        # Not judged again by the incremental middleware: this is the revisit.
        request.meta["revisit"] = "retired-alias"
        self._inc("newscrawler/retired_alias/revisited")
        assert self.crawler.engine is not None
        self.crawler.engine.crawl(request)

    def _record_fetch(self, fetch: FetchInfo) -> None:
        assert self.archive is not None
        try:
            if canonicalize_url(fetch.url) in self.pending_urls:
                self.flush()  # the visit belongs after the pending article it may find
        except InvalidURLError:
            pass  # a malformed link matches no article; record_fetch logs it all the same
        self.archive.record_fetch(fetch)

    def item_dropped(self, item: Any, response: Response | None, exception: Exception) -> None:
        """A dropped page is still a visit: record it with the reason, so nothing is lost."""
        if self.archive is None or not isinstance(item, RawArticle):
            return
        outcome: Literal["failed", "dropped"] = (
            "failed" if isinstance(exception, FailedItem) else "dropped"
        )
        fetch = replace(visit_of(item, outcome, str(exception)), run_id=self.run_id)
        self._record_fetch(fetch)
        self._inc(f"archive/fetch/{outcome}")


def _with_run(fetch: FetchInfo, run_id: int) -> FetchInfo:
    return replace(fetch, run_id=run_id)


def _without_raw(fetch: FetchInfo) -> FetchInfo:
    """The visit as later pipelines and feed exports see it: its body is in the archive now
    (bytes are not JSON, and the batch holds them compressed)."""
    return replace(fetch, raw=None) if fetch.raw is not None else fetch
