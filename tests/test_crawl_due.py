"""End to end: `newscrawler crawl-due` processes against the replay server, into real SQLite.

Articles are published "ten minutes ago", so the default schedule's first revisit (15 min
after publication) is still ahead when a test's next run starts: nothing is due unless a
test makes it due, by moving the stored plan into the past (no sleeping, no fake clock in
the crawler). The replay server's hit log says what each run requested.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from archive.cli import main as newsarchive
from archive.models import Article, Fetch, Revision, VisitSchedule
from archive.store import Archive
from newscrawler.demo.site import DemoArticle, article_file, build_site, edited, load_articles
from newscrawler.operations.crawl_due import round_command
from newscrawler.operations.replay import ReplayServer, serving
from tests.crawling import counts, fetch_outcomes, last_run_stats

ROOT = Path(__file__).resolve().parent.parent
WIB = ZoneInfo("Asia/Jakarta")


def fresh_articles(count: int, first_id: int, author: str | None = None) -> list[DemoArticle]:
    """``count`` distinct articles published ten minutes ago, modeled on the demo's."""
    _, templates = load_articles()
    published = (datetime.now(WIB) - timedelta(minutes=10)).replace(microsecond=0).isoformat()
    articles = []
    for n in range(count):
        template = templates[n % len(templates)]
        number = first_id + n
        articles.append(
            replace(
                template,
                id=number,
                slug=f"berita-{number}",
                title=f"{template.title} (laporan {number})",
                published=published,
                modified=published,
                paragraphs=[f"{p} Laporan nomor {number}." for p in template.paragraphs],
                author=template.author if author is None else author,
            )
        )
    return articles


def today() -> str:
    return datetime.now(WIB).date().isoformat()


def publish(root: Path, articles: list[DemoArticle]) -> None:
    """(Re)write the site's feed, sitemap and indeks for today listing ``articles``."""
    build_site(root, articles, day=datetime.now(WIB).date())


def crawl_due_command(server: ReplayServer, db: str, *extra: str, delay: str = "0") -> list[str]:
    """`newscrawler crawl-due` for the replayed Liputan6 site into ``db``."""
    return [
        sys.executable,
        "-m",
        "newscrawler.cli",
        "crawl-due",
        "--sites",
        "liputan6",
        "--db",
        db,
        "-s",
        f"NEWSCRAWLER_REPLAY_URL={server.url}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        f"DOWNLOAD_DELAY={delay}",
        "-s",
        "TELNETCONSOLE_ENABLED=False",
        *extra,
    ]


def crawl_due(
    server: ReplayServer, db: str, *extra: str, expect: int | None = 0
) -> subprocess.CompletedProcess[str]:
    command = crawl_due_command(server, db, *extra)
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if expect is not None and result.returncode != expect:
        raise AssertionError(
            f"crawl-due exited {result.returncode}, expected {expect}:\n{result.stdout}\n"
            f"{result.stderr[-4000:]}"
        )
    return result


def article_hits(server: ReplayServer) -> list[str]:
    """Article paths the server was asked for since the last call (then forgotten)."""
    paths = [path for path, _status in server.hits if "/read/" in path]
    server.hits.clear()
    return paths


def make_due(db: str, articles: list[DemoArticle]) -> None:
    """Move the stored revisit plans of ``articles`` into the past, as time passing would."""
    past = datetime.now(UTC) - timedelta(minutes=1)
    with Archive.open(db) as archive, archive.session() as session, session.begin():
        ids = select(Article.id).where(Article.publisher_id.in_([str(a.id) for a in articles]))
        session.execute(
            update(VisitSchedule)
            .where(VisitSchedule.article_id.in_(ids))
            .values(next_visit_at=past)
        )


def last_run_id(db: str) -> int:
    with sqlite3.connect(db.removeprefix("sqlite:///")) as connection:
        (run_id,) = connection.execute("SELECT max(id) FROM runs").fetchone()
    return int(run_id)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, ReplayServer]]:
    root = tmp_path / "site"
    root.mkdir()
    with serving(root) as server:
        yield root, server


def test_second_run_fetches_only_due_articles_and_records_edits_304_and_gone(site, tmp_path):
    root, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    articles = fresh_articles(6, 5_100_000)
    publish(root, articles)
    first = crawl_due(server, db)
    assert counts(db)["articles"] == 6
    assert len(set(article_hits(server))) == 7  # six articles and the video page
    assert "liputan6" in first.stdout
    assert "problem" not in first.stdout
    # The line scrapy crawl ends with, per site, failures by kind.
    assert re.search(
        r"crawl liputan6 \(run \d+\): 6 new, 1 dropped \(no article text found\), 0 errors",
        first.stdout,
    ), first.stdout

    edit, same, gone, hinted = articles[0], articles[1], articles[2], articles[3]
    make_due(db, [edit, same, gone])
    edited_article = edited(
        edit, 1, "Paragraf ini diperbarui redaksi setelah terbit.", edit.modified
    )
    # A sitemap lastmod after our visit brings a revisit forward even though none is due.
    later = (datetime.now(WIB) + timedelta(seconds=1)).replace(microsecond=0).isoformat()
    hinted_article = edited(hinted, 1, "Koreksi: angka yang benar adalah 12.", later)
    # `same` stays on the server but leaves the feed, sitemap and indeks: still revisited.
    publish(root, [edited_article, gone, hinted_article, *articles[4:]])
    article_file(root, gone).unlink()  # taken down: 404

    crawl_due(server, db)
    run = last_run_id(db)
    requested = article_hits(server)
    expected = {a.path for a in (edit, same, gone, hinted)}
    video = "/news/read/4117499/"
    assert {p.split("www.liputan6.com", 1)[1] for p in requested if video not in p} == expected
    assert len([p for p in requested if video not in p]) == 4, "each article fetched once"
    outcomes = {url: (outcome, reason) for url, outcome, reason in fetch_outcomes(db, run)}
    assert outcomes[edit.url][0] == "revised"
    assert outcomes[same.url] == ("not-modified", "HTTP 304")
    assert outcomes[gone.url] == ("gone", "HTTP 404")
    assert outcomes[hinted.url][0] == "revised"
    for untouched in articles[4:]:
        assert untouched.url not in outcomes
    assert counts(db)["articles"] == 6, "a takedown deletes nothing"
    stats = last_run_stats(db)
    assert stats["newscrawler/incremental/due"] == 3  # edit, same, gone: from the archive
    assert stats["newscrawler/incremental/changed"] == 1  # hinted: by the sitemap's lastmod
    assert stats["newscrawler/incremental/skipped"] >= 2  # the rest, from feed and sitemap

    with Archive.open(db) as archive, archive.session() as session:
        revisions = dict(
            list(session.execute(select(Article.publisher_id, Article.revision_count)))
        )
        plans = {
            p: (row.last_outcome, row.next_visit_at)
            for p, row in session.execute(
                select(Article.publisher_id, VisitSchedule).join(
                    VisitSchedule, VisitSchedule.article_id == Article.id
                )
            )
        }
    assert revisions[str(edit.id)] == 2
    assert revisions[str(hinted.id)] == 2
    assert revisions[str(same.id)] == 1
    # Every visit planned the next one in the future; the 304 and the 404 too.
    for publisher_id in (str(edit.id), str(same.id), str(gone.id)):
        _outcome, next_visit = plans[publisher_id]
        assert next_visit is not None
        assert next_visit > datetime.now(UTC)
    assert plans[str(same.id)][0] == "not-modified"
    assert plans[str(gone.id)][0] == "gone"

    due = CliRunner().invoke(newsarchive, ["--db", db, "due", "--within", "8d", "--json"])
    assert due.exit_code == 0, due.output
    listed = {row["url"] for row in json.loads(due.output)}
    assert {a.url for a in articles} <= listed


def stop_crawl_due_halfway(
    server: ReplayServer, path: Path, stop: signal.Signals, table: str, at: int = 40
) -> None:
    """Run crawl-due into the SQLite file ``path`` and send it ``stop`` once ``table`` has
    ``at`` rows; a small delay per request makes the crawl slow enough to be caught."""
    command = crawl_due_command(server, f"sqlite:///{path}", delay="0.03")
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stored = 0
    try:
        deadline = time.monotonic() + 120
        while stored < at and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            if path.exists():
                try:
                    with sqlite3.connect(path, timeout=5) as connection:
                        query = f"SELECT count(*) FROM {table}"
                        (stored,) = connection.execute(query).fetchone()
                except sqlite3.OperationalError:  # schema not created yet
                    stored = 0
        assert process.poll() is None, "the crawl ended before it could be stopped"
        process.send_signal(stop)
    finally:
        process.wait(timeout=30)


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_run_killed_halfway_resumes_with_every_article_exactly_once(site, tmp_path, stop):
    root, server = site
    path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{path}"
    articles = fresh_articles(200, 5_200_000)
    publish(root, articles)
    stop_crawl_due_halfway(server, path, stop, "articles")
    killed_with = counts(db)["articles"]
    assert 40 <= killed_with < 200
    with Archive.open(db) as archive, archive.session() as session:
        stored_first = {
            str(p) for p in session.scalars(select(Article.publisher_id)) if p is not None
        }
    article_hits(server)

    crawl_due(server, db)
    resumed = article_hits(server)
    assert not [p for p in resumed if p.split("/read/")[1].split("/")[0] in stored_first], (
        "articles stored before the kill are not fetched again"
    )
    assert counts(db)["articles"] == 200
    with Archive.open(db) as archive, archive.session() as session:
        publisher_ids = list(session.scalars(select(Article.publisher_id)))
        revisions = list(session.scalars(select(Revision.article_id)))
        new_fetches = list(session.scalars(select(Fetch.article_id).where(Fetch.outcome == "new")))
    assert sorted(publisher_ids) == sorted(str(a.id) for a in articles)
    assert len(revisions) == len(set(revisions)) == 200
    assert len(new_fetches) == len(set(new_fetches)) == 200


def test_a_parser_that_stops_finding_authors_fails_the_run_and_health(site, tmp_path):
    root, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    published: list[DemoArticle] = []
    for first_id in (5_300_000, 5_300_100):  # two good runs, each with new articles
        published += fresh_articles(6, first_id)
        publish(root, published)
        crawl_due(server, db, expect=0)
    health = CliRunner().invoke(newsarchive, ["--db", db, "health"])
    assert health.exit_code == 0, health.output

    # A redesign: the new articles come without bylines (neither markup nor JSON-LD).
    published += fresh_articles(6, 5_300_200, author="")
    publish(root, published)
    third = crawl_due(server, db, expect=3)
    assert "degraded" in third.stdout
    assert "authors found in 0% of 6 articles (usually 100%" in " ".join(third.stdout.split())

    health = CliRunner().invoke(newsarchive, ["--db", db, "health", "--json"])
    assert health.exit_code == 3, health.output
    (report,) = json.loads(health.output)
    assert report["site"] == "liputan6"
    assert report["status"] == "degraded"
    assert report["run"]["coverage"]["authors"] == 0
    assert report["run"]["coverage"]["body"] == 1
    assert report["baseline"]["authors"] == 1


CHALLENGE_PAGE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><div id="cf-challenge-running">Checking your browser before accessing.</div>
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/jsch/v1"></script></body></html>
"""


def test_a_403_storm_is_reported_as_blocked(site, tmp_path):
    root, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    articles = fresh_articles(12, 5_400_000)
    publish(root, articles)
    for article in articles[:-1]:
        page = article_file(root, article)
        page.with_name(page.name + ".status").write_text("403")
    # A bot wall that answers 200: the page is a challenge, not an article.
    article_file(root, articles[-1]).write_text(CHALLENGE_PAGE, encoding="utf-8")

    run = crawl_due(server, db, expect=3)
    assert "blocked" in run.stdout
    outcomes = {url: (o, r) for url, o, r in fetch_outcomes(db)}
    assert outcomes[articles[0].url] == ("blocked", "HTTP 403")
    outcome, reason = outcomes[articles[-1].url]
    assert outcome == "blocked"
    assert reason is not None
    assert reason.startswith("challenge page")
    assert counts(db)["articles"] == 0

    health = CliRunner().invoke(newsarchive, ["--db", db, "health", "--json"])
    assert health.exit_code == 3
    (report,) = json.loads(health.output)
    assert report["status"] == "blocked"
    assert report["run"]["blocked"] == 12


def test_schedule_runs_rounds_of_crawl_due(site, tmp_path):
    root, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    publish(root, fresh_articles(3, 5_500_000))
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscrawler.cli",
            "schedule",
            "--every",
            "0s",
            "--rounds",
            "2",
            "--sites",
            "liputan6",
            "--db",
            db,
            "-s",
            f"NEWSCRAWLER_REPLAY_URL={server.url}",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "LOG_LEVEL=WARNING",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "round 2 finished with exit code 0" in result.stderr
    with Archive.open(db) as archive, archive.session() as session:
        runs = list(session.execute(select(Fetch.run_id, Fetch.outcome)))
    by_run: dict[int | None, list[str]] = {}
    for run_id, outcome in runs:
        by_run.setdefault(run_id, []).append(outcome)
    assert len(by_run) == 2
    first, second = (by_run[k] for k in sorted(by_run, key=lambda k: k or 0))
    assert first.count("new") == 3
    assert "new" not in second
    assert "unchanged" not in second


def test_each_round_gets_the_archive_url_in_its_environment_never_its_arguments():
    secret = "postgresql+psycopg://crawler:s3cret@127.0.0.1/news"
    command, env = round_command(
        ["--sites", "liputan6", "-s", f"ARCHIVE_URL={secret}x", "-s", "LOG_LEVEL=INFO"],
        secret,
        {"PATH": "/usr/bin"},
    )
    assert not any("s3cret" in part for part in command)
    assert command[-5:] == ["crawl-due", "--sites", "liputan6", "-s", "LOG_LEVEL=INFO"]
    # An -s ARCHIVE_URL= given after --db is the one the crawl would use: it wins.
    assert env["ARCHIVE_URL"] == f"{secret}x"
    assert env["PATH"] == "/usr/bin"
    command, env = round_command(["--sites", "detik"], None, {})
    assert "ARCHIVE_URL" not in env
    assert command[-3:] == ["crawl-due", "--sites", "detik"]
