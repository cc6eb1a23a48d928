"""KapanLagi.com article pages: the 2015-2016 ``newsdetail-right-new`` layout and today's.

Today's pages carry a NewsArticle JSON-LD block, a byline ("Penulis: ...") and the text in
``<div class="body-paragraph">``; the 2015-2016 ones have no structured data at all, so the
date, tags and section come from the visible markup under the headline.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import TextResponse

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# Photo credits set inside the text column: "Heart Beat bikin Brandon terpukau .../©KapanLagi.com®/
# M. Akrom Sukarya" (2015) and today's <figure>-less "img-caption" blocks.
_CAPTIONS = (
    ".//div[contains(@class, 'image-caption')]",
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' img-caption ')]",
)


def _utf8_if_mislabelled(response: TextResponse) -> TextResponse:
    """The response read as UTF-8 when it says ISO-8859-1 but its bytes are UTF-8.

    The 2015 template declares ``charset=iso-8859-1``; copies saved since are UTF-8, and read
    as Latin-1 "KapanLagi.com®" turns into "KapanLagi.comÂ®". Text that really is Latin-1 is
    almost never valid UTF-8 once it has a byte above 0x7f, so the check does not misfire.
    """
    if response.encoding.lower() not in ("iso-8859-1", "latin-1", "latin1", "cp1252"):
        return response
    body = response.body
    if body.isascii():
        return response
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return response
    return response.replace(encoding="utf-8")


SITE = SiteFacts(
    name="kapanlagi",
    domains=("kapanlagi.com",),
    timezone=JAKARTA,
    brands=("KapanLagi.com", "Kapanlagi.com", "KapanLagi", "KapanLagi.com®"),
    # The six hex digits before ".html" are the article's key: ...-heart-beat-82f43b.html
    publisher_id=re.compile(r"kapanlagi\.com/.+-([0-9a-f]{6})\.html"),
)


class KapanLagiPage(ArticlePage):
    facts = SITE
    body_skip_xpaths = _CAPTIONS
    body_xpaths = (
        # Today: <div class="body-paragraph"> inside the article column.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' body-paragraph ')]",
        # 2015-2016: http://www.kapanlagi.com/showbiz/film/indonesia/...-82f43b.html keeps the
        # text in <div class="entertainment-detail-news">, paragraphs split by <p><p>.
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' entertainment-detail-news ')]",
    )

    def __init__(self, response: TextResponse, **options: Any) -> None:
        super().__init__(_utf8_if_mislabelled(response), **options)

    def authors(self) -> list[Found]:
        # Today's byline: <div class="author-detail"><a rel="author">Penulis: Nama</a>.
        # 2015-2016 pages name no writer, only initials after the text ("(kpl/pur/tch)").
        byline = [
            re.sub(r"^(?:penulis|oleh|reporter)\s*:\s*", "", name, flags=re.IGNORECASE)
            for name in self.texts(".author-detail .author-name")
        ]
        return [Found(name, "byline") for name in byline if name] + super().authors()

    def published(self) -> list[Found]:
        # "Kamis, 05 November 2015 11:52" beside the headline (2015-2016), "Selasa,
        # 12 November 2024 14:05" in today's .date-post.
        visible = [
            text
            for text in self.texts("#newsdetail-right-new .newsdetail-schedule-new, .date-post")
            if any(ch.isdigit() for ch in text)
        ]
        return super().published() + [Found(text, "byline") for text in visible]

    def section(self) -> list[Found]:
        # "FILM INDONESIA" above the 2015 headline; today's breadcrumb's last link.
        old = self.texts("#newsdetail-right-new a.newsdetail-categorylink")
        crumbs = self.texts(".breadcrumb li a")[1:]
        return [
            *(Found(text, "markup:section") for text in old if text),
            *super().section(),
            *(Found(text, "markup:breadcrumb") for text in crumbs[-1:] if text),
        ]

    def tags(self) -> list[Found]:
        # "Kumpulan Berita Terkait:" (2015) and today's "TAG TERKAIT" list. The keywords meta
        # is the description cut into single words ("main, di, film, keduanya, ..."): never
        # tags.
        return [
            *self.visible(".v7-tags-terkait-warper li a, .box-tags a", "markup:tags"),
            *(f for f in super().tags() if f.source != "meta:keywords"),
        ]

    def language(self) -> list[Found]:
        # The 2015 template says <html lang="en"> over Indonesian text; the site publishes in
        # Indonesian only.
        declared = [f for f in super().language() if f.value.lower() != "en"]
        return [*declared, Found("id", "site")]
