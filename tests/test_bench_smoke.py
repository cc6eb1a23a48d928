"""The benchmark command runs end to end on tiny inputs, so it never rots.

No timing is asserted: only that every section is there and carries numeric figures (the
figures themselves live in bench/results.json and bench/README.md). The scoring rules the
README defines (token F1, normalized title match, date agreement) are pinned here too.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bench.common import normalize_text, percentile, token_f1, tokens
from bench.fundus import Fields, Truth, TruthPage, fold, paragraph_found, score_page
from bench.generic import date_agrees, instant_agrees, parse_expected_time

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("extract", "generic", "crawl", "memory", "archive", "dates")

# For each section, the figures a reader of the results looks for first.
KEY_FIGURES: dict[str, list[tuple[str, ...]]] = {
    "extract": [
        ("ours", "pages_per_second"),
        ("bare_lxml", "pages_per_second"),
        ("trafilatura", "pages_per_second"),
        ("trafilatura_fast", "pages_per_second"),
        ("ratio_to_bare",),
        ("speedup_vs_trafilatura",),
        ("speedup_vs_trafilatura_fast",),
    ],
    "generic": [
        ("mozilla", "ours", "title_agreement"),
        ("mozilla", "ours", "byline_token_f1"),
        ("mozilla", "ours", "body_token_f1"),
        ("mozilla", "trafilatura", "body_token_f1"),
        ("zyte", "ours", "body_token_f1"),
        ("zyte", "trafilatura", "body_token_f1"),
        ("zyte", "trafilatura_fast", "body_token_f1"),
        *[
            (truth_set, extractor, figure)
            for truth_set in ("fundus_dev", "indonesian")
            for extractor in ("ours", "trafilatura", "trafilatura_fast")
            for figure in (
                "title_equal",
                "authors_equal",
                "published_same_day",
                "body_token_f1",
                "first_paragraph_found",
                "catastrophic",
                "no_article",
            )
        ],
        ("fundus_dev", "ours", "published_instant"),
        ("indonesian", "ours", "published_instant"),
    ],
    "crawl": [
        ("bare", "articles_per_second"),
        ("full", "articles_per_second"),
        ("full_to_bare",),
        ("full", "max_rss_mb"),
        ("replay_server", "pages_per_second"),
    ],
    "memory": [("small", "max_rss_mb"), ("large", "max_rss_mb"), ("growth",)],
    "archive": [
        ("ingest_first_window_per_s",),
        ("ingest_last_window_per_s",),
        ("revision_detection_per_s",),
        ("search_ms", "any_site", "p95"),
    ],
    "dates": [("ours_per_second",), ("dateparser_per_second",), ("ratio",), ("agreement",)],
}


def _get(section: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = section
    for key in path:
        value = value[key]
    return value


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [n for inner in value.values() for n in _numbers(inner)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [float(value)]
    return []


@pytest.mark.shared
def test_quick_run_writes_every_section_with_numbers(
    tmp_path: Path, shared_pages: Path, shared_benchmarks: Path
) -> None:
    output = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    results = json.loads(output.read_text(encoding="utf-8"))

    assert results["run"]["quick"] is True
    assert results["run"]["machine"]["cores"] >= 1
    assert results["run"]["machine"]["python"]
    for name in SECTIONS:
        section = results[name]
        assert section.get("available", True), f"{name}: {section.get('reason')}"
        numbers = _numbers({k: v for k, v in section.items() if k != "benchmark_seconds"})
        assert numbers, f"{name} has no numeric figures"
        assert all(math.isfinite(n) for n in numbers), name
        for path in KEY_FIGURES.get(name, []):
            value = _get(section, path)
            assert isinstance(value, int | float), f"{name}.{'.'.join(path)} = {value!r}"
            assert value >= 0, f"{name}.{'.'.join(path)} = {value!r}"
    # A crawl benchmark that lost articles would measure nothing.
    assert results["crawl"]["full"]["archive_new"] == results["crawl"]["inputs"]["articles"]
    assert results["extract"]["inputs"]["by_set"] == {"shared": 4, "zyte": 4, "mozilla": 4}
    rounds = results["extract"]["rounds"]
    assert rounds["trafilatura"] == rounds["trafilatura_fast"] == rounds["ours"]
    generic = results["generic"]
    assert generic["fundus_dev"]["inputs"]["pages"] == 4
    # quick: one page of each kind of truth
    assert generic["indonesian"]["inputs"]["by_truth"] == {
        "fundus": 1,
        "tisorlawan": 1,
        "anpandu": 1,
        "slasherrb": 1,
    }
    for truth_set in ("fundus_dev", "indonesian"):
        # trafilatura gives dates only: no instant figure
        assert generic[truth_set]["trafilatura"]["published_instant"] is None
        assert len(generic[truth_set]["per_page"]) == generic[truth_set]["ours"]["pages"]
    # The summary table is printed for the reader.
    assert "| crawl:" in result.stdout


@pytest.mark.shared
def test_stages_split_extraction_into_its_stages(
    shared_pages: Path, shared_benchmarks: Path
) -> None:
    from bench import stages

    shown: list[dict[str, Any]] = []
    assert stages.main(["--rounds", "1", "--limit", "2"], out=shown.append) == 0
    (result,) = shown
    assert result["pages"] == 6
    fractions = result["fractions_of_bare_parse"]
    assert list(fractions) == list(stages.STAGES)
    assert all(math.isfinite(f) and f > 0 for f in fractions.values())
    assert result["sum"] == pytest.approx(sum(fractions.values()))


@pytest.mark.parametrize(
    ("predicted", "expected", "f1"),
    [
        ("Nicolas Perriault", "Nicolas Perriault", 1.0),
        ("", "", 1.0),
        ("Nicolas Perriault", "", 0.0),
        # "By" is an extra token: precision 2/3, recall 1 -> F1 0.8
        ("By Daniel Gillmor", "Daniel Gillmor", 0.8),
        ("the the cat", "the cat cat", 2 / 3),
    ],
)
def test_token_f1(predicted: str, expected: str, f1: float) -> None:
    assert token_f1(predicted, expected) == pytest.approx(f1)


def test_titles_compare_without_typography() -> None:
    assert normalize_text("“Don’t  Panic” — A Guide") == normalize_text('"don\'t panic" - a guide')
    assert normalize_text("Don't Panic") != normalize_text("Do Panic")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.5) is None


def test_published_agreement_rules() -> None:
    expected = parse_expected_time("2021-11-01T23:52:50+0100")
    # 22:52 UTC is still 1 November in the expected offset: same date, same instant.
    ours = datetime(2021, 11, 1, 22, 52, 50, tzinfo=UTC)
    assert date_agrees(ours, expected)
    assert instant_agrees(ours + timedelta(seconds=30), expected)
    assert not instant_agrees(ours + timedelta(minutes=5), expected)
    # An expected time without offset is compared with our wall-clock time.
    naive = parse_expected_time("2018-04-05T06:00")
    assert instant_agrees(datetime(2018, 4, 5, 6, 0, tzinfo=timezone(timedelta(hours=-4))), naive)
    assert date_agrees(date(2018, 4, 5), naive)
    assert not date_agrees(None, naive)


def test_fundus_folding_and_paragraphs() -> None:
    assert fold("„Wir  sind“ «prêts»") == fold('"wir sind" "PRÊTS"')
    body = tokens(fold("Jakarta - Polisi masih mendalami kasus itu.\n\nKorban membuat laporan."))
    assert paragraph_found("Polisi masih mendalami kasus itu.", body)
    assert not paragraph_found("Polisi mendalami kasus itu.", body)


def _truth_page(truth: Truth) -> TruthPage:
    return TruthPage("t", "t", "https://example.com/", b"", truth, datetime(2024, 1, 1, tzinfo=UTC))


def test_fundus_scoring_rules() -> None:
    truth = Truth(
        title="Ein „Titel“",
        authors=("Anna Muster", "Jan Beispiel"),
        published=parse_expected_time("2024-05-03 10:00:00+02:00"),
        paragraphs=("Erster Absatz hier.", "Letzter Absatz hier. (dpa/ab)"),
    )
    got = Fields(
        True,
        'ein "titel"',
        ("jan beispiel", "Anna Muster"),
        datetime(2024, 5, 3, 8, 0, 30, tzinfo=UTC),
        "Erster Absatz hier.\n\nLetzter Absatz hier.",
    )
    row = score_page(_truth_page(truth), got, times=True)
    # The closing credit "(dpa/ab)" is left off before looking for the last paragraph.
    for field in ("title", "authors", "instant", "same_day", "first_paragraph", "last_paragraph"):
        assert row[field] is True, field
    assert row["catastrophic"] is False
    # trafilatura's dates: same day, no instant; a date-only truth counts the day for both.
    dated = score_page(_truth_page(truth), Fields(True, published=date(2024, 5, 3)), times=False)
    assert dated["instant"] is None
    assert dated["same_day"] is True
    assert dated["catastrophic"] is True  # no body at all
    midnight = Truth(published=parse_expected_time("2024-04-24 00:00:00"))
    assert not midnight.published_has_time
    row = score_page(_truth_page(midnight), Fields(True, published=date(2024, 4, 24)), times=True)
    assert row["instant"] is True
    assert row["same_day"] is True
    assert score_page(_truth_page(truth), Fields(False), times=True)["catastrophic"]
