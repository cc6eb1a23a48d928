"""End to end: a real `scrapy crawl kompas` of articles split over pages ("Halaman 1 2 3").

The replay server serves tests/fixtures/paginated-site: three Kompas-style articles of three
pages each, listed in the site's RSS feed. One has only ?page=2 and ?page=3, one also prints
"Tampilkan Semua" (?page=all), and one answers 500 for its page 2.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.identity import canonicalize_url
from archive.models import Article, Content
from archive.store import Archive
from newscrawler.operations.replay import serving
from tests.crawling import counts, fetch_outcomes, last_run_stats, scrapy_crawl
from tests.test_hostile_servers import Answer, HostileServer

SITE = Path(__file__).parent / "fixtures" / "paginated-site"
THREE_PAGES = (
    "https://megapolitan.kompas.com/read/2024/01/15/09420011/"
    "banjir-rob-rendam-permukiman-di-pesisir-utara-jakarta"
)
SHOW_ALL = (
    "https://nasional.kompas.com/read/2024/01/16/10150021/"
    "kpu-tetapkan-jadwal-debat-ketiga-calon-presiden"
)
BROKEN = (
    "https://regional.kompas.com/read/2024/01/17/07300081/"
    "jembatan-gantung-penghubung-dua-desa-di-lebak-putus"
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("paginated")
    db = f"sqlite:///{folder / 'archive.sqlite3'}"
    items = folder / "items.jsonl"
    with serving(SITE) as server:
        scrapy_crawl(
            "kompas", server.url, db, "-a", "sources=feeds", "-s", "RETRY_TIMES=0", "-o", str(items)
        )
        hits = [path for path, _ in server.hits]
    exported = [json.loads(line) for line in items.read_text().splitlines()]
    snapshots = [item["snapshot"] for item in exported if "snapshot" in item]
    return db, hits, {snapshot["url"]: snapshot for snapshot in snapshots}


def stored_body(db: str, url: str) -> str:
    """The body the archive holds for the article at ``url``."""
    archive = Archive.open(db)
    try:
        with archive.session() as session:
            bodies = session.scalars(
                select(Content.body)
                .join(Article, Content.article_id == Article.id)
                .where(Article.canonical_url == canonicalize_url(url))
            ).all()
    finally:
        archive.close()
    assert len(bodies) == 1
    return bodies[0]


def test_pages_are_assembled_in_order_under_the_first_pages_url(crawled):
    db, hits, snapshots = crawled
    body = stored_body(db, THREE_PAGES)
    order = [
        body.index("Banjir rob merendam permukiman warga di Kelurahan Muara Angke"),
        body.index("Badan Penanggulangan Bencana Daerah (BPBD) DKI Jakarta mencatat"),
        body.index("Warga diimbau menjauhkan peralatan listrik dari lantai"),
    ]
    assert order == sorted(order)
    assert snapshots[THREE_PAGES]["notes"]["pages"] == 3
    assert snapshots[THREE_PAGES]["body"] == body
    # The sidebar's link to the indeks' next page is not a page of the article.
    assert not any("indeks.kompas.com" in path for path in hits)


def test_the_single_page_variant_is_used_instead_of_the_pages(crawled):
    db, hits, snapshots = crawled
    body = stored_body(db, SHOW_ALL)
    assert "Komisi Pemilihan Umum (KPU) RI menetapkan debat ketiga" in body
    assert "Setiap pasangan calon mendapat kesempatan bertanya langsung" in body
    assert body.rstrip().endswith("mulai pukul 19.00 WIB.")
    assert snapshots[SHOW_ALL]["notes"]["pages"] == 3
    fetched = [path for path in hits if "kpu-tetapkan-jadwal" in path]
    assert any(path.endswith("?page=all") for path in fetched)
    assert not any(path.endswith(("?page=2", "?page=3")) for path in fetched)


def test_a_failed_later_page_stores_nothing_and_says_why(crawled):
    db, _, snapshots = crawled
    assert BROKEN not in snapshots
    assert counts(db)["articles"] == 2  # the broken article is not stored half
    failed = [f for f in fetch_outcomes(db) if f[0] == BROKEN]
    assert failed == [
        (
            BROKEN,
            "failed",
            f"page 2 of the article ({BROKEN}?page=2) failed: HTTP 500; not stored "
            "(1 of 3 pages fetched)",
        )
    ]
    stats = last_run_stats(db)
    assert stats["newscrawler/pagination/incomplete"] == 1
    assert stats["newscrawler/pagination/assembled"] == 1
    assert stats["newscrawler/pagination/single_page"] == 1
    assert stats["archive/new"] == 2
    # Later pages are no articles of their own: no fetch is recorded under their URLs.
    assert not any("?page=" in url for url, _, _ in fetch_outcomes(db))


def test_a_later_page_redirected_off_the_site_is_said_so(tmp_path: Path) -> None:
    server = HostileServer(SITE)
    page_two = f"/{THREE_PAGES.removeprefix('https://')}?page=2"
    away = Answer(301, b"", {"Location": "https://elsewhere.example.net/promo"})
    server.answers[page_two] = [away] * 3
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        scrapy_crawl("kompas", server.url, db, "-a", "sources=feeds", "-s", "RETRY_TIMES=0")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    (failed,) = [f for f in fetch_outcomes(db) if f[0] == THREE_PAGES]
    assert failed[1] == "failed"
    assert failed[2] == (
        f"page 2 of the article ({THREE_PAGES}?page=2) failed: redirected off-site to "
        "elsewhere.example.net; not stored (1 of 3 pages fetched)"
    )
    assert last_run_stats(db)["newscrawler/redirect/offsite"] == 1
