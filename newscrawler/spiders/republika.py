from __future__ import annotations

from newscrawler.pages.republika import SITE, RepublikaPage
from newscrawler.spiders.base import NewsSpider


class RepublikaSpider(NewsSpider):
    """Republika.co.id: the site RSS, the daily index, the sitemap robots.txt declares.

    Articles look like
    http://nasional.republika.co.id/berita/nasional/daerah/16/02/15/o2l07x284-<slug>
    (channel/subchannel/yy/mm/dd/<code>-<slug>) and, on newer pages,
    https://news.republika.co.id/berita/<code>/<slug>; <code> is the article's id.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    # The feed's own atom:link self; it also carries partner sites (ihram.co.id), which
    # allowed_domains and article_url leave out.
    feed_urls = ("https://www.republika.co.id/rss",)
    sitemap_urls = ("https://www.republika.co.id/robots.txt",)
    # One day of every channel: /index/<offset>/<yyyy>/<mm>/<dd>, 50 links a page.
    listing_urls = ("https://republika.co.id/index/0/{day:%Y/%m/%d}",)
    article_url = (
        r"republika\.co\.id/berita/(?!video/)(?:(?:[a-z0-9-]+/)+\d{2}/\d{2}/\d{2}/[a-z0-9]+-[\w-]+"
        r"|/?(?=[a-z]*\d)[a-z0-9]{6,14}/[\w-]+)"
    )
    page = RepublikaPage
