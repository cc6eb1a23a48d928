"""CNN Indonesia article pages (cnnindonesia.com).

Most articles are credited to the outlet only ("CNN Indonesia" in the byline and the JSON-LD
author) with the desk's initials after the text ("(fra/wis)"): then no person is named.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# Inline boxes inside the text: "Baca juga" tables (table.linksisip), the "paradetail"
# teaser carousel and the ad slots between paragraphs.
_FURNITURE = (
    ".//table[contains(@class, 'linksisip')]",
    ".//*[contains(@class, 'paradetail')]",
    ".//*[contains(@class, 'inbetween_ads')]",
)


SITE = SiteFacts(
    name="cnnindonesia",
    domains=("cnnindonesia.com",),
    timezone=JAKARTA,
    brands=("CNN Indonesia", "CNNIndonesia.com", "CNNIndonesia", "cnnindonesia.com"),
    # /nasional/20200624223334-12-517155/<slug>: a timestamp, the channel id, the article id.
    publisher_id=re.compile(r"cnnindonesia\.com/(?:[\w-]+/)+\d{14}-\d+-(\d+)/"),
)


class CNNIndonesiaPage(ArticlePage):
    facts = SITE
    body_skip_xpaths = _FURNITURE
    body_xpaths = (
        # 2023+: https://www.cnnindonesia.com/nasional/20241112143512-20-1165711/...
        # <div class="detail-text ...">.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-text ')]",
        # 2020: <div id="detikdetailtext" class="detail_text">.
        "//div[@id='detikdetailtext']",
    )

    def published(self) -> list[Found]:
        # <meta name="publishdate" content="2024/11/12 14:35:12"> is read by the generic page;
        # the visible "Selasa, 12 Nov 2024 14:35 WIB" under the headline cross-checks it.
        visible = [t for t in self.texts(".detail-wrap .text-cnn_grey") if "WIB" in t]
        return super().published() + [Found(text, "byline") for text in visible]

    def section(self) -> list[Found]:
        # The channel link above the headline ("Nasional"); the page has no section meta.
        return [*super().section(), *self.visible(".detail-wrap .text-cnn_red a", "markup:channel")]

    def tags(self) -> list[Found]:
        # "TOPIK TERKAIT" links under the text; keywords meta repeats them with SEO phrases.
        return [*self.visible(".topik-terkait a, .detail_tag a", "markup:tags"), *super().tags()]
