"""Pages that are not articles: listings, feeds and video-only pages.

A crawl meets them through a feed entry or a sitemap that points at a section front, and
``newscrawler extract`` is given them by hand. Each would otherwise come out as an "article"
whose body is a list of links: refusing it with a reason (counted per reason in the crawl's
stats as ``newscrawler/dropped/<key>``) is the honest answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawler.pages.base import ArticlePage


def not_an_article(page: ArticlePage, paragraphs: list[str]) -> tuple[str, str] | None:
    """``(key, message)`` when ``page`` is not an article, else None.

    ``paragraphs`` is the body the page object chose, so the test can weigh what a reader
    would get.
    """
    return None
