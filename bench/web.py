"""Web app benchmark: how long ``newsarchive serve`` takes to render each page on a large
archive, against the app's own floor measured in the same run.

Builds a SQLite archive of ``--n`` synthetic articles (bench/archive.py's corpus, five sites,
1% of them edited once so the changes and diff pages have work), then requests every page
and API route in-process through Starlette's TestClient (no network: the figure is the app,
the queries and the templates), ``--requests`` times each, round robin. The baseline is the
stylesheet (``/static/style.css``: routing, middleware, a file), and each route reports its
p50 and p95 in milliseconds and its p50 as a multiple of the baseline's.

Run: ``.venv/bin/python -m bench.web`` (100k articles; the ingest takes minutes) or
``.venv/bin/python -m bench.web --quick`` (2,000 articles).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from archive.snapshot import ArticleSnapshot
from archive.store import Archive
from archive.web.app import create_app
from archive.web.readonly import readonly_engine
from bench.archive import BATCH, T0, Corpus, _store_all

EDITED_SHARE = 100  # one article in this many gets a second revision


def _build(url: str, n: int) -> int:
    """Fill the archive; return the id of an edited article."""
    corpus = Corpus()
    edited: list[ArticleSnapshot] = []

    def articles() -> Iterator[ArticleSnapshot]:
        for number in range(n):
            item = corpus.article(number, T0 + timedelta(seconds=number))
            if number % EDITED_SHARE == 0:
                edited.append(item)
            yield item

    def edits() -> Iterator[ArticleSnapshot]:
        for item in edited:
            # One sentence edited, as a correction would: a word added.
            body = item.body.replace(".", " diperbarui.", 1)
            yield replace(item, body=body, fetched_at=item.fetched_at + timedelta(days=1))

    with Archive.open(url) as archive:
        _store_all(archive, articles(), BATCH)
        _store_all(archive, edits(), BATCH)
    return 1  # article 0, the first stored, is edited


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(n: int = 100_000, quick: bool = False, requests: int = 30) -> dict[str, Any]:
    if quick:
        n, requests = min(n, 2_000), min(requests, 5)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'web.sqlite3'}"
        started = time.perf_counter()
        article = _build(url, n)
        ingest_s = time.perf_counter() - started
        word = Corpus().words[0]
        routes = {
            "baseline: /static/style.css": "/static/style.css",
            "search": f"/search?q={word}",
            "search, one site": f"/search?q={word}&site=detik",
            "search, page 5": f"/search?q={word}&page=5",
            "article": f"/articles/{article}",
            "diff": f"/articles/{article}/diff",
            "changes": "/changes",
            "changes.atom": "/changes.atom",
            "sites": "/sites",
            "api search": f"/api/search?q={word}",
            "api article": f"/api/articles/{article}",
            "api changes": "/api/changes",
            "api health": "/api/health",
        }
        engine = readonly_engine(make_url(url))
        timings: dict[str, list[float]] = {name: [] for name in routes}
        with TestClient(create_app(engine, "Asia/Jakarta")) as client:
            for path in routes.values():  # warm the caches and the template compiler
                assert client.get(path).status_code == 200, path
            for _ in range(requests):
                for name, path in routes.items():
                    begun = time.perf_counter()
                    client.get(path)
                    timings[name].append((time.perf_counter() - begun) * 1000)
        engine.dispose()
    floor = statistics.median(timings["baseline: /static/style.css"])
    return {
        "articles": n,
        "requests_per_route": requests,
        "ingest_s": round(ingest_s, 1),
        "routes": {
            name: {
                "p50_ms": round(statistics.median(values), 2),
                "p95_ms": round(_percentile(values, 0.95), 2),
                "p50_vs_baseline": round(statistics.median(values) / floor, 1),
            }
            for name, values in timings.items()
        },
    }


@click.command()
@click.option("--n", default=100_000, show_default=True, help="Articles in the archive.")
@click.option("--quick", is_flag=True, help="2,000 articles, 5 requests a route.")
@click.option("--requests", default=30, show_default=True, help="Requests per route.")
def main(n: int, quick: bool, requests: int) -> None:
    json.dump(run(n, quick, requests), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
