"""Every page and feed of ``newsarchive serve`` on a real archive, once per backend."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from archive.web.sitestats import site_figures

from .conftest import NEW_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"


def test_search_lists_hits_with_highlighted_snippets_and_pages(client: TestClient) -> None:
    page = client.get("/search", params={"q": "beras", "site": "liputan6"})
    assert page.status_code == 200
    assert NEW_TITLE in page.text
    assert "<mark>beras</mark>" in page.text
    assert (
        client.get("/search", params={"q": "beras", "site": "detik"}).text.count('class="title"')
        == 0
    )
    second = client.get("/search", params={"q": "beras", "size": 1, "page": 2})
    assert second.status_code == 200
    assert NEW_TITLE not in second.text.split("<ol")[1]


def test_search_filters_by_changed_since(client: TestClient) -> None:
    edited = client.get("/search", params={"q": "Jakarta", "changed_since": "2024-08-14T11:00"})
    assert NEW_TITLE in edited.text
    assert "Banjir" not in edited.text.split("<ol")[1]  # never edited


def test_article_page_shows_fields_urls_timeline_visits(client: TestClient) -> None:
    page = client.get("/articles/1")
    assert page.status_code == 200
    text = page.text
    assert NEW_TITLE in text
    assert "https://liputan6.com/read/5670001/harga-beras-naik" in text
    assert "5670001" in text  # the publisher's id
    assert "2024-08-14T10:00+07:00" in text  # first seen, in the article's zone
    assert text.count("<td>revised</td>") == 4  # two revisions, and the two visits that made them
    assert "Budi Santoso" in text
    assert "?from=1&amp;to=2" in text


def test_article_page_shows_provenance(client: TestClient) -> None:
    text = client.get("/articles/1").text
    provenance = text.split("<h2>Provenance</h2>")[1].split("</dl>")[0]
    assert "Made by visit</dt><dd>3 at 2024-08-14T14:00+07:00 (HTTP 200)" in provenance
    assert "<dt>body_source</dt><dd>site:.article-content-body</dd>" in provenance
    assert "Liputan6Page v3 · site:.article-content-body" in text  # each visit's extraction


def test_article_page_says_gone(client: TestClient) -> None:
    text = client.get("/articles/2").text
    assert "Gone since 2024-08-14T16:00+07:00 (HTTP 404)" in text
    assert "gone (HTTP 404)" in text


def test_diff_highlights_the_changed_words_and_lists_fields(client: TestClient) -> None:
    page = client.get("/articles/1/diff", params={"from": 1, "to": 3})
    assert page.status_code == 200
    text = page.text
    assert 'class="s changed"' in text
    assert "Rp 14.<mark>000</mark>" in text
    assert "Rp 14.<mark>500</mark>" in text
    assert '<td class="added">Harga Beras Naik Lagi</td>' in text
    assert text.index("Fields") < text.index("sidebyside")
    latest = client.get("/articles/1/diff").text
    assert "Revision 2 (first seen 2024-08-14T12:00+07:00)" in latest


def test_changes_page_and_feed_list_the_edits(client: TestClient) -> None:
    page = client.get("/changes", params={"site": "liputan6"})
    assert page.status_code == 200
    assert page.text.count("?from=") == 2
    assert "No changes." in client.get("/changes", params={"site": "detik"}).text
    feed = client.get("/changes.atom", params={"site": "liputan6"})
    assert feed.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(feed.text).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"{NEW_TITLE} (revision 3)",
        "Harga Beras Naik, Pedagang Keluhkan Pasokan (revision 2)",  # its title then
    ]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").endswith("/articles/1/diff?from=2&to=3")
    assert entries[0].findtext(f"{ATOM}updated") == "2024-08-14T14:00:00+07:00"


def test_search_feed(client: TestClient) -> None:
    feed = ET.fromstring(client.get("/search.atom", params={"q": "beras"}).text)
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [NEW_TITLE]


def test_sites_page_plots_and_judges_each_site(client: TestClient) -> None:
    page = client.get("/sites")
    assert page.status_code == 200
    text = page.text
    assert "<svg" in text
    assert "<rect" in text
    assert "liputan6" in text
    assert "detik" in text
    assert '<span class="status ok">ok</span>' in text
    assert "no finished run" in text  # detik was never crawled by a run


def test_stylesheet_is_served(client: TestClient) -> None:
    sheet = client.get("/static/style.css")
    assert sheet.status_code == 200
    assert "text/css" in sheet.headers["content-type"]


def test_bad_input_is_a_400_page_and_unknown_an_404(client: TestClient) -> None:
    bad = client.get("/search", params={"q": "beras", "since": "yesterday"})
    assert bad.status_code == 400
    assert "bad date/time" in bad.text
    assert client.get("/search", params={"q": "x " * 40}).status_code == 400  # 32 words max
    assert client.get("/search", params={"q": "x" * 600}).status_code == 400
    assert client.get("/search", params={"q": "beras", "size": 1000}).status_code == 400
    assert client.get("/articles/999").status_code == 404
    assert client.get("/articles/1/diff", params={"from": 1, "to": 9}).status_code == 404
    assert client.get("/changes", params={"field": "nope"}).status_code == 400


def test_site_figures_count_per_day_in_the_sites_zone(client: TestClient) -> None:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        figures = site_figures(session, "liputan6")
    assert len(figures.per_day) == 30
    assert figures.per_day[-1] == ("2024-08-14", 1.0)
    assert sum(count for _, count in figures.per_day) == 1
    assert dict(figures.outcomes) == {"new": 1.0, "revised": 2.0}
    assert [share for _, share in figures.coverage["authors"]] == [1.0]
    assert figures.coverage["tags"] == [(figures.coverage["tags"][0][0], 0.0)]


def test_an_article_opens_by_any_of_its_urls(client: TestClient) -> None:
    found = client.get(
        "/lookup",
        params={"ref": "http://m.liputan6.com/amp/read/5670001/harga-beras-naik?utm_source=x"},
        follow_redirects=False,
    )
    assert found.status_code == 303
    assert found.headers["location"].endswith("/articles/1")
    assert client.get("/lookup", params={"ref": "2"}, follow_redirects=False).status_code == 303
    assert client.get("/lookup", params={"ref": "https://example.org/x"}).status_code == 404
    assert client.get("/lookup").status_code == 400
