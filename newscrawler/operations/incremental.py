"""Incremental crawls: the archive is the crawl's memory, so re-running is always safe.

With ``NEWSCRAWLER_INCREMENTAL = True`` (``newscrawler crawl-due`` sets it) a crawl asks the
archive what it already holds for the site before it starts, then:

- an article URL the archive does not know is fetched (a new article);
- a known article is fetched only when its revisit is due (see ``archive.schedule``) or
  when a sitemap ``lastmod`` or a feed date says it changed after our last visit; the
  request is conditional (``If-None-Match`` / ``If-Modified-Since`` from that visit), so an
  unchanged page costs a 304 and is recorded as ``not-modified``;
- due articles no feed or listing links any more are requested too, first.

Every other known article is skipped without a request. Nothing is kept outside the archive:
a crawl killed half-way leaves its stored articles scheduled, and the next run fetches what
is still missing. Counters: ``newscrawler/incremental/{new,due,changed,skipped,repeated}``.

Outside incremental crawls the archive still plans revisits (``VisitPlanner`` is installed
by the ArchivePipeline), so ``newsarchive due`` is right whichever way articles came in.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from archive.db import DEFAULT_URL
from archive.identity import InvalidURLError, canonicalize_url
from archive.schedule import DEFAULT_SCHEDULE, Plan, RevisitPolicy, site_schedule
from archive.store import Archive
from archive.urls import archive_url
from newscrawler import settings as defaults


def revisit_policy(spider: Spider, settings: BaseSettings) -> RevisitPolicy:
    """The spider's ``revisit_schedule`` attribute, else ``NEWSCRAWLER_REVISIT_SCHEDULE``."""
    text = getattr(spider, "revisit_schedule", None) or settings.get(
        "NEWSCRAWLER_REVISIT_SCHEDULE", DEFAULT_SCHEDULE
    )
    return RevisitPolicy.parse(text)


def crawl_now(settings: BaseSettings) -> datetime:
    """``NEWSCRAWLER_NOW`` (ISO 8601 with offset; lets tests and replays move the clock)."""
    text = settings.get("NEWSCRAWLER_NOW")
    if not text:
        return datetime.now(UTC)
    value = datetime.fromisoformat(str(text))
    if value.tzinfo is None:
        raise ValueError(f"NEWSCRAWLER_NOW={text!r} needs a UTC offset, e.g. +07:00")
    return value


def site_key(spider: Spider) -> str:
    """The site name the spider archives under (the generic spider may be given one)."""
    return str(getattr(spider, "site_key", None) or spider.name)


def parse_hint_time(text: str | None) -> datetime | None:
    """A sitemap ``lastmod`` (W3C/ISO) or feed date (RFC 822) as an aware time, or None.

    A time without an offset is ambiguous and ignored; a bare date counts from midnight UTC.
    """
    if not text:
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    if len(text) == 10 and value.tzinfo is None:  # "2024-08-14"
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is not None else None


def changed_since(discovered: Mapping[str, Any], visited_at: datetime) -> bool:
    """Whether a sitemap or feed says the article changed after ``visited_at``."""
    for key in ("lastmod", "published"):
        value = discovered.get(key)
        hinted = parse_hint_time(value if isinstance(value, str) else None)
        if hinted is not None and hinted > visited_at:
            return True
    return False


def conditional(request: Request, plan: Plan, reason: str) -> Request:
    """The request made conditional on the last visit's validators, 304 let through."""
    headers = dict(request.headers.to_unicode_dict())
    if plan.etag:
        headers["If-None-Match"] = plan.etag
    if plan.last_modified:
        headers["If-Modified-Since"] = plan.last_modified
    # HttpErrorMiddleware would send a 304 to the errback as an error; it is an answer.
    meta = {**request.meta, "revisit": reason, "handle_httpstatus_list": [304]}
    return request.replace(headers=headers, meta=meta)


class RevisitBook:
    """For one site in one run: which article requests go out, and in which form."""

    def __init__(
        self, urls: dict[str, int], plans: dict[int, Plan], now: datetime, limit: int = 0
    ) -> None:
        self.urls = urls
        self.plans = plans
        self.now = now
        self.limit = limit
        self.requested: set[int] = set()

    def due(self) -> list[Plan]:
        """Plans due now, soonest first (at most ``limit`` when set)."""
        due = sorted(
            (p for p in self.plans.values() if p.is_due(self.now)),
            key=lambda p: (p.next_visit_at, p.article_id),
        )
        return due[: self.limit] if self.limit else due

    def decide(self, request: Request) -> tuple[Request | None, str]:
        """The request to send (or None to skip it) and why, for a discovered article."""
        try:
            article_id = self.urls.get(canonicalize_url(request.url))
        except InvalidURLError:
            return request, "new"
        if article_id is None:
            return request, "new"
        if article_id in self.requested:
            return None, "repeated"
        plan = self.plans[article_id]
        if plan.is_due(self.now):
            reason = "due"
        elif changed_since(request.meta.get("discovered") or {}, plan.last_visit_at):
            reason = "changed"
        else:
            return None, "skipped"
        self.requested.add(article_id)
        return conditional(request, plan, reason), reason


class IncrementalMiddleware(BaseSpiderMiddleware):
    """Spider middleware applying a :class:`RevisitBook` to every article request.

    Enabled by ``NEWSCRAWLER_INCREMENTAL``; ``NEWSCRAWLER_REVISIT_LIMIT`` caps the due
    revisits of one run (0: no cap) so a long outage does not turn into one huge run.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.book: RevisitBook | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        if not crawler.settings.getbool("NEWSCRAWLER_INCREMENTAL"):
            # Off is a normal state: a bare NotConfigured disables it quietly (given a message,
            # Scrapy logs a WARNING about it on every crawl).
            raise NotConfigured
        return cls(crawler)

    def _inc(self, reason: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawler/incremental/{reason}")

    def load(self, spider: Spider) -> RevisitBook:
        settings = self.crawler.settings
        archive = Archive.open(
            archive_url(settings.get("ARCHIVE_URL") or os.environ.get("ARCHIVE_URL") or DEFAULT_URL)
        )
        with archive, archive.session() as session:
            urls, plans = site_schedule(session, site_key(spider))
        return RevisitBook(
            urls,
            plans,
            crawl_now(settings),
            settings.getint("NEWSCRAWLER_REVISIT_LIMIT", defaults.NEWSCRAWLER_REVISIT_LIMIT),
        )

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        spider = self.crawler.spider
        assert spider is not None
        if getattr(spider, "single_url", None):  # -a url=...: exactly that article, always
            async for item in start:
                yield item
            return
        self.book = self.load(spider)
        spider.logger.info(
            "incremental: %d known articles, %d due for a revisit",
            len(self.book.plans),
            len(self.book.due()),
        )
        if hasattr(spider, "article_request"):
            for plan in self.book.due():
                self.book.requested.add(plan.article_id)
                self._inc("due")
                yield conditional(spider.article_request(plan.url, {"via": "revisit"}), plan, "due")
        async for item in super().process_start(start):
            yield item

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if self.book is None or not request.meta.get("article") or "revisit" in request.meta:
            return request
        decided, reason = self.book.decide(request)
        self._inc(reason)
        return decided
