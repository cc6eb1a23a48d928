"""End to end: real `scrapy crawl liputan6` runs against the replay server, into SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from archive.models import Article, Revision
from archive.store import Archive
from newscrawler.demo.site import article_file, build_site, edited, write_article
from newscrawler.operations.replay import serving
from tests.crawling import counts, fetch_outcomes, last_run_stats, scrapy_crawl


@pytest.fixture
def site(tmp_path: Path):
    root = tmp_path / "site"
    articles = build_site(root)
    with serving(root) as server:
        yield root, articles, server


def test_crawl_archives_every_article_once_and_revisions_only_on_change(site, tmp_path):
    root, articles, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"

    first = scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    # Each article is linked from the feed (with utm_ parameters), the indeks and the news
    # sitemap: it must still be fetched and stored once.
    assert counts(db)["articles"] == len(articles) == 4
    assert counts(db)["revisions"] == 4
    stats = last_run_stats(db)
    assert stats["archive/new"] == 4
    # The video page has a title but no text: dropped with a reason and a counter, not stored.
    assert stats["newscrawler/dropped/no_body"] == 1
    dropped = [f for f in fetch_outcomes(db) if f[1] == "dropped"]
    assert dropped == [
        (
            "https://www.liputan6.com/news/read/4117499/video-banjir-rendam-jalan-protokol",
            "dropped",
            "no article text found",
        )
    ]
    assert "Dropped https://www.liputan6.com/news/read/4117499" in first.stderr

    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    assert counts(db)["articles"] == 4
    assert counts(db)["revisions"] == 4, "an unchanged refetch must not add a revision"
    assert last_run_stats(db)["archive/unchanged"] == 4

    changed = edited(
        articles[1],
        2,
        "Menurut data Informasi Pangan Jakarta, harga rata-rata cabai rawit merah di pasar "
        "tradisional Jakarta mencapai Rp 51.000 per kilogram.",
        "2019-11-24T11:20:00+07:00",
    )
    write_article(root, changed)
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    assert counts(db) | {"fetches": 0} == {"articles": 4, "revisions": 5, "fetches": 0}
    stats = last_run_stats(db)
    assert stats["archive/revised"] == 1
    assert stats["archive/unchanged"] == 3

    archive = Archive.open(db)
    with archive.session() as session:
        article = session.scalars(
            select(Article).where(Article.publisher_id == str(changed.id))
        ).one()
        numbers = session.scalars(
            select(Revision.number).where(Revision.article_id == article.id)
        ).all()
    archive.close()
    assert sorted(numbers) == [1, 2]


def test_removed_article_is_recorded_as_gone_and_kept(site, tmp_path):
    root, articles, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    article_file(root, articles[0]).unlink()  # the newsroom took it down

    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    assert counts(db)["articles"] == 4  # nothing is deleted from the archive
    assert (articles[0].url, "gone", "HTTP 404") in fetch_outcomes(db)
    assert last_run_stats(db)["archive/fetch/gone"] == 1


def test_server_errors_are_recorded_and_the_crawl_goes_on(site, tmp_path):
    root, articles, server = site
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    broken = article_file(root, articles[2])
    broken.with_name(broken.name + ".status").write_text("503")

    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24", "-s", "RETRY_TIMES=1")
    assert counts(db)["articles"] == 3
    assert (articles[2].url, "failed", "HTTP 503") in fetch_outcomes(db)
