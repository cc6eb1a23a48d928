"""Debugging a page never touches an archive the user did not name: ``scrapy shell`` and
``scrapy parse`` against the replay server leave no archive file and no run behind, and
write to the archive only when one is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.demo.site import build_site
from newscrawler.operations.replay import serving
from tests.crawling import counts


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("site")
    articles = build_site(root)
    with serving(root) as server:
        yield server, articles


def scrapy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
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


def test_shell_and_parse_record_nothing_unless_an_archive_is_named(replay, tmp_path):
    server, articles = replay
    replay_setting = f"NEWSCRAWLER_REPLAY_URL={server.url}"
    shell = scrapy(
        tmp_path, "shell", "-s", replay_setting, "-c", "response.status", articles[0].url
    )
    assert shell.stdout.strip() == "200"
    parse = scrapy(
        tmp_path, "parse", "--spider", "liputan6", "-c", "parse_article", "--pipelines",
        "-s", replay_setting, articles[1].url,
    )  # fmt: skip
    for result in (shell, parse):
        assert "nothing is archived" in result.stderr
    # The project's default archive, relative to where the command ran, was never created.
    assert not list(tmp_path.glob("*.sqlite3*"))

    named = f"sqlite:///{tmp_path / 'debug.sqlite3'}"
    parse = scrapy(
        tmp_path, "parse", "--spider", "liputan6", "-c", "parse_article", "--pipelines",
        "-s", replay_setting, "-s", f"ARCHIVE_URL={named}", articles[1].url,
    )  # fmt: skip
    assert "nothing is archived" not in parse.stderr
    assert counts(named)["articles"] == 1
