from __future__ import annotations

from newscrawler.pages.suara import SITE, SuaraPage
from newscrawler.spiders.base import NewsSpider


class SuaraSpider(NewsSpider):
    """Suara.com: the site RSS, the daily indeks, robots.txt sitemaps.

    Articles look like http://www.suara.com/news/2015/06/19/130605/<slug>: a channel,
    the date, the time of day (HHMMSS) and the slug; channels also live on their own
    paths (/bola/, /lifestyle/, /bisnis/, ...) and on regional hosts (jatim.suara.com).
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = ("https://www.suara.com/rss",)
    sitemap_urls = ("https://www.suara.com/robots.txt",)
    # The indeks has no page per day, only per year, newest first with ?page=N; every day of
    # a range gives the same URL, which Scrapy's duplicate filter fetches once.
    listing_urls = ("https://www.suara.com/indeks/terkini/all/{day:%Y}",)
    listing_next_css = "a[rel=next]::attr(href), .pagination a.next::attr(href)"
    # /<channel>/<yyyy>/<mm>/<dd>/<hhmmss>/<slug>; not /tag/, /news/news-category/, indeks,
    # the /foto/ and /video/ galleries, nor the advertorials on microsite.suara.com.
    article_url = (
        r"//(?!microsite\.)(?:[a-z0-9-]+\.)?suara\.com/(?!foto/|video/)[a-z-]+"
        r"/\d{4}/\d{2}/\d{2}/\d{6}/[\w-]+"
    )
    page = SuaraPage
