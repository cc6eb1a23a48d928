"""NewsSpider: discovery from feeds, sitemaps and dated listing pages, then one page object.

A site spider is mostly data (its feeds, sitemaps, listing URL template, article-URL
pattern and page class; its name, domains and time zone come from the site's record,
``SITE`` in the page's module); everything here is shared. Spider arguments:

- ``-a date=2019-11-24`` or ``-a start=2019-11-20 -a end=2019-11-24``: listing days to
  read (backfills); default: today in the site's zone.
- ``-a sources=feeds,sitemaps,listings``: which discovery sources to use (default: all).
- ``-a url=URL``: fetch exactly this article URL (debugging, ``scrapy parse`` does the same).
- ``-a normalize=1``: the article callback yields the normalized item instead of the raw
  one, so ``scrapy parse --spider liputan6 -c parse_article -a normalize=1 URL`` shows what
  the archive would store (the pipelines pass normalized items through unchanged).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any, ClassVar

import scrapy
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archive.snapshot import RawResponse
from newscrawler import settings as defaults
from newscrawler.completeness import cut_short, page_end
from newscrawler.discovery import (
    SitemapError,
    article_links,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)
from newscrawler.discovery.request_urls import request_url
from newscrawler.extraction.pagination import Continuation, join_pages
from newscrawler.extraction.parsing import release_tree
from newscrawler.items import FetchInfo, Found, RawArticle
from newscrawler.middlewares import RedirectRefused
from newscrawler.normalize.article import DEFAULT_TIMEZONE, NotAnArticle, normalize, visit_of
from newscrawler.normalize.zones import zone_for
from newscrawler.operations.crawl_health import challenge_marker
from newscrawler.operations.crawl_summary import error_text
from newscrawler.operations.incremental import site_key
from newscrawler.pages.base import ArticlePage
from newscrawler.spider_arguments import parse_day, parse_flag, parse_sources, parse_url

# How Scrapy words a download it cancelled at DOWNLOAD_MAXSIZE: "larger than download max
# size (...)" from the download handler, "exceeded DOWNLOAD_MAXSIZE (...)" from decompression.
_MAXSIZE = re.compile(r"download[ _]?max[ _]?size", re.IGNORECASE)


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end inclusive, newest first (recent news matters most)."""
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    return [end - timedelta(days=n) for n in range((end - start).days + 1)]


class NewsSpider(scrapy.Spider):
    """Base for site spiders; see the module docstring for its arguments."""

    page: ClassVar[type[ArticlePage]] = ArticlePage
    feed_urls: ClassVar[tuple[str, ...]] = ()
    # Sitemaps, news sitemaps, sitemap indexes, or robots.txt files that list them.
    sitemap_urls: ClassVar[tuple[str, ...]] = ()
    # Listing ("indeks") pages; "{day:%Y/%m/%d}" is filled with each day of the range.
    listing_urls: ClassVar[tuple[str, ...]] = ()
    # Where a listing page links to its next page.
    listing_next_css: ClassVar[str] = "a[rel=next]::attr(href)"
    article_url: ClassVar[str] = r"."
    # Revisit checkpoints after publication, e.g. "15m,1h,3h,12h,1d,3d,7d" (see
    # archive.schedule); None: the NEWSCRAWLER_REVISIT_SCHEDULE setting.
    revisit_schedule: ClassVar[str | None] = None

    def __init__(
        self,
        *args: Any,
        date: str | None = None,
        start: str | None = None,
        end: str | None = None,
        sources: str | None = None,
        url: str | None = None,
        normalize: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.article_re = re.compile(self.article_url)
        today = datetime.now(zone_for(self.timezone or DEFAULT_TIMEZONE)).date()
        if date:
            first = last = parse_day(date, "date")
        else:
            first = parse_day(start, "start") if start else today
            last = parse_day(end, "end") if end else (first if start else today)
        self.days = days_between(first, last)
        self.sources = parse_sources(sources)
        self.single_url = parse_url(url, "url") if url else None
        self.normalize_in_callback = parse_flag(normalize, "normalize")

    @property
    def timezone(self) -> str | None:
        """The site's zone, from its record (the generic spider's: None)."""
        return self.page.facts.timezone

    # -- discovery ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        if self.single_url:
            yield self.article_request(self.single_url, {"via": "argument"})
            return
        if "feeds" in self.sources:
            for url in self.feed_urls:
                yield Request(url, callback=self.parse_feed, errback=self.on_error)
        if "sitemaps" in self.sources:
            for url in self.sitemap_urls:
                callback = self.parse_robots if url.endswith("/robots.txt") else self.parse_sitemap
                yield Request(url, callback=callback, errback=self.on_error)
        if "listings" in self.sources:
            for url in self.listing_urls_for(self.days):
                yield Request(url, callback=self.parse_listing, errback=self.on_error)

    def listing_urls_for(self, days: Iterable[date]) -> list[str]:
        return [template.format(day=day) for day in days for template in self.listing_urls]

    def is_article_url(self, url: str) -> bool:
        return bool(self.article_re.search(url))

    def article_request(self, url: str, discovered: dict[str, Any]) -> Request:
        """A request for an article, without tracking parameters so variants fetch once."""
        return Request(
            request_url(url),
            callback=self.parse_article,
            errback=self.on_error,
            meta={"discovered": discovered, "article": True},
        )

    def parse_feed(self, response: Response) -> Iterator[Request]:
        seen: set[str] = set()  # feeds repeat items (bbc.co.uk's 2009 RDF feeds do)
        for entry in parse_feed(response.body, base_url=response.url):
            url = entry.url
            # Old feeds wrap <link> in a click-tracking redirect and keep the article URL in a
            # non-permalink <guid> (detik's feedsportal era).
            if not self.is_article_url(url) and entry.guid and self.is_article_url(entry.guid):
                url = entry.guid
            if self.is_article_url(url) and url not in seen:
                seen.add(url)
                self.crawler.stats.inc_value("newscrawler/discovered/feed")
                yield self.article_request(url, {"via": "feed", "published": entry.published})

    def parse_robots(self, response: Response) -> Iterator[Request]:
        text = response.text if isinstance(response, TextResponse) else response.body.decode()
        for url in sitemaps_from_robots(text, response.url):
            yield Request(url, callback=self.parse_sitemap, errback=self.on_error)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        try:
            sitemap = parse_sitemap(response.body)
        except SitemapError as exc:
            self.logger.warning("not a sitemap: %s (%s)", response.url, exc)
            self.crawler.stats.inc_value("newscrawler/sitemap_errors")
            yield self.fetch_info(response, "failed", f"not a sitemap: {exc}")
            return
        if sitemap.kind == "sitemapindex":
            for child in sitemap.entries:
                yield Request(child.loc, callback=self.parse_sitemap, errback=self.on_error)
            return
        for entry in sitemap.entries:
            if self.is_article_url(entry.loc):
                self.crawler.stats.inc_value("newscrawler/discovered/sitemap")
                yield self.article_request(
                    entry.loc,
                    {
                        "via": "sitemap",
                        "published": entry.news_publication_date,
                        "lastmod": entry.lastmod,
                        "title": entry.news_title,
                    },
                )

    def parse_listing(self, response: Response) -> Iterator[Request]:
        links = article_links(response.body, response.url, self.article_re)
        for url in links:
            self.crawler.stats.inc_value("newscrawler/discovered/listing")
            yield self.article_request(url, {"via": "listing", "listing": response.url})
        next_page = response.css(self.listing_next_css).get() if links else None
        page_no = response.meta.get("listing_page", 1)
        max_pages = self.settings.getint(
            "NEWSCRAWLER_LISTING_MAX_PAGES", defaults.NEWSCRAWLER_LISTING_MAX_PAGES
        )
        if next_page and page_no < max_pages:
            yield response.follow(
                next_page,
                callback=self.parse_listing,
                errback=self.on_error,
                meta={"listing_page": page_no + 1},
            )

    # -- articles ----------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            # A conditional revisit (operations/incremental.py): the page is as we last saw it.
            yield self.fetch_info(response, "not-modified", "HTTP 304")
            return
        marker = challenge_marker(response)
        if marker is not None:
            self.crawler.stats.inc_value("newscrawler/blocked/challenge")
            yield self.fetch_info(response, "blocked", f"challenge page ({marker})")
            return
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newscrawler/not_html")
            yield self.fetch_info(response, "dropped", "not an HTML page")
            return
        fetched_at = datetime.now(UTC)
        try:
            page = self.page(response, site=site_key(self), fetched_at=fetched_at)
            item = page.to_item()
            continues = page.continuation() if item.refusal is None else Continuation()
        except Exception as error:  # any page object bug: recorded, not lost
            yield self.extraction_failed(response, error)
            return
        finally:
            release_tree(response)  # Scrapy holds the response until the item is stored
        self.add_discovery_hints(item, response.meta.get("discovered") or {})
        item.http_status = response.status
        item.etag = _header(response, b"ETag")
        item.last_modified = _header(response, b"Last-Modified")
        item.raw = self.raw_response(response)
        end = page_end(response.body)
        item.page_end = end.sign
        cut = cut_short(end, item.body) if item.refusal is None else None
        if cut is not None:
            # Nothing of a page cut mid-download is stored: the next visit gets it whole.
            self.crawler.stats.inc_value("newscrawler/incomplete/cut_short")
            yield self.item_fetch(item, "incomplete", cut)
            return
        if item.page_end is not None:
            self.crawler.stats.inc_value("newscrawler/page_end/unclosed")
        if continues.first_page and response.meta.get("article"):
            # A feed or sitemap linked page 2 of an article: the article is its first page.
            self.crawler.stats.inc_value("newscrawler/pagination/later_page_linked")
            yield self.fetch_info(
                response, "dropped", f"a later page of {continues.first_page}, fetched from there"
            )
            yield self.article_request(continues.first_page, response.meta.get("discovered") or {})
            return
        if continues:
            yield self.paged_request(PagedArticle.start(item, continues))
            return
        yield from self.article_done(item)

    def extraction_failed(self, response: Response, error: Exception) -> FetchInfo:
        """A page object raised on a page: the page's visit is recorded as failed with the
        error as its reason, counted (``newscrawler/error/extraction``, which makes the crawl
        exit 3) and logged with its traceback; the crawl goes on with the next page."""
        self.crawler.stats.inc_value("newscrawler/error/extraction")
        self.logger.error("extraction failed on %s", response.url, exc_info=error)
        return self.fetch_info(response, "failed", f"extraction error: {error_text(error)}")

    def article_done(self, item: RawArticle) -> Iterator[Any]:
        """The article's item (raw, or normalized for ``-a normalize=1``)."""
        if not self.normalize_in_callback:
            yield item
            return
        try:
            yield normalize(item)
        except NotAnArticle as exc:
            yield self.item_fetch(item, "dropped", str(exc))

    # -- articles split over pages -----------------------------------------------------------

    @property
    def max_pages(self) -> int:
        return self.settings.getint(
            "NEWSCRAWLER_ARTICLE_MAX_PAGES", defaults.NEWSCRAWLER_ARTICLE_MAX_PAGES
        )

    def paged_request(self, paged: PagedArticle) -> Request:
        """The request for the next page the article needs (its single-page variant first).

        Not an article request: no ``article`` meta, so the incremental middleware leaves it
        alone, and ``dont_filter`` so a page some other link already fetched still comes.
        """
        url = paged.single_page or paged.queue[0]
        return Request(
            url,
            callback=self.parse_paged,
            errback=self.on_paged_error,
            cb_kwargs={"paged": paged},
            meta={"article_page_of": paged.item.url},
            dont_filter=True,
        )

    def parse_paged(self, response: Response, paged: PagedArticle) -> Iterator[Any]:
        """One more page of an article: its text is added, or the whole text replaces it."""
        if not isinstance(response, TextResponse):
            yield from self.paged_failed(paged, "not an HTML page")
            return
        if response.status != 200:
            yield from self.paged_failed(paged, f"HTTP {response.status}")
            return
        marker = challenge_marker(response)
        if marker is not None:
            self.crawler.stats.inc_value("newscrawler/blocked/challenge")
            yield from self.paged_failed(paged, f"challenge page ({marker})")
            return
        try:
            page = self.page(response, site=site_key(self))
            paragraphs, _ = page.body()
            continues = page.continuation() if paged.single_page is None else Continuation()
        except Exception as error:  # any page object bug: recorded, not lost
            self.crawler.stats.inc_value("newscrawler/error/extraction")
            self.logger.error("extraction failed on %s", response.url, exc_info=error)
            yield from self.paged_failed(paged, f"extraction error: {error_text(error)}")
            return
        finally:
            release_tree(response)
        if not paragraphs:
            yield from self.paged_failed(paged, "no article text found")
            return
        stats = self.crawler.stats
        if paged.single_page is not None:
            stats.inc_value("newscrawler/pagination/single_page")
            paged.item.body = join_pages([paragraphs])
            paged.item.pages = max(paged.expected, 2)
            yield from self.article_done(paged.item)
            return
        paged.add(paragraphs, continues)
        stats.inc_value("newscrawler/pagination/pages_fetched")
        if paged.queue and len(paged.bodies) < self.max_pages:
            yield self.paged_request(paged)
            return
        if paged.queue:
            # Our own limit, the same on every visit: stored, counted, and said in the log.
            stats.inc_value("newscrawler/pagination/capped")
            self.logger.warning(
                "article %s: stopped at %d pages (NEWSCRAWLER_ARTICLE_MAX_PAGES)",
                paged.item.url,
                len(paged.bodies),
            )
        stats.inc_value("newscrawler/pagination/assembled")
        paged.item.body = join_pages(paged.bodies)
        paged.item.pages = len(paged.bodies)
        yield from self.article_done(paged.item)

    def on_paged_error(self, failure: Failure) -> Iterator[Any]:
        request: Request = failure.request  # type: ignore[attr-defined]
        paged: PagedArticle = request.cb_kwargs["paged"]
        error = failure.value
        if isinstance(error, HttpError):
            status = error.response.status
            self.crawler.stats.inc_value(f"newscrawler/http/{status}")
            reason = f"HTTP {status}"
        elif isinstance(error, RedirectRefused):
            # A later page redirecting off the site or in a loop: said as such, not as a
            # generic download error.
            self.crawler.stats.inc_value(f"newscrawler/redirect/{error.kind}")
            reason = error.reason
        else:
            reason = self.error_reason(failure)
        yield from self.paged_failed(paged, reason)

    def paged_failed(self, paged: PagedArticle, reason: str) -> Iterator[Any]:
        """A page of the article could not be had: try the pages one by one if the single
        page failed, else record the article's fetch as failed and store nothing.

        Half an article is not stored: it would be a revision the publisher never made (and,
        on a revisit, a text that shrinks and grows back), while the next crawl fetches the
        whole article again.
        """
        stats = self.crawler.stats
        url = paged.single_page or paged.queue[0]
        if paged.single_page is not None and paged.queue:
            stats.inc_value("newscrawler/pagination/single_page_failed")
            self.logger.info("single page %s failed (%s); fetching the pages", url, reason)
            paged.single_page = None
            yield self.paged_request(paged)
            return
        stats.inc_value("newscrawler/pagination/incomplete")
        which = (
            "the single-page variant"
            if paged.single_page is not None
            else f"page {paged.number_of(url)} of the article"
        )
        self.logger.warning("article %s: %s %s failed: %s", paged.item.url, which, url, reason)
        yield self.item_fetch(
            paged.item,
            "failed",
            f"{which} ({url}) failed: {reason}; not stored "
            f"({len(paged.bodies)} of {paged.expected_text} pages fetched)",
        )

    @staticmethod
    def add_discovery_hints(item: RawArticle, discovered: dict[str, Any]) -> None:
        """Dates a feed or sitemap gave, as the last candidates: they cross-check the page."""
        via = discovered.get("via")
        if discovered.get("published"):
            item.published.append(Found(discovered["published"], str(via)))
        if discovered.get("title") and not item.title:
            item.title.append(Found(discovered["title"], str(via)))

    # -- failures ----------------------------------------------------------------------------

    def fetch_info(self, response: Response, outcome: str, reason: str) -> FetchInfo:
        """The visit of a response that made no article item, with its body when it has one."""
        return FetchInfo(
            url=response.url,
            site=self.name,
            fetched_at=datetime.now(UTC),
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            outcome=outcome,  # type: ignore[arg-type]
            reason=reason,
            raw=self.raw_response(response),
        )

    def raw_response(self, response: Response) -> RawResponse | None:
        """What the server sent, for the archive's raw pages; None for an empty body or
        when ``NEWSCRAWLER_KEEP_RAW`` is off. The body is Scrapy's, after the transfer's
        Content-Encoding was undone; the headers keep their order and repeats."""
        if not response.body or not self.keep_raw:
            return None
        headers = tuple(
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, values in response.headers.items()
            for value in values
        )
        return RawResponse(response.body, headers)

    @cached_property
    def keep_raw(self) -> bool:
        return self.settings.getbool("NEWSCRAWLER_KEEP_RAW", defaults.NEWSCRAWLER_KEEP_RAW)

    def item_fetch(self, item: RawArticle, outcome: str, reason: str) -> FetchInfo:
        """The fetch of an article's (first) page, recorded with ``outcome``."""
        return visit_of(item, outcome, reason)  # type: ignore[arg-type]

    def on_error(self, failure: Failure) -> Iterator[FetchInfo]:
        """Every failed request becomes a recorded fetch, never a silent loss."""
        request: Request = failure.request  # type: ignore[attr-defined]
        error = failure.value
        if isinstance(error, HttpError):
            response = error.response
            status = response.status
            if status in (404, 410):
                outcome = "gone" if request.meta.get("article") else "failed"
            elif status in (401, 403, 429, 451):
                outcome = "blocked"
            else:
                outcome = "failed"
            reason = f"HTTP {status}"
            marker = challenge_marker(response)
            if marker is not None:  # Cloudflare's "Just a moment..." comes as a 403 or 503
                outcome, reason = "blocked", f"{reason}, challenge page ({marker})"
                self.crawler.stats.inc_value("newscrawler/blocked/challenge")
            self.crawler.stats.inc_value(f"newscrawler/http/{status}")
            yield self.fetch_info(response, outcome, reason)
            return
        if isinstance(error, RedirectRefused):
            self.crawler.stats.inc_value(f"newscrawler/redirect/{error.kind}")
            self.logger.info("redirect refused: %s: %s", error.url, error.reason)
            yield FetchInfo(
                url=error.url,
                site=self.name,
                fetched_at=datetime.now(UTC),
                outcome=error.outcome,  # type: ignore[arg-type]
                reason=error.reason,
            )
            return
        reason = self.error_reason(failure)
        self.logger.warning("fetch failed: %s: %s", request.url, reason)
        yield FetchInfo(
            url=request.meta.get("replay_original_url", request.url),
            site=self.name,
            fetched_at=datetime.now(UTC),
            outcome="failed",
            reason=reason,
        )

    def error_reason(self, failure: Failure) -> str:
        """Why a request failed without an HTTP answer, for the fetch log; counted by kind.

        A download Scrapy cancelled at ``DOWNLOAD_MAXSIZE`` (a huge page, or a small
        compressed one that inflates without end) says so first: ``too large: ...``.
        """
        request: Request = failure.request  # type: ignore[attr-defined]
        message = failure.getErrorMessage()
        if _MAXSIZE.search(message):
            self.crawler.stats.inc_value("newscrawler/errors/too_large")
            limit = request.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
            return f"too large: over DOWNLOAD_MAXSIZE ({limit:,} bytes); {message}"
        name = type(failure.value).__name__
        self.crawler.stats.inc_value(f"newscrawler/errors/{name}")
        return f"{name}: {message}"


@dataclass(slots=True)
class PagedArticle:
    """An article being assembled from its pages, carried from one page's request to the next.

    ``item`` is the first page's (its URL, metadata and fetch stay the article's),
    ``bodies`` the paragraphs of each page fetched so far, ``queue`` the pages still to
    fetch in order, ``single_page`` the all-on-one-page variant while it is being tried.
    """

    item: RawArticle
    bodies: list[list[str]]
    queue: list[str]
    single_page: str | None
    expected: int  # the highest page number the pages link to
    numbers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def start(cls, item: RawArticle, continues: Continuation) -> PagedArticle:
        queue = list(continues.next)
        numbers = {url: n for n, url in enumerate(continues.next, start=2)}
        return cls(item, [item.body], queue, continues.single_page, continues.last_page, numbers)

    def add(self, paragraphs: list[str], continues: Continuation) -> None:
        """A page's text; the pages it links to that are not known yet join the queue."""
        fetched = self.queue.pop(0)
        self.bodies.append(paragraphs)
        known = {self.item.url, fetched, *self.queue, *self.numbers}
        for url in continues.next:
            if url not in known:
                self.queue.append(url)
                self.numbers[url] = len(self.bodies) + len(self.queue)
        self.expected = max(self.expected, continues.last_page, len(self.bodies))

    def number_of(self, url: str) -> int:
        return self.numbers.get(url, len(self.bodies) + 1)

    @property
    def expected_text(self) -> str:
        return str(self.expected) if self.expected > len(self.bodies) else "more"


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
