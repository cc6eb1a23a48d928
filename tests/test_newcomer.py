"""What a newcomer types first, run as they type it: the demo and the lines it prints, the
README's debugging line, and what a crawl's log says."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.demo.run import PRACTICE_PORT
from newscrawler.demo.site import build_site, load_articles, render_article
from newscrawler.operations.replay import serving
from tests.crawling import ROOT, scrapy_crawl

BIN = Path(sys.executable).parent
EXIT_USAGE = 2


def command(line: str) -> list[str]:
    """A shell line as arguments (a trailing comment dropped), its program from this venv."""
    args = shlex.split(line, comments=True)
    return [str(BIN / args[0]), *args[1:]]


def run(line: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # No ARCHIVE_URL from the caller's shell: the line names its archive, or uses the default.
    environment = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"} | env
    return subprocess.run(
        command(line),
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """`newscrawler demo --keep DIR`, run once in an empty folder."""
    folder: Path = tmp_path_factory.mktemp("demo")
    site = folder / "demo-site"
    result = run(f"newscrawler demo --keep {site}", folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder, site, result


def shown_commands(output: str) -> list[str]:
    return [line[2:] for line in output.splitlines() if line.startswith("$ ")]


# -- the demo -----------------------------------------------------------------------------------


def test_demo_ends_with_the_edited_articles_history_and_diff(demo):
    _folder, _site, result = demo
    shown = shown_commands(result.stdout)
    assert [c.split()[:2] for c in shown] == [
        ["scrapy", "crawl"],
        ["newsarchive", "--db"],
        ["newsarchive", "--db"],
        ["scrapy", "crawl"],
        ["newsarchive", "--db"],
        ["newsarchive", "--db"],
    ]
    history, diff = shown[-2:]
    assert re.fullmatch(r"newsarchive --db demo\.sqlite3 history \d+", history)
    assert diff == history.replace(" history ", " diff ")
    after_history = result.stdout.split(f"$ {history}", 1)[1]
    assert "revised" in after_history
    assert "Rp 51.000" in after_history.split(f"$ {diff}", 1)[1]
    # The two crawls' summary lines, and nothing else of the crawls' logs.
    assert result.stderr.splitlines() == [
        "crawl liputan6 (run 1): 4 new, 1 dropped (no article text found), 0 errors",
        "crawl liputan6 (run 2): 1 revised, 3 unchanged, 1 dropped (no article text found),"
        " 0 errors",
    ]


def test_the_commands_the_demo_shows_work_as_typed(demo):
    folder, _site, result = demo
    history, diff = shown_commands(result.stdout)[-2:]
    for line in (history, diff):
        typed = run(line, folder)
        assert typed.returncode == 0, typed.stderr
        assert typed.stdout.strip()
    assert "Rp 51.000" in run(diff, folder).stdout
    # A file path works in ARCHIVE_URL too.
    assert run("newsarchive stats", folder, ARCHIVE_URL="demo.sqlite3").returncode == 0


def test_demo_refuses_to_overwrite_an_archive(demo):
    folder, _site, _result = demo
    again = run("newscrawler demo", folder)
    assert again.returncode == EXIT_USAGE
    assert again.stderr == (
        "newscrawler demo: demo.sqlite3 exists already (an earlier demo?): remove it or give"
        " --db another file\n"
    )


def test_the_kept_site_serves_and_the_printed_debugging_lines_work(demo):
    _folder, site, result = demo
    tail = result.stdout.split(f"The demo site is kept in {site}.", 1)[1]
    lines = [line.strip() for line in tail.splitlines()[1:] if line.strip()]
    assert lines[0] == f"newscrawler replay {site} --port {PRACTICE_PORT} &"
    assert lines[1].startswith("scrapy shell ")
    assert lines[2].startswith("scrapy parse ")
    # The lines as printed, on a port free here (the printed one may be taken on this machine).
    port = free_port()
    lines = [line.replace(f":{PRACTICE_PORT}", f":{port}") for line in lines]
    replay_line = lines[0].removesuffix("&").replace(f"--port {PRACTICE_PORT}", f"--port {port}")
    replay = subprocess.Popen(command(replay_line), stderr=subprocess.PIPE, text=True)
    try:
        assert replay.stderr is not None
        assert replay.stderr.readline().startswith(f"replaying {site} at http://127.0.0.1:{port}")
        for line in lines[1:]:
            debugging = run(line, ROOT)
            assert debugging.returncode == 0, debugging.stderr[-3000:]
            assert "Rp 51.000" in debugging.stdout
    finally:
        replay.terminate()
        replay.wait(timeout=30)


# -- README -------------------------------------------------------------------------------------


def readme_lines(prefix: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith(prefix)]


def test_readme_shell_one_liner_runs_as_shown(tmp_path):
    lines = [line for line in readme_lines("scrapy shell ") if " -c " in line]
    assert lines, "README shows no one-line scrapy shell"
    _day, articles = load_articles()
    (tmp_path / "saved-page.html").write_text(render_article(articles[0]), encoding="utf-8")
    for line in lines:
        result = run(line, tmp_path, SCRAPY_SETTINGS_MODULE="newscrawler.settings")
        assert result.returncode == 0, result.stderr[-3000:]
        assert "'title': 'Tingkat Mutu dan Produktivitas, Kemnaker Ajak ASN" in result.stdout
        assert "'published_at': '2019-11-24T13:46:00+07:00'" in result.stdout


# -- a crawl's log ------------------------------------------------------------------------------


def test_a_crawl_at_info_logs_no_library_noise_and_no_warnings(tmp_path):
    root = tmp_path / "site"
    build_site(root)
    with serving(root) as server:
        db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
        result = scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    assert "] INFO: Spider opened" in result.stderr  # the log is at INFO
    assert "alembic" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "WARNING" in line] == []
