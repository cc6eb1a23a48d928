from __future__ import annotations

from newscrawler.pages.kapanlagi import SITE, KapanLagiPage
from newscrawler.spiders.base import NewsSpider

# The archive form's categories ("Lihat Arsip Film Indonesia" box under each article).
_ARCHIVE_CATEGORIES = (
    "asian-star",
    "bollywood",
    "film",
    "hollywood",
    "intermezzone",
    "jukebox",
    "musik",
    "plus",
    "selebriti",
    "sinetron",
    "televisi",
)


class KapanLagiSpider(NewsSpider):
    """KapanLagi.com: the RSS and Atom feeds, robots sitemaps, the dated archive pages.

    Articles end in a six-hex-digit key: https://www.kapanlagi.com/showbiz/film/indonesia/
    brandon-salim-makin-dekat-dengan-sivia-blink-di-heart-beat-82f43b.html, also on
    subdomains (http://musik.kapanlagi.com/berita/...-548cbf.html). Celebrity profiles
    (/indonesia/b/<name>/berita/), tag pages (/ragam/tag-populer/<tag>.html), photo stories
    (/foto/berita-foto/...) and video pages have no key and are not articles.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    # The footer's "RSS" link and the <link rel=alternate> Atom feed.
    feed_urls = (
        "https://www.kapanlagi.com/feed/",
        "https://www.kapanlagi.com/feed/entertainment.xml",
    )
    sitemap_urls = ("https://www.kapanlagi.com/robots.txt",)
    # The archive form builds /arsip/<category>/<yyyy>/<mm>/<dd>.
    listing_urls = tuple(
        f"https://www.kapanlagi.com/arsip/{category}/{{day:%Y/%m/%d}}"
        for category in _ARCHIVE_CATEGORIES
    )
    article_url = (
        r"^https?://(?:[a-z0-9-]+\.)*kapanlagi\.com/(?!foto/)(?:[a-z0-9_-]+/)+"
        r"[a-z0-9-]+-[0-9a-f]{6}\.html$"
    )
    page = KapanLagiPage
