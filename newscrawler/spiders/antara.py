from __future__ import annotations

from newscrawler.pages.antara import REGIONS, SITE, AntaraPage
from newscrawler.spiders.base import NewsSpider


class AntaraSpider(NewsSpider):
    """ANTARA News, national and regional: RSS per desk, robots.txt sitemaps, latest news.

    Articles look like https://www.antaranews.com/berita/3912345/<slug>, on regional hosts
    https://jambi.antaranews.com/berita/519381/<slug>, older channel hosts
    http://otomotif.antaranews.com/news/123456/<slug>, and the English edition
    https://en.antaranews.com/news/123456/<slug>. Photo, video and infographic pages
    (/foto/, /video/, /infografik/) are left out.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = (
        "https://www.antaranews.com/rss/terkini.xml",
        "https://en.antaranews.com/rss/news.xml",
        # Each regional desk's own host: https://jambi.antaranews.com/rss/terkini.xml.
        *(f"https://{region.desk}.antaranews.com/rss/terkini.xml" for region in REGIONS),
    )
    sitemap_urls = ("https://www.antaranews.com/robots.txt",)
    # ANTARA has no dated archive page; "terkini" (latest) pages back in time with /terkini/2.
    listing_urls = ("https://www.antaranews.com/terkini",)
    listing_next_css = "a[rel=next]::attr(href), ul.pagination a[aria-label=Next]::attr(href)"
    article_url = r"^https?://(?:[\w-]+\.)*antaranews\.com/(?:berita|news)/\d+/[\w-]+"
    page = AntaraPage
