"""The generic page's headline cascade on small pages built like real ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.http import HtmlResponse

from newscrawler.normalize.article import to_snapshot
from newscrawler.pages.base import ArticlePage
from newscrawler.pages.candidates import headline_in_title

BODY = (
    "<p>" + "The council voted on Tuesday to widen the road, after months of debate. " * 3 + "</p>"
)


def _title(head: str, body: str) -> str:
    markup = f"<html><head>{head}</head><body>{body}{BODY}</body></html>"
    page = ArticlePage(HtmlResponse(url="https://news.example/a", body=markup.encode()))
    return to_snapshot(page.to_item(), now=datetime(2024, 1, 1, tzinfo=UTC)).title


def test_an_h1_the_title_repeats_is_the_headline():
    assert _title(
        "<title>Road to be widened | Town Crier</title>", "<h1>Road to be widened</h1>"
    ) == ("Road to be widened")


def test_an_h1_naming_the_site_yields_to_the_title():
    # A blog's header <h1> is its owner's greeting; the <title> names the post.
    assert (
        _title(
            "<title>Get your Frontend JavaScript Code Covered | Code</title>",
            "<header><h1>Hi, I'm Nicolas.</h1></header>",
        )
        == "Get your Frontend JavaScript Code Covered | Code"
    )


def test_a_second_h1_that_agrees_with_the_title_is_taken():
    assert (
        _title(
            "<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>",
            "<h1>Allergies Health Center</h1>"
            "<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1>",
        )
        == "Babies Who Eat Peanuts Early May Avoid Allergy"
    )


def test_without_a_title_element_the_h1_is_taken():
    assert _title("", "<h1>Road to be widened</h1>") == "Road to be widened"


def test_parsely_and_dublin_core_titles_come_before_markup():
    assert _title(
        '<title>x</title><meta name="parsely-title" content="Some Other Title">', "<h1>x</h1>"
    ) == ("Some Other Title")
    assert _title(
        '<title>draft-04 - remoteStorage</title><meta name="DC.Title" content="remoteStorage">', ""
    ) == ("remoteStorage")


def test_og_title_still_comes_first():
    assert _title(
        '<meta property="og:title" content="Road to be widened"><title>Home</title>',
        "<h1>Menu</h1>",
    ) == ("Road to be widened")


@pytest.mark.parametrize(
    ("headline", "title", "expected"),
    [
        ("Road to be widened", "Road to be widened - Town Crier", True),
        ("Road to be widened", "Town Crier | Road to be widened", True),
        ("Mozilla", "Mozilla - Wikipedia", False),
        ("Lorem", "Basic tag cleaning test", False),
        ("", "Anything", False),
    ],
)
def test_headline_in_title(headline, title, expected):
    assert headline_in_title(headline, title) is expected
