from __future__ import annotations

from newscrawler.pages.viva import SITE, VivaPage
from newscrawler.spiders.base import NewsSpider


class VivaSpider(NewsSpider):
    """VIVA.co.id: the all-channel RSS, the daily indeks pages, robots.txt sitemaps.

    Articles look like http://dunia.news.viva.co.id/news/read/640310-<slug> (2015-2017,
    a channel host and /<section>/read/<id>-<slug>) and
    https://www.viva.co.id/berita/dunia/1528385-<slug> on the current site.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = ("https://rss.viva.co.id/get/all",)
    sitemap_urls = ("https://www.viva.co.id/robots.txt",)
    # One day of a channel's indeks; "all" is every subchannel. ?page=N continues it.
    listing_urls = (
        "https://www.viva.co.id/indeks/berita/all/{day:%Y/%m/%d}",
        "https://www.viva.co.id/indeks/gaya-hidup/all/{day:%Y/%m/%d}",
    )
    listing_next_css = "a[rel=next]::attr(href), .pagination a.next::attr(href)"
    # <id>-<slug> after at least one path segment; not the foto.viva.co.id galleries (one
    # URL per photo: /read/14663-<slug>/136808), video.viva.co.id, forum or indeks pages.
    article_url = (
        r"//(?!(?:foto|video|forum|ads)\.)(?:[a-z0-9-]+\.)*viva\.co\.id/(?:[\w-]+/)+\d{5,}-[\w-]+"
    )
    page = VivaPage
