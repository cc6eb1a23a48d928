"""results.json -> a readable summary: one Markdown table, the one bench/README.md shows."""

from __future__ import annotations

from typing import Any


def _n(value: Any, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}{suffix}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return str(value)


def _met(flag: Any) -> str:
    return "" if flag is None else (" ✓" if flag else " ✗")


def _extract(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"extract: {r['pages']} real pages",
            f"{_n(r['ours']['pages_per_second'])} pages/s",
            f"bare lxml parse {_n(r['bare_lxml']['pages_per_second'])} pages/s",
            f"{_n(r['ratio_to_bare'], 2)}x the parse's time",
        ),
        (
            "",
            "",
            f"trafilatura {_n(r['trafilatura']['pages_per_second'])} pages/s",
            f"{_n(r['speedup_vs_trafilatura'], 2)}x its rate",
        ),
        (
            "",
            "",
            f"trafilatura fast {_n(r['trafilatura_fast']['pages_per_second'])} pages/s",
            f"{_n(r['speedup_vs_trafilatura_fast'], 2)}x its rate",
        ),
    ]


def _theirs(r: dict[str, Any], key: str, digits: int) -> str:
    """trafilatura's figure, default mode then fast mode."""
    return (
        f"trafilatura {_n(r['trafilatura'][key], digits)}, "
        f"fast {_n(r['trafilatura_fast'][key], digits)}"
    )


def _truth_rows(label: str, r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, key, digits in (
        ("title equal", "title_equal", 2),
        ("authors equal", "authors_equal", 2),
        ("published instant", "published_instant", 2),
        ("published same day", "published_same_day", 2),
        ("body token F1", "body_token_f1", 3),
        ("first paragraph found", "first_paragraph_found", 2),
        ("last paragraph found", "last_paragraph_found", 2),
        ("catastrophic pages", "catastrophic", 0),
    ):
        rows.append(
            (
                f"{label} ({r['ours']['pages']}): {name}",
                _n(r["ours"][key], digits),
                _theirs(r, key, digits),
                "",
            )
        )
    return rows


def _generic(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    m = r["mozilla"]
    for label, key, digits in (
        ("title agreement", "title_agreement", 2),
        ("byline token F1", "byline_token_f1", 2),
        ("published date agreement", "published_date_agreement", 2),
        ("published instant agreement", "published_instant_agreement", 2),
        ("body token F1", "body_token_f1", 3),
    ):
        rows.append(
            (
                f"generic, readability ({m['ours']['pages']}): {label}",
                _n(m["ours"][key], digits),
                _theirs(m, key, digits),
                "",
            )
        )
    z = r["zyte"]
    rows.append(
        (
            f"generic, zyte ({z['ours']['pages']}): body token F1",
            _n(z["ours"]["body_token_f1"], 3),
            _theirs(z, "body_token_f1", 3),
            "",
        )
    )
    if "fundus_dev" in r:
        rows += _truth_rows("generic, fundus-dev", r["fundus_dev"])
    if "indonesian" in r:
        rows += _truth_rows("site pages, Indonesian truth", r["indonesian"])
    return rows


def _crawl(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = [
        (
            f"crawl: {r['inputs']['articles']} articles, full pipelines",
            f"{_n(r['full']['articles_per_second'])} articles/s",
            f"bare crawl {_n(r['bare']['articles_per_second'])} articles/s",
            f"{_n(r['full_to_bare'], 2)} of bare (target ≥ {r['target_full_to_bare_at_least']})"
            + _met(r["target_met"]),
        )
    ]
    if r.get("replay_server"):
        rows.append(
            (
                "replay server alone",
                f"{_n(r['replay_server']['pages_per_second'])} pages/s",
                "",
                "ceiling any crawl of it can reach",
            )
        )
    return rows


def _memory(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"memory: peak RSS at {r['large']['articles']} articles",
            _n(r["large"]["max_rss_mb"], 0, " MB"),
            f"at {r['small']['articles']}: {_n(r['small']['max_rss_mb'], 0, ' MB')}",
            f"{_n(r['growth'], 2)}x (target ≤ {r['target_growth_at_most']})"
            + _met(r["target_met"]),
        )
    ]


def _dates(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (
            f"dates: {r['strings']} strings",
            f"{_n(r['ours_per_second'], 0)} strings/s",
            f"dateparser {_n(r['dateparser_per_second'], 0)} strings/s",
            f"{_n(r['ratio'], 1)}x faster, agreement {_n(r['agreement'] * 100, 1)}%",
        )
    ]


def _leaves(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        out = []
        for key, inner in value.items():
            out += _leaves(f"{prefix}.{key}" if prefix else key, inner)
        return out
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [(prefix, value)]
    return []


def _archive(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    if r.get("available") is False:
        return [("archive", "not available", r.get("reason", ""), "")]
    if "ingest_last_window_per_s" not in r:  # a shape this table does not know: show it all
        return [
            (f"archive: {key}", _n(value, 2), "", "")
            for key, value in _leaves("", r)
            if key != "benchmark_seconds"
        ]
    window, total = _n(r.get("window")), _n(r.get("articles"))
    search = r.get("search_ms", {})
    rows = [
        (
            f"archive: ingest, last {window} of {total}",
            f"{_n(r['ingest_last_window_per_s'])} articles/s",
            f"first {window}: {_n(r.get('ingest_first_window_per_s'))} articles/s",
            f"{_n(r.get('last_vs_first'), 2)} of the first",
        ),
        (
            f"archive: revision detection, {window} edited",
            f"{_n(r.get('revision_detection_per_s'))} articles/s",
            f"unchanged refetch {_n(r.get('unchanged_refetch_per_s'))} articles/s",
            f"{_n(r.get('revision_vs_unchanged'), 2)} of unchanged",
        ),
    ]
    for key, label in (("any_site", "any site"), ("one_site", "one site")):
        if key in search:
            rows.append(
                (
                    f"archive: search over {total}, {label}",
                    f"p50 {_n(search[key].get('p50'), 2)} ms",
                    f"p95 {_n(search[key].get('p95'), 2)} ms",
                    "",
                )
            )
    return rows


ROWS = {
    "extract": _extract,
    "generic": _generic,
    "crawl": _crawl,
    "memory": _memory,
    "archive": _archive,
    "dates": _dates,
}


def summary(results: dict[str, Any]) -> str:
    run = results["run"]
    m = run["machine"]
    lines = [
        f"{run['command']}  ({'quick, ' if run['quick'] else ''}{_n(run['seconds'], 0)} s)",
        f"{m['cores']} cores, {m['processor']}, Python {m['python']}, {m['platform']}, "
        f"load at start {m['load_average_at_start']}, commit {m['commit']}",
        "",
        "| benchmark | figure | baseline (same run) | ratio / target |",
        "|---|---|---|---|",
    ]
    for name, rows in ROWS.items():
        if name in results:
            lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(results[name])]
    return "\n".join(lines)
