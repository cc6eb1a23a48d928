"""Hostile servers: nothing lost, nothing leaked.

Real ``scrapy crawl liputan6`` runs against the demo site on 127.0.0.1, where some article
URLs answer as a hostile or overloaded server would: a gzip bomb, a page over the size cap,
503 and 429 with ``Retry-After``. And an archive URL with a password, which no log shows.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy.engine import make_url

from newscrawler import settings
from newscrawler.demo.site import HOST, DemoArticle, build_site
from newscrawler.middlewares import retry_after_seconds
from newscrawler.operations.replay import (
    ReplayHandler,
    ReplayServer,
    crawl_environment,
    replay_crawl_command,
)
from tests.crawling import ROOT, counts, fetch_outcomes, last_run_stats, scrapy_crawl

MiB = 1024 * 1024
HTML = "text/html; charset=utf-8"


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class HostileHandler(ReplayHandler):
    server: HostileServer

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        self.server.seen.append((path, time.monotonic()))
        # A path with its query ("/x?page=2") first: one page of a paginated article.
        queue = self.server.answers.get(self.path) or self.server.answers.get(path)
        if queue:
            answer = queue.pop(0)
            self._send(answer.status, answer.body, answer.headers, send_body)
            return
        super()._serve(send_body)


class HostileServer(ReplayServer):
    """The replay server, but a path listed in ``answers`` gets those answers first, in order;
    ``seen`` holds every request's path and arrival time."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.RequestHandlerClass = HostileHandler
        self.answers: dict[str, list[Answer]] = {}
        self.seen: list[tuple[str, float]] = []

    def times(self, article: DemoArticle) -> list[float]:
        return [at for path, at in self.seen if path == served_path(article)]


def served_path(article: DemoArticle) -> str:
    return f"/{HOST}{article.path}"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[list[DemoArticle], HostileServer]]:
    articles = build_site(tmp_path / "site")
    server = HostileServer(tmp_path / "site")
    thread = threading.Thread(target=server.serve_forever, name="hostile", daemon=True)
    thread.start()
    try:
        yield articles, server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def crawl_peak_memory(command: list[str], stats_file: Path, timeout: float = 120) -> float:
    """Run a crawl process (given ``stats_file`` through ``with_peak_memory``); its own
    peak resident memory in MiB, as it read ``VmHWM`` when it closed.

    Not ``wait4``'s ``ru_maxrss``: Linux carries the high-water mark across ``exec``, so a
    crawl started from a large test process reports the test process's size.
    """
    process = subprocess.run(
        command,
        cwd=ROOT,
        env=crawl_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert process.returncode == 0, process.stderr[-4000:]
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return float(stats["bench/peak_rss_kb"]) / 1024


def with_peak_memory(stats_file: Path) -> dict[str, str]:
    """Settings that make a crawl write its stats and its peak memory to ``stats_file``
    when it closes (the benchmarks' extension, ``bench.crawl.StatsFile``)."""
    return {
        "EXTENSIONS": json.dumps({**settings.EXTENSIONS, "bench.crawl.StatsFile": 0}),
        "BENCH_STATS_FILE": str(stats_file),
    }


# -- size caps -------------------------------------------------------------------------------


def test_downloads_are_capped_well_below_scrapys_gigabyte() -> None:
    # News pages are 100-500 KB; Scrapy's own cap (1 GiB) let a gzip bomb fill memory.
    caps = (settings.DOWNLOAD_MAXSIZE, settings.DOWNLOAD_WARNSIZE)
    assert caps == (16_777_216, 4_194_304)  # 16 MiB, 4 MiB


def test_a_gzip_bomb_and_a_huge_page_are_cancelled_recorded_and_the_crawl_goes_on(
    site, tmp_path: Path
) -> None:
    articles, server = site
    bomb = gzip.compress(bytes(50 * MiB), 9)  # about 50 KB on the wire
    assert len(bomb) < 100_000
    server.answers[served_path(articles[0])] = [
        Answer(200, bomb, {"Content-Type": HTML, "Content-Encoding": "gzip"})
    ]
    server.answers[served_path(articles[1])] = [
        Answer(200, b"<html><body>" + b"x" * (2 * MiB), {"Content-Type": HTML})
    ]
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    stats_file = tmp_path / "stats.json"
    command = replay_crawl_command(
        "liputan6",
        server.url,
        db,
        "-a",
        "date=2019-11-24",
        settings={"DOWNLOAD_MAXSIZE": str(MiB), **with_peak_memory(stats_file)},
    )

    peak = crawl_peak_memory(command, stats_file)

    # The bomb inflated in full took a crawl of these four articles past 600 MB; capped at
    # 1 MiB the crawl stays near its usual size (about 120 MB).
    assert peak < 350, f"peak memory {peak:.0f} MiB"
    assert counts(db)["articles"] == 2
    outcomes = {url: (outcome, reason) for url, outcome, reason in fetch_outcomes(db)}
    outcome, reason = outcomes[articles[0].url]
    assert outcome == "failed"
    assert reason is not None
    assert reason.startswith("too large: over DOWNLOAD_MAXSIZE (1,048,576 bytes); ")
    assert "decompress" in reason
    outcome, reason = outcomes[articles[1].url]
    assert outcome == "failed"
    assert reason is not None
    assert reason.startswith("too large: over DOWNLOAD_MAXSIZE (1,048,576 bytes); ")
    assert last_run_stats(db)["newscrawler/errors/too_large"] == 2


# -- Retry-After -----------------------------------------------------------------------------

NOW = datetime(2024, 8, 14, 7, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (b"5", 5.0),
        (" 120 ", 120.0),
        (b"Wed, 14 Aug 2024 07:00:30 GMT", 30.0),
        (b"Wed, 14 Aug 2024 06:59:00 GMT", 0.0),  # already past: now
        (b"Wednesday, 14-Aug-24 07:01:00 GMT", 60.0),  # RFC 850, still allowed
        (b"-5", None),
        (b"1.5", None),
        (b"soon", None),
        (b"", None),
        (None, None),
    ],
)
def test_retry_after_seconds(header: bytes | str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds


def test_retry_after_is_honoured_on_503_and_429_up_to_the_cap(site, tmp_path: Path) -> None:
    articles, server = site
    busy = b"<html><body>Busy</body></html>"
    server.answers[served_path(articles[0])] = [Answer(503, busy, {"Retry-After": "2"})]
    server.answers[served_path(articles[1])] = [Answer(429, busy, {"Retry-After": "3600"})]
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"

    scrapy_crawl(
        "liputan6",
        server.url,
        db,
        "-a",
        "date=2019-11-24",
        "-s",
        "NEWSCRAWLER_RETRY_AFTER_MAX=3",
    )

    # Measured on the server: without Retry-After the retry came at once (no download delay
    # here), and on a real site after about 1.5 s when the server asked for 5.
    first, retry = server.times(articles[0])
    assert retry - first >= 1.9
    # 429 is retried when the server says when, but never later than the cap (3 s here).
    first, retry = server.times(articles[1])
    assert 2.9 <= retry - first < 60
    assert counts(db)["articles"] == 4
    stats = last_run_stats(db)
    assert stats["newscrawler/retry_after/waits"] == 2
    assert "newscrawler/http/503" not in stats


# -- secrets ---------------------------------------------------------------------------------


def test_the_archive_password_never_reaches_the_crawl_log(site, postgres_database: str) -> None:
    articles, server = site
    # The local server trusts loopback connections, so the password is carried but not needed.
    password = "s3cret-Pa55word"
    url = make_url(postgres_database).set(password=password)
    db = url.render_as_string(hide_password=False)

    result = scrapy_crawl("liputan6", server.url, db, "-a", f"url={articles[0].url}")

    assert counts(db)["articles"] == 1
    assert password not in result.stdout + result.stderr
    assert f"archiving to {url.render_as_string(hide_password=True)} (run" in result.stderr
    assert ":***@" in result.stderr


# -- redirects -------------------------------------------------------------------------------


def test_redirect_loops_and_redirects_off_the_site_are_recorded_visits(
    site, tmp_path: Path
) -> None:
    # Scrapy drops these silently (the duplicate filter takes the loop's second visit, the
    # offsite filter the other host); the fetch log must still show each, with why.
    articles, server = site
    to_itself, looping, off_site, refreshed = articles
    hop = f"{looping.url}-amp"

    def redirect(status: int, location: str) -> list[Answer]:
        return [Answer(status, b"", {"Location": location})] * 3

    server.answers[served_path(to_itself)] = redirect(301, to_itself.url)
    server.answers[served_path(looping)] = redirect(302, hop)
    server.answers[f"{served_path(looping)}-amp"] = redirect(301, looping.url)
    # Another host: under replay it would be fetched from 127.0.0.1 too, and followed there.
    server.answers[served_path(off_site)] = redirect(301, "https://elsewhere.example.net/a")
    refresh = (
        b'<html><head><meta http-equiv="refresh" content="0; url=http://127.0.0.2/b"></head></html>'
    )
    server.answers[served_path(refreshed)] = [Answer(200, refresh, {"Content-Type": HTML})] * 3
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"

    # Every article redirects away: nothing stored, so the crawl says it had a problem.
    result = scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24", exit_code=3)
    assert "every page fetched failed or was blocked" in result.stderr

    outcomes = {url: (outcome, reason) for url, outcome, reason in fetch_outcomes(db)}
    assert outcomes[to_itself.url] == (
        "failed",
        f"redirect loop: {to_itself.url} -> {to_itself.url}",
    )
    assert outcomes[looping.url] == (
        "failed",
        f"redirect loop: {looping.url} -> {hop} -> {looping.url}",
    )
    assert outcomes[off_site.url] == ("dropped", "redirected off-site to elsewhere.example.net")
    assert outcomes[refreshed.url] == ("dropped", "redirected off-site to 127.0.0.2")
    assert counts(db)["articles"] == 0
    stats = last_run_stats(db)
    assert stats["newscrawler/redirect/loop"] == 2
    assert stats["newscrawler/redirect/offsite"] == 2
    # Nothing was asked of the other hosts: the replay server saw no path of theirs.
    assert not [path for path, _ in server.seen if "elsewhere" in path or "127.0.0.2" in path]
