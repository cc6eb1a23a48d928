"""Run every benchmark, write ``bench/results.json`` and print a summary.

    .venv/bin/python -m bench                  # everything (under 10 minutes on 2 cores)
    .venv/bin/python -m bench --quick          # tiny inputs, to check it runs (seconds)
    .venv/bin/python -m bench --only extract,generic --output /tmp/results.json

Sections: extract, generic, crawl, memory, archive, dates (see bench/README.md).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from bench import corpus, report
from bench import crawl as crawl_bench
from bench import dates as dates_bench
from bench import extract as extract_bench
from bench import fundus as fundus_bench
from bench import generic as generic_bench
from bench import memory as memory_bench
from bench import truths as truths_bench
from bench.common import command, machine

SECTIONS = ("extract", "generic", "crawl", "memory", "archive", "dates")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.json"


class Runner:
    """Runs the chosen sections in order, sharing what one computes and another reuses
    (trafilatura's output, the large full crawl)."""

    def __init__(self, quick: bool, archive_articles: int = 100_000) -> None:
        self.quick = quick
        self.archive_articles = archive_articles
        self.pages: list[corpus.Page] | None = None
        self.extract_run: extract_bench.ExtractRun | None = None
        self.large_crawl: crawl_bench.CrawlRun | None = None

    def _extract_run(self) -> extract_bench.ExtractRun:
        if self.extract_run is None:
            self.pages = corpus.load(limit=4 if self.quick else None)
            if self.quick:
                self.extract_run = extract_bench.measure(self.pages, 1)
            else:
                self.extract_run = extract_bench.measure(self.pages)
        return self.extract_run

    def extract(self) -> dict[str, Any]:
        return self._extract_run().figures

    def generic(self) -> dict[str, Any]:
        run = self._extract_run()
        assert self.pages is not None
        limit = 4 if self.quick else None
        return {
            **generic_bench.score(self.pages, run),
            "fundus_dev": fundus_bench.score_fundus_dev(limit=limit),
            # quick: one page of each kind of truth
            "indonesian": truths_bench.score_indonesian(limit=1 if self.quick else None),
        }

    def crawl(self) -> dict[str, Any]:
        figures, self.large_crawl = crawl_bench.run(60 if self.quick else 2000)
        return figures

    def memory(self) -> dict[str, Any]:
        small, large = (20, 60) if self.quick else (200, 2000)
        return memory_bench.run(small, large, large_run=self.large_crawl)

    def archive(self) -> dict[str, Any]:
        try:
            module = import_module("bench.archive")
        except ModuleNotFoundError as exc:
            if exc.name != "bench.archive":
                raise
            return {"available": False, "reason": "bench/archive.py is not there yet"}
        result: dict[str, Any] = (
            module.run(n=500, quick=True) if self.quick else module.run(n=self.archive_articles)
        )
        return result

    def dates(self) -> dict[str, Any]:
        if self.quick:
            return dates_bench.run(strings=list(dates_bench.BUILT_IN), repeat=1)
        return dates_bench.run()


def run_sections(chosen: list[str], quick: bool, archive_articles: int) -> dict[str, Any]:
    runner = Runner(quick, archive_articles)
    results: dict[str, Any] = {
        "run": {
            "command": command(),
            "quick": quick,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
        }
    }
    for name in chosen:
        section: Callable[[], dict[str, Any]] = getattr(runner, name)
        click.echo(f"-- {name} ...", err=True)
        start = time.perf_counter()
        figures = section()
        figures["benchmark_seconds"] = time.perf_counter() - start
        results[name] = figures
    results["run"]["seconds"] = sum(results[n]["benchmark_seconds"] for n in chosen)
    return results


def write_atomically(path: Path, results: dict[str, Any]) -> None:
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)


@click.command()
@click.option("--quick", is_flag=True, help="Tiny inputs: checks the benchmarks run.")
@click.option(
    "--only",
    default=",".join(SECTIONS),
    show_default=True,
    help="Comma-separated sections to run.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    help="Where the results go (default: bench/results.json).",
)
@click.option(
    "--archive-articles",
    type=click.IntRange(min=10),
    default=100_000,
    show_default=True,
    help="Archive size for the archive benchmark (it dominates the run time).",
)
def main(quick: bool, only: str, output: Path, archive_articles: int) -> None:
    """Run the benchmarks, write the results as JSON and print a summary table."""
    chosen = [name.strip() for name in only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        raise click.BadParameter(f"unknown sections {unknown}; choose from {SECTIONS}")
    results = run_sections(chosen, quick, archive_articles)
    write_atomically(output, results)
    click.echo(report.summary(results))
    click.echo(f"\nwritten: {output}")


if __name__ == "__main__":
    main()
