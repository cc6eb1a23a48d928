from __future__ import annotations

from newscrawler.pages.bbcindonesia import BBCIndonesiaPage
from newscrawler.spiders.base import NewsSpider


class BBCIndonesiaSpider(NewsSpider):
    """BBC News Indonesia (bbc.com/indonesia): the service's RSS feed.

    Articles: https://www.bbc.com/indonesia/articles/c0k4x1y2z3ao (2022+) and
    https://www.bbc.com/indonesia/indonesia-39730365 (desk, then a numeric id: indonesia,
    dunia, majalah, olahraga, vert-cap, ...). ``media-`` pages are video and audio clips,
    ``topics/`` pages are lists; neither is an article, nor is anything outside /indonesia/.
    The 2009 RDF feeds of bbc.co.uk/indonesian link through a redirector on another
    domain and are not read.
    """

    name = "bbcindonesia"
    allowed_domains = ["bbc.com"]
    feed_urls = ("https://www.bbc.com/indonesia/index.xml",)
    article_url = (
        r"^https?://(?:www\.)?bbc\.com/indonesia/"
        r"(?:articles/[a-z0-9]{10,14}|(?!media-)[a-z]+(?:-[a-z]+)*-\d{7,9})$"
    )
    page = BBCIndonesiaPage
    timezone = "Asia/Jakarta"
