"""The sites file: what an entry becomes, one line per mistake, and `newscrawler sites`."""

# The expected messages are kept whole, one to a line, as the user reads them.
# ruff: noqa: E501

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.pages.configured import page_for
from newscrawler.sites import spider_names
from newscrawler.sitesfile import SitesFileError, load_sites, sites_file
from newscrawler.spiders.generic import GenericSpider

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """\
[[site]]
name = "kabarpesisir"
feeds = ["https://www.kabarpesisir.co.id/rss.xml"]
timezone = "Asia/Makassar"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(SitesFileError) as raised:
        load_sites(path, spider_names())
    return [p.removeprefix(f"{path}:") for p in raised.value.problems]


def test_a_minimal_entry_gets_its_domains_from_its_urls(tmp_path):
    (site,) = load_sites(write(tmp_path, MINIMAL))
    assert site.name == "kabarpesisir"
    assert site.facts.domains == ("kabarpesisir.co.id",)
    assert site.facts.timezone == "Asia/Makassar"
    assert site.feeds == ("https://www.kabarpesisir.co.id/rss.xml",)
    assert site.article_url is None


def test_the_example_file_is_valid():
    sites = load_sites(ROOT / "sites.example.toml", spider_names())
    assert [s.name for s in sites] == ["kabarpesisir", "warta-timur"]
    full = sites[1]
    assert full.facts.brands == ("Warta Timur", "wartatimur.id")
    assert full.selectors.published == "time.tanggal::attr(datetime)"
    assert full.start_urls[0] == "https://wartatimur.id/indeks/{day:%Y-%m-%d}"


# Each mistake, after a valid start, gives exactly one line: "<line>: site 'x': what".
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('feed = ["https://x.co.id/rss"]', "5: site 'kabarpesisir': unknown key 'feed' (did you mean 'feeds'?)"),
        ('article_url = "(\\\\d+"', "5: site 'kabarpesisir': article_url '(\\\\d+' is not a regular expression: missing ), unterminated subpattern at position 0"),
        ('sitemaps = ["www.kabarpesisir.co.id/sitemap.xml"]', "5: site 'kabarpesisir': sitemaps: 'www.kabarpesisir.co.id/sitemap.xml' is not an http(s) URL"),
        ('start_urls = "https://www.kabarpesisir.co.id/indeks/{date}"', "5: site 'kabarpesisir': start_urls: 'https://www.kabarpesisir.co.id/indeks/{date}': only {day:%Y/%m/%d} may stand in braces (KeyError: 'date')"),
        ('domains = ["kabarpesisir.com"]', "3: site 'kabarpesisir': feeds: https://www.kabarpesisir.co.id/rss.xml is on none of the site's domains (kabarpesisir.com); add its domain to domains"),
        ('domains = ["https://kabarpesisir.co.id"]', "5: site 'kabarpesisir': domains: 'https://kabarpesisir.co.id' is not a domain (write it without scheme or path, e.g. \"kabarpesisir.co.id\")"),
        ("brands = [1]", "5: site 'kabarpesisir': brands must be a list of strings, e.g. brands = [\"...\"]"),
        ('selectors = { body = "div.isi::text" }', "5: site 'kabarpesisir': selectors.body 'div.isi::text' must name the element holding the paragraphs, without ::text or ::attr()"),
        ('selectors = { title = "h1[[" }', "5: site 'kabarpesisir': selectors.title 'h1[[' is not a CSS selector: Expected ident or '*', got <DELIM '[' at 3>"),
        ('selectors = { byline = ".penulis" }', "5: site 'kabarpesisir': selectors: unknown field 'byline'; selectors are title, body, authors, published"),
        ('selectors = ".penulis"', "5: site 'kabarpesisir': selectors must be a table, e.g. selectors = { body = \"div.entry-content\" }"),
        ("[site.selectors]\nauthor = '.penulis'", "6: site 'kabarpesisir': selectors: unknown field 'author' (did you mean 'authors'?)"),
        ("[[site]]\nname = 'kabarpesisir'\nfeeds = ['https://kabarpesisir.co.id/x']\ntimezone = 'UTC'", "5: site 'kabarpesisir': the name is used twice (first on line 1)"),
        ("[[site]]\nname = 'detik'\nfeeds = ['https://detik.com/rss']\ntimezone = 'UTC'", "6: site 'detik': name 'detik' is taken by a built-in spider; choose another"),
        ("[[site]]\nname = 'Warta Timur'\nfeeds = ['https://wartatimur.id/rss']\ntimezone = 'UTC'", "6: site 'Warta Timur': name 'Warta Timur' is not a site key: lowercase letters, digits, '-' and '_', starting with a letter or digit"),
        ("[[site]]\nname = 'wartatimur'\ntimezone = 'Asia/Jayapura'", "5: site 'wartatimur': no feeds, sitemaps or start_urls: nothing to find articles through"),
        ("[[site]]\nname = 'wartatimur'\nfeeds = ['https://wartatimur.id/rss']", "5: site 'wartatimur': timezone is missing (the zone the site prints its times in, e.g. timezone = \"Asia/Jakarta\")"),
        ("[[site]]\nname = 'wartatimur'\nfeeds = ['https://wartatimur.id/rss']\ntimezone = 'Asia/Jaypura'", "8: site 'wartatimur': timezone 'Asia/Jaypura' is not an IANA time zone name (did you mean 'Asia/Jayapura'?)"),
        ("[[site]]\nfeeds = ['https://wartatimur.id/rss']\ntimezone = 'UTC'", "5: site #2: name is missing (the site's key, e.g. name = \"kabarpesisir\")"),
        ("[defaults]\ntimezone = 'UTC'", "5: unknown key or table 'defaults': each outlet is a [[site]] table"),
        ("[[site]\nname = 'x'", "5: not valid TOML: Expected ']]' at the end of an array declaration"),
    ],
)  # fmt: skip
def test_each_mistake_is_one_line_naming_where_and_what(tmp_path, extra, expected):
    assert problems(tmp_path, f"{MINIMAL}{extra}\n") == [expected]


def test_every_mistake_of_a_file_is_reported_at_once_in_file_order(tmp_path):
    text = (
        '[[site]]\nname = "a"\nfeed = ["https://a.co.id/rss"]\ntimezone = "Asia/Jakata"\n'
        '[[site]]\nname = "b"\nsitemaps = ["ftp://b.co.id/s.xml"]\ntimezone = "UTC"\n'
    )
    assert [p.split(":", 1)[0] for p in problems(tmp_path, text)] == ["1", "3", "4", "7"]


def test_a_named_file_that_is_missing_is_an_error_and_none_named_means_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSCRAWLER_SITES_FILE", raising=False)
    assert sites_file() is None
    with pytest.raises(SitesFileError, match="no such sites file"):
        sites_file("elsewhere.toml")
    write(tmp_path, MINIMAL)
    assert sites_file() == Path("sites.toml")
    monkeypatch.setenv("NEWSCRAWLER_SITES_FILE", str(tmp_path / "other.toml"))
    with pytest.raises(SitesFileError, match=r"other\.toml: no such sites file"):
        sites_file()


def test_the_entry_makes_a_spider_and_a_page(tmp_path):
    text = MINIMAL.replace(
        'timezone = "Asia/Makassar"',
        'timezone = "Asia/Makassar"\nstart_urls = ["https://www.kabarpesisir.co.id/indeks/{day:%Y/%m/%d}"]'
        "\narticle_url = '/berita/\\d+/'\nbrands = ['Kabar Pesisir']"
        '\nselectors = { body = "div.isi", published = "time::attr(datetime)" }',
    )
    (site,) = load_sites(write(tmp_path, text))
    spider = GenericSpider(configured=site, date="2024-08-14")
    assert spider.name == spider.site_key == "kabarpesisir"
    assert spider.allowed_domains == ["kabarpesisir.co.id"]
    assert spider.timezone == "Asia/Makassar"
    assert spider.listing_urls_for(spider.days) == [
        "https://www.kabarpesisir.co.id/indeks/2024/08/14"
    ]
    assert spider.is_article_url("https://www.kabarpesisir.co.id/berita/12/x")
    assert not spider.is_article_url("https://www.kabarpesisir.co.id/2024/08/14/a-long-slug-here")
    page = page_for(site)
    assert page.facts is site.facts
    assert page.selectors is site.selectors
    (body,) = page.body_xpaths
    assert body.startswith("descendant-or-self::div[")


def newscrawler(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWLER_SITES_FILE"}
    return subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_sites_lists_built_in_and_configured_sites(tmp_path):
    path = write(tmp_path, MINIMAL)
    result = newscrawler("sites", "--sites-file", str(path), "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["liputan6"] == {
        "name": "liputan6",
        "domains": ["liputan6.com"],
        "timezone": "Asia/Jakarta",
        "source": "built-in",
    }
    assert rows["kabarpesisir"] == {
        "name": "kabarpesisir",
        "domains": ["kabarpesisir.co.id"],
        "timezone": "Asia/Makassar",
        "source": str(path),
    }
    assert "generic" not in rows
    table = newscrawler("sites", "--sites-file", str(path))
    assert table.returncode == 0, table.stderr
    line = next(line for line in table.stdout.splitlines() if "kabarpesisir" in line)
    assert "Asia/Makassar" in line
    assert "sites file" in line


def test_a_broken_sites_file_is_exit_2_with_one_line_each_and_no_traceback(tmp_path):
    path = write(tmp_path, MINIMAL + 'feed = "x"\n[[site]]\nname = "b"\n')
    for command in (["sites"], ["crawl-due", "--db", f"sqlite:///{tmp_path / 'a.sqlite3'}"]):
        result = newscrawler(*command, "--sites-file", str(path))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [
            f"{command[0]}: {path}:5: site 'kabarpesisir': unknown key 'feed' (did you mean 'feeds'?)",
            f"{command[0]}: {path}:6: site 'b': no feeds, sitemaps or start_urls: nothing to find articles through",
            f"{command[0]}: {path}:6: site 'b': timezone is missing (the zone the site prints its times in, e.g. timezone = \"Asia/Jakarta\")",
        ]  # fmt: skip
    assert not (tmp_path / "a.sqlite3").exists()


def test_crawl_due_refuses_an_unknown_site_and_now_beside_newscrawler_now(tmp_path):
    path = write(tmp_path, MINIMAL)
    db = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    unknown = newscrawler("crawl-due", "--sites-file", str(path), "--db", db, "--sites", "kabar")
    assert unknown.returncode == 2
    assert "unknown site(s) ['kabar']" in unknown.stderr
    both = newscrawler("crawl-due", "--sites-file", str(path), "--db", db, "--now",
                       "-s", "NEWSCRAWLER_NOW=2024-08-14T00:00:00+07:00")  # fmt: skip
    assert both.returncode == 2
    assert "--now and -s NEWSCRAWLER_NOW" in both.stderr
