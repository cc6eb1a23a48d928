from __future__ import annotations

from newscrawler.pages.tribunnews import SITE, TribunnewsPage
from newscrawler.spiders.base import NewsSpider


class TribunnewsSpider(NewsSpider):
    """Tribunnews.com: the site RSS, the daily index, robots.txt sitemaps.

    Articles look like http://www.tribunnews.com/metropolitan/2015/06/19/<slug> (section,
    date, slug) and, on the regional hosts, http://jakarta.tribunnews.com/2015/06/19/<slug>.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = ("https://www.tribunnews.com/rss",)
    sitemap_urls = ("https://www.tribunnews.com/robots.txt",)
    listing_urls = ("https://www.tribunnews.com/index-news/all?date={day:%Y-%m-%d}",)
    listing_next_css = "a[rel=next]::attr(href), .paging a.next::attr(href)"
    # Anchored: share buttons carry the article URL in their query string
    # (facebook.com/sharer/sharer.php?u=http://www.tribunnews.com/metropolitan/2015/...),
    # and so do tag links (/tag/benjamin-bukit/?url=metropolitan/2015/06/19/...).
    article_url = (
        r"^https?://(?:[a-z0-9-]+\.)?tribunnews\.com/(?!tag/|video/|foto/|images/)"
        r"(?:[a-z0-9-]+/)*\d{4}/\d{2}/\d{2}/[\w-]+"
    )
    page = TribunnewsPage
