"""Where extraction's time goes: each stage of ``extract_raw`` as a fraction of a bare parse.

The extract benchmark gives one ratio; this splits it, on the same pages, into what a crawl
does per article in order: the response's encoding and parse, the page index (metas, JSON-LD,
tags), the body (container and paragraphs), the other fields, and normalization. Each stage's
time for a page is its best of ``--rounds`` (each round also times a bare parse of every
page), and a fraction is the stage's total over the bare parses' total. The body is timed
first and the fields after it, as ``to_item`` runs them; the fields are ``to_item`` with the
body already found.

    .venv/bin/python -m bench.stages            # all 340 pages, best of 5
    .venv/bin/python -m bench.stages --rounds 3 --limit 50
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from typing import Any

import lxml.html
from scrapy.http import HtmlResponse

from bench.corpus import Page, load
from bench.extract import FETCHED_AT
from newscrawler.extraction.parsing import selector_of
from newscrawler.normalize.article import NotAnArticle, to_snapshot
from newscrawler.sites import site_for_url

STAGES = ("parse", "index", "body", "fields", "snapshot")


def _stages_of(page: Page) -> dict[str, float]:
    """The seconds each stage took on one page."""
    clock = time.perf_counter
    start = clock()
    response = HtmlResponse(url=page.url, body=page.body)
    selector_of(response)
    parsed = clock()
    site = site_for_url(response.url)
    article = site.page(response, site=site.name, timezone=site.timezone, fetched_at=FETCHED_AT)
    article.index  # noqa: B018 (a cached property: reading it builds the index)
    article.jsonld  # noqa: B018
    indexed = clock()
    body = article.body()
    bodied = clock()
    article.body = lambda: body  # type: ignore[method-assign]
    raw = article.to_item()
    itemized = clock()
    with contextlib.suppress(NotAnArticle):  # a page without a title still took the time
        to_snapshot(raw, now=FETCHED_AT)
    done = clock()
    return {
        "parse": parsed - start,
        "index": indexed - parsed,
        "body": bodied - indexed,
        "fields": itemized - bodied,
        "snapshot": done - itemized,
    }


def run(pages: list[Page], rounds: int = 5) -> dict[str, Any]:
    """Each stage's total over the bare parses' total, per-page best of ``rounds``."""
    if not pages:
        raise ValueError("no pages to measure: is ../shared there?")
    _stages_of(pages[0])  # imports and first-use caches are not per-page work
    bare = [float("inf")] * len(pages)
    best = {stage: [float("inf")] * len(pages) for stage in STAGES}
    for _ in range(rounds):
        for index, page in enumerate(pages):
            start = time.perf_counter()
            lxml.html.fromstring(page.body)
            bare[index] = min(bare[index], time.perf_counter() - start)
            for stage, seconds in _stages_of(page).items():
                best[stage][index] = min(best[stage][index], seconds)
    floor = sum(bare)
    fractions = {stage: sum(best[stage]) / floor for stage in STAGES}
    return {
        "pages": len(pages),
        "rounds": rounds,
        "fractions_of_bare_parse": fractions,
        "sum": sum(fractions.values()),
    }


def _print(result: dict[str, Any]) -> None:
    print(f"{result['pages']} pages, best of {result['rounds']}")
    for stage, fraction in result["fractions_of_bare_parse"].items():
        print(f"  {stage:9s} {fraction:5.2f}")
    print(f"  {'sum':9s} {result['sum']:5.2f}  (x the bare parse)")


def main(argv: list[str] | None = None, out: Callable[[dict[str, Any]], None] = _print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="pages per input set")
    args = parser.parse_args(argv)
    out(run(load(args.limit), args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
