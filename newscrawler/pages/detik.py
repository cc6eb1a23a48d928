"""detik.com article pages, every channel: the 2022+ ``detail__`` layout and the 2015 ones."""

from __future__ import annotations

import re

from newscrawler.extraction.xpath import has_class
from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

# Every channel signs as itself, and new ones keep coming: "Mulia Budi - detikNews", "Tim
# detikJatim", "(Edi Wahyono/detikcom)", "Ani/detiksulsel". No person's name starts "detik".
_CHANNEL_SIGNATURE = re.compile(r"\bdetik[\w.]*", re.IGNORECASE)


def without_channels(found: list[Found]) -> list[Found]:
    """Credits without the channel names that sign them; a credit that was only a channel
    is gone."""
    kept = [Found(_CHANNEL_SIGNATURE.sub(" ", f.value).strip(" -–—|/,()"), f.source) for f in found]
    return [f for f in kept if f.value]


SITE = SiteFacts(
    name="detik",
    domains=("detik.com",),
    timezone=JAKARTA,
    # Each channel brands itself: "Mulia Budi - detikNews", "(Edi Wahyono/detikcom)".
    brands=(
        "detikcom",
        "detik.com",
        "Detik",
        "detikNews",
        "detikFinance",
        "detikSport",
        "detikInet",
        "detikTravel",
        "detikHot",
        "detikOto",
        "detikHealth",
        "detikFood",
        "Wolipop",
        "Detik Network",
    ),
    # d-6453785 (2016+), /read/2015/11/05/100026/3062623/323/ (2017 and older, the id after
    # the time), /berita/2943745/ (2015-2016).
    publisher_id=re.compile(
        r"detik\.com/.*?/d-(\d+)/"
        r"|detik\.com/(?:[\w-]+/)?read(?:foto)?/\d{4}/\d{2}/\d{2}/\d{6}/(\d+)/"
        r"|detik\.com/+berita[\w-]*/(\d{6,})/"
    ),
)


class DetikPage(ArticlePage):
    facts = SITE
    body_xpaths = (
        # 2022+: https://news.detik.com/berita/d-6453785/... keeps the text in
        # <div class="detail__body-text itp_bodycontent">, tags in a nav after it.
        f"//div[{has_class('detail__body-text')}]",
        # 2015: http://inet.detik.com/read/2015/11/05/100026/3062623/323/...
        # <div class="text_detail">
        f"//div[{has_class('text_detail')}]",
        # 2015: http://news.detik.com/berita/2943745/... <div class="detail_text">, paragraphs
        # separated by <br><br>.
        f"//div[{has_class('detail_text')}]",
        # Photo stories keep their text apart from the gallery.
        f"//div[{has_class('detail__body')}]",
    )
    # Inside the text column but not text: the 2015 caption box
    # (<div class="pic_artikel"><span>... (Bagus Kurniawan/detikcom)</span></div>), the
    # 2022 "Baca juga:" tables (<table class="linksisip">) and the parallax ad's labels.
    body_skip_xpaths = (
        f".//*[{has_class('pic_artikel')}]",
        f".//*[{has_class('linksisip')}]",
        f".//*[{has_class('paradetail')}]",
        f".//*[{has_class('detail__body-tag')}]",
        f".//*[{has_class('newstag')}]",
    )

    def published(self) -> list[Found]:
        # The visible date ("Sabtu, 10 Des 2022 13:19 WIB", "Kamis, 05/11/2015 10:08 WIB")
        # cross-checks the metas.
        return [*super().published(), *self.visible(".detail__date, .jdl .date, h1 ~ .date")]

    def authors(self) -> list[Found]:
        return without_channels(super().authors())

    def editors(self) -> list[Found]:
        return without_channels(super().editors())

    def tags(self) -> list[Found]:
        # The tag list under the text is what the reader sees; the keywords meta is missing
        # on many 2022 pages (https://news.detik.com/berita/d-6453785/...).
        return [
            *self.visible(".detail__body-tag a, .detail__body-tag .nav__item", "markup:tags"),
            *super().tags(),
        ]

    def section(self) -> list[Found]:
        # The desk the byline names: "Afif Farhan - <span class="detail__label">Sepakbola</span>";
        # the pages have no article:section meta.
        return [*super().section(), *self.visible(".detail__author .detail__label")]
