"""BBC News Indonesia article pages (bbc.com/indonesia), today's World Service markup.

The JSON-LD credits the outlet (a ``NewsMediaOrganization``) and gives times in UTC
("2024-11-05T04:12:30.000Z"); reporters are named only in the byline region
(``<section aria-labelledby="article-byline">``: "Penulis, Callistasia Wijaya"). The text
lies in ``<main role="main">`` together with the headline, the byline, image credits,
podcast promos and the "Topik terkait" and "Berita terkait" regions, which are pruned.
"""

from __future__ import annotations

import re

from newscrawler.items import Found
from newscrawler.normalize.zones import JAKARTA
from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import SiteFacts

_NOT_TEXT = (
    ".//h1",
    ".//section[@aria-labelledby='article-byline']",
    ".//time",
    # Promos, "Topik terkait", "Berita terkait", "Paling banyak dibaca": all regions.
    ".//section[@data-e2e] | .//aside | .//div[@data-e2e='most-read']",
    ".//*[@role='region' and not(ancestor::figure)]",
    # "<p><b>Baca juga:</b></p><ul role="list">" of links: dropped in the markup, since the
    # text rule for a bare "Baca juga" would also take the subheading that follows the list.
    ".//p[starts-with(normalize-space(), 'Baca juga')]/following-sibling::ul[1]",
    ".//p[starts-with(normalize-space(), 'Baca juga')]",
)


SITE = SiteFacts(
    name="bbcindonesia",
    domains=("bbc.com", "bbc.co.uk"),
    timezone=JAKARTA,
    brands=("BBC News Indonesia", "BBC Indonesia", "BBC News", "BBC"),
    # https://www.bbc.com/indonesia/articles/c0k4x1y2z3ao (2022+) and the older
    # https://www.bbc.com/indonesia/indonesia-39730365
    publisher_id=re.compile(
        r"bbc\.com/indonesia/(?:articles/([a-z0-9]{10,14})$|[a-z-]+-(\d{7,9})$)"
    ),
)


class BBCIndonesiaPage(ArticlePage):
    facts = SITE
    body_skip_xpaths = _NOT_TEXT
    body_xpaths = ("//main[@role='main']",)

    def authors(self) -> list[Found]:
        # <li><span class="visually-hidden">Penulis,</span><span>Callistasia Wijaya</span></li>;
        # the next item holds the role ("Wartawan BBC News Indonesia"), never a name.
        names: list[str] = []
        for item in self.sel.css("section[aria-labelledby=article-byline] li"):
            label = " ".join(item.css("span:first-child ::text").getall()).strip().lower()
            if label.startswith(("penulis", "author", "reporter", "wartawan,")):
                names.extend(t.strip() for t in item.css("span:nth-child(2) ::text").getall())
        return [Found(name, "byline") for name in names if name] + super().authors()

    def tags(self) -> list[Found]:
        # <aside aria-labelledby="related-topics"> "Topik terkait": links to /indonesia/topics/.
        return [
            *self.visible("aside[aria-labelledby=related-topics] li a", "markup:topics"),
            *super().tags(),
        ]
