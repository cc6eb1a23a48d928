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
"""

from __future__ import annotations

import gzip
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import zstandard as zstd

from bench.common import SHARED_BENCHMARKS, SHARED_PAGES, command, machine
from newscrawler.demo.site import edited, load_articles, render_article

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


def plain(bodies: list[bytes]) -> dict[str, Any]:
    """Each body on its own: gzip-6 and zstd levels."""
    figures: dict[str, Any] = {
        "gzip-6": _measure(
            bodies, lambda b, _: gzip.compress(b, 6, mtime=0), lambda d, _: gzip.decompress(d)
        )
    }
    for level in LEVELS:
        compressor = zstd.ZstdCompressor(level=level)
        decompressor = zstd.ZstdDecompressor()
        figures[f"zstd-{level}"] = _measure(
            bodies,
            lambda b, _, c=compressor: c.compress(b),
            lambda d, _, u=decompressor: u.decompress(d),
        )
    return figures


def against(pairs: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """The second of each pair on its own and with the first as a dictionary."""
    seconds = [after for _, after in pairs]
    figures = plain(seconds)
    dicts = [
        zstd.ZstdCompressionDict(before, dict_type=zstd.DICT_TYPE_RAWCONTENT) for before, _ in pairs
    ]
    for level in LEVELS:
        figures[f"zstd-{level}+previous"] = _measure(
            seconds,
            lambda b, i, lv=level: zstd.ZstdCompressor(level=lv, dict_data=dicts[i]).compress(b),
            lambda d, i: zstd.ZstdDecompressor(dict_data=dicts[i]).decompress(d),
        )
    return {"pairs": len(pairs), **figures}


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
def main(quick: bool) -> None:
    """Print the raw-page compression figures as JSON."""
    click.echo(json.dumps(run(quick), indent=1))


if __name__ == "__main__":
    main()
