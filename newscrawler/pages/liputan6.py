"""Liputan6.com article pages: the 2015-2016 layout and the 2019+ ``read-page--header--`` one."""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="liputan6",
    domains=("liputan6.com",),
    timezone=JAKARTA,
    brands=("Liputan6.com", "Liputan6", "liputan6.com"),
    # /read/<id>/ for articles; photo galleries end in -<id>, e.g.
    # http://photo.liputan6.com/musik/hadiri-grammy-awards-2016-...-peluk-pelukan-2437247
    publisher_id=re.compile(r"liputan6\.com/(?:[\w-]+/)*read/(\d+)|liputan6\.com/.*-(\d{6,})$"),
)


class Liputan6Page(ArticlePage):
    facts = SITE
    body_xpaths = (
        # 2019+: https://www.liputan6.com/news/read/4117380/... keeps the text in one or more
        # .article-content-body__item-page blocks under a single .article-content-body.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' article-content-body ')]",
        # 2015-2016: http://news.liputan6.com/read/2254252/... <div class="text-detail">, with
        # paragraphs separated by <br><br> inside one <p>.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' text-detail ')]",
    )

    def authors(self) -> list[Found]:
        # The author meta says "Liputan6.com" (the outlet); the byline names the reporter.
        return [
            *self.visible(
                ".read-page--header--author__name, .read-page--header__author .fn,"
                " .read-page--header--author__link"
            ),
            *super().authors(),
        ]

    def editors(self) -> list[Found]:
        # JSON-LD keywords carry the editor as a taxonomy term: "Editor:Iskandar".
        editors = [k.split(":", 1)[1] for k in self.ld("keywords") if k.startswith("Editor:")]
        return [Found(name, "json-ld:keywords") for name in editors] + super().editors()

    def published(self) -> list[Found]:
        return [
            *super().published(),
            *self.visible(
                "time.read-page--header--author__datetime, time.read-page--header__datetime"
            ),
        ]

    def modified(self) -> list[Found]:
        # "Diperbarui 24 Nov 2019, 14:16 WIB" under the byline is the update time.
        return [*super().modified(), *self.visible(".read-page--header--author__modified-time")]

    def subtitle(self) -> list[Found]:
        return [
            *self.visible(
                ".read-page--header--subtitle, .read-page--header__subtitle", "markup:subtitle"
            ),
            *super().subtitle(),
        ]

    def tags(self) -> list[Found]:
        return [*self.visible(".tags--snippet__link", "markup:tags"), *super().tags()]

    def body(self) -> tuple[list[str], str | None]:
        # Photo galleries have no text body; the captions are what the reader reads, e.g.
        # http://photo.liputan6.com/musik/hadiri-grammy-awards-2016-...-2437247
        # (its itemprop=articleBody holds only the "Rate artikel ini" widget).
        captions = [c for c in self.texts(".read-page--photo-gallery--item__caption") if c]
        if captions and self.body_container()[1] != "site":
            return list(dict.fromkeys(captions)), "site:gallery-captions"
        return super().body()
