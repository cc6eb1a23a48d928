"""Media Indonesia article pages (mediaindonesia.com, 2025+ layout)."""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.pages.base import ArticlePage


class MediaIndonesiaPage(ArticlePage):
    site = "mediaindonesia"
    site_names = ("Media Indonesia", "mediaindonesia.com", "MI")
    timezone = "Asia/Jakarta"
    body_xpaths = (
        # https://mediaindonesia.com/ekonomi/822959/...: figure, paragraphs, "Baca juga"
        # <p class="related-news">, then the Google News prompt and "Editor : ...".
        "//section[contains(@class, 'detail')]//div[@class='article']",
    )
    # https://mediaindonesia.com/ekonomi/822959/<slug>
    publisher_id_pattern = re.compile(r"mediaindonesia\.com/[\w-]+/(\d+)/")

    def title(self) -> list[Found]:
        # The meta and JSON-LD headlines lose their punctuation: "... Raja Ampat Apa Iya Betul
        # Dicabut" for the <h1> "... Raja Ampat: Apa Iya Betul Dicabut?".
        headline = self.texts(".post-header h1")
        return [Found(text, "markup:h1") for text in headline if text] + super().title()

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
        visible = self.texts(".post-header .datetime")
        return super().published() + [Found(text, "byline") for text in visible if text]

    def section(self) -> list[Found]:
        crumbs = self.texts(".mi-breadcrumb li a")
        return [Found(text, "markup:breadcrumb") for text in crumbs[1:2] if text] + (
            super().section()
        )

    def tags(self) -> list[Found]:
        # "Tags:" list of /tag/ links under the article ("# tambang nikel Raja Ampat"); the
        # keywords meta is a different, SEO-written list.
        visible = self.texts("ul.related-tags li a")
        return [Found(text, "markup:tags") for text in visible if text] + super().tags()
