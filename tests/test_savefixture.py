"""`scrapy savefixture URL` saves a page and a case whose expected values the tests then check."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from newscrawler.demo.site import build_site
from newscrawler.fixtures import extract_case, load_cases, summary
from newscrawler.operations.replay import serving
from tests.crawling import ROOT


def test_savefixture_writes_page_and_case(tmp_path):
    site_root = tmp_path / "site"
    articles = build_site(site_root)
    fixtures = tmp_path / "fixtures"
    with serving(site_root) as server:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "savefixture",
                "--root",
                str(fixtures),
                "--name",
                "apjii",
                "-s",
                f"NEWSCRAWLER_REPLAY_URL={server.url}",
                articles[2].url,
            ],
            cwd=ROOT,
            env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    page = fixtures / "liputan6" / "apjii.html"
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")
    data = json.loads((fixtures / "liputan6" / "apjii.json").read_text())
    assert data["url"] == articles[2].url
    assert data["page"] == "apjii.html"
    assert data["expected"]["title"] == "Pengguna Internet Indonesia Tembus 171 Juta Jiwa"
    assert data["expected"]["authors"] == ["Agustinus Mario Damar"]
    # The saved case is a valid case: loading and re-extracting gives the same values.
    (case,) = load_cases(fixtures)
    assert summary(extract_case(case, tmp_path)) == data["expected"]
    # Saving a fixture writes to no archive: the archive pipeline never opened.
    assert "archiving to" not in result.stderr


def test_savefixture_refuses_urls_of_no_known_site():
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "savefixture", "https://example.org/news/1"],
        cwd=ROOT,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no site spider covers https://example.org/news/1" in result.stderr
