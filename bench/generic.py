"""Generic-page accuracy against published ground truth, beside trafilatura's, in one run.

Scored on pages of publishers we have no page object for, so what is measured is the
generic cascade (JSON-LD -> meta -> visible markup, and the body finder):

- ``mozilla``: title, byline, publishedTime and main content from Readability's test suite;
- ``zyte``: article body from the Zyte article-extraction benchmark.

(fundus-dev and the Indonesian pages with ground truth are scored by ``bench/fundus.py``.)

Agreement, precisely (``normalize_text`` folds case, NFKC, quotes/dashes and whitespace):

- **title**: share of pages whose normalized title equals the expected one exactly.
- **byline**: on pages with an expected byline, the mean token F1 between our authors (joined
  by spaces) and the byline, and the share matching exactly after normalization
  (authors joined by ", "). Pages with no expected byline where an author is given anyway
  are counted as ``invented``.
- **published**: on pages with an expected publishedTime, ``date`` agreement is the same
  calendar date (ours converted to the expected value's offset when it has one), and
  ``instant`` agreement the same time within 60 s (an expected value without an offset is
  compared with our wall-clock time). trafilatura returns dates only: no instant figure.
- **body**: mean and median token F1 between the extracted text and the expected text
  (``expected.html.gz`` as text; ``articleBody``). A page with no text scores 0.
"""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta
from typing import Any

from scrapy.http import HtmlResponse

from bench.common import mean, normalize_text, token_f1
from bench.corpus import Page
from bench.extract import FETCHED_AT, ExtractRun
from newscrawler.extract import extract_raw
from newscrawler.items import ArticleSnapshot
from newscrawler.sites import GENERIC

INSTANT_TOLERANCE = timedelta(seconds=60)


def parse_expected_time(raw: str) -> datetime:
    """``2021-11-01T10:52:50+0100``, ``2015-03-27T13:07:55.096Z``, ``2024-06-25`` ..."""
    return datetime.fromisoformat(raw.strip().replace(" ", "T", 1))


def date_agrees(ours: datetime | date | None, expected: datetime) -> bool:
    if ours is None:
        return False
    if isinstance(ours, datetime):
        if expected.tzinfo is not None and ours.tzinfo is not None:
            ours = ours.astimezone(expected.tzinfo)
        ours = ours.date()
    return ours == expected.date()


def instant_agrees(ours: datetime | None, expected: datetime) -> bool:
    if ours is None:
        return False
    if expected.tzinfo is None:
        return abs(ours.replace(tzinfo=None) - expected) <= INSTANT_TOLERANCE
    return abs(ours - expected) <= INSTANT_TOLERANCE


def _our_fields(snapshot: ArticleSnapshot | None) -> dict[str, Any]:
    if snapshot is None:
        return {"title": None, "authors": [], "published": None, "body": ""}
    return {
        "title": snapshot.title,
        "authors": list(snapshot.authors),
        "published": snapshot.published_at,
        "body": snapshot.body,
    }


def _their_fields(document: Any) -> dict[str, Any]:
    if document is None:
        return {"title": None, "authors": [], "published": None, "body": ""}
    # trafilatura joins several authors with "; " and gives the date as YYYY-MM-DD.
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    published = date.fromisoformat(document.date) if document.date else None
    return {
        "title": document.title,
        "authors": authors,
        "published": published,
        "body": document.text or "",
    }


def _mozilla_scores(
    pages: list[Page], fields: list[dict[str, Any]], *, times: bool
) -> dict[str, Any]:
    """``times``: whether the extractor gives times of day (trafilatura gives dates only)."""
    titles = [
        normalize_text(f["title"]) == normalize_text(p.truth["title"])
        for p, f in zip(pages, fields, strict=True)
        if p.truth.get("title")
    ]
    with_byline = [(p, f) for p, f in zip(pages, fields, strict=True) if p.truth.get("byline")]
    byline_f1 = [token_f1(" ".join(f["authors"]), p.truth["byline"]) for p, f in with_byline]
    byline_exact = [
        normalize_text(", ".join(f["authors"])) == normalize_text(p.truth["byline"])
        for p, f in with_byline
    ]
    invented = sum(
        1 for p, f in zip(pages, fields, strict=True) if not p.truth.get("byline") and f["authors"]
    )
    dated = [
        (parse_expected_time(p.truth["published"]), f["published"])
        for p, f in zip(pages, fields, strict=True)
        if p.truth.get("published")
    ]
    body_f1 = [token_f1(f["body"], p.truth["body"]) for p, f in zip(pages, fields, strict=True)]
    return {
        "pages": len(pages),
        "title_agreement": mean([float(t) for t in titles]),
        "title_pages": len(titles),
        "byline_token_f1": mean(byline_f1),
        "byline_exact": mean([float(b) for b in byline_exact]),
        "byline_pages": len(with_byline),
        "byline_invented": invented,
        "published_date_agreement": mean([float(date_agrees(o, e)) for e, o in dated]),
        "published_instant_agreement": (
            mean([float(instant_agrees(o, e)) for e, o in dated]) if times else None
        ),
        "published_pages": len(dated),
        "body_token_f1": mean(body_f1),
        "body_token_f1_median": statistics.median(body_f1) if body_f1 else None,
        "no_text": sum(1 for f in fields if not f["body"]),
    }


def _zyte_scores(pages: list[Page], fields: list[dict[str, Any]], *, times: bool) -> dict[str, Any]:
    body_f1 = [token_f1(f["body"], p.truth["body"]) for p, f in zip(pages, fields, strict=True)]
    return {
        "pages": len(pages),
        "body_token_f1": mean(body_f1),
        "body_token_f1_median": statistics.median(body_f1) if body_f1 else None,
        "no_text": sum(1 for f in fields if not f["body"]),
    }


def generic_snapshot(page: Page, run: ExtractRun) -> ArticleSnapshot | None:
    """The generic page's snapshot. A few benchmark pages have a canonical URL on a domain
    one of our spiders covers (a bbc.com page picks the BBC Indonesia page object): those
    are extracted again with the generic page, since the generic page is what is scored."""
    extraction = run.ours[(page.set, page.name)]
    if extraction.site.name != GENERIC.name:
        response = HtmlResponse(url=page.url, body=page.body)
        extraction = extract_raw(response, fetched_at=FETCHED_AT, site=GENERIC)
    return extraction.snapshot


def score(pages: list[Page], run: ExtractRun) -> dict[str, Any]:
    """Ours and trafilatura's (default and fast mode) scores on the mozilla and zyte pages
    of ``run``. The fundus-dev and Indonesian scores are ``bench/fundus.py``'s."""
    result: dict[str, Any] = {}
    for name, scorer in (("mozilla", _mozilla_scores), ("zyte", _zyte_scores)):
        chosen = [p for p in pages if p.set == name]
        ours = [_our_fields(generic_snapshot(p, run)) for p in chosen]
        theirs = [_their_fields(run.trafilatura[(p.set, p.name)]) for p in chosen]
        fast = [_their_fields(run.trafilatura_fast[(p.set, p.name)]) for p in chosen]
        result[name] = {
            "ours": scorer(chosen, ours, times=True),
            "trafilatura": scorer(chosen, theirs, times=False),
            "trafilatura_fast": scorer(chosen, fast, times=False),
            # Pages the crawl would give to a site's page object (scored with the generic one).
            "site_page_chosen_by_url": sum(
                1 for p in chosen if run.ours[(p.set, p.name)].site.name != GENERIC.name
            ),
        }
    result["definitions"] = "see bench/README.md#generic-accuracy and bench/generic.py"
    return result
