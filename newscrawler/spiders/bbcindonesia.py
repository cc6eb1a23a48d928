from __future__ import annotations

import re
from typing import Any

from scrapy.http import Request

from newscrawler.pages.bbcindonesia import SITE, BBCIndonesiaPage
from newscrawler.spiders.base import NewsSpider

# The 2009 RDF feeds of bbc.co.uk/indonesian link through a click counter:
# http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/news/story/2009/11/091130_fiji.shtml
# stands for http://www.bbc.co.uk/indonesian/news/story/2009/11/091130_fiji.shtml.
_REDIRECTOR = re.compile(r"^(https?://www\.bbc\.co\.uk)/go/[\w/.]+?/-/(?=indonesian/)")


def redirector_target(url: str) -> str:
    """The article URL behind a bbc.co.uk feed redirector link; others are unchanged."""
    return _REDIRECTOR.sub(r"\1/", url)


class BBCIndonesiaSpider(NewsSpider):
    """BBC News Indonesia (bbc.com/indonesia): the service's RSS feed.

    Articles: https://www.bbc.com/indonesia/articles/c0k4x1y2z3ao (2022+) and
    https://www.bbc.com/indonesia/indonesia-39730365 (desk, then a numeric id: indonesia,
    dunia, majalah, olahraga, vert-cap, ...). ``media-`` pages are video and audio clips,
    ``topics/`` pages are lists; neither is an article, nor is anything outside /indonesia/.
    The 2009 service lived at http://www.bbc.co.uk/indonesian/news/story/2009/11/<slug>.shtml;
    its RDF feeds link through a redirector, which is unwrapped.
    """

    name = SITE.name
    allowed_domains = list(SITE.domains)
    feed_urls = ("https://www.bbc.com/indonesia/index.xml",)
    article_url = (
        r"^https?://(?:www\.)?bbc\.com/indonesia/"
        r"(?:articles/[a-z0-9]{10,14}|(?!media-)[a-z]+(?:-[a-z]+)*-\d{7,9})$"
        r"|^https?://www\.bbc\.co\.uk/indonesian/\w+/story/\d{4}/\d{2}/\w+\.shtml$"
    )
    page = BBCIndonesiaPage

    def is_article_url(self, url: str) -> bool:
        return super().is_article_url(redirector_target(url))

    def article_request(self, url: str, discovered: dict[str, Any]) -> Request:
        return super().article_request(redirector_target(url), discovered)
