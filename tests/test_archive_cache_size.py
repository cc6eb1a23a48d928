"""The crawl's archive connection keeps SQLite's small page cache; bulk ingest keeps its large one.

A crawl's memory must stay flat as the archive grows (bench/memory.py): with the 64 MB cache
of bulk ingest it grew with the archive file, a fifth from 200 to 2,000 articles.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.test import get_crawler
from sqlalchemy import text

from archive.db import SQLITE_CACHE_KB
from archive.store import Archive
from newscrawler.pipelines import DEFAULT_ARCHIVE_CACHE_KB, ArchivePipeline
from newscrawler.spiders.liputan6 import Liputan6Spider


def _cache_kb(archive: Archive) -> int:
    with archive.engine.connect() as connection:
        return -int(connection.execute(text("PRAGMA cache_size")).scalar_one())


def test_bulk_use_keeps_the_large_cache(tmp_path: Path) -> None:
    with Archive.open(f"sqlite:///{tmp_path / 'a.sqlite3'}") as archive:
        assert _cache_kb(archive) == SQLITE_CACHE_KB == 64 * 1024


def test_a_crawl_opens_its_archive_with_the_small_cache(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    crawler = get_crawler(Liputan6Spider, {"ARCHIVE_URL": url})
    crawler.spider = crawler._create_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    try:
        assert pipeline.archive is not None
        assert _cache_kb(pipeline.archive) == DEFAULT_ARCHIVE_CACHE_KB == 2048
    finally:
        assert pipeline.archive is not None
        pipeline.archive.close()


def test_the_crawl_cache_is_a_setting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    settings = {"ARCHIVE_URL": url, "NEWSCRAWLER_ARCHIVE_CACHE_KB": 16384}
    crawler = get_crawler(Liputan6Spider, settings)
    crawler.spider = crawler._create_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    try:
        assert pipeline.archive is not None
        assert _cache_kb(pipeline.archive) == 16384
    finally:
        assert pipeline.archive is not None
        pipeline.archive.close()
