"""Running real crawls in tests: a replay server on 127.0.0.1 and ``scrapy crawl`` processes.

Each crawl is its own process (Twisted's reactor starts once per process), exactly as a
user or cron runs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import func, select

from archive.models import Article, Fetch, Revision, Run
from archive.store import Archive
from newscrawler.operations.replay import crawl_environment, replay_crawl_command

ROOT = Path(__file__).resolve().parent.parent


def scrapy_crawl(
    spider: str,
    replay_url: str,
    archive_url: str,
    *args: str,
    timeout: float = 120,
    exit_code: int = 0,
) -> subprocess.CompletedProcess[str]:
    """Run the crawl; its exit code must be ``exit_code`` (3: a crawl with a problem, e.g.
    every article fetched failed, see docs/crawling.md)."""
    command = replay_crawl_command(spider, replay_url, archive_url, *args)
    env = crawl_environment()
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != exit_code:
        raise AssertionError(f"crawl exited {result.returncode}:\n{result.stderr[-4000:]}")
    return result


def counts(archive_url: str) -> dict[str, int]:
    archive = Archive.open(archive_url)
    try:
        with archive.session() as session:
            return {
                "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
                "revisions": session.scalar(select(func.count()).select_from(Revision)) or 0,
                "fetches": session.scalar(select(func.count()).select_from(Fetch)) or 0,
            }
    finally:
        archive.close()


def fetch_outcomes(archive_url: str, run: int | None = None) -> list[tuple[str, str, str | None]]:
    """(url, outcome, reason) of every fetch, optionally of one run, in order."""
    archive = Archive.open(archive_url)
    try:
        with archive.session() as session:
            query = select(Fetch.url, Fetch.outcome, Fetch.reason).order_by(Fetch.id)
            if run is not None:
                query = query.where(Fetch.run_id == run)
            return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]
    finally:
        archive.close()


def last_run_stats(archive_url: str) -> dict:
    archive = Archive.open(archive_url)
    try:
        with archive.session() as session:
            run = session.scalars(select(Run).order_by(Run.id.desc())).first()
            assert run is not None
            return dict(run.stats)
    finally:
        archive.close()
