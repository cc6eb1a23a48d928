from __future__ import annotations

import re
from typing import Any

from scrapy.http import Request

from newscrawler.pages.detik import SITE, DetikPage
from newscrawler.spiders.base import NewsSpider

# The channels the crawl covers; each has its own RSS feed, robots.txt and daily indeks.
CHANNELS = ("news", "finance", "sport", "inet", "travel", "hot", "oto", "health", "food")

# Until 2016 detik's feeds linked through FeedBurner's successor Feedsportal, which encodes
# the target URL in the path: ".../l/0Linet0Bdetik0N0Cread0C20A150C110C0A5.../story01.htm" is
# http://inet.detik.com/read/2015/11/05/... ("0L" = "http://", "0B" = ".", "0N" = ".com",
# "0C" = "/", "0A" = "0", ...). Feedsportal is gone; the decoded URL still names the article.
_FEEDSPORTAL = re.compile(r"^https?://[\w.]*feedsportal\.com/.*?/l/(?P<encoded>0[LM][^/]+)/")
_FEEDSPORTAL_CODES = {
    "A": "0", "B": ".", "C": "/", "D": "?", "E": "-", "F": "=", "G": "&", "H": ",",
    "I": "_", "J": "%", "K": "+", "L": "http://", "M": "https://", "N": ".com",
    "O": ".co.uk", "P": ";", "Q": "|", "R": ":", "S": "www.", "T": "#", "U": "$",
    "V": "~", "W": "!", "X": "(", "Y": ")", "Z": "Z",
}  # fmt: skip


def feedsportal_target(url: str) -> str:
    """The article URL a Feedsportal link stands for; any other URL is returned unchanged."""
    match = _FEEDSPORTAL.match(url)
    if not match:
        return url
    return re.sub(r"0([A-Z])", lambda m: _FEEDSPORTAL_CODES[m[1]], match["encoded"])


class DetikSpider(NewsSpider):
    """detik.com, all channels: RSS per channel, robots.txt sitemaps, daily indeks pages.

    Articles look like https://news.detik.com/berita/d-6453785/<slug> (any channel and
    subchannel before ``d-<id>``, also www.detik.com/<region>/...); older ones
    http://inet.detik.com/read/2015/11/05/100026/3062623/323/<slug> and
    http://news.detik.com/berita/2943745/<slug> (2015-2016). Photo stories (``readfoto``,
    ``foto-news/d-<id>``) carry text and count; videos (20.detik.com, ``detiktv``) do not.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = tuple(f"https://{channel}.detik.com/rss" for channel in CHANNELS)
    sitemap_urls = tuple(f"https://{channel}.detik.com/robots.txt" for channel in CHANNELS)
    # https://news.detik.com/indeks?date=12/10/2022 (month first), paginated /indeks/2?date=...
    listing_urls = tuple(
        f"https://{channel}.detik.com/indeks?date={{day:%m/%d/%Y}}" for channel in CHANNELS
    )
    # The pagination ends with "Next"; on the last page the last item is that page itself.
    listing_next_css = ".pagination a.pagination__item:last-child::attr(href)"
    article_url = (
        r"^https?://(?!20\.|apps\.|connect\.|comment\.)(?:[\w-]+\.)*detik\.com/+"
        r"(?:"
        r"(?:[\w-]+/){1,3}(?<!detiktv/)d-\d+/[\w-]+"  # 2016+
        r"|(?:[\w-]+/)?read(?:foto)?/\d{4}/\d{2}/\d{2}/\d{6}/\d+/\d+/"  # 2017 and older
        r"|berita[\w-]*/\d{6,}/[\w-]+"  # 2015-2016
        r"|x/detail/[\w-]+/\d{8}/[\w-]+"  # detikX long reads
        r")"
    )
    page = DetikPage

    def is_article_url(self, url: str) -> bool:
        return super().is_article_url(feedsportal_target(url))

    def article_request(self, url: str, discovered: dict[str, Any]) -> Request:
        return super().article_request(feedsportal_target(url), discovered)
