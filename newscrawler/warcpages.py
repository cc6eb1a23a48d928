"""Articles split over pages, put together from the pages a WARC holds, as a crawl does.

A crawl that meets "Halaman 1 2 3" fetches the all-on-one-page variant if there is one, else
the following pages in order, and stores one article (newscrawler/spiders/base.py,
``parse_paged``). An import cannot fetch: it looks the pages up among the WARC's records
(the record of each URL nearest in time to the first page's) and follows the same rules:

1. the single-page variant, when the WARC has it as an HTML 200 with text, gives the text;
2. otherwise every following page must be there, in order, up to
   ``NEWSCRAWLER_ARTICLE_MAX_PAGES``; their texts are joined (``join_pages``);
3. a page that is missing or not an article page means the article is not stored: half an
   article would be a revision the publisher never made. The visit is ``failed`` with the
   crawl's reason (``page 2 of the article (…) failed: not in the WARC files; not stored
   (1 of 3 pages fetched)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scrapy.http import HtmlResponse

from newscrawler.extraction.pagination import Continuation, join_pages
from newscrawler.items import RawArticle
from newscrawler.operations.crawl_health import challenge_marker
from newscrawler.sites import Site

# A later page as the WARC has it: the response, or why there is none ("HTTP 404",
# "not in the WARC files").
PageLookup = Callable[[str], HtmlResponse | str]


@dataclass(frozen=True, slots=True)
class Assembled:
    """The article's text from all its pages, or why it could not be had."""

    body: list[str]
    pages: int
    single_page: bool = False
    failure: str | None = None


def assemble(
    raw: RawArticle, continues: Continuation, site: Site, lookup: PageLookup, max_pages: int
) -> Assembled:
    """The article's text from the pages ``continues`` names, read with ``site``'s page."""
    if continues.single_page is not None:
        whole = _text(lookup(continues.single_page), site)
        if not isinstance(whole, str):
            return Assembled(join_pages([whole[0]]), max(continues.last_page, 2), True)
        if not continues.next:
            which = "the single-page variant"
            return _failed(raw, which, continues.single_page, whole, 1, "more")
    bodies = [raw.body]
    queue = list(continues.next)
    expected = continues.last_page
    while queue and len(bodies) < max_pages:
        url = queue.pop(0)
        found = _text(lookup(url), site)
        if isinstance(found, str):
            shown = str(expected) if expected > len(bodies) else "more"
            which = f"page {len(bodies) + 1} of the article"
            return _failed(raw, which, url, found, len(bodies), shown)
        paragraphs, more = found
        bodies.append(paragraphs)
        known = {raw.url, url, *queue}
        queue.extend(u for u in more.next if u not in known)
        expected = max(expected, more.last_page, len(bodies))
    return Assembled(join_pages(bodies), len(bodies))


def _failed(raw: RawArticle, which: str, url: str, reason: str, got: int, of: str) -> Assembled:
    return Assembled(
        raw.body,
        got,
        failure=f"{which} ({url}) failed: {reason}; not stored ({got} of {of} pages fetched)",
    )


def _text(found: HtmlResponse | str, site: Site) -> tuple[list[str], Continuation] | str:
    """A later page's paragraphs and where it continues, or why it has none."""
    if isinstance(found, str):
        return found
    marker = challenge_marker(found)
    if marker is not None:
        return f"challenge page ({marker})"
    page = site.page(found, site=site.name)
    paragraphs, _ = page.body()
    if not paragraphs:
        return "no article text found"
    return paragraphs, page.continuation()
