from __future__ import annotations

from newscrawler.pages.cnnindonesia import SITE, CNNIndonesiaPage
from newscrawler.spiders.base import NewsSpider

_CHANNELS = (
    "nasional",
    "internasional",
    "ekonomi",
    "olahraga",
    "teknologi",
    "hiburan",
    "gaya-hidup",
)


class CNNIndonesiaSpider(NewsSpider):
    """CNN Indonesia (cnnindonesia.com): channel RSS feeds, the daily indeks, robots sitemaps.

    Articles carry a timestamp, the channel's id and the article id:
    https://www.cnnindonesia.com/nasional/20200624223334-12-517155/<slug>. Video pages
    (/tv/2020...-410-517144/video-...), focus collections (/nasional/fokus/...-4587/all),
    long-form specials and tag pages are left out.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = (
        "https://www.cnnindonesia.com/rss",
        *(f"https://www.cnnindonesia.com/{channel}/rss" for channel in _CHANNELS),
    )
    sitemap_urls = ("https://www.cnnindonesia.com/robots.txt",)
    # "Indeks" of every channel (kanal id 2) for one day; "&page=N" goes further back.
    listing_urls = ("https://www.cnnindonesia.com/indeks/2?date={day:%Y/%m/%d}",)
    article_url = (
        r"^https?://(?:www\.|m\.)?cnnindonesia\.com/(?!tv/)[a-z-]+(?:/[a-z-]+)?"
        r"/\d{14}-\d{1,4}-\d+/[a-z0-9-]+"
    )
    page = CNNIndonesiaPage
