"""Downloader middlewares: a contact header for site operators, and replay from 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response


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
            raise NotConfigured("NEWSCRAWLER_REPLAY_URL is not set")
        return cls(base)

    def process_request(self, request: Request) -> Request | None:
        if "replay_original_url" in request.meta:
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
            return response.replace(url=original)
        return response
