"""The generic spider: articles of any news site, from a start page, feeds or sitemaps.

    scrapy crawl generic -a url=https://example.co.id/ [-a feed=URL] [-a sitemap=URL]
                         [-a article=REGEX] [-a site=NAME]
    scrapy crawl generic -a site=NAME      # a site of the sites file (docs/sites-file.md)

``url`` is a page that links to articles (a home page, a section front, an indeks); ``feed``
and ``sitemap`` (comma-separated for several; a ``robots.txt`` URL reads the sitemaps it
lists) add the site's feeds and sitemaps. Links are followed when they stay on the same
registrable domain as the given URLs and look like articles (a date, a numeric id or a long
slug in the path, see :mod:`newscrawler.discovery.article_urls`), or match ``article`` when given.
Articles are read with the generic :class:`ArticlePage` and archived under the site key
``generic`` (or ``site``); times keep the offsets the pages give.

With ``site`` alone, the site is an entry of the sites file (``--sites-file`` of
``newscrawler``, the ``NEWSCRAWLER_SITES_FILE`` setting or environment variable, else
``./sites.toml``): its feeds, sitemaps, listing pages (``start_urls``), article pattern and
domains say where articles are, its page (:func:`newscrawler.pages.configured.page_for`) reads
them with the entry's selectors and time zone, and the run, its visits and its articles are
the site's. The other arguments of :class:`NewsSpider` apply (``-a sources=feeds``, ``-a
date=`` for listing pages with ``{day:%Y/%m/%d}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from newscrawler.discovery import article_links
from newscrawler.discovery.article_urls import looks_like_article, registrable_domain
from newscrawler.items import RawArticle
from newscrawler.pages.base import ArticlePage
from newscrawler.pages.configured import page_for
from newscrawler.sitesfile import SETTING, ConfiguredSite, configured_site, sites_file
from newscrawler.spider_arguments import SpiderArgumentError
from newscrawler.spiders.base import NewsSpider

# Every http(s) link; the spider's own rule decides which are articles.
_ANY_LINK = re.compile(r"^https?://")


def _urls(value: str | None) -> tuple[str, ...]:
    return tuple(u.strip() for u in (value or "").split(",") if u.strip())


class GenericSpider(NewsSpider):
    """Any news site; see the module docstring for its arguments."""

    name = "generic"
    page = ArticlePage

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """``-a site=NAME`` alone: the sites file's entry, read as the crawl's settings say."""
        site = kwargs.get("site")
        if site and not any(kwargs.get(key) for key in ("url", "feed", "sitemap", "configured")):
            from scrapy.spiderloader import SpiderLoader

            path = sites_file(setting=crawler.settings.get(SETTING))
            taken = SpiderLoader.from_settings(crawler.settings).list()
            kwargs["configured"] = configured_site(site, path, taken)
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(
        self,
        *args: Any,
        url: str | None = None,
        feed: str | None = None,
        sitemap: str | None = None,
        article: str | None = None,
        site: str | None = None,
        configured: ConfiguredSite | None = None,
        **kwargs: Any,
    ) -> None:
        if configured is not None and not isinstance(configured, ConfiguredSite):
            # Given by the code that reads the sites file, never on the command line.
            raise SpiderArgumentError("-a configured: not an argument; use -a site=NAME")
        if configured is not None:
            # A sites-file entry: its name is the spider's (the run, the visits and the
            # articles are the site's) and its page class reads its record.
            site = kwargs["name"] = configured.name
            self.page = page_for(configured)  # type: ignore[misc]  # per entry, not per class
            self.listing_urls = configured.start_urls  # type: ignore[misc]  # same
            feeds, sitemaps = configured.feeds, configured.sitemaps
            article = article or configured.article_url
            domains = configured.facts.domains
        else:
            # NewsSpider's own "url" fetches one article; here it is the page to start from.
            feeds, sitemaps = _urls(feed), _urls(sitemap)
            self.listing_urls = _urls(url)  # type: ignore[misc]  # per crawl, not per class
            given = (*self.listing_urls, *feeds, *sitemaps)
            if not given:
                raise ValueError("give a start page (-a url=...), a feed or a sitemap")
            domains = tuple(sorted({registrable_domain(u) for u in given}))
            if site:
                kwargs["name"] = site
        super().__init__(*args, **kwargs)
        self.configured = configured
        # NewsSpider's discovery reads these, so -a sources= and -a date= apply here too.
        self.feed_urls = feeds  # type: ignore[misc]  # per crawl, not per class
        self.sitemap_urls = sitemaps  # type: ignore[misc]  # same
        self.domains = domains
        # Scrapy's offsite filter reads this when the spider opens.
        self.allowed_domains = list(self.domains)
        self.article_pattern = re.compile(article) if article else None
        self.site_key = site or self.name

    def is_article_url(self, url: str) -> bool:
        if self.article_pattern is not None:
            return bool(self.article_pattern.search(url))
        return looks_like_article(url, self.domains)

    def listing_urls_for(self, days: Iterable[date]) -> list[str]:
        """The start pages as given; one holding ``{day:%Y/%m/%d}`` once for each day."""
        urls: list[str] = []
        for url in self.listing_urls:
            urls += [url.format(day=day) for day in days] if "{day" in url else [url]
        return list(dict.fromkeys(urls))

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
