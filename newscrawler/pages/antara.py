"""ANTARA News article pages (antaranews.com and its regional hosts), 2015 and 2020s layouts."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from scrapy.http import TextResponse

from newscrawler.items import Found
from newscrawler.normalize.tags import without_junk
from newscrawler.normalize.text import normalize_whitespace
from newscrawler.pages.base import ArticlePage


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# ANTARA's regional hosts (bali.antaranews.com, jambi.antaranews.com, ...) and the provinces
# their keywords name ("berita bali").
REGIONS = (
    "aceh", "sumut", "sumbar", "riau", "kepri", "jambi", "sumsel", "babel", "bengkulu",
    "lampung", "banten", "megapolitan", "jakarta", "jabar", "jateng", "jogja", "yogyakarta",
    "jatim", "bali", "ntb", "ntt", "kupang", "kalbar", "kalteng", "kalsel", "kaltim", "kaltara",
    "sulut", "gorontalo", "sulteng", "sultra", "sulbar", "sulsel", "makassar", "ambon",
    "maluku", "malut", "papua", "papuabarat", "papua barat",
)  # fmt: skip

# Regional desks print their own local time: "Senin, 15 Januari 2024 10:42 WITA" on
# bali.antaranews.com, WIT on papua.antaranews.com.
REGIONAL_ZONES = {
    **dict.fromkeys(
        ("bali", "ntb", "kupang", "kalsel", "kaltim", "kaltara", "sulut", "gorontalo",
         "sulteng", "sultra", "sulbar", "makassar"),
        "Asia/Makassar",
    ),
    **dict.fromkeys(("ambon", "malut", "papua", "papuabarat"), "Asia/Jayapura"),
}  # fmt: skip


class AntaraPage(ArticlePage):
    site = "antara"
    site_names = ("ANTARA News", "ANTARA", "Antara", "Antaranews.com", "antaranews.com")
    timezone = "Asia/Jakarta"
    body_xpaths = (
        # 2020s: https://www.antaranews.com/berita/3912345/... <div class="post-content">
        f"//div[{_has_class('post-content')}]",
        # 2015-2017: http://www.antaranews.com/berita/527615/... <div id="content_news">,
        # paragraphs separated by <br><br>, the editor and copyright lines at the end.
        "//div[@id='content_news']",
    )
    # Inside the text but not text: "Baca juga:" runs (<span class="baca-juga">), the credit
    # line "Pewarta: ... Editor: ... COPYRIGHT © ANTARA 2024" and ads.
    body_skip_xpaths = (
        f".//*[{_has_class('baca-juga')}]",
        f".//p[{_has_class('text-muted')}]",
        f".//*[{_has_class('adsbygoogle')}]",
        f".//*[{_has_class('ads_antara')}]",
    )
    publisher_id_pattern = re.compile(r"antaranews\.com/(?:berita|news)/(\d+)/")
    # The keywords meta ends with the same terms on every page, and regional hosts add their
    # own: "subak jatiluwih,padi lokal,tabanan,berita terkini,berita bali".
    junk_tags = frozenset(
        [
            "berita terkini", "berita indonesia", "berita online", "portal indonesia",
            "berita harian", "berita harian online", "berita terbaru", "berita ekonomi",
            "berita bisnis", "berita olahraga", "berita politik", "antara", "antaranews",
            *(f"berita {region}" for region in REGIONS),
        ]
    )  # fmt: skip

    def __init__(
        self,
        response: TextResponse,
        *,
        site: str | None = None,
        timezone: str | None = None,
        fetched_at: datetime | None = None,
    ) -> None:
        super().__init__(response, site=site, timezone=timezone, fetched_at=fetched_at)
        region = (urlsplit(response.url).hostname or "").split(".", 1)[0]
        self.zone_name = REGIONAL_ZONES.get(region, self.zone_name)

    def _credits(self, label: str) -> list[str]:
        """Names after ``label:`` in the credit lines under the text.

        2015-2017: <p class="mt10">Editor: B Kunto Wibisono</p> inside #content_news;
        2020s: <p class="text-muted">Pewarta: A<br>Editor: B<br>COPYRIGHT © ANTARA 2024</p>.
        """
        lines = self.sel.xpath(
            f"//div[{_has_class('post-content')}]//p[{_has_class('text-muted')}]//text()"
            "|//div[@id='content_news']//p//text()"
        ).getall()
        prefix = label.casefold() + ":"
        out = []
        for line in lines:
            text = normalize_whitespace(line)
            if text.casefold().startswith(prefix):
                out.append(text[len(prefix) :].strip())
        return [name for name in out if name]

    def authors(self) -> list[Found]:
        # "Pewarta: Nur Imansyah" above the text (2015, also itemprop=author), or in the
        # credit line under it (2020s), which the body leaves out.
        return [
            *super().authors(),
            *[Found(v, "byline") for v in self.texts(".byline") if v],
            *[Found(v, "markup:credit") for v in self._credits("Pewarta")],
        ]

    def editors(self) -> list[Found]:
        return [
            *super().editors(),
            *[Found(v, "markup:itemprop") for v in self.texts("[itemprop=editor]") if v],
            *[Found(v, "markup:credit") for v in self._credits("Editor")],
        ]

    def published(self) -> list[Found]:
        # 2015-2017: "Selasa, 23 Februari 2016 15:06 WIB | 998 Views" (no meta on some pages);
        # 2020s: <span class="article-date">Senin, 15 Januari 2024 09:42 WIB</span>.
        # The same box's last <p class="date"> is the copyright line, "COPYRIGHT © ANTARA
        # 2015" (antaranews.com/berita/527615): a year, never the article's date.
        visible = [
            t.split("|")[0].strip()
            for t in self.texts(".bjbrt .date, .article-date")
            if t and not t.upper().startswith(("COPYRIGHT", "©"))
        ]
        return super().published() + [Found(v, "byline") for v in visible if v]

    def tags(self) -> list[Found]:
        # The tag list (2020s) or the hidden <span itemprop="keywords"> (2015) is the
        # article's; the keywords meta on some pages starts with the headline itself
        # ("Astra Otoparts luncurkan ban motor terbaru Aspira Premio , ...").
        titles = {normalize_whitespace(f.value).casefold() for f in self.title()}
        candidates = [
            *[
                Found(v, "markup:tags")
                for v in self.texts(".blog-tags a, .tags-wrapper a, .tag-box a")
                if v
            ],
            *[Found(v, "markup:itemprop") for v in self.texts("span[itemprop=keywords]") if v],
            *super().tags(),
        ]
        kept = [Found(without_junk(f.value, titles), f.source) for f in candidates]
        return [found for found in kept if found.value]
