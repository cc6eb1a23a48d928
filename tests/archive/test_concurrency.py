"""Concurrent writers and readers, in real separate processes.

Two crawlers storing the same articles into one PostgreSQL archive at once must end with
one Article per article and a gap-free revision history: the unique constraints turn each
race into a retried transaction. SQLite must let readers work while one process writes.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from multiprocessing.synchronize import Barrier

import pytest
from sqlalchemy import func, select

from archive.models import Article, ArticleURL, Content, Revision
from archive.search import search
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot

ARTICLES = 40


def _variant(number: int, edited: bool, worker: int) -> tuple[str, str]:
    # Each worker reaches the article through its own URL variant.
    host = "https://www.liputan6.com" if worker == 0 else "http://m.liputan6.com"
    url = f"{host}/read/{5_000_000 + number}/berita-{number}?utm_source={worker}"
    body = BODY.replace("Rp 14.000", "Rp 14.500") if edited else BODY
    return url, f"Berita nomor {number}. {body}"


def _write(url: str, worker: int, start: Barrier) -> list[str]:
    archive = Archive.open(url, upgrade=False)
    start.wait()
    outcomes = []
    for number in range(ARTICLES):
        for edited in (False, True):
            page, body = _variant(number, edited, worker)
            item = snapshot(page, hours=edited + worker / 10, body=body)
            outcomes.append(archive.store(item, fetch_for(item)).outcome)
    archive.close()
    return outcomes


@pytest.mark.postgres
def test_two_processes_writing_the_same_articles_make_no_duplicates(
    postgres_database: str,
) -> None:
    Archive.open(postgres_database).close()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = [pool.apply_async(_write, (postgres_database, w, start)) for w in (0, 1)]
            outcomes = [r.get(timeout=240) for r in results]
    assert sum(len(o) for o in outcomes) == 4 * ARTICLES
    archive = Archive.open(postgres_database, upgrade=False)
    with archive.session() as session:
        assert session.scalar(select(func.count(Article.id))) == ARTICLES
        assert session.scalar(select(func.count(Content.id))) == 2 * ARTICLES
        # Both workers' URL variants share one canonical alias; revisions are 1..n, no gaps.
        assert session.scalar(select(func.count(ArticleURL.id))) == ARTICLES
        numbers: dict[int, list[int]] = {}
        for article_id, number in session.execute(
            select(Revision.article_id, Revision.number).order_by(Revision.number)
        ):
            numbers.setdefault(article_id, []).append(number)
        counts = dict(session.execute(select(Article.id, Article.revision_count)).all())
    archive.close()
    assert all(found == list(range(1, counts[a] + 1)) for a, found in numbers.items())
    assert Counter(o for both in outcomes for o in both)["new"] == ARTICLES


def _write_many(url: str, start: Barrier) -> int:
    archive = Archive.open(url, upgrade=False)
    start.wait()
    for number in range(ARTICLES * 3):
        page, body = _variant(number, False, 0)
        item = snapshot(page, hours=number / 60, body=body)
        archive.store(item, fetch_for(item))
    archive.close()
    return ARTICLES * 3


def test_sqlite_readers_work_while_one_process_writes(sqlite_url: str) -> None:
    Archive.open(sqlite_url).close()
    context = multiprocessing.get_context("spawn")
    reader = Archive.open(sqlite_url, upgrade=False)
    seen: list[int] = []
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(1) as pool:
            written = pool.apply_async(_write_many, (sqlite_url, start))
            start.wait()
            while not written.ready():
                with reader.session() as session:
                    seen.append(session.scalar(select(func.count(Article.id))) or 0)
                    search(session, "beras")
            assert written.get(timeout=240) == ARTICLES * 3
    with reader.session() as session:
        final = session.scalar(select(func.count(Article.id)))
        hits = search(session, "beras", limit=1000)
    reader.close()
    assert final == ARTICLES * 3
    assert len(hits) == ARTICLES * 3
    assert seen == sorted(seen)  # readers see committed growth, never a partial state
