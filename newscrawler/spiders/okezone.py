from __future__ import annotations

from newscrawler.pages.okezone import SITE, OkezonePage
from newscrawler.spiders.base import NewsSpider


class OkezoneSpider(NewsSpider):
    """Okezone.com: the syndication RSS, the daily index.okezone.com listing, robots.txt.

    Articles look like https://news.okezone.com/read/2015/06/19/337/1167966/<slug>:
    /read/<date>/<channel id>/<article id>/<slug> on a channel host (news., economy.,
    lifestyle., sports., bola., celebrity., ...).
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    # The pages link this feed as "RSS"; each channel host also serves /feed.
    feed_urls = (
        "https://sindikasi.okezone.com/index.php/rss/0/RSS2.0",
        "https://www.okezone.com/feed",
    )
    sitemap_urls = ("https://www.okezone.com/robots.txt",)
    # Every channel for one day; pages continue at .../<day>/15/, .../<day>/30/, ...
    listing_urls = ("https://index.okezone.com/bydate/index/{day:%Y/%m/%d}/0/",)
    listing_next_css = "a[rel=next]::attr(href), .pagination-indexs a.next::attr(href)"
    # /read/ pages only: not /topic/, /tag/, /indeks, nor the /feedread/ copies of articles.
    article_url = r"//[a-z0-9-]+\.okezone\.com/read/\d{4}/\d{2}/\d{2}/\d+/\d+/[\w-]+"
    page = OkezonePage
