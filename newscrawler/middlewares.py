"""Downloader middlewares: a contact header for site operators, waiting as long as a server
asks before a retry (Retry-After), redirects that loop or leave the site refused (and so
recorded), and replay from 127.0.0.1."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from scrapy.utils.url import url_is_from_any_domain
from twisted.internet.task import deferLater
from w3lib.url import canonicalize_url

from newscrawler import settings as defaults

logger = logging.getLogger(__name__)


class ContactHeaderMiddleware:
    """Sends ``NEWSCRAWLER_CONTACT`` as the HTTP ``From`` header, so a site can reach us.

    RFC 9110 names ``From`` for exactly this: the human responsible for a robot.
    """

    def __init__(self, contact: str) -> None:
        self.contact = contact

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactHeaderMiddleware:
        return cls(crawler.settings.get("NEWSCRAWLER_CONTACT") or "")

    def process_request(self, request: Request) -> None:
        if self.contact:
            request.headers.setdefault(b"From", self.contact.encode())


def retry_after_seconds(value: bytes | str | None, now: datetime) -> float | None:
    """How long a ``Retry-After`` header asks to wait, or None if it says nothing usable.

    RFC 9110 allows whole seconds (``120``) or an HTTP date
    (``Wed, 21 Oct 2015 07:28:00 GMT``); a date in the past means now (0).
    """
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = (value or "").strip()
    if re.fullmatch(r"[0-9]+", text):
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" in the date: UTC, with no zone said
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


async def _sleep(seconds: float) -> None:
    """Wait without blocking the reactor: other downloads go on meanwhile."""
    from twisted.internet import reactor

    await maybe_deferred_to_future(deferLater(reactor, seconds))


class RetryAfterMiddleware:
    """A 429 or 503 that says when to come back (``Retry-After``) is retried no sooner.

    The wait is the header's, at most ``NEWSCRAWLER_RETRY_AFTER_MAX`` seconds (120), within
    Scrapy's ``RETRY_TIMES``. It sits just before Scrapy's RetryMiddleware on the way back
    and leaves it every other response: a 503 without the header is retried as usual, one
    whose retries are spent gives up there, and a 429 without the header (429 is not in our
    ``RETRY_HTTP_CODES``) reaches the errback and is recorded as blocked. A 429 with the
    header is retried: the server said when. The waiting request holds one of
    ``CONCURRENT_REQUESTS`` but not its site's download slot.
    """

    statuses = frozenset({429, 503})

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED", True):
            # Off is a normal state: a bare NotConfigured disables it quietly (given a message,
            # Scrapy logs a WARNING about it on every crawl).
            raise NotConfigured
        max_wait = settings.getfloat(
            "NEWSCRAWLER_RETRY_AFTER_MAX", defaults.NEWSCRAWLER_RETRY_AFTER_MAX
        )
        return cls(crawler, max_wait)

    def _retries_left(self, request: Request) -> bool:
        most = request.meta.get("max_retry_times", self.crawler.settings.getint("RETRY_TIMES"))
        return bool(request.meta.get("retry_times", 0) < most)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.statuses or request.meta.get("dont_retry", False):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(UTC))
        if wait is None or not self._retries_left(request):
            return response
        assert self.crawler.spider is not None
        assert self.crawler.stats is not None
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=response_status_message(response.status)
        )
        if retry is None:
            return response
        wait = min(wait, self.max_wait)
        self.crawler.stats.inc_value("newscrawler/retry_after/waits")
        self.crawler.stats.inc_value("newscrawler/retry_after/seconds", round(wait))
        logger.info(
            "HTTP %s with Retry-After: retrying %s in %.0f s",
            response.status,
            response.url,
            wait,
        )
        await _sleep(wait)
        return retry


class RedirectRefused(IgnoreRequest):
    """A redirect the crawler does not follow; the spider's errback records the visit with
    ``outcome`` and ``reason`` ("redirect loop: ...", "redirected off-site to ...")."""

    def __init__(self, url: str, outcome: str, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.url = url  # the first URL of the chain: the one the crawl asked for
        self.outcome = outcome
        self.reason = reason
        self.kind = kind  # the stats key: newscrawler/redirect/<kind>


def _real_url(request: Request) -> str:
    """The URL a request stands for (under replay, not the 127.0.0.1 one)."""
    return str(request.meta.get("replay_original_url", request.url))


def _checked(
    redirected: Request | Response, request: Request, crawler: Crawler
) -> Request | Response:
    """``redirected`` as Scrapy's middleware made it, unless it loops or leaves the site.

    Scrapy follows either silently: a redirect back to a URL already fetched is dropped by
    the duplicate filter, one to another host by the offsite filter (or, under replay, not at
    all), and the archive never hears of the visit. Refused here, the visit reaches the
    request's errback, which records it.
    """
    if not isinstance(redirected, Request):
        return redirected
    chain = [*request.meta.get("redirect_chain", []), _real_url(request)]
    redirected.meta["redirect_chain"] = chain
    seen = {canonicalize_url(url) for url in chain}
    if canonicalize_url(redirected.url) in seen:
        hops = " -> ".join([*chain, redirected.url])
        raise RedirectRefused(chain[0], "failed", f"redirect loop: {hops}", "loop")
    domains = getattr(crawler.spider, "allowed_domains", None) or []
    if domains and not url_is_from_any_domain(redirected.url, domains):
        host = urlsplit(redirected.url).hostname or redirected.url
        raise RedirectRefused(chain[0], "dropped", f"redirected off-site to {host}", "offsite")
    return redirected


class CheckedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's 3xx redirects, with loops and redirects off the site refused (see _checked)."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        return _checked(super().process_response(request, response), request, self.crawler)


class CheckedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv="refresh">`` redirects, checked as 3xx ones are."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        return _checked(super().process_response(request, response), request, self.crawler)


def replay_url(base: str, url: str) -> str:
    """``https://www.liputan6.com/a?b=1`` -> ``<base>/www.liputan6.com/a?b=1``."""
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.netloc}{path}{query}"


class ReplayMiddleware:
    """Fetches every request from the replay server at ``NEWSCRAWLER_REPLAY_URL``.

    The spider, page objects and archive keep seeing the real URLs: the request is sent to
    the replay server and the response is handed back under the original URL. This is how the
    offline demo and the end-to-end tests crawl "liputan6.com" on 127.0.0.1.
    """

    def __init__(self, base: str) -> None:
        self.base = base

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        base = crawler.settings.get("NEWSCRAWLER_REPLAY_URL")
        if not base:
            # Off is a normal state: a bare NotConfigured disables it quietly (given a message,
            # Scrapy logs a WARNING about it on every crawl).
            raise NotConfigured
        return cls(base)

    def process_request(self, request: Request) -> Request | None:
        # Already sent to the replay server. A redirect's request carries its source's meta
        # (``replay_original_url`` too) but a real URL, which must be rewritten again.
        if request.url.startswith(self.base.rstrip("/") + "/"):
            return None
        # The rewritten request is rescheduled: it must pass the offsite and duplicate
        # filters, which already judged the original URL.
        meta = {
            **request.meta,
            "replay_original_url": request.url,
            "allow_offsite": True,
            "dont_obey_robotstxt": True,
        }
        return request.replace(url=replay_url(self.base, request.url), meta=meta, dont_filter=True)

    def process_response(self, request: Request, response: Response) -> Response:
        original = request.meta.get("replay_original_url")
        if original and response.url != original:
            location = response.headers.get(b"Location")
            headers = response.headers.copy()
            if location:
                # Relative to the page's real URL, as the site meant it, not to 127.0.0.1.
                headers[b"Location"] = urljoin(original, location.decode("latin-1"))
            return response.replace(url=original, headers=headers)
        return response
