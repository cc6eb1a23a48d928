"""Every site against its fixtures: written pages and the real pages in ../shared.

Cases live in tests/fixtures/sites/<site>/*.json (format: newscrawler/fixtures.py). After a
deliberate change in output, run `newscrawler fixtures regenerate` and review the git diff.
"""

from __future__ import annotations

import os

import pytest

from newscrawler.fixtures import actual as actual_output
from newscrawler.fixtures import extract_case, load_cases, summary
from newscrawler.sites import known_sites, site_for_url
from tests.conftest import FIXTURES, SHARED_PAGES

SITES = FIXTURES / "sites"
CASES = load_cases(SITES)


def _params(kind: str) -> list:
    marks = [pytest.mark.shared]
    return [
        pytest.param(case, id=case.name, marks=marks if case.is_shared else [])
        for case in CASES
        if (case.kind == "article") == (kind == "article")
    ]


def _require_page(case) -> None:
    if case.is_shared and not (SHARED_PAGES / case.data["shared"]).exists():
        reason = f"real page {case.data['shared']} is not available"
        if os.environ.get("NEWSCRAWLER_REQUIRE_SHARED"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.parametrize("case", _params("article"))
def test_article_fixture(case):
    _require_page(case)
    extracted = extract_case(case, SHARED_PAGES)
    assert summary(extracted) == case.data["expected"]
    for text in case.data.get("must_not_contain", []):
        assert text not in extracted["body"]


@pytest.mark.parametrize("case", _params("discovery"))
def test_discovery_fixture(case):
    _require_page(case)
    got = actual_output(case, SHARED_PAGES)
    assert got == case.data["expected"]
    assert got["article_urls"], "a feed or listing case must find articles"
    assert len(got["article_urls"]) == len(set(got["article_urls"]))


def test_every_site_has_a_written_fixture():
    """A site without a page written in its current markup is not checked: fail loudly."""
    written = {case.site for case in CASES if case.kind == "article" and not case.is_shared}
    missing = [site.name for site in known_sites() if site.name not in written]
    assert not missing, f"sites without a fixture in tests/fixtures/sites/: {missing}"


def test_fixture_folders_are_sites():
    names = {site.name for site in known_sites()}
    assert {case.site for case in CASES} <= names


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "article"], ids=lambda c: c.name)
def test_extract_picks_the_sites_page_object_by_url(case):
    """`newscrawler extract --url` chooses a site's page from the URL alone."""
    assert site_for_url(case.data["url"]).name == case.site


def test_extract_falls_back_to_the_generic_page():
    assert site_for_url("https://www.theguardian.com/world/2024/aug/14/x").name == "generic"


# Real pages with no case, and why. Everything else SOURCES.md lists as an article, feed or
# listing must have one.
NOT_A_CASE = {
    # The same home page as gotrending80_cnnindonesia-home_test.unescaped.html, stored as a
    # JSON-escaped string (href=\"https:\/\/...\"): not what the site served.
    "cnnindonesia/gotrending80_cnnindonesia-home_test.html",
}


@pytest.mark.shared
def test_every_real_page_has_a_case(shared_pages):
    sources = shared_pages / "SOURCES.md"
    listed = {}
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 3 and "/" in cells[1] and cells[3] in ("article", "rss", "listing"):
            listed[cells[1]] = cells[3]
    covered = {case.data["shared"] for case in CASES if case.is_shared}
    missing = sorted(set(listed) - covered - NOT_A_CASE)
    assert len(listed) > 60
    assert not missing, f"real pages without a fixture case: {missing}"
