"""Extraction speed: page object + normalization per page, against two baselines in one run.

- **bare lxml parse** (``lxml.html.fromstring`` of the same bytes): the floor any HTML parser
  pays; our ratio to it says how much the page object and normalization add on top.
- **trafilatura** ``bare_extraction(..., with_metadata=True)``: a widely used extractor doing
  the same job (metadata and main text), in its default mode and with ``fast=True`` (faster
  heuristics, no fallback extractors; called ``no_fallback`` before trafilatura 2.0).

Ours is exactly what a crawl runs per article: ``HtmlResponse(url, body)`` (decoding
included) then ``newscrawler.extract.extract_raw`` (site page object chosen by URL, then
``to_snapshot``). Each method's time for a page is its best over the same number of
rounds; within a round each page is parsed bare and then extracted by ours (and, in
trafilatura's rounds, extracted in its default mode and then its fast one), so a burst of
other work on the machine lands on both sides of a page alike.

    .venv/bin/python -m bench --only extract
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import lxml.html
import trafilatura
from scrapy.http import HtmlResponse

from bench.corpus import SETS, Page, inputs
from newscrawler.extract import Extraction, extract_raw

# Fixed, so relative dates ("2 jam lalu") resolve the same in every run.
FETCHED_AT = datetime(2024, 1, 1, tzinfo=UTC)


def ours(page: Page) -> Extraction:
    return extract_raw(HtmlResponse(url=page.url, body=page.body), fetched_at=FETCHED_AT)


def bare_parse(page: Page) -> Any:
    return lxml.html.fromstring(page.body)


def with_trafilatura(page: Page) -> Any:
    """trafilatura's Document (or None when it finds no main text)."""
    return trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)


def with_trafilatura_fast(page: Page) -> Any:
    """trafilatura's fast mode: no fallback extractors (``no_fallback`` before 2.0)."""
    return trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True, fast=True)


@dataclass
class ExtractRun:
    """The figures for results.json, and each method's output per page for the accuracy
    benchmark (so the slow baseline runs once per benchmark run)."""

    figures: dict[str, Any]
    ours: dict[tuple[str, str], Extraction]
    trafilatura: dict[tuple[str, str], Any]
    trafilatura_fast: dict[tuple[str, str], Any]


def _round(
    methods: list[Callable[[Page], Any]],
    pages: list[Page],
    best: list[list[float]],
    outputs: list[list[Any]] | None,
) -> None:
    """One round of ``methods`` page by page, each page's timings taken back to back."""
    clock = time.perf_counter
    for index, page in enumerate(pages):
        for which, method in enumerate(methods):
            start = clock()
            value = method(page)
            elapsed = clock() - start
            best[which][index] = min(best[which][index], elapsed)
            if outputs is not None:
                outputs[which].append(value)


def _paired_round(
    pages: list[Page], bare: list[float], mine: list[float], outputs: list[Extraction] | None
) -> None:
    """One round of the bare parse and ours, page by page: each page's two timings are
    taken a moment apart, so a burst of other work on the shared machine lands on both
    sides (rounds of all pages one side, then all the other, left whole seconds between)."""
    clock = time.perf_counter
    for index, page in enumerate(pages):
        start = clock()
        bare_parse(page)
        parsed = clock()
        value = ours(page)
        done = clock()
        bare[index] = min(bare[index], parsed - start)
        mine[index] = min(mine[index], done - parsed)
        if outputs is not None:
            outputs.append(value)


def _rate(pages: list[Page], seconds: list[float], which: set[str]) -> dict[str, float]:
    total = sum(s for page, s in zip(pages, seconds, strict=True) if page.set in which)
    count = sum(1 for page in pages if page.set in which)
    return {"seconds": total, "pages_per_second": count / total if total else 0.0}


def measure(pages: list[Page], repeat: int = 5) -> ExtractRun:
    """Time bare parse, ours and trafilatura (default and fast) on ``pages``, each the best of
    ``repeat`` rounds; keep ours' and trafilatura's output."""
    if not pages:
        raise ValueError("no pages to benchmark: is ../shared there?")
    ours(pages[0])  # loads the spiders (site lookup) and lazy imports: not per-page work
    with_trafilatura(pages[0])
    with_trafilatura_fast(pages[0])
    n = len(pages)
    bare_s, ours_s = [float("inf")] * n, [float("inf")] * n
    traf_s, fast_s = [float("inf")] * n, [float("inf")] * n
    ours_out: list[Extraction] = []
    traf_out: list[list[Any]] = [[], []]
    for round_no in range(repeat):
        _paired_round(pages, bare_s, ours_s, ours_out if round_no == 0 else None)
    for round_no in range(repeat):
        _round(
            [with_trafilatura, with_trafilatura_fast],
            pages,
            [traf_s, fast_s],
            traf_out if round_no == 0 else None,
        )

    def figures_for(which: set[str]) -> dict[str, Any]:
        bare, mine = _rate(pages, bare_s, which), _rate(pages, ours_s, which)
        theirs, fast = _rate(pages, traf_s, which), _rate(pages, fast_s, which)
        return {
            "pages": sum(1 for page in pages if page.set in which),
            "bare_lxml": bare,
            "ours": mine,
            "trafilatura": theirs,
            "trafilatura_fast": fast,
            "ratio_to_bare": mine["seconds"] / bare["seconds"] if bare["seconds"] else None,
            "speedup_vs_trafilatura": (
                theirs["seconds"] / mine["seconds"] if mine["seconds"] else None
            ),
            "speedup_vs_trafilatura_fast": (
                fast["seconds"] / mine["seconds"] if mine["seconds"] else None
            ),
        }

    overall = figures_for(set(SETS))
    figures = {
        **overall,
        "by_set": {name: figures_for({name}) for name in SETS if any(p.set == name for p in pages)},
        "rounds": {
            "bare_lxml": repeat,
            "ours": repeat,
            "trafilatura": repeat,
            "trafilatura_fast": repeat,
        },
        "timing": "per page, the best of its rounds; rates are pages / sum of those times",
        "page_objects": dict(Counter(result.site.name for result in ours_out)),
        "not_articles": sum(1 for result in ours_out if result.snapshot is None),
        "inputs": inputs(pages),
    }
    keys = [(page.set, page.name) for page in pages]
    return ExtractRun(
        figures,
        dict(zip(keys, ours_out, strict=True)),
        dict(zip(keys, traf_out[0], strict=True)),
        dict(zip(keys, traf_out[1], strict=True)),
    )
