"""Raw pages in real crawls: `scrapy crawl liputan6` and `newscrawler crawl-due` against the
demo site on 127.0.0.1, into SQLite. Every body a visit received is kept once, reads back
byte for byte as served, says which extraction read it, and is never missing for a visit
that points at it, even when the crawl is killed."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.models import Fetch, RawPage, Revision
from archive.rawpages import body_of
from archive.store import Archive
from newscrawler.demo.site import article_file, build_site, edited, write_article
from newscrawler.normalize.article import NORMALIZER_VERSION
from newscrawler.operations.replay import serving
from tests.crawling import scrapy_crawl
from tests.test_crawl_due import fresh_articles, publish, stop_crawl_due_halfway

VIDEO_PATH = "/news/read/4117499/video-banjir-rendam-jalan-protokol"


@pytest.fixture
def demo(tmp_path: Path):
    root = tmp_path / "site"
    articles = build_site(root)
    with serving(root) as server:
        yield root, articles, server


def _visits(db: str) -> list[tuple[str, str, int | None, dict | None, list | None]]:
    with Archive.open(db) as archive, archive.session() as session:
        rows = session.execute(
            select(
                Fetch.url,
                Fetch.outcome,
                Fetch.raw_page_id,
                Fetch.extraction,
                Fetch.response_headers,
            ).order_by(Fetch.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _raw_pages(db: str) -> int:
    with Archive.open(db) as archive, archive.session() as session:
        return session.scalar(select(func.count()).select_from(RawPage)) or 0


def test_a_crawl_keeps_each_distinct_body_once_as_served(demo, tmp_path):
    root, articles, server = demo
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    first = _visits(db)
    # Four articles and the video page (dropped: no text), each with its body.
    assert sorted(outcome for _, outcome, *_ in first) == ["dropped", "new", "new", "new", "new"]
    assert all(raw_id is not None for _, _, raw_id, _, _ in first)
    assert _raw_pages(db) == 5
    served = {a.url: article_file(root, a).read_bytes() for a in articles}
    with Archive.open(db) as archive, archive.session() as session:
        for url, outcome, raw_id, _, headers in first:
            assert raw_id is not None
            if outcome == "new":
                assert body_of(session, raw_id) == served[url]
            names = [name.lower() for name, _ in headers or []]
            assert "content-type" in names

    # A refetch of identical bodies adds visits, not raw pages.
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    second = _visits(db)[len(first) :]
    assert sorted(outcome for _, outcome, *_ in second) == [
        "dropped",
        "unchanged",
        "unchanged",
        "unchanged",
        "unchanged",
    ]
    assert {url: raw for url, _, raw, _, _ in second} == {url: raw for url, _, raw, _, _ in first}
    assert _raw_pages(db) == 5

    # An edit is a new body: one more raw page, the new revision's.
    changed = edited(articles[1], 2, "Harga cabai rawit naik lagi.", "2019-11-24T11:20:00+07:00")
    write_article(root, changed)
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    assert _raw_pages(db) == 6
    with Archive.open(db) as archive, archive.session() as session:
        revised = session.execute(
            select(Fetch.raw_page_id).where(Fetch.outcome == "revised")
        ).scalar_one()
        assert body_of(session, revised) == article_file(root, changed).read_bytes()


def test_each_visit_says_which_extraction_read_it_and_each_revision_its_maker(demo, tmp_path):
    _, _, server = demo
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
    versions = {
        url: {k: (extraction or {}).get(k) for k in ("page", "page_version", "normalizer_version")}
        for url, _, _, extraction, _ in _visits(db)
    }
    expected = {"page": "Liputan6Page", "page_version": 1, "normalizer_version": NORMALIZER_VERSION}
    assert all(v == expected for v in versions.values()), versions  # the dropped page's too
    with Archive.open(db) as archive, archive.session() as session:
        made_by = session.execute(
            select(Revision.id, Fetch.extraction)
            .join(Fetch, Fetch.revision_id == Revision.id)
            .where(Fetch.outcome.in_(["new", "revised", "reverted"]))
        ).all()
    assert len(made_by) == 4
    assert all(extraction["page"] == "Liputan6Page" for _, extraction in made_by)


def test_keep_raw_off_stores_no_raw_page(demo, tmp_path):
    _, _, server = demo
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    scrapy_crawl(
        "liputan6", server.url, db, "-a", "date=2019-11-24", "-s", "NEWSCRAWLER_KEEP_RAW=False"
    )
    visits = _visits(db)
    assert len(visits) == 5
    assert all(raw_id is None and headers is None for _, _, raw_id, _, headers in visits)
    assert _raw_pages(db) == 0


def test_a_killed_crawl_leaves_no_visit_without_its_body(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    publish(root, fresh_articles(200, 5_400_000))
    path = tmp_path / "archive.sqlite3"
    with serving(root) as server:
        # A crawl-due of 200 articles killed with SIGKILL once some 40 visits are stored.
        stop_crawl_due_halfway(server, path, signal.SIGKILL, "fetches")
    with sqlite3.connect(path) as connection:
        visits, with_body, missing = connection.execute(
            "SELECT count(*), count(f.raw_page_id), count(f.raw_page_id) - count(r.id)"
            " FROM fetches f LEFT JOIN raw_pages r ON r.id = f.raw_page_id"
        ).fetchone()
    assert 40 <= visits < 200
    assert with_body == visits, "every stored visit of a 200 keeps its body"
    assert missing == 0
