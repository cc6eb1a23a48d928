"""Suara.com article pages: the 2015 ``kanal-detail`` layout.

The byline is a bare ``<author>`` element, the tags a "# angeline" list under the text, and
the template declares ``<html lang="en">`` and a site-wide ``news_keywords`` on every page.
"""

from __future__ import annotations

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="suara",
    domains=("suara.com",),
    timezone=JAKARTA,
    brands=("Suara.com", "suara.com", "Suara"),
)


class SuaraPage(ArticlePage):
    facts = SITE
    # <div class="contentDetail" itemprop="articleBody"><div id="contentImageCaption">...
    # http://www.suara.com/news/2015/06/19/130605/polda-bali-kumpulkan-4-alat-bukti-...
    body_xpaths = ('//div[contains(concat(" ", normalize-space(@class), " "), " contentDetail ")]',)
    # No publisher id: /news/2015/06/19/130605/<slug> is the date and the time (13:06:05).

    def authors(self) -> list[Found]:
        # <div class="dateDetail2"><span><author>Laban Laisila</author> : <time ...>.
        return [*self.visible(".dateDetail2 author"), *super().authors()]

    def subtitle(self) -> list[Found]:
        # The deck under the headline is marked up as <h4 itemprop="articleSection">.
        return [
            *self.visible(".kanal-detail h4[itemprop=articleSection]", "markup:deck"),
            *super().subtitle(),
        ]

    def section(self) -> list[Found]:
        # <div class="breadcrumbs fl"><a href="http://www.suara.com/news/">News</a></div>; the
        # list next to it is the channel's menu, not the article's path.
        visible = self.texts(".breadcrumbs > a")
        return super().section() + [Found(text, "markup:breadcrumb") for text in visible[:1]]

    def tags(self) -> list[Found]:
        # <div class="tagList"><a href="/tag/angeline"><h4># angeline</h4></a>; news_keywords
        # is "berita harian, berita terkini, ..." on every page, so it comes last.
        visible = [text.lstrip("#").strip() for text in self.texts(".tagDetailList .tagList a")]
        generic = super().tags()
        return [
            *[Found(text, "markup:tags") for text in visible if text],
            *[f for f in generic if f.source != "meta:news_keywords"],
            *[f for f in generic if f.source == "meta:news_keywords"],
        ]

    def language(self) -> list[Found]:
        # <html lang="en"> on Indonesian pages: the template's default, not the article's.
        found = [f for f in super().language() if f.source != "markup:html-lang"]
        return found or [Found("id", "site")]
