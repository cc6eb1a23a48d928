"""What every benchmark shares: where inputs live, which machine ran, and how text is scored.

Figures are only comparable when they say where they came from, so every section of
``results.json`` carries the machine (cores, Python, platform, load at the start) and the
inputs; speed is a ratio against a baseline timed in the same run, because the absolute rate
of a shared 2-core machine moves with whatever else runs on it.
"""

from __future__ import annotations

import math
import os
import platform
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHARED_PAGES = SHARED / "pages"
SHARED_BENCHMARKS = SHARED / "benchmarks"


def machine() -> dict[str, Any]:
    """The machine and interpreter a run used, and how busy the machine was when it began."""
    memory_kb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        memory_kb = int(match.group(1)) if match else None
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": _cpu_model() or platform.processor(),
        "memory_mb": memory_kb // 1024 if memory_kb else None,
        # Other work on the machine slows a run down; ratios cancel most of it, rates do not.
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "commit": _git_commit(),
    }


def _cpu_model() -> str | None:
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.is_file():
        return None
    match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
    return match.group(1).strip() if match else None


def _git_commit() -> str | None:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def command(argv: list[str] | None = None) -> str:
    """The command line that produced a result, as a reader would type it."""
    args = sys.argv[1:] if argv is None else argv
    return " ".join([".venv/bin/python -m bench", *args])


def relative(path: Path) -> str:
    """A path as seen from the repository (``../shared/benchmarks/...``), for the record."""
    return os.path.relpath(path, ROOT)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


# -- scoring text ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize_text(text: str | None) -> str:
    """Compared as a reader would: NFKC, case folded, typographic quotes and dashes plain,
    whitespace collapsed. ``“Don’t” — Title`` and ``"don't" - title`` are the same title."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(folded.split())


def tokens(text: str | None) -> list[str]:
    """Word tokens (letters and digits, case folded): the unit of every F1 here."""
    return _WORD.findall(normalize_text(text))


def token_f1(predicted: str | None, expected: str | None) -> float:
    """Bag-of-words F1: the harmonic mean of token precision and recall, repeats counted.

    Both empty is 1.0 (nothing expected, nothing given); one empty is 0.0.
    """
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    if not got and not want:
        return 1.0
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return ordered[rank - 1]
