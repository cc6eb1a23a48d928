"""The raw-page compression benchmark runs on a few real pages, so it never rots.

No timing or ratio is asserted beyond what makes the figures figures: every scheme reports a
ratio, the stored size and the time, each round trip having given the body back.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.raw import run


@pytest.mark.shared
def test_the_raw_benchmark_reports_every_scheme(shared_pages: Path, shared_benchmarks: Path):
    results = run(quick=True)
    assert results["pages"]["count"] == 6
    for section, schemes in [
        ("pages", ["gzip-6", "zstd-3", "zstd-9", "zstd-19"]),
        ("refetch", ["gzip-6", "zstd-3", "zstd-3+previous", "zstd-19+previous"]),
        ("same_site", ["gzip-6", "zstd-3", "zstd-9+previous"]),
    ]:
        for scheme in schemes:
            figures = results[section][scheme]
            for key in ("ratio", "stored_kb_per_page", "compress_ms_per_page"):
                assert math.isfinite(figures[key]), (section, scheme, key)
                assert figures[key] > 0, (section, scheme, key)
