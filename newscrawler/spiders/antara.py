from __future__ import annotations

from newscrawler.pages.antara import AntaraPage
from newscrawler.spiders.base import NewsSpider

# Regional desks publish under their own host (https://jambi.antaranews.com/rss/terkini.xml);
# a crawl of one region adds its host here or passes its feed as -a url=... .
REGIONS = (
    "aceh", "sumut", "sumbar", "riau", "jambi", "bengkulu", "sumsel", "babel", "lampung",
    "banten", "jabar", "jateng", "jogja", "jatim", "bali", "ntb", "kupang", "kalbar",
    "kalteng", "kalsel", "kaltim", "sulut", "gorontalo", "sulteng", "sultra", "makassar",
    "ambon", "papua", "megapolitan",
)  # fmt: skip


class AntaraSpider(NewsSpider):
    """ANTARA News, national and regional: RSS per desk, robots.txt sitemaps, latest news.

    Articles look like https://www.antaranews.com/berita/3912345/<slug>, on regional hosts
    https://jambi.antaranews.com/berita/519381/<slug>, older channel hosts
    http://otomotif.antaranews.com/news/123456/<slug>, and the English edition
    https://en.antaranews.com/news/123456/<slug>. Photo, video and infographic pages
    (/foto/, /video/, /infografik/) are left out.
    """

    name = "antara"
    allowed_domains = ["antaranews.com"]
    feed_urls = (
        "https://www.antaranews.com/rss/terkini.xml",
        "https://en.antaranews.com/rss/news.xml",
        *(f"https://{region}.antaranews.com/rss/terkini.xml" for region in REGIONS),
    )
    sitemap_urls = ("https://www.antaranews.com/robots.txt",)
    # ANTARA has no dated archive page; "terkini" (latest) pages back in time with /terkini/2.
    listing_urls = ("https://www.antaranews.com/terkini",)
    listing_next_css = "a[rel=next]::attr(href), ul.pagination a[aria-label=Next]::attr(href)"
    article_url = r"^https?://(?:[\w-]+\.)*antaranews\.com/(?:berita|news)/\d+/[\w-]+"
    page = AntaraPage
    timezone = "Asia/Jakarta"
