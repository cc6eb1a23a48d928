"""The web benchmark runs (on a small archive), so it never rots. No timing is asserted."""

from __future__ import annotations

from bench.web import run


def test_the_web_benchmark_times_every_route() -> None:
    figures = run(n=300, quick=True, requests=2)
    assert figures["articles"] == 300
    routes = figures["routes"]
    assert {"search", "article", "diff", "changes", "sites", "api health"} <= set(routes)
    for name, timing in routes.items():
        assert timing["p50_ms"] > 0, name
        assert timing["p95_ms"] >= timing["p50_ms"], name
