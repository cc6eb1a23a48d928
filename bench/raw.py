"""How to compress the raw pages the archive keeps: gzip against zstd, with and without the
previous body as a dictionary.

    .venv/bin/python -m bench.raw            # prints the figures as JSON
    .venv/bin/python -m bench.raw --quick    # a few pages: does it still run?

Inputs, read in place from ``../shared``:

- ``pages``: every HTML page of ``../shared/pages`` (Indonesian portals, articles and
  listings) and of ``../shared/benchmarks/fundus-dev`` (publishers worldwide), each compressed
  on its own: gzip level 6 (the baseline, measured in the same run) and zstd levels 3, 9, 19.
- ``refetch``: the demo site's articles (``newscrawler/demo/site.py``) before and after an
  edit (``edited(...)``: one paragraph rewritten), the after-page compressed with zstd using
  the before-page as a raw-content dictionary. Everything but one paragraph repeats, so this
  is the best case for a delta.
- ``same_site``: for every fundus-dev publisher with two saved pages (two articles, months
  apart), the second compressed with the first as a dictionary: what a dictionary of the
  site's template alone (a per-site dictionary) buys.

Ratios are original size / stored size (higher is better), summed over the set; times are
milliseconds per page to compress and to decompress.

``--crawl N`` also measures what keeping raw pages costs a crawl: full crawls (all
pipelines, into a fresh SQLite archive) of bench.crawlsite's N-article site with
``NEWSCRAWLER_KEEP_RAW`` off and on, alternating for two rounds, each side's fastest kept:
wall and CPU seconds, and the archive's size.
"""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import zstandard as zstd

from bench import crawlsite
from bench.common import ROOT, SHARED_BENCHMARKS, SHARED_PAGES, command, machine
from bench.crawl import crawl_command
from newscrawler.demo.site import edited, load_articles, render_article
from newscrawler.operations.replay import crawl_environment, serving

LEVELS = (3, 9, 19)


def real_pages(limit: int | None = None) -> list[tuple[str, bytes]]:
    """(name, body) of the saved HTML pages."""
    out = [(str(p.relative_to(SHARED_PAGES)), p.read_bytes()) for p in _html(SHARED_PAGES)]
    fundus = SHARED_BENCHMARKS / "fundus-dev"
    out += [
        (str(p.relative_to(fundus)), gzip.decompress(p.read_bytes()))
        for p in sorted(fundus.rglob("*.html.gz"))
    ]
    return out[:limit]


def _html(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if p.is_file())


def same_site_pairs(limit: int | None = None) -> list[tuple[bytes, bytes]]:
    """(older, newer) page of each fundus-dev publisher saved twice."""
    by_site: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((SHARED_BENCHMARKS / "fundus-dev").rglob("*.html.gz")):
        by_site[str(path.parent / path.name.split("_")[0])].append(path)
    pairs = [
        (gzip.decompress(paths[0].read_bytes()), gzip.decompress(paths[1].read_bytes()))
        for paths in by_site.values()
        if len(paths) >= 2
    ]
    return pairs[:limit]


def refetch_pairs() -> list[tuple[bytes, bytes]]:
    """(before, after) of each demo article edited as a newsroom would."""
    _, articles = load_articles()
    pairs = []
    for article in articles:
        after = edited(
            article,
            len(article.paragraphs) // 2,
            article.paragraphs[len(article.paragraphs) // 2] + " (Diperbarui dengan data baru.)",
            article.modified,
        )
        pairs.append((render_article(article).encode(), render_article(after).encode()))
    return pairs


# compress(body, index of its pair), decompress(data, index of its pair)
Codec = tuple[Callable[[bytes, int], bytes], Callable[[bytes, int], bytes]]


def _measure(
    bodies: list[bytes],
    compress: Callable[[bytes, int], bytes],
    decompress: Callable[[bytes, int], bytes],
) -> dict[str, float]:
    start = time.perf_counter()
    packed = [compress(body, i) for i, body in enumerate(bodies)]
    packing = time.perf_counter() - start
    start = time.perf_counter()
    for i, (body, data) in enumerate(zip(bodies, packed, strict=True)):
        if decompress(data, i) != body:
            raise AssertionError("round trip changed a body")
    unpacking = time.perf_counter() - start
    original = sum(len(b) for b in bodies)
    stored = sum(len(p) for p in packed)
    return {
        "ratio": original / stored,
        "stored_kb_per_page": stored / len(bodies) / 1024,
        "compress_ms_per_page": packing / len(bodies) * 1000,
        "decompress_ms_per_page": unpacking / len(bodies) * 1000,
    }


def _zstd(level: int, dicts: list[zstd.ZstdCompressionDict] | None = None) -> Codec:
    """zstd at ``level``, each body on its own or with its pair's dictionary."""

    def compress(body: bytes, i: int) -> bytes:
        if dicts is None:
            return zstd.ZstdCompressor(level=level).compress(body)
        return zstd.ZstdCompressor(level=level, dict_data=dicts[i]).compress(body)

    def decompress(data: bytes, i: int) -> bytes:
        if dicts is None:
            return zstd.ZstdDecompressor().decompress(data)
        return zstd.ZstdDecompressor(dict_data=dicts[i]).decompress(data)

    return compress, decompress


def _gzip_compress(body: bytes, _: int) -> bytes:
    return gzip.compress(body, 6, mtime=0)


def _gzip_decompress(data: bytes, _: int) -> bytes:
    return gzip.decompress(data)


def plain(bodies: list[bytes]) -> dict[str, Any]:
    """Each body on its own: gzip-6 and zstd levels."""
    figures: dict[str, Any] = {"gzip-6": _measure(bodies, _gzip_compress, _gzip_decompress)}
    for level in LEVELS:
        figures[f"zstd-{level}"] = _measure(bodies, *_zstd(level))
    return figures


def against(pairs: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """The second of each pair on its own and with the first as a dictionary."""
    seconds = [after for _, after in pairs]
    figures = plain(seconds)
    dicts = [
        zstd.ZstdCompressionDict(before, dict_type=zstd.DICT_TYPE_RAWCONTENT) for before, _ in pairs
    ]
    for level in LEVELS:
        figures[f"zstd-{level}+previous"] = _measure(seconds, *_zstd(level, dicts))
    return {"pairs": len(pairs), **figures}


def crawl_cost(n: int, rounds: int = 2) -> dict[str, Any]:
    """Full crawls with raw pages off and on; the fastest of each side and their ratio."""
    runs: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory(prefix="bench-raw-") as scratch:
        work = Path(scratch)
        day, _ = crawlsite.build(work / "site", n)
        with serving(work / "site") as server:
            for round_no in range(rounds):
                for side in ("off", "on"):
                    db = work / f"{side}-{round_no}.sqlite3"
                    command = crawl_command(
                        day,
                        server.url,
                        pipelines=True,
                        archive_url=f"sqlite:///{db}",
                        stats_file=work / "stats.json",
                    )
                    command += ["-s", f"NEWSCRAWLER_KEEP_RAW={side == 'on'}"]
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    subprocess.run(
                        command, cwd=ROOT, env=crawl_environment(), capture_output=True, check=True
                    )
                    wall = time.perf_counter() - start
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                    mb = db.stat().st_size / 1e6
                    runs[side].append({"wall_seconds": wall, "cpu_seconds": cpu, "archive_mb": mb})
    best = {side: min(r, key=lambda x: x["wall_seconds"]) for side, r in runs.items()}
    return {
        "articles": n,
        "rounds": runs,
        "best": best,
        "on_to_off_rate": best["off"]["wall_seconds"] / best["on"]["wall_seconds"],
        "extra_cpu_ms_per_article": (best["on"]["cpu_seconds"] - best["off"]["cpu_seconds"])
        / n
        * 1000,
        "archive_mb_per_1000_articles": {
            side: best[side]["archive_mb"] / n * 1000 for side in ("off", "on")
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    pages = real_pages(limit=6 if quick else None)
    bodies = [body for _, body in pages]
    return {
        "command": command(["raw", *(["--quick"] if quick else [])]).replace(
            "-m bench raw", "-m bench.raw"
        ),
        "machine": machine(),
        "pages": {
            "count": len(bodies),
            "mean_kb": sum(len(b) for b in bodies) / len(bodies) / 1024,
            **plain(bodies),
        },
        "refetch": against(refetch_pairs()),
        "same_site": against(same_site_pairs(limit=3 if quick else None)),
    }


@click.command()
@click.option("--quick", is_flag=True, help="A few pages: checks it runs.")
@click.option(
    "--crawl",
    "crawl_articles",
    type=click.IntRange(min=10),
    default=None,
    help="Also crawl an N-article site with raw pages off and on (2000: some 4 minutes).",
)
def main(quick: bool, crawl_articles: int | None) -> None:
    """Print the raw-page compression figures as JSON."""
    results = run(quick)
    if crawl_articles is not None:
        results["crawl"] = crawl_cost(crawl_articles)
    click.echo(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
