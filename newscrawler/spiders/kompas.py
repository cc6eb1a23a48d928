from __future__ import annotations

from newscrawler.pages.kompas import SITE, KompasPage
from newscrawler.spiders.base import NewsSpider

# Channels with their own RSS feed (https://www.kompas.com/getrss/<channel>).
FEEDS = ("all", "nasional", "regional", "megapolitan", "global", "money", "tekno", "bola")


class KompasSpider(NewsSpider):
    """Kompas.com: RSS per channel, sitemaps from robots.txt, the daily indeks.

    Articles look like https://nasional.kompas.com/read/2024/01/15/09420011/<slug> (any
    channel host, or www.kompas.com/<channel>/read/...; the id is the time plus a serial);
    2015-2016 ones http://regional.kompas.com/read/2015/11/04/21040031/Polres.Lhokseumawe...,
    and the 2016 indeks linked them as /read/xml/2016/02/16/....
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = tuple(f"https://www.kompas.com/getrss/{channel}" for channel in FEEDS)
    sitemap_urls = ("https://www.kompas.com/robots.txt",)
    # https://indeks.kompas.com/?site=all&date=2024-01-15, paginated with &page=2.
    listing_urls = ("https://indeks.kompas.com/?site=all&date={day:%Y-%m-%d}",)
    # 2020s: <a class="paging__link paging__link--next">; 2016: <ul class="paginasi"> with
    # the current page as <li class="active">.
    listing_next_css = (
        "a.paging__link--next::attr(href), a[rel=next]::attr(href),"
        " ul.paginasi li.active + li > a::attr(href)"
    )
    # Not video.kompas.com, the tag/indeks pages or kompas.id (another publisher).
    article_url = (
        r"^https?://(?!video\.|vik\.|indeks\.)(?:[\w-]+\.)*kompas\.com/"
        r"(?:[\w-]+/)?read/(?:xml/)?\d{4}/\d{2}/\d{2}/\d{6,}/"
    )
    page = KompasPage
