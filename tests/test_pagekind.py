"""Feeds, listings and video-only pages are refused with a reason; articles never are.

Both directions on real pages: every feed and listing of ../shared/pages is refused, and no
page of the article sets (SOURCES.md type ``article``, fundus-dev, zyte, mozilla) is. The
fixtures under tests/fixtures/pagekind are written here, modeled on Liputan6's markup.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from scrapy.http import HtmlResponse

from bench import corpus
from newscrawler.cli import main
from newscrawler.extract import extract_raw, response_from_file
from newscrawler.extraction.pagekind import feed_kind, root_element
from tests.conftest import FIXTURES, shared_page

PAGEKIND = FIXTURES / "pagekind"
ARTICLE_URL = "https://www.liputan6.com/news/read/4117600/banjir-rendam-jalan-protokol"


def refusal(body: bytes, url: str) -> tuple[str, str] | None:
    return extract_raw(response_from_file(body, url)).raw.refusal


# -- feeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "rss"),
        (
            b"\n<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet type='text/xsl' "
            b"href='http://detik.feedsportal.com/xsl/eng/rss.xsl'?><rss>",
            "rss",
        ),
        (b'<?xml version="1.0"?>\n<!-- generator="tempo.co" -->\n<rss version="0.91">', "rss"),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "rdf:RDF"),
        ('<?xml version="1.0"?><urlset>'.encode("utf-16"), "urlset"),
        (b"<!DOCTYPE html>\n<html lang='id'><head>", "html"),
        (b"<!-- saved --><HTML>", "HTML"),
        (b"just text", None),
    ],
)
def test_root_element_skips_the_prolog(head, expected):
    assert root_element(head) == expected


def test_feed_kinds_are_named():
    assert feed_kind(b"<rss><channel/></rss>") == "an RSS feed"
    assert feed_kind(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    assert feed_kind(b"<html><body><p>rss</p></body></html>") is None


def test_a_feed_saved_as_html_is_refused_as_a_feed(tmp_path):
    # The name says nothing: anpandu's "*-mainpage.html" fixtures are RSS files.
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>'
    assert refusal(body, "https://www.detik.com/") == ("feed", "an RSS feed, not an article page")


# -- fixtures written here ---------------------------------------------------------------------


def test_a_section_front_of_teaser_cards_is_a_listing():
    # The generic chooser takes the first teaser <article> for the body: the page around it
    # is twelve such cards.
    found = refusal((PAGEKIND / "section-front.html").read_bytes(), ARTICLE_URL)
    assert found is not None
    assert found[0] == "listing"
    assert "12 teasers" in found[1]


def test_a_video_with_a_caption_is_a_video_page():
    found = refusal((PAGEKIND / "video-only.html").read_bytes(), ARTICLE_URL)
    assert found is not None
    assert found[0] == "video"


def test_an_article_with_an_embedded_video_is_an_article():
    # Same player, same related links, same og markup but og:type article and six paragraphs.
    assert refusal((PAGEKIND / "article-with-video.html").read_bytes(), ARTICLE_URL) is None


def test_a_short_article_without_a_player_is_not_a_video_page():
    body = (PAGEKIND / "video-only.html").read_bytes()
    without_player = body.replace(b"<iframe", b"<img").replace(b"video.other", b"article")
    assert refusal(without_player, ARTICLE_URL) is None


# -- real pages: what must be refused ------------------------------------------------------------


def _sources(kind: str) -> list[tuple[str, str]]:
    pages = Path(__file__).resolve().parent.parent.parent / "shared" / "pages"
    if not (pages / "SOURCES.md").is_file():
        return []
    rows = []
    for line in (pages / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[2] == kind:
            rows.append((cells[0], cells[1]))
    return rows


# The homepage saved as a JavaScript string ( <html lang=\"id-ID\"> ): no element holds any
# text, so it is refused before any rule is asked, as a page with no article text.
ESCAPED = "cnnindonesia/gotrending80_cnnindonesia-home_test.html"


@pytest.mark.shared
@pytest.mark.parametrize(("relative", "domain"), _sources("rss") or [("missing", "")])
def test_every_shared_feed_is_refused_as_a_feed(relative, domain):
    body = shared_page(relative).read_bytes()
    found = refusal(body, f"https://{domain}/")
    assert found is not None, relative
    assert found[0] == "feed", relative


@pytest.mark.shared
@pytest.mark.parametrize(("relative", "domain"), _sources("listing") or [("missing", "")])
def test_every_shared_listing_is_refused(relative, domain):
    body = shared_page(relative).read_bytes()
    result = extract_raw(response_from_file(body, f"https://{domain}/"))
    if relative == ESCAPED:
        assert result.error == "no article text found"
        return
    assert result.raw.refusal is not None, relative
    assert result.raw.refusal[0] == "listing", relative
    assert result.snapshot is None


# -- real articles: none may be refused ----------------------------------------------------------


def _refused(pages: list[tuple[str, str, bytes]]) -> list[str]:
    out = []
    for name, url, body in pages:
        found = extract_raw(HtmlResponse(url=url, body=body)).raw.refusal
        if found is not None:
            out.append(f"{name}: {found}")
    return out


@pytest.mark.shared
def test_no_shared_article_is_refused(shared_pages: Path):
    pages = [(p.name, p.url, p.body) for p in corpus.shared_pages(pages=shared_pages)]
    assert len(pages) == len(corpus.article_sources(shared_pages)) > 0
    assert _refused(pages) == []


@pytest.mark.shared
def test_no_fundus_article_is_refused(shared_benchmarks: Path):
    folder = shared_benchmarks / "fundus-dev"
    entries = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    pages = [
        (e["html"], e["url"], gzip.decompress((folder / e["html"]).read_bytes())) for e in entries
    ]
    assert len(pages) == 120
    assert _refused(pages) == []


@pytest.mark.shared
def test_no_zyte_article_is_refused(shared_benchmarks: Path):
    pages = [(p.name, p.url, p.body) for p in corpus.zyte_pages(root=shared_benchmarks)]
    assert len(pages) == 181
    assert _refused(pages) == []


@pytest.mark.shared
def test_no_mozilla_article_is_refused(shared_benchmarks: Path):
    pages = [(p.name, p.url, p.body) for p in corpus.mozilla_pages(root=shared_benchmarks)]
    assert len(pages) == 130
    assert _refused(pages) == []


# -- the command ---------------------------------------------------------------------------------


def _extract(path: Path, url: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", str(path), "--url", url])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.shared
def test_extract_refuses_a_feed_in_one_line():
    code, out, err = _extract(
        shared_page("detik/vincenthend_detik_detiknews.xml"), "https://news.detik.com/rss"
    )
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("not an article: an RSS feed, not an article page (")


def test_extract_refuses_a_listing_in_one_line():
    code, out, err = _extract(PAGEKIND / "section-front.html", "https://www.liputan6.com/news")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("not an article: a listing: ")


# -- a crawl -------------------------------------------------------------------------------------


def test_a_listing_handed_to_a_crawl_as_an_article_is_counted_and_recorded(tmp_path):
    from newscrawler.demo.site import FEED_HOST, HOST, build_site, render_feed
    from newscrawler.operations.replay import serving
    from tests.crawling import fetch_outcomes, last_run_stats, scrapy_crawl

    root = tmp_path / "site"
    articles = build_site(root)
    # A feed entry that points at a section front under an article's URL pattern.
    listing_url = f"https://{HOST}/news/read/4117600/berita-terkini-hari-ini"
    target = root / HOST / listing_url.split(HOST, 1)[1].lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((PAGEKIND / "section-front.html").read_bytes())
    (root / FEED_HOST / "rss").write_text(render_feed(articles, [listing_url]), encoding="utf-8")

    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    with serving(root) as server:
        scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    stats = last_run_stats(db)
    assert stats["newscrawler/dropped/listing"] == 1
    assert stats["archive/new"] == len(articles)
    dropped = [f for f in fetch_outcomes(db) if f[0] == listing_url]
    assert len(dropped) == 1
    assert dropped[0][1] == "dropped"
    assert (dropped[0][2] or "").startswith("a listing: ")
