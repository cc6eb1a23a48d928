"""A small archive for the web app, on each backend, and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from archive.db import make_engine
from archive.snapshot import FetchInfo
from archive.store import Archive
from archive.web.app import create_app
from archive.web.readonly import readonly_engine
from tests.archive.conftest import archive_url, sqlite_url  # noqa: F401  (fixtures)
from tests.archive.samples import BODY, T0, fetch_for, snapshot

URL = "https://www.liputan6.com/read/5670001/harga-beras-naik"
EDITED = BODY.replace("Rp 14.000", "Rp 14.500")
NEW_TITLE = "Harga Beras Naik Lagi"
HOSTILE_URL = "https://news.detik.com/berita/d-7123456/banjir"
# The archive strips tags from text it stores (archive/revisions.py), so this title reaches the
# database the way an older version or another tool could have left it: written directly.
HOSTILE_TITLE = "<script>alert(1)</script> Banjir merendam Jakarta"
# And one that survives the tag stripping, written the ordinary way.
SVG_TITLE = "Banjir <svg/onload=alert(2)> Utara"
# How the crawler says it read the page (fetches.extraction), shown as the provenance.
EXTRACTION = {
    "page": "Liputan6Page",
    "page_version": 3,
    "normalizer_version": 2,
    "body_source": "site:.article-content-body",
    "body_confidence": "high",
    "pages": 1,
}


def build_archive(url: str) -> dict[str, int]:
    """Article 1: three revisions (new; a figure in a sentence edited; retitled), from a run
    with stats. Article 2: a hostile title, and taken down (a 404 visit)."""
    with Archive.open(url) as archive:
        run = archive.start_run("liputan6", T0 - timedelta(hours=1))
        for hours, fields in [
            (0, {}),
            (2, {"body": EDITED}),
            (4, {"body": EDITED, "title": NEW_TITLE}),
        ]:
            item = snapshot(URL, hours=hours, **fields)
            archive.store(item, fetch_for(item, run_id=run, extraction=EXTRACTION))
        stats = {
            "downloader/response_count": 3,
            "archive/new": 1,
            "archive/revised": 2,
            "newscrawler/coverage/articles": 3,
            "newscrawler/coverage/authors": 3,
            "newscrawler/coverage/body": 3,
        }
        archive.finish_run(run, T0 + timedelta(hours=5), stats, "finished")
        hostile = snapshot(
            HOSTILE_URL,
            site="detik",
            title=SVG_TITLE,
            body="Banjir merendam Jakarta Utara. Warga mengungsi ke masjid.",
            hours=1,
        )
        stored = archive.store(hostile, fetch_for(hostile))
        archive.record_fetch(
            FetchInfo(HOSTILE_URL, "detik", T0 + timedelta(hours=6), status=404, outcome="gone")
        )
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in ("contents", "search_documents"):
            connection.execute(
                text(f"UPDATE {table} SET title = :title WHERE article_id = :id"),
                {"title": HOSTILE_TITLE, "id": stored.article_id},
            )
    engine.dispose()
    return {"edited": 1, "hostile": stored.article_id}


@pytest.fixture
def web_archive(archive_url: str) -> str:  # noqa: F811  (the fixture imported above)
    build_archive(archive_url)
    return archive_url


@pytest.fixture
def client(web_archive: str) -> Iterator[TestClient]:
    engine = readonly_engine(make_url(web_archive))
    app = create_app(engine, "Asia/Jakarta")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    engine.dispose()
