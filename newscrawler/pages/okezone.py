"""Okezone.com article pages: the 2015 ``detail-page v2`` layout and the 2020+ ``read`` one.

Both keep the text in ``<div id="contentx">``; the 2015 pages have no JSON-LD and no date
meta, so the byline block is what names the reporter and the time.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="okezone",
    domains=("okezone.com",),
    timezone=JAKARTA,
    brands=(
        "Okezone",
        "Okezone.com",
        "Okezone News",
        "Okezone Economy",
        "Okezone Lifestyle",
        "Okezone Celebrity",
        "Okezone Sports",
        "Okezone Bola",
        "Okezone Techno",
        "Okezone Travel",
        "Okezone Edukasi",
        "Okezone Otomotif",
        "Okezone Muslim",
        "okezone economy",
    ),
    # /read/<yyyy>/<mm>/<dd>/<channel id>/<article id>/<slug>, e.g.
    # https://economy.okezone.com/read/2020/07/08/320/2243366/6-rekomendasi-bisnis-...
    publisher_id=re.compile(r"okezone\.com/read/\d{4}/\d{2}/\d{2}/\d+/(\d+)"),
)


class OkezonePage(ArticlePage):
    facts = SITE
    body_xpaths = ('//div[@id="contentx"]',)

    def authors(self) -> list[Found]:
        # 2015: <div class="nmreporter"><div>Dewi Kania</div><span>Jurnalis</span></div>, no
        # JSON-LD; 2020: "Natasha Oktalia, <span>Jurnalis</span> · <b>Kamis 09 Juli ...</b>"
        # under .namerep, the same name as JSON-LD. The author meta says "Okezone" and
        # article:author is the outlet's Facebook page.
        byline = self.texts(".nmreporter > div") or [
            " ".join(" ".join(el.xpath("text()").getall()).split())
            for el in self.sel.css(".reporter .namerep")
        ]
        return [Found(name, "byline") for name in byline if name.strip()] + super().authors()

    def published(self) -> list[Found]:
        # 2015: <time class="tgl">Kamis, 5 November 2015 - 15:56 wib</time>;
        # 2020: <div class="namerep">... <b>Kamis 09 Juli 2020 07:26 WIB</b>.
        return [*super().published(), *self.visible(".meta-post time.tgl, .reporter .namerep b")]

    def section(self) -> list[Found]:
        # 2015 pages have no section meta; the breadcrumb is Home > News > Nasional and the
        # channel ("News") is what 2020 pages put in article:section ("Economy").
        crumbs = self.texts(".breadcrumb li")
        channel = crumbs[1:2] if crumbs and crumbs[0].lower() == "home" else []
        return super().section() + [Found(text, "markup:breadcrumb") for text in channel if text]

    def tags(self) -> list[Found]:
        # 2020: "#Tips Memulai Bisnis" links under .detail-tag; 2015: topic links heading the
        # "Berita Rekomendasi" box, e.g. <a href="http://news.okezone.com/topic/23637/...">.
        visible = self.texts(".detail-tag a, .meta-bottom-content > span > a[href*='/topic/']")
        return [Found(text.lstrip("#").strip(), "markup:tags") for text in visible if text] + (
            super().tags()
        )
