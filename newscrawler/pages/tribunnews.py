"""Tribunnews.com article pages: the 2015 ``#article`` layout.

No JSON-LD and no date meta: the time is an ``<h3>`` under the headline, and the credits
are plain lines after the text ("Penulis: Glery Lazuardi", "Editor: Willy Widianto").
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# "Laporan Wartawan Tribunnews.com, Wahyu Aji" opens many articles: the reporter, not text.
_REPORT_LINE = re.compile(
    r"^Laporan\s+(?:Wartawan|Reporter|Koresponden|Kontributor)\b[^,]{0,60},\s*(?P<name>[^,]{3,60})$",
    re.IGNORECASE,
)
# "Penulis: Glery Lazuardi", "Editor: Willy Widianto": one credit a line.
_CREDIT_LINE = re.compile(r"^\s*(?P<label>Penulis|Editor)\s*:\s*(?P<name>\S.*?)\s*$", re.I)


SITE = SiteFacts(
    name="tribunnews",
    domains=("tribunnews.com",),
    timezone=JAKARTA,
    brands=("Tribunnews.com", "Tribunnews", "TRIBUNNEWS.COM", "Tribun", "Tribun Network"),
)


class TribunnewsPage(ArticlePage):
    facts = SITE
    # <div class="side-article txt-article mb20 helvetica"> holds only the text, e.g.
    # http://www.tribunnews.com/metropolitan/2015/06/19/kadishub-dki-taksi-uber-tak-punya-...
    body_xpaths = ('//div[contains(concat(" ", normalize-space(@class), " "), " txt-article ")]',)
    # No publisher id in the URL: /<section>/<yyyy>/<mm>/<dd>/<slug>.

    def credits(self, label: str) -> list[str]:
        """Names on the "Penulis:"/"Editor:" lines under the article."""
        names = []
        for line in self.sel.xpath(
            "//div[starts-with(normalize-space(.), 'Penulis:')"
            " or starts-with(normalize-space(.), 'Editor:')][not(div)]/text()"
        ).getall():
            match = _CREDIT_LINE.match(" ".join(line.split()))
            if match and match["label"].lower() == label:
                names.append(match["name"])
        return names

    def authors(self) -> list[Found]:
        # "Penulis:" under the text; else the "Laporan Wartawan ..., <name>" opening line.
        reporters = [
            m["name"].strip()
            for m in map(_REPORT_LINE.match, self.texts(".txt-article > p:first-child"))
            if m
        ]
        return [
            *[Found(name, "credits") for name in self.credits("penulis")],
            *[Found(name, "markup:report-line") for name in reporters],
            *super().authors(),
        ]

    def editors(self) -> list[Found]:
        return [Found(name, "credits") for name in self.credits("editor")] + super().editors()

    def published(self) -> list[Found]:
        # <div class="grey bdr3 pb10 pt10"><h3>Jumat, 19 Juni 2015 12:58 WIB</h3></div>
        return [*super().published(), *self.visible("#article > div.grey > h3")]

    def section(self) -> list[Found]:
        # Breadcrumb "Tribunnews.com » Metropolitan » News": the first step after the home link.
        crumbs = self.texts("#va > div.bsht > a")
        return super().section() + [Found(text, "markup:breadcrumb") for text in crumbs[1:2]]

    def tags(self) -> list[Found]:
        # "Terkait #Benjamin Bukit" above "Baca Juga"; the keywords meta adds the section
        # names ("benjamin bukit, news, metropolitan").
        visible = [text.lstrip("#").strip() for text in self.texts("#related a[href*='/tag/']")]
        return [Found(text, "markup:tags") for text in visible if text] + super().tags()
