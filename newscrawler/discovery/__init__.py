"""Finding article URLs: feeds, sitemaps (incl. Google News sitemaps) and listing pages.

Pure functions, bytes in and entries out, so the spiders call them from Scrapy callbacks
and the tests call them on saved files.
"""

from newscrawler.discovery.feeds import FeedEntry, looks_like_feed, parse_feed
from newscrawler.discovery.listings import article_links
from newscrawler.discovery.sitemaps import (
    Sitemap,
    SitemapEntry,
    SitemapError,
    parse_sitemap,
    sitemaps_from_robots,
)

__all__ = [
    "FeedEntry",
    "Sitemap",
    "SitemapEntry",
    "SitemapError",
    "article_links",
    "looks_like_feed",
    "parse_feed",
    "parse_sitemap",
    "sitemaps_from_robots",
]
