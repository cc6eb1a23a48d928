"""A run whose crawl died is closed as interrupted by the next run or by ``health``, never
left ``running``; a live crawl's run and another host's are left alone."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import select

from archive.cli import main as newsarchive
from archive.models import Run
from archive.runs import process_alive
from archive.store import Archive

T0 = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)
# A crawl that records its run's start and dies without its end (as after SIGKILL), or,
# with "sleep", stays alive until stopped.
CRAWL = """
import sys, time
from datetime import UTC, datetime
from archive.store import Archive
archive = Archive.open(sys.argv[1])
print(archive.start_run("liputan6", datetime.now(UTC)), flush=True)
if sys.argv[2] == "sleep":
    time.sleep(120)
"""


def crawl_process(url: str, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CRAWL, url, mode], stdout=subprocess.PIPE, text=True
    )


def statuses(url: str) -> dict[int, str]:
    with Archive.open(url) as archive, archive.session() as session:
        return {run.id: run.status for run in session.scalars(select(Run))}


def test_the_next_run_closes_a_dead_crawls_run_and_leaves_a_live_ones(archive_url: str) -> None:
    dead = crawl_process(archive_url, "exit")
    dead_run = int(dead.stdout.readline())  # type: ignore[union-attr]
    dead.wait(timeout=60)
    live = crawl_process(archive_url, "sleep")
    try:
        live_run = int(live.stdout.readline())  # type: ignore[union-attr]
        with Archive.open(archive_url) as archive:
            archive.start_run("liputan6", T0)
            # Another host's run: its process cannot be seen from here.
            with archive.session() as session, session.begin():
                other = Run(site="detik", started_at=T0, status="running", args={}, stats={},
                            host="elsewhere.example", pid=dead.pid)  # fmt: skip
                session.add(other)
                session.flush()
                other_run = other.id
        found = statuses(archive_url)
        assert found[dead_run] == "interrupted"
        assert found[live_run] == "running"
        assert found[other_run] == "running"
    finally:
        live.kill()
        live.wait(timeout=60)
    assert not process_alive(live.pid)
    # health closes the killed one and judges it: the crawl did not finish.
    result = CliRunner().invoke(newsarchive, ["--db", archive_url, "health", "--json"])
    assert result.exit_code == 3, result.output
    assert statuses(archive_url)[live_run] == "interrupted"
    reports = {report["site"]: report for report in json.loads(result.output)}
    assert reports["liputan6"]["status"] == "failing"
    assert "the crawl ended with 'interrupted'" in reports["liputan6"]["problems"]
