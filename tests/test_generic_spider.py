"""The generic spider: a real `scrapy crawl generic` against a small site on 127.0.0.1.

The site (tests/fixtures/generic-site/) has a home page linking to articles of three shapes
(a date, a numeric id, a long slug), a photo gallery with no text, and pages that are not
articles (tags, an author, a section, a video, another domain); a feed and a news sitemap add
an article on a subdomain and repeat others.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.models import Article, Content, Revision
from archive.store import Archive
from newscrawler.operations.replay import serving
from tests.conftest import FIXTURES
from tests.crawling import counts, fetch_outcomes, last_run_stats, scrapy_crawl

SITE = FIXTURES / "generic-site"
HOME = "https://www.kabarpesisir.co.id/"
FEED = "https://www.kabarpesisir.co.id/rss.xml"
SITEMAP = "https://www.kabarpesisir.co.id/sitemap-news.xml"

# Canonical URLs, as the archive keeps them (without "www.").
ARTICLES = {
    "https://kabarpesisir.co.id/daerah/2024/08/13/dermaga-baru-pulau-sebira-mulai-dipakai",
    "https://kabarpesisir.co.id/ekonomi/48213/harga-ikan-tongkol-turun-di-tpi-muara-angke",
    "https://kabarpesisir.co.id/lingkungan/mangrove-ditanam-warga-di-pesisir-tangerang-bertahan-hidup",
    "https://daerah.kabarpesisir.co.id/2024/08/14/festival-bahari-digelar-di-labuan-bajo",
}
# Replay paths (/<host>/<path>) of links that are not articles: tags, an author, a video, the
# day index the feed lists, another domain.
NEVER_REQUESTED = (
    "/www.kabarpesisir.co.id/tag/",
    "/www.kabarpesisir.co.id/author/",
    "/www.kabarpesisir.co.id/video/",
    "/www.kabarpesisir.co.id/indeks/",
    "/www.beritalain.com/",
)
SECTION_FRONT = "/www.kabarpesisir.co.id/lingkungan"


@pytest.fixture
def server():
    with serving(SITE) as running:
        yield running


def _stored(db: str) -> dict[str, tuple[str, list[str], datetime | None]]:
    """canonical URL -> (site, authors, published_at) of the first revision of each article."""
    archive = Archive.open(db)
    try:
        with archive.session() as session:
            rows = session.execute(
                select(Article.canonical_url, Article.site, Content.authors, Content.published_at)
                .join(Revision, Revision.article_id == Article.id)
                .join(Content, Content.id == Revision.content_id)
            ).all()
    finally:
        archive.close()
    return {url: (site, list(authors), published) for url, site, authors, published in rows}


def test_crawl_archives_articles_and_skips_other_pages(server, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl("generic", server.url, db, "-a", f"url={HOME}", "-a", f"feed={FEED}",
                 "-a", f"sitemap={SITEMAP}")  # fmt: skip

    stored = _stored(db)
    assert set(stored) == ARTICLES
    assert {site for site, _, _ in stored.values()} == {"generic"}
    assert counts(db)["articles"] == 4
    # Linked twice from the home page (once with utm_ and a fragment) and from the feed:
    # fetched once.
    dermaga = "/www.kabarpesisir.co.id/daerah/2024/08/13/dermaga-baru-pulau-sebira-mulai-dipakai"
    assert [p for p, _ in server.hits].count(dermaga) == 1
    # 09:30 WITA (+08:00) in the page's JSON-LD is 01:30 UTC, not 02:30 as WIB would make it.
    _site, authors, published = stored[
        "https://daerah.kabarpesisir.co.id/2024/08/14/festival-bahari-digelar-di-labuan-bajo"
    ]
    assert authors == ["Yohanes Dua"]
    assert published is not None
    assert published.replace(tzinfo=published.tzinfo or UTC) == datetime(
        2024, 8, 14, 1, 30, tzinfo=UTC
    )

    # The gallery looks like an article (it has an id) but has no text: a counted drop.
    stats = last_run_stats(db)
    assert stats["newscrawler/dropped/no_body"] == 1
    gallery = (
        "https://www.kabarpesisir.co.id/ekonomi/48240/galeri-suasana-pelelangan-ikan-pagi-hari"
    )
    assert (gallery, "dropped", "no article text found") in fetch_outcomes(db)
    # Tags, the author, the section front, the video, the day index and the other domain
    # are never requested.
    requested = [path for path, _status in server.hits]
    for prefix in NEVER_REQUESTED:
        assert not [p for p in requested if p.startswith(prefix)], prefix
    assert SECTION_FRONT not in requested
    assert stats["newscrawler/skipped/not_article_url"] >= 5


def test_article_pattern_and_site_name_from_arguments(server, tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl("generic", server.url, db, "-a", f"url={HOME}", "-a", r"article=/ekonomi/\d+/",
                 "-a", "site=kabarpesisir")  # fmt: skip
    stored = _stored(db)
    assert set(stored) == {
        "https://kabarpesisir.co.id/ekonomi/48213/harga-ikan-tongkol-turun-di-tpi-muara-angke"
    }
    assert stored.popitem()[1][0] == "kabarpesisir"


def test_a_start_page_feed_or_sitemap_is_required():
    from newscrawler.spiders.generic import GenericSpider

    with pytest.raises(ValueError, match="start page"):
        GenericSpider()
    spider = GenericSpider(url="https://www.kabarpesisir.co.id/", feed=FEED)
    assert spider.allowed_domains == ["kabarpesisir.co.id"]
    assert spider.is_article_url(
        "https://daerah.kabarpesisir.co.id/2024/08/14/festival-bahari-digelar-di-labuan-bajo"
    )
    assert not spider.is_article_url("https://www.kabarpesisir.co.id/tag/nelayan")
