"""Health rules on run stats, challenge-page markers, coverage counting, `newsarchive health`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scrapy.http import HtmlResponse

from archive.cli import main as newsarchive
from archive.health import HealthRules, RunSummary, assess
from archive.store import Archive
from newscrawler.operations.crawl_health import challenge_marker, coverage_keys
from tests.archive.samples import snapshot

T0 = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)


def run(
    run_id: int,
    *,
    articles: int = 10,
    authors: float = 1.0,
    tags: float = 1.0,
    fetched: int = 20,
    blocked: int = 0,
    failed: int = 0,
    status: str = "finished",
    exceptions: int = 0,
) -> RunSummary:
    return RunSummary(
        run_id=run_id,
        site="liputan6",
        status=status,
        started_at=T0,
        finished_at=T0,
        fetched=fetched,
        new=articles,
        revised=0,
        unchanged=0,
        not_modified=0,
        gone=0,
        dropped=0,
        blocked=blocked,
        failed=failed,
        articles=articles,
        exceptions=exceptions,
        coverage={"authors": authors, "tags": tags, "modified": 1.0, "body": 1.0},
    )


def test_a_run_like_its_predecessors_is_ok() -> None:
    health = assess(run(3, authors=0.9), [run(2), run(1, authors=0.8)])
    assert health.status == "ok"
    assert health.problems == []
    assert health.baseline["authors"] == pytest.approx(0.9)


def test_a_field_far_below_its_baseline_is_degraded() -> None:
    health = assess(run(4, authors=0.1), [run(3), run(2, authors=0.8), run(1)])
    assert health.status == "degraded"
    assert health.problems == [
        "authors found in 10% of 10 articles (usually 100%, median of 3 runs)"
    ]


def test_a_field_the_site_never_had_is_not_a_drop() -> None:
    health = assess(run(3, tags=0.0), [run(2, tags=0.0), run(1, tags=0.0)])
    assert health.status == "ok"


def test_no_verdict_on_coverage_without_enough_history_or_articles() -> None:
    assert assess(run(2, authors=0.0), [run(1)]).status == "ok"  # one run is no baseline
    small = [run(2, articles=2), run(1, articles=3)]
    assert assess(run(3, authors=0.0), small).status == "ok"  # runs too small to count
    tiny = assess(run(3, articles=2, authors=0.0), [run(2), run(1)])
    assert tiny.status == "ok"  # two articles say little


def test_a_403_storm_is_blocked_and_a_few_403s_are_not() -> None:
    storm = assess(run(2, articles=0, fetched=14, blocked=12), [])
    assert storm.status == "blocked"
    assert storm.problems == ["blocked: 12 of 14 responses were 403/429 or challenge pages"]
    assert assess(run(2, fetched=40, blocked=3), []).status == "ok"
    assert assess(run(2, fetched=2, blocked=2), []).status == "ok"  # below min_blocked


def test_crawls_that_did_not_finish_or_raised_are_failing() -> None:
    assert assess(run(2, status="start_error"), []).status == "failing"
    assert assess(run(2, exceptions=1), []).status == "failing"
    assert assess(run(2, status="shutdown"), []).status == "ok"  # a requested stop
    assert assess(run(2, fetched=10, failed=8), []).status == "failing"


def test_rules_are_adjustable() -> None:
    strict = HealthRules(coverage_drop=0.95)
    assert assess(run(3, authors=0.9), [run(2), run(1)], strict).status == "degraded"


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        (
            "<html><head><title>Attention Required! | Cloudflare</title></head></html>",
            "Attention Required",
        ),
        ("<html><head><title>Just a moment...</title></head></html>", "Just a moment"),
        ('<div id="cf-challenge-running"></div>', "cf-challenge"),
        (
            '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate"></script>',
            "/cdn-cgi/challenge-platform/",
        ),
        ('<form><div class="g-recaptcha" data-sitekey="x"></div></form>', "g-recaptcha"),
        ("<title>Please solve this CAPTCHA</title>", "Please solve this CAPTCHA"),
        ("<title>Berita</title><p>Situs itu memakai captcha untuk login.</p>", None),
    ],
)
def test_challenge_markers(body: str, marker: str | None) -> None:
    response = HtmlResponse("https://www.liputan6.com/read/1/x", body=body.encode())
    assert challenge_marker(response) == marker


def test_coverage_keys_count_fields_present() -> None:
    full = snapshot(modified_at=T0)
    assert coverage_keys(full) == [
        "newscrawler/coverage/articles",
        "newscrawler/coverage/authors",
        "newscrawler/coverage/tags",
        "newscrawler/coverage/modified",
        "newscrawler/coverage/body",
    ]
    bare = snapshot(authors=(), tags=())
    assert coverage_keys(bare) == ["newscrawler/coverage/articles", "newscrawler/coverage/body"]


def _stats(articles: int, authors: int) -> dict[str, Any]:
    return {
        "downloader/response_count": articles + 3,
        "archive/new": articles,
        "newscrawler/coverage/articles": articles,
        "newscrawler/coverage/authors": authors,
        "newscrawler/coverage/body": articles,
    }


@pytest.fixture
def runs_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    with Archive.open(url) as archive:
        for n, (articles, authors) in enumerate([(10, 10), (8, 8), (9, 0)]):
            run_id = archive.start_run("liputan6", T0 + timedelta(hours=n))
            archive.finish_run(
                run_id, T0 + timedelta(hours=n, minutes=5), _stats(articles, authors), "finished"
            )
        good = archive.start_run("detik", T0)
        archive.finish_run(good, T0 + timedelta(minutes=5), _stats(10, 10), "finished")
        archive.start_run("detik", T0 + timedelta(hours=1))  # running (or killed): not judged
    return url


def test_newsarchive_health_reports_and_exits_3(runs_db: str) -> None:
    result = CliRunner().invoke(newsarchive, ["--db", runs_db, "health", "--json"])
    assert result.exit_code == 3, result.output
    reports = {r["site"]: r for r in json.loads(result.output)}
    assert reports["liputan6"]["status"] == "degraded"
    assert reports["liputan6"]["run"]["run_id"] == 3
    assert reports["detik"]["status"] == "ok"
    assert reports["detik"]["run"]["run_id"] == 4

    table = CliRunner().invoke(newsarchive, ["--db", runs_db, "health"])
    assert table.exit_code == 3
    assert "problem liputan6: authors found in 0% of 9 articles" in " ".join(table.output.split())

    detik = CliRunner().invoke(newsarchive, ["--db", runs_db, "health", "--site", "detik"])
    assert detik.exit_code == 0, detik.output
    unknown = CliRunner().invoke(newsarchive, ["--db", runs_db, "health", "--site", "kompas"])
    assert unknown.exit_code == 1


def test_a_page_object_missing_its_body_on_many_pages_is_degraded() -> None:
    # A redesign: the site's container looks wrong on 4 of 10 articles, the generic choice
    # fills in; the run says so even though every field is still found.
    latest = run(2)
    stale = RunSummary(
        **{name: getattr(latest, name) for name in RunSummary.__slots__}
        | {"fallbacks": 4, "weak_bodies": 0}
    )
    health = assess(stale, [])
    assert health.status == "degraded"
    assert health.problems == [
        "the site's page object missed the body in 4 of 10 articles (the generic choice"
        " filled in): a new layout?"
    ]
    one = RunSummary(
        **{name: getattr(latest, name) for name in RunSummary.__slots__} | {"fallbacks": 1}
    )
    assert assess(one, []).status == "ok"


def test_bodies_chosen_on_weak_evidence_are_a_problem_when_many() -> None:
    latest = run(2)
    weak = RunSummary(
        **{name: getattr(latest, name) for name in RunSummary.__slots__} | {"weak_bodies": 5}
    )
    health = assess(weak, [])
    assert health.status == "degraded"
    assert health.problems == ["the body was chosen on weak evidence in 5 of 10 articles"]


def test_extraction_counts_are_read_from_the_run_stats() -> None:
    from archive.health import summarize
    from archive.models import Run

    stats = _stats(10, 10) | {"newscrawler/fallback/body": 3, "newscrawler/body_confidence/low": 2}
    summary = summarize(Run(id=1, site="detik", status="finished", started_at=T0, stats=stats))
    assert (summary.fallbacks, summary.weak_bodies) == (3, 2)


def test_coverage_keys_count_a_fallback_and_the_confidence() -> None:
    fell_back = snapshot(
        provenance={"body": "fallback:generic:density"}, notes={"body_confidence": "medium"}
    )
    assert coverage_keys(fell_back)[-2:] == [
        "newscrawler/fallback/body",
        "newscrawler/body_confidence/medium",
    ]
