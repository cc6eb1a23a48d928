"""`scrapy parse` and `scrapy shell` on a page, as the docs show them, against the replay server;
and neither touches an archive the user did not name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.demo.site import build_site
from newscrawler.operations.replay import serving
from tests.crawling import ROOT, counts


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("site")
    articles = build_site(root)
    with serving(root) as server:
        yield server, articles


def run_scrapy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``scrapy ARGS`` as a user runs it in ``cwd``: the project's settings, no archive
    named in the environment. It must exit 0."""
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"}
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawler.settings"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def scrapy(*args: str) -> str:
    return run_scrapy(*args).stdout


def test_scrapy_parse_shows_the_normalized_item(replay):
    server, articles = replay
    out = scrapy(
        "parse",
        "--spider",
        "liputan6",
        "-c",
        "parse_article",
        "-a",
        "normalize=1",
        "-s",
        f"NEWSCRAWLER_REPLAY_URL={server.url}",
        "--nolog",
        articles[2].url,
    )
    assert "'snapshot'" in out
    assert "'authors': ('Agustinus Mario Damar',)" in out
    assert "Pengguna Internet Indonesia Tembus 171 Juta Jiwa" in out


def test_scrapy_shell_one_liner_extracts_the_article(replay):
    server, articles = replay
    out = scrapy(
        "shell",
        "-s",
        f"NEWSCRAWLER_REPLAY_URL={server.url}",
        "--nolog",
        "-c",
        "__import__('newscrawler.extract').extract.extract(response)['published_at']",
        articles[0].url,
    )
    assert out.strip() == "2019-11-24T13:46:00+07:00"


def test_shell_and_parse_record_nothing_unless_an_archive_is_named(replay, tmp_path):
    server, articles = replay
    replay_setting = f"NEWSCRAWLER_REPLAY_URL={server.url}"
    shell = run_scrapy(
        "shell", "-s", replay_setting, "-c", "response.status", articles[0].url, cwd=tmp_path
    )
    assert shell.stdout.strip() == "200"
    parse = run_scrapy(
        "parse", "--spider", "liputan6", "-c", "parse_article", "--pipelines",
        "-s", replay_setting, articles[1].url, cwd=tmp_path,
    )  # fmt: skip
    for result in (shell, parse):
        assert "nothing is archived" in result.stderr
    # The project's default archive, relative to where the command ran, was never created.
    assert not list(tmp_path.glob("*.sqlite3*"))

    named = f"sqlite:///{tmp_path / 'debug.sqlite3'}"
    parse = run_scrapy(
        "parse", "--spider", "liputan6", "-c", "parse_article", "--pipelines",
        "-s", replay_setting, "-s", f"ARCHIVE_URL={named}", articles[1].url, cwd=tmp_path,
    )  # fmt: skip
    assert "nothing is archived" not in parse.stderr
    assert counts(named)["articles"] == 1
