"""The acceptance test in a real headless browser: Debian's chromium, driven by Playwright,
against ``newsarchive serve`` running as a subprocess on 127.0.0.1.

``make browser`` installs chromium (``make test`` runs it first). Without chromium the test
skips, unless NEWSCRAWLER_REQUIRE_SERVICES is set (CI), when it fails.
NEWSCRAWLER_SCREENSHOTS=1 also saves the search and diff pages to docs/img/ for the docs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, _missing

from .conftest import HOSTILE_TITLE, NEW_TITLE, build_archive

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "img"
ATOM = "{http://www.w3.org/2005/Atom}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``newsarchive serve`` on a small archive; its base URL."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    build_archive(url)
    port = _free_port()
    command = [str(Path(sys.executable).with_name("newsarchive")), "--db", url, "serve"]
    environment = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_AUTH"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=environment
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"newsarchive serve did not start: {(tmp_path / 'serve.log').read_text()}"
                    )
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def browser_page() -> Iterator[object]:
    if not CHROMIUM.exists():
        _missing(f"no browser at {CHROMIUM}: run `make browser`", "NEWSCRAWLER_REQUIRE_SERVICES")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing(
            "playwright is not installed (pip install -e '.[dev]')", "NEWSCRAWLER_REQUIRE_SERVICES"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            yield page
        finally:
            browser.close()


def _screenshot(page: object, name: str) -> None:
    if os.environ.get("NEWSCRAWLER_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)  # type: ignore[attr-defined]


def test_search_article_diff_changes_and_a_hostile_title(server: str, browser_page: object) -> None:
    from playwright.sync_api import Dialog, Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    # Search -> the article -> the diff of the edited sentence.
    page.goto(f"{server}/search")
    page.fill("input[name=q]", "harga beras")
    page.click("button[type=submit]")
    expect(page.locator(".hits .title")).to_have_text([NEW_TITLE])
    marks = page.locator(".snippet mark").all_inner_texts()
    assert "beras" in [mark.casefold() for mark in marks]
    _screenshot(page, "web-search.png")
    page.click(f".hits .title:has-text('{NEW_TITLE}')")
    expect(page.locator("h1")).to_have_text(NEW_TITLE)
    page.click("a[href$='diff?from=1&to=2']")
    expect(page.locator(".before .s.changed mark")).to_have_text("000")
    expect(page.locator(".after .s.changed mark")).to_have_text("500")
    expect(page.locator(".after .s.changed")).to_contain_text("Rp 14.500 per kilogram")
    _screenshot(page, "web-diff.png")

    # The changes page and its Atom feed list the edit.
    page.goto(f"{server}/changes?site=liputan6")
    expect(page.locator("table.changes tbody tr")).to_have_count(2)
    expect(page.locator("table.changes")).to_contain_text("body")
    with urllib.request.urlopen(f"{server}/changes.atom?site=liputan6") as answer:
        feed = ET.fromstring(answer.read())
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert f"{server}/articles/1/diff?from=1&to=2" in links

    # A <script> title is text: shown as typed, and nothing runs.
    page.goto(f"{server}/articles/2")
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    page.goto(f"{server}/search?q=Banjir")
    expect(page.locator(".hits .title")).to_have_text([HOSTILE_TITLE])
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert dialogs == []
