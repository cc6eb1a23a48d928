"""``scrapy crawl NAME`` says how the crawl went: a summary line, and exit code 3 when every
page failed or our own code raised, so a cron job or a CI step notices."""

from __future__ import annotations

import json
import re
import socket
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import main as newsarchive
from newscrawler.demo.site import build_site
from newscrawler.operations.crawl_summary import EXIT_OK, EXIT_PROBLEM, reason_kind, summarize
from newscrawler.operations.replay import crawl_environment, replay_crawl_command, serving
from tests.crawling import ROOT, fetch_outcomes, last_run_stats


def test_a_crawl_that_stored_or_found_unchanged_pages_is_ok() -> None:
    summary = summarize(
        "liputan6",
        {"archive/run_id": 4, "archive/new": 3, "archive/unchanged": 9, "archive/fetch/failed": 1},
    )
    assert summary.exit_code == EXIT_OK
    assert summary.line() == "crawl liputan6 (run 4): 3 new, 9 unchanged, 1 failed, 0 errors"
    # A revisit answered 304 everywhere is a good crawl too.
    assert summarize("x", {"archive/run_id": 1, "archive/fetch/not-modified": 5}).exit_code == 0


def test_every_page_failing_an_exception_or_no_run_is_a_problem() -> None:
    failed = summarize("detik", {"archive/run_id": 2, "archive/fetch/failed": 3})
    assert failed.exit_code == EXIT_PROBLEM
    assert failed.problems == ["detik: every page fetched failed or was blocked (3)"]
    raised = summarize(
        "detik",
        {"archive/run_id": 2, "archive/new": 5, "spider_exceptions/count": 2,
         "newscrawler/error/extraction": 1},
    )  # fmt: skip
    assert raised.errors == 3
    assert raised.problems == ["detik: 3 errors in the crawl (see the log)"]
    # Scrapy logs a request that failed after its retries at ERROR: the site's failure.
    retried = summarize("detik", {"archive/run_id": 2, "archive/new": 1, "log_count/ERROR": 4})
    assert retried.exit_code == EXIT_OK
    assert summarize("detik", {"archive/new": 1}).problems == ["detik: the archive recorded no run"]
    # A crawl without the archive pipeline (the benchmark's bare crawl) records none by design.
    assert summarize("detik", {"item_scraped_count": 5}, archived=False).exit_code == EXIT_OK


def _crawl(replay_url: str, db: str) -> subprocess.CompletedProcess[str]:
    # A progress line every 50 ms: a few in a crawl of a second.
    settings = {"RETRY_TIMES": "0", "NEWSCRAWLER_PROGRESS_INTERVAL": "0.05"}
    command = replay_crawl_command(
        "liputan6", replay_url, db, "-a", "date=2019-11-24", settings=settings
    )
    return subprocess.run(
        command, cwd=ROOT, env=crawl_environment(), capture_output=True, text=True, timeout=120
    )


def test_a_crawl_where_every_fetch_fails_exits_3_with_one_problem_line(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nothing listens on: every fetch is refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    result = _crawl(f"http://127.0.0.1:{port}", db)
    assert result.returncode == EXIT_PROBLEM, result.stderr[-3000:]
    assert "problem liputan6: every page fetched failed or was blocked" in result.stderr
    outcomes = fetch_outcomes(db)
    assert outcomes
    assert {outcome for _, outcome, _ in outcomes} == {"failed"}


def test_a_good_crawl_exits_0_and_prints_its_summary(tmp_path: Path) -> None:
    root = tmp_path / "site"
    build_site(root)
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    with serving(root) as server:
        result = _crawl(server.url, db)
    assert result.returncode == EXIT_OK, result.stderr[-3000:]
    summary = [line for line in result.stderr.splitlines() if line.startswith("crawl liputan6")]
    assert len(summary) == 1
    assert " new, " in summary[0]
    assert summary[0].endswith("0 errors")
    assert "problem" not in result.stderr
    # Long crawls say where they stand, in the archive's words.
    assert re.search(r"progress: liputan6: fetched \d+ new \d+ revised \d+", result.stderr)


def test_a_bug_in_a_page_object_or_the_normalizer_is_a_recorded_failed_visit(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    build_site(root)
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    command = replay_crawl_command(
        "liputan6-faulty",
        "",
        db,
        "-a",
        "date=2019-11-24",
        settings={"SPIDER_MODULES": "newscrawler.spiders,tests.faulty_spiders"},
    )
    with serving(root) as server:
        command = [part.replace("NEWSCRAWLER_REPLAY_URL=", f"NEWSCRAWLER_REPLAY_URL={server.url}")
                   for part in command]  # fmt: skip
        result = subprocess.run(
            command, cwd=ROOT, env=crawl_environment(), capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
    assert result.returncode == EXIT_PROBLEM, result.stderr[-3000:]
    assert "problem liputan6-faulty: 2 errors in the crawl" in result.stderr
    outcomes = {url: (outcome, reason) for url, outcome, reason in fetch_outcomes(db)}
    (in_page,) = [v for url, v in outcomes.items() if "/read/4117455/" in url]
    assert in_page == ("failed", "extraction error: KeyError: 'a selector the redesign removed'")
    (in_normalizer,) = [v for url, v in outcomes.items() if "/read/4117412/" in url]
    assert in_normalizer[0] == "failed"
    assert in_normalizer[1].startswith("normalization error: ")
    # The summary line counts the failures by kind, from the fetch log.
    assert "2 failed (extraction error, normalization error)" in result.stderr
    # The other articles of the crawl were stored all the same.
    assert sum(1 for outcome, _ in outcomes.values() if outcome == "new") == 2
    stats = last_run_stats(db)
    assert stats["newscrawler/error/extraction"] == 1
    assert stats["newscrawler/error/normalize"] == 1
    # newsarchive health judges the run by them too.
    health = CliRunner().invoke(newsarchive, ["--db", db, "health", "--json"])
    assert health.exit_code == 3
    (report,) = json.loads(health.output)
    assert report["status"] == "failing"
    assert any("2 exception(s)" in problem for problem in report["problems"])


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("HTTP 500", "HTTP 500"),
        ("HTTP 404 on an old URL; the article is at https://x.id/a", "HTTP 404"),
        ("too large: 17 MB over the 16 MB cap", "too large"),
        ("redirected off-site to elsewhere.example.net", "redirected off-site"),
        ("redirect loop: https://a -> https://b -> https://a", "redirect loop"),
        ("extraction error: KeyError: 'x'", "extraction error"),
        ("page 2 of the article (https://x.id/a?page=2) failed: HTTP 500", "page 2 of the article"),
        ("no article text found", "no article text found"),
        (None, "no reason given"),
    ],
)
def test_failures_are_counted_by_the_kind_of_their_reason(reason, kind) -> None:
    assert reason_kind(reason) == kind


def test_the_summary_line_names_the_commonest_kinds() -> None:
    summary = replace(
        summarize("detik", {"archive/run_id": 3, "archive/new": 2, "archive/fetch/failed": 6}),
        reasons={"failed": {"HTTP 500": 3, "too large": 1, "a": 1, "b": 1}},
    )
    assert summary.line() == (
        "crawl detik (run 3): 2 new, 6 failed (HTTP 500 ×3, too large, a, 1 more), 0 errors"
    )
