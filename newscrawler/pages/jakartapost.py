"""The Jakarta Post article pages (thejakartapost.com, in English).

Two layouts: the 2015 one, whose only metadata is one byline line ("Agence France-Presse,
CHARLESTON, South Carolina | World | Fri, June 19 2015, 7:36 AM"), and today's, with a
NewsArticle JSON-LD block, a ``tjp-single`` header and the text in ``tjp-single__content``.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# Inside today's text column: "Read also:" boxes, the subscription wall prompt and ads.
_FURNITURE = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' tjp-related ')]",
    ".//*[contains(@class, 'tjp-paywall')]",
    ".//*[contains(@class, 'tjp-placeholder-ads')]",
)


SITE = SiteFacts(
    name="jakartapost",
    domains=("thejakartapost.com",),
    timezone=JAKARTA,
    brands=("The Jakarta Post", "Jakarta Post", "thejakartapost.com", "TJP"),
)


class JakartaPostPage(ArticlePage):
    facts = SITE
    body_skip_xpaths = _FURNITURE
    body_xpaths = (
        # Today: https://www.thejakartapost.com/indonesia/2024/11/05/... <div
        # class="tjp-single__content">.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' tjp-single__content ')]",
        # 2015: http://www.thejakartapost.com/news/2015/06/19/... the text column beside the
        # "World News" sidebar, <div class="span-13 last"> under .story.
        "//div[contains(@class, 'story')]//div[contains(concat(' ', @class, ' '), ' span-13 ')]",
    )

    def _old_byline(self) -> list[str]:
        """The 2015 byline cut at "|": [credit and place, section, date]."""
        line = " ".join(self.texts(".story .byline")[:1])
        return [part.strip() for part in line.split("|")] if line else []

    def authors(self) -> list[Found]:
        # Today: <div class="tjp-meta__label">Dio Suhenda (The Jakarta Post)</div>. 2015: the
        # credit before the place, "Hans Nicholas Jong and Nurul Fitri Ramadhani, The Jakarta
        # Post, Jakarta" or "Agence France-Presse, CHARLESTON, ..." (a wire agency, no person).
        today = [re.sub(r"\s*\([^)]*\)\s*$", "", label) for label in self.texts(".tjp-meta__label")]
        # When the byline credits only an agency, no later source may name a person: the
        # generic byline rule would read the place ("CHARLESTON, South Carolina") as names.
        old = self._old_byline()[:1]
        byline = [
            *(Found(name, "byline") for name in today if name),
            *(Found(credit.split(",")[0], "byline") for credit in old if credit),
        ]
        return byline or super().authors()

    def published(self) -> list[Found]:
        old = self._old_byline()[2:3]
        # Today's visible line: "Jakarta ● Tue, November 5, 2024 - 14:02".
        visible = [text.split("●")[-1] for text in self.texts(".tjp-meta__info") if "●" in text]
        return [
            *super().published(),
            *(Found(text, "byline") for text in [*old, *visible] if text),
        ]

    def section(self) -> list[Found]:
        old = self._old_byline()[1:2]
        return [*super().section(), *(Found(text, "byline") for text in old if text)]

    def tags(self) -> list[Found]:
        return [*self.visible(".tjp-single__tags a", "markup:tags"), *super().tags()]
