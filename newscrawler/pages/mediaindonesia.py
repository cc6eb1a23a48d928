"""Media Indonesia article pages (mediaindonesia.com, 2025+ layout)."""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="mediaindonesia",
    domains=("mediaindonesia.com",),
    timezone=JAKARTA,
    brands=("Media Indonesia", "mediaindonesia.com", "MI"),
    # https://mediaindonesia.com/ekonomi/822959/<slug>
    publisher_id=re.compile(r"mediaindonesia\.com/[\w-]+/(\d+)/"),
)


class MediaIndonesiaPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # https://mediaindonesia.com/ekonomi/822959/...: figure, paragraphs, "Baca juga"
        # <p class="related-news">, then the Google News prompt and "Editor : ...".
        "//section[contains(@class, 'detail')]//div[@class='article']",
    )

    def title(self) -> list[Found]:
        # The meta and JSON-LD headlines lose their punctuation: "... Raja Ampat Apa Iya Betul
        # Dicabut" for the <h1> "... Raja Ampat: Apa Iya Betul Dicabut?".
        return [*self.visible(".post-header h1", "markup:h1"), *super().title()]

    def authors(self) -> list[Found]:
        # The JSON-LD author is the editor's account ("Andhika", /author/151/) while the byline
        # under the headline names the reporter ("Andhika Prasetyo") or only the outlet
        # (" Media Indonesia", e.g. /ekonomi/848034/...): then no person wrote it.
        byline = self.sel.css(".post-header .author-2")
        if byline:
            return [Found(" ".join(" ".join(byline.css("::text").getall()).split()), "byline")]
        return super().authors()

    def editors(self) -> list[Found]:
        # <div class="info-author">Editor : <a class="author">Andhika</a></div>
        return [
            Found(name, "markup:editor") for name in self.texts(".info-author a.author") if name
        ] + super().editors()

    def published(self) -> list[Found]:
        # " 22/10/2025 06:59" beside the byline: day first, WIB.
        return [*super().published(), *self.visible(".post-header .datetime")]

    def section(self) -> list[Found]:
        crumbs = self.texts(".mi-breadcrumb li a")
        return [Found(text, "markup:breadcrumb") for text in crumbs[1:2] if text] + (
            super().section()
        )

    def tags(self) -> list[Found]:
        # "Tags:" list of /tag/ links under the article ("# tambang nikel Raja Ampat"); the
        # keywords meta is a different, SEO-written list.
        return [*self.visible("ul.related-tags li a", "markup:tags"), *super().tags()]
