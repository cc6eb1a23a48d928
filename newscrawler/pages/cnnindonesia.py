"""CNN Indonesia article pages (cnnindonesia.com).

Most articles are credited to the outlet only ("CNN Indonesia" in the byline and the JSON-LD
author) with the desk's initials after the text ("(fra/wis)"): then no person is named.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.pages.base import ArticlePage

# Inline boxes inside the text: "Baca juga" tables (table.linksisip), the "paradetail"
# teaser carousel and the ad slots between paragraphs.
_FURNITURE = (
    ".//table[contains(@class, 'linksisip')]",
    ".//*[contains(@class, 'paradetail')]",
    ".//*[contains(@class, 'inbetween_ads')]",
)


class CNNIndonesiaPage(ArticlePage):
    site = "cnnindonesia"
    site_names = ("CNN Indonesia", "CNNIndonesia.com", "CNNIndonesia", "cnnindonesia.com")
    timezone = "Asia/Jakarta"
    body_skip_xpaths = _FURNITURE
    body_xpaths = (
        # 2023+: https://www.cnnindonesia.com/nasional/20241112143512-20-1165711/...
        # <div class="detail-text ...">.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-text ')]",
        # 2020: <div id="detikdetailtext" class="detail_text">.
        "//div[@id='detikdetailtext']",
    )
    # /nasional/20200624223334-12-517155/<slug>: a timestamp, the channel id, the article id.
    publisher_id_pattern = re.compile(r"cnnindonesia\.com/(?:[\w-]+/)+\d{14}-\d+-(\d+)/")

    def published(self) -> list[Found]:
        # <meta name="publishdate" content="2024/11/12 14:35:12"> is read by the generic page;
        # the visible "Selasa, 12 Nov 2024 14:35 WIB" under the headline cross-checks it.
        visible = [t for t in self.texts(".detail-wrap .text-cnn_grey") if "WIB" in t]
        return super().published() + [Found(text, "byline") for text in visible]

    def section(self) -> list[Found]:
        # The channel link above the headline ("Nasional"); the page has no section meta.
        channel = self.texts(".detail-wrap .text-cnn_red a")
        return super().section() + [Found(text, "markup:channel") for text in channel if text]

    def tags(self) -> list[Found]:
        # "TOPIK TERKAIT" links under the text; keywords meta repeats them with SEO phrases.
        visible = self.texts(".topik-terkait a, .detail_tag a")
        return [Found(text, "markup:tags") for text in visible if text] + super().tags()
