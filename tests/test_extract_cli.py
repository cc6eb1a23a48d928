"""`newscrawler extract`: the JSON contract other tools rely on."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newscrawler.cli import main
from newscrawler.extract import extract
from newscrawler.sites import site_for_url
from tests.conftest import FIXTURES, shared_page

SEED = FIXTURES / "sites" / "liputan6" / "2019-11-24_kemnaker-asn-indramayu.html"
SEED_URL = "https://www.liputan6.com/news/read/4117380/tingkat-mutu-dan-produktivitas"
CONTRACT_FIELDS = {
    "url",
    "canonical_url",
    "site",
    "title",
    "authors",
    "editors",
    "published_at",
    "modified_at",
    "section",
    "tags",
    "body",
    "language",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_the_contract_fields():
    code, out, _ = run("extract", str(SEED), "--url", SEED_URL)
    assert code == 0
    data = json.loads(out)
    assert set(data) >= CONTRACT_FIELDS
    assert data["site"] == "liputan6"
    assert data["authors"] == ["Gilar Ramdhani"]
    assert data["published_at"] == "2019-11-24T13:46:00+07:00"
    assert data["modified_at"] == "2019-11-24T14:16:00+07:00"
    assert data["body"].split("\n\n")[-1].endswith("harapnya.")


def test_extract_finds_the_site_from_the_page_canonical_url_when_no_url_is_given():
    code, out, _ = run("extract", str(SEED))
    assert code == 0
    assert json.loads(out)["site"] == "liputan6"


def test_extract_uses_the_generic_page_for_unknown_sites(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="en"><head><title>Rain in Bandung - Example News</title>'
        '<meta property="og:title" content="Rain in Bandung">'
        '<meta property="article:published_time" content="2024-08-14T10:30:00+08:00">'
        '<meta name="author" content="Oleh: Budi Santoso"></head><body><article>'
        "<p>BANDUNG - Heavy rain fell on Bandung on Wednesday morning, flooding streets.</p>"
        "<p>Baca juga: Banjir di Jakarta</p>"
        "<p>Officials said the water receded by noon.</p></article></body></html>"
    )
    code, out, _ = run("extract", str(page), "--url", "https://news.example.org/rain")
    assert code == 0
    data = json.loads(out)
    assert data["site"] == "generic"
    assert data["title"] == "Rain in Bandung"
    assert data["authors"] == ["Budi Santoso"]
    assert data["published_at"] == "2024-08-14T10:30:00+08:00"
    assert "Baca juga" not in data["body"]
    assert data["body"].endswith("Officials said the water receded by noon.")


def test_extract_fails_clearly_on_a_page_without_an_article(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Menu</nav></body></html>")
    code, out, err = run("extract", str(page), "--url", "https://www.liputan6.com/")
    assert code == 1
    assert out == ""
    assert "not an article: no title found" in err


@pytest.mark.parametrize("value", ["yesterday", "2019-11-24T14:00:00"])
def test_extract_rejects_bad_fetch_times(value):
    code, _, err = run("extract", str(SEED), "--fetched-at", value)
    assert code == 2
    assert "--fetched-at" in err or "fetched" in err


def test_site_for_url_matches_subdomains_only_on_label_boundaries():
    assert site_for_url("http://tekno.liputan6.com/read/1/x").name == "liputan6"
    assert site_for_url("https://notliputan6.com/read/1/x").name == "generic"


@pytest.mark.shared
def test_shell_helper_gives_the_same_result_as_the_command():
    from scrapy.http import HtmlResponse

    body = shared_page("liputan6/anpandu_liputan6-singlepage.html").read_bytes()
    url = "http://tekno.liputan6.com/read/2436773/tri-indonesia-broadband"
    data = extract(HtmlResponse(url=url, body=body))
    assert data["site"] == "liputan6"
    assert data["published_at"] == "2016-02-16T09:10:56+07:00"
