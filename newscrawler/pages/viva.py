"""VIVA.co.id article pages: the 2015 ``article-detail`` layout.

The generic cascade reads these pages well (itemprop microdata for the byline, the date and
the text); the page overrides only the section, which is printed above the headline.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="viva",
    domains=("viva.co.id",),
    timezone=JAKARTA,
    brands=("VIVA.co.id", "VIVA", "VIVAnews", "Viva.co.id", "VIVA.co.id News"),
    # The number before the slug: .../news/read/640310-<slug>, .../berita/dunia/1528385-<slug>.
    publisher_id=re.compile(r"viva\.co\.id/(?:[\w-]+/)+(\d{5,})-"),
)


class VivaPage(ArticlePage):
    facts = SITE
    # <span itemprop="articleBody"> inside <div id="article-content">, paragraphs split by
    # <br><br>: http://dunia.news.viva.co.id/news/read/640310-thailand-butuh-empat-hari-...
    body_xpaths = ('//*[@id="article-content"]//*[@itemprop="articleBody"]',)

    def authors(self) -> list[Found]:
        # <meta name="author" content="PT. VIVA MEDIA BARU - VIVA.co.id"> is the company; the
        # byline is <div itemprop="author" class="author">Oleh : <b>Adrianus Mandey</b></div>.
        return [
            *self.visible(".smalldesc [itemprop=author] b, .smalldesc .author b"),
            *super().authors(),
        ]

    def section(self) -> list[Found]:
        # <div class="upperdeck-kanal">DUNIA</div> above the headline names the channel.
        return [
            *super().section(),
            *self.visible(".article-detail .upperdeck-kanal", "markup:channel"),
        ]
