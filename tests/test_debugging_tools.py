"""`scrapy parse` and `scrapy shell` on a page, as the docs show them, against the replay server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.demo.site import build_site
from newscrawler.operations.replay import serving
from tests.crawling import ROOT


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    root: Path = tmp_path_factory.mktemp("site")
    articles = build_site(root)
    with serving(root) as server:
        yield server, articles


def scrapy(*args: str) -> str:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


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
