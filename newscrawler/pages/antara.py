"""ANTARA News article pages (antaranews.com and its regional hosts), 2015 and 2020s layouts."""

from __future__ import annotations

import re

from newscrawler.extraction.xpath import has_class
from newscrawler.items import Found
from newscrawler.normalize.tags import without_junk
from newscrawler.normalize.text import normalize_whitespace
from newscrawler.normalize.zones import JAKARTA, JAYAPURA, MAKASSAR
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import Region, SiteFacts

# Regional desks publish under their own host (https://jambi.antaranews.com/rss/terkini.xml)
# and print their own local time: "Senin, 15 Januari 2024 10:42 WITA" on bali.antaranews.com,
# WIT on papua.antaranews.com. Keywords name their province ("berita bali", "berita ntt").
REGIONS = (
    Region("aceh", JAKARTA),
    Region("sumut", JAKARTA),
    Region("sumbar", JAKARTA),
    Region("riau", JAKARTA),
    Region("kepri", JAKARTA),
    Region("jambi", JAKARTA),
    Region("sumsel", JAKARTA),
    Region("babel", JAKARTA),
    Region("bengkulu", JAKARTA),
    Region("lampung", JAKARTA),
    Region("banten", JAKARTA),
    Region("megapolitan", JAKARTA, aliases=("jakarta",)),
    Region("jabar", JAKARTA),
    Region("jateng", JAKARTA),
    Region("jogja", JAKARTA, aliases=("yogyakarta",)),
    Region("jatim", JAKARTA),
    Region("bali", MAKASSAR),
    Region("ntb", MAKASSAR),
    Region("kupang", MAKASSAR, aliases=("ntt",)),
    # West and Central Kalimantan keep WIB; South, East and North Kalimantan are WITA.
    Region("kalbar", JAKARTA),
    Region("kalteng", JAKARTA),
    Region("kalsel", MAKASSAR),
    Region("kaltim", MAKASSAR),
    Region("kaltara", MAKASSAR),
    Region("sulut", MAKASSAR),
    Region("gorontalo", MAKASSAR),
    Region("sulteng", MAKASSAR),
    Region("sultra", MAKASSAR),
    Region("sulbar", MAKASSAR),
    Region("makassar", MAKASSAR, aliases=("sulsel",)),
    Region("ambon", JAYAPURA, aliases=("maluku",)),
    Region("malut", JAYAPURA),
    Region("papua", JAYAPURA),
    Region("papuabarat", JAYAPURA, aliases=("papua barat",)),
)

SITE = SiteFacts(
    name="antara",
    domains=("antaranews.com",),
    timezone=JAKARTA,
    brands=("ANTARA News", "ANTARA", "Antara", "Antaranews.com", "antaranews.com", "antaranews"),
    publisher_id=re.compile(r"antaranews\.com/(?:berita|news)/(\d+)/"),
    regions=REGIONS,
)


class AntaraPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # 2020s: https://www.antaranews.com/berita/3912345/... <div class="post-content">
        f"//div[{has_class('post-content')}]",
        # 2015-2017: http://www.antaranews.com/berita/527615/... <div id="content_news">,
        # paragraphs separated by <br><br>, the editor and copyright lines at the end.
        "//div[@id='content_news']",
    )
    # Inside the text but not text: "Baca juga:" runs (<span class="baca-juga">), the credit
    # line "Pewarta: ... Editor: ... COPYRIGHT © ANTARA 2024" and ads.
    body_skip_xpaths = (
        f".//*[{has_class('baca-juga')}]",
        f".//p[{has_class('text-muted')}]",
        f".//*[{has_class('adsbygoogle')}]",
        f".//*[{has_class('ads_antara')}]",
    )
    # The keywords meta ends with the same terms on every page, and regional hosts add their
    # own: "subak jatiluwih,padi lokal,tabanan,berita terkini,berita bali".
    junk_tags = frozenset(
        [
            "berita terkini", "berita indonesia", "berita online", "portal indonesia",
            "berita harian", "berita harian online", "berita terbaru", "berita ekonomi",
            "berita bisnis", "berita olahraga", "berita politik", "antara", "antaranews",
            *(f"berita {name}" for region in REGIONS for name in region.names),
        ]
    )  # fmt: skip

    def _credits(self, label: str) -> list[str]:
        """Names after ``label:`` in the credit lines under the text.

        2015-2017: <p class="mt10">Editor: B Kunto Wibisono</p> inside #content_news;
        2020s: <p class="text-muted">Pewarta: A<br>Editor: B<br>COPYRIGHT © ANTARA 2024</p>.
        """
        lines = self.sel.xpath(
            f"//div[{has_class('post-content')}]//p[{has_class('text-muted')}]//text()"
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
            *self.visible(".byline"),
            *[Found(v, "markup:credit") for v in self._credits("Pewarta")],
        ]

    def editors(self) -> list[Found]:
        return [
            *super().editors(),
            *self.visible("[itemprop=editor]", "markup:itemprop"),
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
        return [*super().published(), *(Found(v, "byline") for v in visible if v)]

    def tags(self) -> list[Found]:
        # The tag list (2020s) or the hidden <span itemprop="keywords"> (2015) is the
        # article's; the keywords meta on some pages starts with the headline itself
        # ("Astra Otoparts luncurkan ban motor terbaru Aspira Premio , ...").
        titles = {normalize_whitespace(f.value).casefold() for f in self.title()}
        candidates = [
            *self.visible(".blog-tags a, .tags-wrapper a, .tag-box a", "markup:tags"),
            *self.visible("span[itemprop=keywords]", "markup:itemprop"),
            *super().tags(),
        ]
        kept = [Found(without_junk(f.value, titles), f.source) for f in candidates]
        return [found for found in kept if found.value]
