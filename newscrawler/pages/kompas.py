"""Kompas.com article pages: the 2020s ``read__`` layout and the 2015-2016 ``kcm-read`` ones."""

from __future__ import annotations

import re

from newscrawler.extraction.xpath import has_class
from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

SITE = SiteFacts(
    name="kompas",
    domains=("kompas.com",),
    timezone=JAKARTA,
    # The group's other titles sign its copy too: "Harian Kompas", "Kompas.tv".
    brands=(
        "Kompas.com",
        "KOMPAS.com",
        "Kompas",
        "Kompas Cyber Media",
        "Harian Kompas",
        "Kompas.tv",
        "Kompasiana",
    ),
    # /read/2015/11/04/21040031/ (date, then the id); the 2016 indeks links /read/xml/....
    publisher_id=re.compile(r"kompas\.com/(?:[\w-]+/)*read/(?:xml/)?\d{4}/\d{2}/\d{2}/(\d+)"),
)


class KompasPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # 2020s: https://nasional.kompas.com/read/2024/01/15/09420011/...
        # <div class="read__content">
        f"//div[{has_class('read__content')}]",
        # 2015-2016 news channels: http://regional.kompas.com/read/2015/11/04/21040031/...
        # <div class="kcm-read-text">, paragraphs separated by <br><br>.
        f"//div[{has_class('kcm-read-text')}]",
        # 2015-2016 bola.kompas.com: <span class="kcmread1114"> inside .kcm-read-content-text.
        f"//span[{has_class('kcmread1114')}]",
    )
    # Inside the text but not text: inline "Baca juga:" links (2020s, <strong>Baca juga:
    # <a class="inner-link-baca-juga">), the ads the 2020s layout drops between paragraphs.
    body_skip_xpaths = (
        f".//*[{has_class('inner-link-baca-juga')}]/ancestor::p[1]",
        f".//*[{has_class('ads-on-body')}]",
        f".//*[{has_class('kompasidRec')}]",
    )

    def _credit_rows(self, label: str) -> list[str]:
        """2015-2016 credit table rows: <tr><td>Penulis</td><td>: Anju Christian</td></tr>."""
        rows = self.sel.xpath(
            f"//div[{has_class('kcm-read-copy')}]//tr[normalize-space(td[1])=$label]/td[2]",
            label=label,
        )
        # The cell starts with the table's colon; dropped here so "Kontributor Lhokseumawe,"
        # reads as a label before the name.
        cells = [" ".join(" ".join(row.css("::text").getall()).split()) for row in rows]
        return [cell.lstrip(": ") for cell in cells if cell.lstrip(": ")]

    def authors(self) -> list[Found]:
        # The author meta is the company ("Kompas Cyber Media"); the content_author meta and,
        # on 2015-2016 pages, the credit table at the end name the writer ("Kontributor
        # Lhokseumawe, Masriadi").
        return [
            *super().authors(),
            *[Found(v, "meta:content_author") for v in self.meta("content_author")],
            *[Found(v, "markup:credit") for v in self._credit_rows("Penulis")],
            *self.visible("#penulis a, #penulis", "markup:credit"),
        ]

    def editors(self) -> list[Found]:
        return [
            *super().editors(),
            *[Found(v, "meta:content_editor") for v in self.meta("content_editor")],
            *[Found(v, "markup:credit") for v in self._credit_rows("Editor")],
            *self.visible("#editor a, #editor", "markup:credit"),
        ]

    def published(self) -> list[Found]:
        # 2015-2016 pages have no date meta: "Rabu, 4 November 2015 | 21:04 WIB" under the
        # headline. 2020s: "Kompas.com - 15/01/2024, 09:42 WIB" in .read__time.
        return [
            *super().published(),
            *[Found(v, "meta:content_PublishedDate") for v in self.meta("content_PublishedDate")],
            *self.visible(
                ".read__time, .kcm-read-top .msmall, .kcm-read-content-top .grey.small, .kcm-date"
            ),
        ]

    def tags(self) -> list[Found]:
        # The 2015-2016 "TAG" bar in the header lists the site's trending tags, not the
        # article's; only the 2020s tag list under the text is the article's own.
        return [
            *self.visible(".tag__article__item a, .tag__article__link", "markup:tags"),
            *[Found(v, "meta:content_tag") for v in self.meta("content_tag")],
            *super().tags(),
        ]

    def section(self) -> list[Found]:
        # Breadcrumb: "News" > "Regional" (2015), "Bola / Liga Indonesia" (bola 2015).
        crumbs = self.texts(".breadcrumb__item a, .kcm-breadcrumb li a, h4.breadcrump a")
        return [
            *super().section(),
            *[Found(v, "meta:content_category") for v in self.meta("content_category")],
            *[Found(v, "markup:breadcrumb") for v in crumbs[-1:]],
        ]

    def language(self) -> list[Found]:
        # The 2015-2016 templates declare <html lang="en"> on Indonesian articles; Kompas.com
        # publishes in Indonesian.
        return [
            *[
                f
                for f in super().language()
                if not (f.source == "markup:html-lang" and f.value.lower().startswith("en"))
            ],
            Found("id", "site"),
        ]
