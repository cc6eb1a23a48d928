"""Extract one saved or fetched page: the engine behind ``newscrawler extract`` and shell use.

In ``scrapy shell URL`` (or ``scrapy shell ./page.html``)::

    >>> from newscrawler.extract import extract; extract(response)

returns the same JSON-ready dict ``newscrawler extract`` prints, using the page object of
the site the URL belongs to (the generic page otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy.http import HtmlResponse, TextResponse

from newscrawler.items import ArticleSnapshot, RawArticle
from newscrawler.normalize.article import NotAnArticle, to_snapshot
from newscrawler.sites import Site, site_for_url


@dataclass(frozen=True)
class Extraction:
    site: Site
    raw: RawArticle
    snapshot: ArticleSnapshot | None
    error: str | None


def response_from_file(body: bytes, url: str) -> HtmlResponse:
    """A saved page as the response a crawl would have had.

    A file has no ``Content-Type`` header, so only the page's own ``<meta charset>`` names
    its encoding, and tools that save pages often re-encode them as UTF-8 and keep that meta:
    a People's Daily page saved as UTF-8 still says ``charset=GB2312`` and would read as
    mojibake. Bytes that decode as UTF-8 and are not plain ASCII are UTF-8 (text in a legacy
    multibyte or Latin encoding is almost never valid UTF-8 by chance); anything else is
    decoded as the page declares.
    """
    if _is_utf8_text(body):
        return HtmlResponse(url=url, body=body, encoding="utf-8")
    return HtmlResponse(url=url, body=body)


def _is_utf8_text(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def extract_raw(
    response: TextResponse, *, fetched_at: datetime | None = None, site: Site | None = None
) -> Extraction:
    """Pick the site's page object (by URL, else by the page's canonical URL) and normalize."""
    chosen = site or site_for_url(response.url)
    page = chosen.page(response, site=chosen.name, fetched_at=fetched_at)
    if site is None and chosen.name == "generic":
        # A saved page without its URL still names its site in rel=canonical.
        canonical = page.canonical_url()
        if canonical and (by_canonical := site_for_url(canonical)).name != "generic":
            chosen = by_canonical
            page = chosen.page(response, site=chosen.name, fetched_at=fetched_at)
    raw = page.to_item()
    try:
        snapshot = to_snapshot(raw, now=fetched_at or datetime.now(UTC))
    except NotAnArticle as exc:
        return Extraction(chosen, raw, None, str(exc))
    if continues := page.continuation():
        # One saved file cannot follow links: say the text is only this page's.
        snapshot.notes["continues"] = continues.as_json()
    return Extraction(chosen, raw, snapshot, None)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def snapshot_json(snapshot: ArticleSnapshot) -> dict[str, Any]:
    """The stable JSON shape of an extracted article (names are added, never renamed)."""
    return {
        "url": snapshot.url,
        "canonical_url": snapshot.canonical_url,
        "site": snapshot.site,
        "site_name": snapshot.site_name,
        "title": snapshot.title,
        "subtitle": snapshot.subtitle,
        "authors": list(snapshot.authors),
        "editors": list(snapshot.editors),
        "published_at": _iso(snapshot.published_at),
        "modified_at": _iso(snapshot.modified_at),
        "section": snapshot.section,
        "tags": list(snapshot.tags),
        "body": snapshot.body,
        "dateline": snapshot.dateline,
        "language": snapshot.language,
        "publisher_id": snapshot.publisher_id,
        "timezone": snapshot.timezone,
        "fetched_at": _iso(snapshot.fetched_at),
        "provenance": snapshot.provenance,
        "notes": snapshot.notes,
        "pages": snapshot.notes.get("pages", 1),
        "body_confidence": snapshot.notes.get("body_confidence"),
    }


def extract(response: TextResponse, *, fetched_at: datetime | None = None) -> dict[str, Any]:
    """The extracted article as a dict; raises NotAnArticle when the page has none."""
    result = extract_raw(response, fetched_at=fetched_at)
    if result.snapshot is None:
        raise NotAnArticle("not_an_article", result.error or "not an article")
    return snapshot_json(result.snapshot)
