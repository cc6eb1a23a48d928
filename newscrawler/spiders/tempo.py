from __future__ import annotations

from newscrawler.pages.tempo import SITE, TempoPage
from newscrawler.spiders.base import NewsSpider

# Channels with an RSS feed at https://rss.tempo.co/<channel>; "en" is the English edition.
FEEDS = (
    "nasional", "bisnis", "metro", "dunia", "bola", "sport", "gaya", "seleb", "tekno",
    "otomotif", "travel", "cantik", "en",
)  # fmt: skip


class TempoSpider(NewsSpider):
    """Tempo.co and its English edition en.tempo.co: RSS, robots.txt sitemaps, daily indeks.

    Articles look like https://www.tempo.co/politik/<slug>-1170123 (since late 2024),
    https://nasional.tempo.co/read/1234567/<slug> (2017-2024) and
    http://gaya.tempo.co/read/news/2015/11/05/060716092/<slug> (until 2017; columns use
    /read/kolom/, /read/caping/, ... instead of /read/news/, the English edition
    /read/news/2015/11/04/055715866,uk.html/<Slug>). Photo, video, infographic and
    Indonesiana (readers' blog) hosts, and advertorials under /inforial/, are left out.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = tuple(f"https://rss.tempo.co/{channel}" for channel in FEEDS)
    sitemap_urls = ("https://www.tempo.co/robots.txt", "https://en.tempo.co/robots.txt")
    listing_urls = (
        "https://www.tempo.co/indeks/{day:%Y-%m-%d}",
        "https://en.tempo.co/indeks/{day:%Y-%m-%d}",
    )
    listing_next_css = "a[rel=next]::attr(href), .pagination .next a::attr(href)"
    article_url = (
        r"^https?://(?!(?:foto|video|grafis|indonesiana|korporat|search|statik|rss)\.)"
        r"(?:[\w-]+\.)*tempo\.co/"
        r"(?:"
        # until 2017: /read/news/2015/11/05/060716092/, /read/bbc/world/2015/11/05/41190224/
        r"read/(?:news|kolom|caping|opiniKT|carianginKT|jeda|fokus|abc|bbc/\w+)"
        r"/\d{4}/\d{2}/\d{2}/\d+[,/]"
        # 2017-2024: /read/1234567/<slug>; Majalah Tempo /read/<rubric>/1234567/<slug>
        r"|read/(?!beritafoto/)(?:[a-z-]+/)?\d{5,}/[\w-]+"
        # late 2024 on: /<channel>/<slug>-1170123
        r"|[a-z-]+/[\w-]+-\d{6,}/?$"
        r")"
    )
    page = TempoPage
