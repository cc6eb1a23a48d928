"""Archive benchmark: does storing stay fast as the archive grows, and how fast are searches?

Measures, on a fresh SQLite archive in a temporary directory (or ``--db URL``):

1. ingest rate (articles/s) for the first and the last window of ``n`` new articles, and
   their ratio: lookups by URL, publisher id and SimHash band are indexed, so the last
   window should run at 80% or more of the first (``last_vs_first >= 0.8``);
2. revision detection: re-storing a window of already archived articles with one sentence
   edited (each must come back "revised"), and unchanged refetches as the baseline;
3. full-text search latency p50/p95 over the whole archive, with and without a site filter.

Articles are stored as a crawl stores them: ``Archive.store_many`` in batches of ``--batch``
(the crawler's ``NEWSCRAWLER_ARCHIVE_BATCH`` default). For comparison, a sample of the new
articles right after the first window is stored one at a time with ``Archive.store``
(``one_by_one_per_s``; ``batch_vs_one_by_one`` is the first window's rate over it).

Run: ``.venv/bin/python -m bench.archive`` (100k articles, several minutes) or
``.venv/bin/python -m bench.archive --quick`` (10k articles).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from archive.search import SearchFilters, search
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.store import Archive

SITES = ("liputan6", "detik", "kompas", "tempo", "antaranews")
SEED = 20240814
T0 = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)
SENTENCES_PER_ARTICLE = 12
WORDS_PER_SENTENCE = 14
SEARCHES = 300
BATCH = 50
ONE_BY_ONE_SAMPLE = 1000


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    letters = "abcdefghijklmnoprstuw"
    return ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(size)]


class Corpus:
    """Deterministic synthetic articles: random Indonesian-looking words, five sites."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng)

    def sentence(self) -> str:
        words = self.rng.choices(self.words, k=WORDS_PER_SENTENCE)
        return " ".join(words).capitalize() + "."

    def body(self) -> str:
        sentences = [self.sentence() for _ in range(SENTENCES_PER_ARTICLE)]
        return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))

    def article(self, number: int, seen: datetime) -> ArticleSnapshot:
        site = SITES[number % len(SITES)]
        return ArticleSnapshot(
            url=f"https://www.{site}.com/read/{1_000_000 + number}/berita-{number}?utm_source=x",
            site=site,
            title=" ".join(self.rng.choices(self.words, k=8)).title(),
            body=self.body(),
            fetched_at=seen,
            publisher_id=str(1_000_000 + number),
            authors=(f"Penulis {number % 300}",),
            tags=tuple(self.rng.choices(self.words[:500], k=3)),
            section=("News", "Bisnis", "Bola", "Tekno")[number % 4],
            published_at=seen - timedelta(minutes=30),
        )


def _fetch(item: ArticleSnapshot) -> FetchInfo:
    return FetchInfo(url=item.url, site=item.site, fetched_at=item.fetched_at, status=200)


def _store_all(
    archive: Archive, items: Iterator[ArticleSnapshot], batch: int = BATCH
) -> tuple[int, float, dict[str, int]]:
    """Store ``items`` in batches of ``batch`` (0: one ``store`` call per item); time it.

    Building the synthetic articles is part of the loop but not of the time.
    """
    outcomes: dict[str, int] = {}
    count = 0
    elapsed = 0.0
    while chunk := list(islice(items, batch or 1)):
        started = time.perf_counter()
        if batch:
            results = archive.store_many([(item, _fetch(item)) for item in chunk])
        else:
            results = [archive.store(item, _fetch(item)) for item in chunk]
        elapsed += time.perf_counter() - started
        for result in results:
            outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        count += len(results)
    return count, elapsed, outcomes


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(
    n: int = 100_000, quick: bool = False, db: str | None = None, batch: int = BATCH
) -> dict[str, Any]:
    """Run the benchmark and return its figures (rates in articles/s, latencies in ms)."""
    if quick:
        n = min(n, 10_000)
    window = max(1, n // 10)
    singles = min(ONE_BY_ONE_SAMPLE, max(1, n - 2 * window))
    corpus = Corpus()
    with tempfile.TemporaryDirectory() as tmp:
        url = db or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        archive = Archive.open(url)
        stamp = iter(T0 + timedelta(seconds=i) for i in range(10 * n + 10))
        articles: dict[int, ArticleSnapshot] = {}

        def new_articles(start: int, stop: int) -> Iterator[ArticleSnapshot]:
            for number in range(start, stop):
                articles[number] = corpus.article(number, next(stamp))
                yield articles[number]

        first = _store_all(archive, new_articles(0, window), batch)
        one_by_one = _store_all(archive, new_articles(window, window + singles), batch=0)
        middle = _store_all(archive, new_articles(window + singles, n - window), batch)
        last = _store_all(archive, new_articles(n - window, n), batch)

        sample = corpus.rng.sample(range(n), window)

        def refetched(edit: bool) -> Iterator[ArticleSnapshot]:
            for number in sample:
                item = articles[number]
                body = item.body
                if edit:
                    # One sentence edited, as a correction would: a word replaced.
                    body = body.replace(".", " diperbarui.", 1)
                articles[number] = ArticleSnapshot(
                    **{
                        **{f: getattr(item, f) for f in ArticleSnapshot.__dataclass_fields__},
                        "body": body,
                        "fetched_at": next(stamp),
                    }
                )
                yield articles[number]

        unchanged = _store_all(archive, refetched(edit=False), batch)
        revised = _store_all(archive, refetched(edit=True), batch)

        latencies: dict[str, list[float]] = {"any_site": [], "one_site": []}
        with archive.session() as session:
            for i in range(SEARCHES):
                words = " ".join(corpus.rng.choices(corpus.words[:2000], k=2))
                for key, filters in (
                    ("any_site", None),
                    ("one_site", SearchFilters(site=SITES[i % len(SITES)])),
                ):
                    started = time.perf_counter()
                    search(session, words, filters, limit=20)
                    latencies[key].append((time.perf_counter() - started) * 1000)
        archive.close()

    def rate(result: tuple[int, float, dict[str, int]]) -> float:
        return round(result[0] / result[1], 1)

    return {
        "backend": url.split(":", 1)[0],
        "articles": n,
        "window": window,
        "ingest_first_window_per_s": rate(first),
        "ingest_last_window_per_s": rate(last),
        "last_vs_first": round(rate(last) / rate(first), 3),
        "ingest_all_per_s": round(
            (first[0] + middle[0] + last[0]) / (first[1] + middle[1] + last[1]), 1
        ),
        "batch": batch,
        "one_by_one_sample": singles,
        "one_by_one_per_s": rate(one_by_one),
        "batch_vs_one_by_one": round(rate(first) / rate(one_by_one), 2),
        "unchanged_refetch_per_s": rate(unchanged),
        "revision_detection_per_s": rate(revised),
        "revision_vs_unchanged": round(rate(revised) / rate(unchanged), 3),
        "revised_outcomes": revised[2],
        "unchanged_outcomes": unchanged[2],
        "search_ms": {
            key: {
                "p50": round(statistics.median(values), 2),
                "p95": round(_percentile(values, 0.95), 2),
            }
            for key, values in latencies.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="articles to ingest")
    parser.add_argument("--quick", action="store_true", help="10k articles")
    parser.add_argument("--db", help="archive URL (default: a temporary SQLite file)")
    parser.add_argument(
        "--batch", type=int, default=BATCH, help="articles per store_many call (0: store())"
    )
    args = parser.parse_args(argv)
    figures = run(args.n, quick=args.quick, db=args.db, batch=args.batch)
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
