"""Tempo.co and en.tempo.co article pages (the ``div.artikel`` layout of 2015-2017)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawler.extraction.xpath import has_class
from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# The reporter's name closes the text in capitals, alone in a <strong>: "DINI TEJA".
_CAPS_NAME = re.compile(r"^[A-Z][A-Z'.]+(?: [A-Z][A-Z'.]+){0,3}$")


SITE = SiteFacts(
    name="tempo",
    domains=("tempo.co",),
    timezone=JAKARTA,
    brands=(
        "Tempo.co",
        "TEMPO.CO",
        "Tempo",
        "Tempo English",
        "Tempo Gaya",
        "Tempo Nasional",
        "Tempo Bisnis",
        "Tempo Metro",
        "Tempo Dunia",
        "Tempo Bola",
        "Tempo Sport",
        "Tempo Seleb",
        "Tempo Tekno",
        "Tempo Otomotif",
        "Tempo Travel",
        "Koran Tempo",
    ),
    # /read/news/2015/11/05/060716092/ (the last 6 digits are the article, the first three the
    # channel), /read/1234567/ (2017-2024), /<channel>/<slug>-1170123 (2024 on).
    publisher_id=re.compile(
        r"tempo\.co/read/news/\d{4}/\d{2}/\d{2}/\d{3}(\d{6})"
        r"|tempo\.co/read/(?:[a-z-]+/)?(\d{5,})/"
        r"|tempo\.co/[a-z-]+/[\w-]+-(\d{6,})/?$"
    ),
)


class TempoPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # 2015-2017: http://gaya.tempo.co/read/news/2015/11/05/060716092/... one <p> with
        # <br><br> between paragraphs, inside <div class="artikel"> with the headline.
        f"//div[{has_class('artikel')}][p]",
        # 2017-2024: <div id="isi"> holds the paragraphs.
        "//div[@id='isi']",
    )
    # Inside div.artikel but not text: the channel path, the headline, the date line and
    # the photo with its caption (<div class="deskripsi">Rektor UNY buka ...</div>).
    body_skip_xpaths = (
        f"./ul[{has_class('block-kanal-map')}]",
        "./h1",
        f"./*[{has_class('block-tanggal')}]",
        f"./*[{has_class('block-display')}]",
        f".//*[{has_class('bacajuga')}]",
    )

    def _closing_name(self) -> list[str]:
        container, source = self.body_container()
        if container is None or source != "site":
            return []
        strongs = container.xpath("./p[last()]/strong[last()]")
        name = " ".join(strongs[0].text_content().split()) if strongs else ""
        return [name] if _CAPS_NAME.match(name) else []

    def authors(self) -> list[Found]:
        # 2015-2017 pages credit nobody in metas or JSON-LD; the reporter's name closes the
        # text in capitals (<strong>DINI TEJA</strong>), which the body cleaner removes.
        return [
            *super().authors(),
            *self.visible(".reporter a, .reporter .name, h4.name a"),
            *[Found(v, "markup:closing-name") for v in self._closing_name()],
        ]

    def published(self) -> list[Found]:
        # "Kamis, 05 November 2015 | 11:13 WIB" under the headline.
        return [*super().published(), *self.visible(".block-tanggal, p.date")]

    def section(self) -> list[Found]:
        # The channel path above the headline: home > gaya > kesehatan.
        crumbs = [c for c in self.texts(".block-kanal-map li a") if c.lower() != "home"]
        return super().section() + [Found(c, "markup:breadcrumb") for c in crumbs[-1:]]

    def language(self) -> list[Found]:
        # The English edition (en.tempo.co) shares the Indonesian templates; its host says
        # which language the article is in.
        host = (urlsplit(self.canonical_url() or self.response.url).hostname or "").lower()
        if host.startswith("en."):
            return [Found("en", "url:host"), *super().language()]
        return super().language()
