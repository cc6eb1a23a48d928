"""The usual first mistakes end in one line and exit code 2, no traceback; an archive is
named by a URL or a plain file path."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from archive.urls import archive_url

BIN = Path(sys.executable).parent
EXIT_USAGE = 2


def run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A shell line run as typed, its program from this venv, no ARCHIVE_URL from outside."""
    args = shlex.split(line)
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_URL"}
    env["SCRAPY_SETTINGS_MODULE"] = "newscrawler.settings"
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


# -- one-line errors ----------------------------------------------------------------------------

NOT_A_URL = "expected an http(s) URL like https://www.example.com/"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "newscrawler extract missing.html",
            "newscrawler extract: cannot read missing.html: No such file or directory",
        ),
        (
            "newsarchive --db notes.txt stats",
            "Error: cannot open the archive at sqlite:///notes.txt: file is not a database",
        ),
        (
            "scrapy crawl generic -a url=notaurl",
            f"scrapy crawl generic: -a url='notaurl': {NOT_A_URL}",
        ),
        (
            "scrapy crawl generic",
            "scrapy crawl generic: give a start page (-a url=...), a feed or a sitemap",
        ),
        (
            "scrapy crawl generic -a url=https://www.example.com/ -a feed=/rss",
            f"scrapy crawl generic: -a feed='/rss': {NOT_A_URL}",
        ),
        (
            "scrapy crawl liputan6 -a date=yesterday",
            "scrapy crawl liputan6: -a date='yesterday': expected a date like 2019-11-24",
        ),
        (
            "scrapy crawl liputan6 -a start=2019-11-24 -a end=2019-11-01",
            "scrapy crawl liputan6: -a end=2019-11-01 is before -a start=2019-11-24",
        ),
        (
            "scrapy crawl liputan6 -a sources=feed",
            "scrapy crawl liputan6: -a sources='feed': unknown ['feed'];"
            " choose from feeds,sitemaps,listings",
        ),
        (
            "scrapy crawl liputan6 -a normalize=maybe",
            "scrapy crawl liputan6: -a normalize='maybe': expected 1 or 0",
        ),
        (
            "scrapy crawl generic -a configured=x",
            "scrapy crawl generic: -a configured: not an argument; use -a site=NAME",
        ),
        (
            "scrapy crawl liputan6 -a dat=2019-11-24",
            "scrapy crawl liputan6: -a dat: liputan6 takes no such argument;"
            " it takes date, end, normalize, sources, start, url",
        ),
    ],
)
def test_usual_mistakes_end_in_one_line_and_exit_2(tmp_path, line, message):
    (tmp_path / "notes.txt").write_text("shopping: rice, chillies\n")
    result = run(line, tmp_path)
    assert (result.returncode, result.stderr, result.stdout) == (EXIT_USAGE, message + "\n", "")
    assert not (tmp_path / "archive.sqlite3").exists()  # nothing started


# -- archive URLs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("demo.sqlite3", "sqlite:///demo.sqlite3"),
        ("/srv/news/archive.sqlite3", "sqlite:////srv/news/archive.sqlite3"),
        ("sqlite:///archive.sqlite3", "sqlite:///archive.sqlite3"),
        ("postgres://news@127.0.0.1/news", "postgresql+psycopg://news@127.0.0.1/news"),
        (
            "postgresql://news:pw@127.0.0.1:5432/news",
            "postgresql+psycopg://news:pw@127.0.0.1:5432/news",
        ),
        ("postgresql+psycopg://news@127.0.0.1/news", "postgresql+psycopg://news@127.0.0.1/news"),
    ],
)
def test_archive_url_reads_paths_and_postgres_urls(text, url):
    assert archive_url(text) == url


def test_archive_url_refuses_nothing():
    with pytest.raises(ValueError, match="empty archive URL"):
        archive_url("  ")
