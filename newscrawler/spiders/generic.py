"""The generic spider: articles of any news site, from a start page, feeds or sitemaps.

    scrapy crawl generic -a url=https://example.co.id/ [-a feed=URL] [-a sitemap=URL]
                         [-a article=REGEX] [-a site=NAME]

``url`` is a page that links to articles (a home page, a section front, an indeks); ``feed``
and ``sitemap`` (comma-separated for several; a ``robots.txt`` URL reads the sitemaps it
lists) add the site's feeds and sitemaps. Links are followed when they stay on the same
registrable domain as the given URLs and look like articles (a date, a numeric id or a long
slug in the path, see :mod:`newscrawler.discovery.article_urls`), or match ``article`` when given.
Articles are read with the generic :class:`ArticlePage` and archived under the site key
``generic`` (or ``site``); times keep the offsets the pages give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from newscrawler.discovery import article_links
from newscrawler.discovery.article_urls import looks_like_article, registrable_domain
from newscrawler.items import RawArticle
from newscrawler.pages.base import ArticlePage
from newscrawler.spiders.base import NewsSpider

# Every http(s) link; the spider's own rule decides which are articles.
_ANY_LINK = re.compile(r"^https?://")


def _urls(value: str | None) -> tuple[str, ...]:
    return tuple(u.strip() for u in (value or "").split(",") if u.strip())


class GenericSpider(NewsSpider):
    """Any news site; see the module docstring for its arguments."""

    name = "generic"
    page = ArticlePage

    def __init__(
        self,
        *args: Any,
        url: str | None = None,
        feed: str | None = None,
        sitemap: str | None = None,
        article: str | None = None,
        site: str | None = None,
        **kwargs: Any,
    ) -> None:
        # NewsSpider's own "url" fetches one article; here it is the page to start from.
        super().__init__(*args, **kwargs)
        self.start_pages = _urls(url)
        self.feeds = _urls(feed)
        self.sitemaps = _urls(sitemap)
        given = (*self.start_pages, *self.feeds, *self.sitemaps)
        if not given:
            raise ValueError("give a start page (-a url=...), a feed or a sitemap")
        self.domains = tuple(sorted({registrable_domain(u) for u in given}))
        # Scrapy's offsite filter reads this when the spider opens.
        self.allowed_domains = list(self.domains)
        self.article_pattern = re.compile(article) if article else None
        self.site_key = site or self.name

    def is_article_url(self, url: str) -> bool:
        if self.article_pattern is not None:
            return bool(self.article_pattern.search(url))
        return looks_like_article(url, self.domains)

    def start_requests(self) -> Iterator[Request]:
        for url in self.feeds:
            yield Request(url, callback=self.parse_feed, errback=self.on_error)
        for url in self.sitemaps:
            callback = self.parse_robots if url.endswith("/robots.txt") else self.parse_sitemap
            yield Request(url, callback=callback, errback=self.on_error)
        for url in self.start_pages:
            yield Request(url, callback=self.parse_listing, errback=self.on_error)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Article links of the start page; other links (sections, tags) are not followed."""
        for url in article_links(response.body, response.url, _ANY_LINK):
            if self.is_article_url(url):
                self.crawler.stats.inc_value("newscrawler/discovered/listing")
                yield self.article_request(url, {"via": "listing", "listing": response.url})
            else:
                self.crawler.stats.inc_value("newscrawler/skipped/not_article_url")

    def parse_article(self, response: Response) -> Iterator[Any]:
        for result in super().parse_article(response):
            if isinstance(result, RawArticle):
                result.site = self.site_key
            yield result
