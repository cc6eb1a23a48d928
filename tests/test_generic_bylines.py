"""Who wrote it, on layouts nobody wrote rules for: names given in parts, author classes of
every spelling, names linked to their author's page, teasers' bylines above the headline,
metadata naming one writer of two, job titles after a name, and a site's desk account."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html
from scrapy.http import HtmlResponse

from newscrawler.extract import extract_raw, response_from_file
from newscrawler.extraction.byline import author_links, byline_elements, headline_first
from newscrawler.extraction.jsonld import people
from newscrawler.items import ArticleSnapshot
from newscrawler.normalize.article import to_snapshot
from newscrawler.normalize.authors import clean_people
from newscrawler.pages.base import ArticlePage
from newscrawler.sites import GENERIC

NOW = datetime(2026, 1, 1, tzinfo=UTC)
TEXT = "<p>" + "Der Rat stimmte am Dienstag nach monatelanger Debatte für die neue Straße. " * 3
TEXT += "</p>"


def _snapshot(head: str, body: str, url: str = "https://news.example/politik/a") -> ArticleSnapshot:
    markup = f"<html><head><title>Neue Straße</title>{head}</head><body>{body}{TEXT}</body></html>"
    page = ArticlePage(HtmlResponse(url=url, body=markup.encode(), encoding="utf-8"))
    return to_snapshot(page.to_item(), now=NOW)


def _ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_a_person_named_in_parts_is_named_whole() -> None:
    assert people([{"@type": "Person", "givenName": "Anna Giulia", "familyName": "Fink"}]) == [
        "Anna Giulia Fink"
    ]
    # A name wins over its parts; an organisation has no person's name at all.
    assert people({"@type": "Person", "name": "A B", "givenName": "C"}) == ["A B"]
    assert people({"@type": "Organization", "givenName": "X"}) == []
    snap = _snapshot(
        _ld(
            {
                "@type": "NewsArticle",
                "headline": "Neue Straße",
                "author": [
                    {"@type": "Person", "givenName": "Birgit", "familyName": "Baumann"},
                    {"@type": "Person", "givenName": "Jan Michael", "familyName": "Marchart"},
                ],
            }
        ),
        "<h1>Neue Straße</h1>",
    )
    assert snap.authors == ("Birgit Baumann", "Jan Michael Marchart")


@pytest.mark.parametrize(
    ("names", "byline"),
    [
        ("authorname", True),  # rbb24.de: "Von <span class="authorname">"
        ("author_name", True),
        ("article-title__author", True),  # thenation.com, BEM
        ("c-autor", True),
        ("post-authors", True),
        ("Author", True),
        ("comment-author", False),  # who wrote a comment
        ("author-bio", False),  # an author's box, not the byline
        ("authorship", False),
        ("author-twitter", False),
    ],
)
def test_author_class_spellings(names: str, byline: bool) -> None:
    root = html.fromstring(f"<div><span class='{names}'>Eva Kirchner</span></div>")
    named, _ = byline_elements(root)
    assert bool(named) is byline


def test_a_name_linked_to_its_author_page_is_the_byline_where_nothing_else_marks_it() -> None:
    # lto.de: the meta author is the outlet, the byline only a link under the headline.
    snap = _snapshot(
        '<meta name="author" content="LTO">',
        "<nav><a href='/autoren/name/eva-muster'>Eva Muster</a></nav>"
        "<h1>Neue Straße</h1><p>von <a href='/autoren/name/max-kolter'>Dr. Max Kolter</a></p>",
        url="https://www.lto.de/recht/a",
    )
    assert snap.authors == ("Dr. Max Kolter",)
    assert snap.provenance["authors"] == "markup:author-link"


def test_author_links_need_a_name_and_an_author_page() -> None:
    root = html.fromstring(
        "<div><a href='/autoren/'>Unsere Autoren</a>"  # the directory, no one's page
        "<a href='/author/jane-doe/'>Jane Doe</a>"
        "<a href='/authors/2024'>Archive 2024</a>"  # a digit: no name
        "<aside><a href='/author/joe-bloggs'>Joe Bloggs</a></aside>"  # a side column
        "<a href='/category/author-news'>Author News</a></div>"
    )
    texts = [el.text for el in author_links(root)]
    assert "Jane Doe" in texts
    assert "Unsere Autoren" not in texts
    assert "Archive 2024" not in texts
    assert "Joe Bloggs" not in texts
    assert "Author News" not in texts


def test_a_teasers_byline_above_the_headline_is_not_the_articles() -> None:
    # thenation.com prints a box of teasers, each with its author, before the article.
    snap = _snapshot(
        "",
        "<div class='collections'><h3>Other story</h3>"
        "<a class='collections__author' href='/authors/dan-s/'>Daniel Steinmetz</a></div>"
        "<h1>Neue Straße</h1>"
        "<div class='article-title__authors'><a class='article-title__author' "
        "href='/authors/john-nichols/'>John Nichols</a></div>",
    )
    assert snap.authors == ("John Nichols",)


def test_headline_first_keeps_page_order_without_a_headline() -> None:
    root = html.fromstring("<div><p>a</p><h1>H</h1><p>b</p></div>")
    a, h1, b = root
    assert headline_first([a, b], h1) == [b, a]
    assert headline_first([a, b], None) == [a, b]
    assert headline_first([b], h1) == [b]


def test_the_names_inside_a_byline_not_its_social_links_and_time() -> None:
    snap = _snapshot(
        "",
        "<h1>Neue Straße</h1><div class='byline'><h2 class='author_name'>By <a class='author'"
        " href='/authors/sarah-lazare/'>Sarah Lazare</a><a class='author-twitter' href='#'>"
        "Twitter</a></h2> Today 5:00 am</div>",
    )
    assert snap.authors == ("Sarah Lazare",)


def test_a_byline_naming_everyone_the_metadata_names_and_more_is_the_credit() -> None:
    # dagbladet.no: the JSON-LD and the meta author name the second of two writers.
    head = _ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Marlene Holm"}]})
    two = (
        "<h1>Neue Straße</h1><div class='byline'><span class='author'>Ingrid Treborg</span>"
        "<span class='author'>Marlene Holm</span></div>"
    )
    snap = _snapshot(head, two)
    assert snap.authors == ("Ingrid Treborg", "Marlene Holm")
    assert snap.provenance["authors"] == "markup:byline"
    # A byline that does not name the metadata's writer is another credit: left alone.
    other = "<h1>Neue Straße</h1><div class='byline'><span class='author'>Ingrid Treborg</span>"
    other += "<span class='author'>Ola Nordmann</span></div>"
    snap = _snapshot(head, other)
    assert snap.authors == ("Marlene Holm",)
    assert snap.provenance["authors"] == "json-ld"
    # One line that reads as several names is a name and a job title (aclu.org, theverge.com).
    titled = "<h1>Neue Straße</h1><div class='byline'>By Marlene Holm, Senior Technologist,"
    titled += " ACLU Speech, Privacy, and Technology Project</div>"
    snap = _snapshot(head, titled)
    assert snap.authors == ("Marlene Holm",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jon King , News Reporter", ["Jon King"]),  # express.co.uk
        ("Jane Doe, Chief Political Correspondent", ["Jane Doe"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Natasha Oktalia, Jurnalis", ["Natasha Oktalia"]),
        ("Ani Writer", ["Ani Writer"]),  # without a comma it may be a name
        ("Nachrichten", []),  # wochenblatt.cc's WordPress account: the word for news
        ("Sky News", []),
        ("Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC", ["Joe Wee"]),
        ("Ana Sunday", ["Ana Sunday"]),  # a day's name without a date after it stays
    ],
)
def test_job_titles_and_news_desks_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_people([raw]) == expected


def _fundus(benchmarks: Path, stem: str) -> tuple[str, bytes, dict]:
    folder = benchmarks / "fundus-dev"
    entry = next(e for e in json.loads((folder / "index.json").read_text()) if stem in e["html"])
    return entry["url"], gzip.decompress((folder / entry["html"]).read_bytes()), entry


@pytest.mark.shared
@pytest.mark.parametrize(
    "stem",
    [
        "DerStandard_2024_05_03",  # JSON-LD names in parts
        "LTO_2025_10_20",  # a link to the author's page; the meta names the outlet
        "RBB24_2024_04_25",  # class "authorname"
        "Dagbladet_2024_08_04",  # the metadata names one writer of two
        "TheNation_2024_01_11",  # a teaser's author above the headline
        "TheNation_2023_05_15",  # the byline holds a "Twitter" link and the time
        "Express_2024_07_18",  # a job title after the name
    ],
)
def test_real_pages_name_their_writers(shared_benchmarks: Path, stem: str) -> None:
    url, body, entry = _fundus(shared_benchmarks, stem)
    snapshot = extract_raw(response_from_file(body, url), fetched_at=NOW, site=GENERIC).snapshot
    assert snapshot is not None
    expected = {" ".join(a.split()).casefold() for a in entry["ground_truth"]["authors"]}
    assert {a.casefold() for a in snapshot.authors} == expected
