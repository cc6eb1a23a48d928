from __future__ import annotations

from newscrawler.pages.mediaindonesia import SITE, MediaIndonesiaPage
from newscrawler.spiders.base import NewsSpider


class MediaIndonesiaSpider(NewsSpider):
    """Media Indonesia (mediaindonesia.com): the site feed, the indeks page, robots sitemaps.

    Articles look like https://mediaindonesia.com/ekonomi/822959/<slug>: a section, the
    publisher's numeric id, a slug. Author pages (/author/151/andhika) share the shape and
    photo, video and infographic pages live under their own first segment; both are left out.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    # The footer's "RSS" link.
    feed_urls = ("https://mediaindonesia.com/feed",)
    sitemap_urls = ("https://mediaindonesia.com/robots.txt",)
    # The menu's "Indeks" link lists the latest articles; it takes no day in its path.
    listing_urls = ("https://mediaindonesia.com/indeks",)
    article_url = (
        r"^https?://(?:www\.)?mediaindonesia\.com/"
        r"(?!(?:author|tag|foto|video|infografis|streaming)/)[a-z0-9-]+/\d{3,}/[a-z0-9-]+"
    )
    page = MediaIndonesiaPage
