"""Republika.co.id article pages: the 2015-2016 ``wp-conten-detail`` layout and its galleries.

Those pages have no JSON-LD and no date meta: the time, the reporter ("Rep:") and the
editor ("Red:") are only in the visible header, and ``<meta name="keywords">`` appears twice,
first for the article, then for the whole site.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.authors import split_credits
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="republika",
    domains=("republika.co.id",),
    timezone=JAKARTA,
    brands=("Republika Online", "Republika.co.id", "REPUBLIKA.CO.ID", "Republika"),
    # The article code after /berita/: .../16/02/15/o2l07x284-<slug> (also the short link
    # republika.co.id/r/o2l07x284), or /berita/<code>/<slug> on newer URLs.
    publisher_id=re.compile(
        r"republika\.co\.id/berita/(?:(?:[a-z0-9-]+/)+\d{2}/\d{2}/\d{2}/([a-z0-9]+)-"
        r"|/?((?=[a-z]*\d)[a-z0-9]{6,14})/)"
    ),
)


class RepublikaPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # http://nasional.republika.co.id/berita/nasional/daerah/16/02/15/o2l07x284-...
        '//div[contains(concat(" ", normalize-space(@class), " "), " content-detail ")]',
        # "In Picture" galleries keep their text under the photo strip:
        # http://www.republika.co.id/berita/inpicture/nasional-inpicture/16/02/23/o2zwha283-...
        '//div[contains(concat(" ", normalize-space(@class), " "), " teaser-pic ")]',
        # Newer pages: <div class="article-content"><article>...</article></div>.
        '//div[contains(concat(" ", normalize-space(@class), " "), " article-content ")]//article',
    )

    def _credits(self) -> tuple[str, list[str]]:
        """The header's credit line and the editors it names.

        "Rep: Rizky Jaramaya Red: Yudha Manggala P Putra": "Rep" is the reporter, "Red" or
        "Redaktur" the editor; wire copy has only "Red: ...".
        """
        line = " ".join(self.texts(".red"))
        return line, split_credits(line, outlets=self.site_names)[1]

    def authors(self) -> list[Found]:
        # Wire copy names no reporter: then there is no author, and the editor must not stand
        # in for one through a later candidate.
        line, editors = self._credits()
        rest = [f for f in super().authors() if f.value not in editors]
        return [Found(line, "byline"), *rest] if line else rest

    def editors(self) -> list[Found]:
        _line, editors = self._credits()
        return [Found(name, "byline") for name in editors] + super().editors()

    def published(self) -> list[Found]:
        # <div class="date-detail">Senin, 15 Februari 2016, 16:15 WIB</div>; galleries use
        # <div class="date-pic">.
        return [*super().published(), *self.visible(".date-detail, .date-pic")]

    def section(self) -> list[Found]:
        # <div class="breadcome">Home > News > Nasional</div>: the channel after Home.
        crumbs = [text for text in self.texts(".breadcome a") if text.lower() != "home"]
        return super().section() + [Found(text, "markup:breadcrumb") for text in crumbs[:1]]

    def tags(self) -> list[Found]:
        # <div class="tagging"><a>#promosi wisata film</a></div> under the article; the second
        # keywords meta lists the site's channels ("News, Ekonomi, Sepakbola, ...").
        visible = [text.lstrip("#").strip() for text in self.texts(".tagging a")]
        keywords = self.sel.xpath('//meta[@name="keywords"]/@content').getall()[:1]
        return [
            *[Found(text, "markup:tags") for text in visible if text],
            *[f for f in super().tags() if f.source != "meta:keywords"],
            *[Found(text, "meta:keywords") for text in keywords if text.strip()],
        ]
