"""Archive benchmark: does storing stay fast as the archive grows, and how fast are searches?

Measures, on fresh SQLite archives in a temporary directory (or ``--db URL``):

1. ingest rate (articles/s) for the first and the last window of ``n`` new articles, and
   their ratio: lookups by URL, publisher id and SimHash band are indexed, so the last
   window should run at 80% or more of the first (``last_vs_first >= 0.8``);
2. revision detection: re-storing a window of already archived articles with one sentence
   edited (each must come back "revised"), and unchanged refetches as the baseline;
3. full-text search latency p50/p95 over the whole archive, with and without a site filter.

The two windows run side by side: the large archive is filled to ``n - window`` articles
first, then a batch goes into an empty second archive (the first window), a batch into
the large one (the last window), and so on, so both windows share whatever else the
machine is doing in those minutes. Measured one after the other, minutes apart, the ratio
moved by 0.1 between runs on a shared 2-core machine. With ``--db`` (one database given)
the windows run one after the other in that database, as ``interleaved: false`` says.

Articles are stored as a crawl stores them: ``Archive.store_many`` in batches of ``--batch``
(the crawler's ``NEWSCRAWLER_ARCHIVE_BATCH`` default). For comparison, a sample of new
articles is stored one at a time with ``Archive.store`` into the first window's archive
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


class _Tally:
    """Articles stored, seconds spent storing them and their outcomes, for one window."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.outcomes: dict[str, int] = {}

    def store(self, archive: Archive, chunk: list[ArticleSnapshot], batch: int) -> None:
        """Store ``chunk`` with one ``store_many`` call (``batch`` 0: one ``store`` per item)."""
        started = time.perf_counter()
        if batch:
            results = archive.store_many([(item, _fetch(item)) for item in chunk])
        else:
            results = [archive.store(item, _fetch(item)) for item in chunk]
        self.seconds += time.perf_counter() - started
        for result in results:
            self.outcomes[result.outcome] = self.outcomes.get(result.outcome, 0) + 1
        self.count += len(results)

    @property
    def rate(self) -> float:
        return round(self.count / self.seconds, 1)


def _store_all(archive: Archive, items: Iterator[ArticleSnapshot], batch: int = BATCH) -> _Tally:
    """Store ``items`` in batches of ``batch`` (0: one ``store`` call per item); time it.

    Building the synthetic articles is part of the loop but not of the time.
    """
    return _store_side_by_side([(archive, items)], batch)[0]


def _store_side_by_side(
    pairs: list[tuple[Archive, Iterator[ArticleSnapshot]]], batch: int
) -> list[_Tally]:
    """Store each stream into its archive, one batch of each in turn, until all run out."""
    tallies = [_Tally() for _ in pairs]
    running = True
    while running:
        running = False
        for (archive, items), tally in zip(pairs, tallies, strict=True):
            if chunk := list(islice(items, batch or 1)):
                tally.store(archive, chunk, batch)
                running = True
    return tallies


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
        # Only the articles refetched later are kept: holding all 100k snapshots made every
        # full garbage collection of this process scan half a million more objects, and the
        # window that allocates more (the large archive's) paid for it, not the archive.
        sample = random.Random(SEED + 2).sample(range(n), window)  # refetched in this order
        kept = set(sample)
        articles: dict[int, ArticleSnapshot] = {}

        def new_articles(start: int, stop: int) -> Iterator[ArticleSnapshot]:
            for number in range(start, stop):
                item = corpus.article(number, next(stamp))
                if number in kept:
                    articles[number] = item
                yield item

        interleaved = db is None
        if interleaved:
            small = Archive.open(f"sqlite:///{Path(tmp) / 'first-window.sqlite3'}")
            other = Corpus(SEED + 1)
            early = (other.article(i, T0 + timedelta(seconds=i)) for i in range(window + singles))
            middle = _store_all(archive, new_articles(0, n - window), batch)
            first, last = _store_side_by_side(
                [(small, islice(early, window)), (archive, new_articles(n - window, n))], batch
            )
            one_by_one = _store_all(small, early, batch=0)
            small.close()
        else:
            first = _store_all(archive, new_articles(0, window), batch)
            one_by_one = _store_all(archive, new_articles(window, window + singles), batch=0)
            middle = _store_all(archive, new_articles(window + singles, n - window), batch)
            last = _store_all(archive, new_articles(n - window, n), batch)

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

    return {
        "backend": url.split(":", 1)[0],
        "articles": n,
        "window": window,
        "interleaved": interleaved,
        "ingest_first_window_per_s": first.rate,
        "ingest_last_window_per_s": last.rate,
        "last_vs_first": round(last.rate / first.rate, 3),
        "ingest_up_to_last_window_per_s": middle.rate,
        "batch": batch,
        "one_by_one_sample": singles,
        "one_by_one_per_s": one_by_one.rate,
        "batch_vs_one_by_one": round(first.rate / one_by_one.rate, 2),
        "unchanged_refetch_per_s": unchanged.rate,
        "revision_detection_per_s": revised.rate,
        "revision_vs_unchanged": round(revised.rate / unchanged.rate, 3),
        "revised_outcomes": revised.outcomes,
        "unchanged_outcomes": unchanged.outcomes,
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
