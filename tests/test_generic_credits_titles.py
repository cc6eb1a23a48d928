"""Credits and titles seen on pages of publishers without a page object: "by" and "and" in
more languages, a CMS's slug, an outlet and its town, the host's own name (in credits and as
a title's branding), and a story credited to a news agency alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawler.items import Found, RawArticle
from newscrawler.normalize.article import host_name, to_snapshot
from newscrawler.normalize.authors import clean_people, wire_credits

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Von Birgit Baumann", ["Birgit Baumann"]),  # Der Standard, Tageblatt: German "by"
        ("Av Ola Nordmann", ["Ola Nordmann"]),  # Norwegian
        # Sermitsiaq: Danish "og" (and).
        (
            "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen",
            ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"],
        ),
        ("Ana Pérez y Luis García", ["Ana Pérez", "Luis García"]),  # Spanish "y"
        ("chuck-ross", []),  # Free Beacon's JSON-LD author is the CMS's user slug
        ("hessenschau.de, Frankfurt, Germany", []),  # the outlet and its town
        ("Von Dan Goodin", ["Dan Goodin"]),
    ],
)
def test_credits(raw: str, expected: list[str]) -> None:
    assert clean_people([raw]) == expected


def test_the_hosts_own_name_is_the_outlet() -> None:
    assert host_name("https://e.vnexpress.net/news/x") == "vnexpress"
    assert host_name("https://www.lto.de/recht/x") == "lto"
    assert host_name("https://www.kabarpesisir.co.id/a") == "kabarpesisir"
    assert clean_people(["VnExpress"], outlets=[host_name("https://e.vnexpress.net/x")]) == []


def test_wire_credits_as_written_and_never_the_outlets_own() -> None:
    assert wire_credits(["Associated Press"]) == ["Associated Press"]
    assert wire_credits(["Von dpa"]) == ["dpa"]
    assert wire_credits(["Agence France-Presse, AFP"]) == ["Agence France-Presse"]
    assert wire_credits(["ANTARA"], outlets=["ANTARA"]) == []
    assert wire_credits(["Nachrichten"]) == []


def _raw(authors: list[Found], url: str = "https://apnews.com/article/x") -> RawArticle:
    return RawArticle(
        url=url,
        site="generic",
        title=[Found("Campaigns brace for a sprint", "json-ld")],
        authors=authors,
        body=["LA CROSSE, Wis. (AP) — After a summer of tumult, the path is set."],
    )


def test_a_story_credited_to_a_wire_alone_is_the_wires() -> None:
    snapshot = to_snapshot(_raw([Found("Associated Press", "json-ld")]), now=FETCHED)
    assert snapshot.authors == ("Associated Press",)
    assert snapshot.provenance["authors"] == "json-ld:wire"


def test_a_person_beats_a_wire_in_an_earlier_source() -> None:
    # The wire credit comes first but names no person: the byline's reporter is the author.
    snapshot = to_snapshot(
        _raw([Found("AFP", "meta:author"), Found("By Jane Doe", "markup:byline")]), now=FETCHED
    )
    assert snapshot.authors == ("Jane Doe",)


def test_a_title_branded_with_the_hosts_name_and_country_domain_loses_it() -> None:
    # Golem's JSON-LD headline ends in " - Golem.de"; the page names no og:site_name.
    raw = _raw([], url="https://www.golem.de/news/lte-patent-2404-184512.html")
    raw.title = [Found("LTE-Patent: Samsung soll Smartphones zerstören - Golem.de", "json-ld")]
    assert to_snapshot(raw, now=FETCHED).title == "LTE-Patent: Samsung soll Smartphones zerstören"
    # Another host's name stays: it is part of the headline, not this page's branding.
    raw.title = [Found("Warum Node.js - Deno.land", "json-ld")]
    assert to_snapshot(raw, now=FETCHED).title == "Warum Node.js - Deno.land"


def test_the_person_the_page_labels_editor_is_not_the_author_when_a_byline_names_another():
    from scrapy.http import HtmlResponse

    from newscrawler.pages.base import ArticlePage

    page = ArticlePage(
        HtmlResponse(
            url="https://www.example-portal.com/read/1/x",
            encoding="utf-8",
            body=(
                "<html><head><title>Harga beras naik</title><script type='application/ld+json'>"
                '{"@type": "NewsArticle", "headline": "Harga beras naik", '
                '"author": {"@type": "Person", "name": "Ani Wijaya"}}</script></head><body>'
                "<h1>Harga beras naik</h1><div class='byline'>Oleh Budi Santoso</div>"
                "<span>Editor: Ani Wijaya</span><div class='text'>"
                + "<p>Harga beras medium di pasar tradisional naik lagi pekan ini, kata para"
                " pedagang yang mengeluhkan pasokan dari daerah sentra produksi.</p>"
                * 3
                + "</div></body></html>"
            ).encode(),
        )
    )
    snapshot = to_snapshot(page.to_item(), now=FETCHED)
    assert snapshot.editors == ("Ani Wijaya",)
    assert snapshot.authors == ("Budi Santoso",)


def test_an_editor_who_is_also_the_only_named_writer_stays_the_author():
    raw = _raw([Found("Gilar Ramdhani", "byline")], url="https://www.liputan6.com/read/1/x")
    raw.editors = [Found("Gilar Ramdhani", "json-ld:keywords")]
    snapshot = to_snapshot(raw, now=FETCHED)
    assert snapshot.authors == ("Gilar Ramdhani",)
    assert snapshot.editors == ("Gilar Ramdhani",)


def test_the_outlet_written_with_spaces_is_the_outlet_of_its_hyphenated_host():
    # Stuttgarter Zeitung's author meta names the paper; its microdata names the wire.
    raw = _raw(
        [Found("Stuttgarter Zeitung", "meta:author"), Found("dpa", "markup:itemprop")],
        url="https://www.stuttgarter-zeitung.de/inhalt.x.html",
    )
    assert to_snapshot(raw, now=FETCHED).authors == ("dpa",)


def test_a_labelled_credit_line_names_the_writer_on_a_layout_without_byline_classes():
    from scrapy.http import HtmlResponse

    from newscrawler.pages.base import ArticlePage

    page = ArticlePage(
        HtmlResponse(
            url="https://www.example-daerah.com/berita/1/x",
            encoding="utf-8",
            body=(
                "<html><head><title>Banjir rob</title></head><body><h1>Banjir rob</h1>"
                "<div class='info'><span>Reporter : Dedi Kurniawan | Editor : Citra</span></div>"
                + "<p>Banjir rob kembali merendam permukiman warga di pesisir utara sejak pagi,"
                " kata petugas yang mendata rumah-rumah terdampak.</p>" * 3 + "</body></html>"
            ).encode(),
        )
    )
    snapshot = to_snapshot(page.to_item(), now=FETCHED)
    assert snapshot.authors == ("Dedi Kurniawan",)
    assert snapshot.provenance["authors"] == "markup:author-label"
