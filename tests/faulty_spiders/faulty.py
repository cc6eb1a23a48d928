"""``liputan6-faulty``: the Liputan6 spider whose page object breaks on two articles of the
demo site, the way a page object breaks after a redesign."""

from __future__ import annotations

from newscrawler.items import RawArticle
from newscrawler.pages.liputan6 import Liputan6Page
from newscrawler.spiders.liputan6 import Liputan6Spider

RAISES_IN_PAGE = "/read/4117455/"
RAISES_IN_NORMALIZER = "/read/4117412/"


class FaultyPage(Liputan6Page):
    def to_item(self) -> RawArticle:
        if RAISES_IN_PAGE in self.response.url:
            raise KeyError("a selector the redesign removed")
        item = super().to_item()
        if RAISES_IN_NORMALIZER in self.response.url:
            item.timezone = "Asia/Jakrta"  # a site record's typo: no such zone
        return item


class FaultySpider(Liputan6Spider):
    name = "liputan6-faulty"
    page = FaultyPage
