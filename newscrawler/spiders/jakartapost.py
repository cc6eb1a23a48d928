from __future__ import annotations

from newscrawler.pages.jakartapost import SITE, JakartaPostPage
from newscrawler.spiders.base import NewsSpider


class JakartaPostSpider(NewsSpider):
    """The Jakarta Post (thejakartapost.com): "latest" lists per desk, robots sitemaps.

    Articles carry their date and a slug: https://www.thejakartapost.com/indonesia/2024/11/05/
    <slug>.html (2015: http://www.thejakartapost.com/news/2015/06/19/<slug>.html). Desk
    fronts (/channel/world, /business/latest) have no date and are not articles.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    # No feed is linked from the pages we have; the "latest" lists cover every desk.
    sitemap_urls = ("https://www.thejakartapost.com/robots.txt",)
    listing_urls = (
        "https://www.thejakartapost.com/latest",
        "https://www.thejakartapost.com/indonesia/latest",
        "https://www.thejakartapost.com/business/latest",
        "https://www.thejakartapost.com/world/latest",
        "https://www.thejakartapost.com/opinion/latest",
        "https://www.thejakartapost.com/culture/latest",
    )
    # "?page=2" behind the "Next" link.
    listing_next_css = "a[rel=next]::attr(href), .pagination a.next::attr(href)"
    article_url = (
        r"^https?://(?:www\.)?thejakartapost\.com/(?:[a-z-]+/){1,2}"
        r"\d{4}/\d{2}/\d{2}/[a-z0-9-]+\.html$"
    )
    page = JakartaPostPage
