from __future__ import annotations

from newscrawler.pages.liputan6 import SITE, Liputan6Page
from newscrawler.spiders.base import NewsSpider


class Liputan6Spider(NewsSpider):
    """Liputan6.com: RSS, the daily indeks pages, sitemaps listed in robots.txt.

    Articles look like https://www.liputan6.com/news/read/4117380/<slug> (older ones
    http://tekno.liputan6.com/read/2436773/<slug>).
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = ("https://feed.liputan6.com/rss",)
    sitemap_urls = ("https://www.liputan6.com/robots.txt",)
    listing_urls = ("https://www.liputan6.com/indeks/{day:%Y/%m/%d}",)
    # The indeks paginates with ?page=N behind a "next" arrow.
    listing_next_css = "a.simple-pagination__next-link::attr(href), a[rel=next]::attr(href)"
    article_url = r"liputan6\.com/(?:[a-z0-9-]+/)*read/\d+/"
    page = Liputan6Page
