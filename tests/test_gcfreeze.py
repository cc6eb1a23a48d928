"""The crawl keeps its start-up objects out of full garbage collections, and lets go after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawler.demo.site import build_site
from newscrawler.operations.gcfreeze import FreezeStartupObjects
from newscrawler.operations.replay import serving
from tests.crawling import counts, last_run_stats, scrapy_crawl


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    FreezeStartupObjects.open_crawls = 0
    yield
    gc.unfreeze()
    FreezeStartupObjects.open_crawls = 0


def _opened(settings: dict | None = None) -> tuple[object, FreezeStartupObjects]:
    crawler = get_crawler(
        Spider,
        {
            "EXTENSIONS": {"newscrawler.operations.gcfreeze.FreezeStartupObjects": 0},
            **(settings or {}),
        },
    )
    extension = FreezeStartupObjects.from_crawler(crawler)
    extension.spider_opened()
    return crawler, extension


def test_objects_stay_frozen_until_the_last_open_crawl_closes(unfrozen: None) -> None:
    crawler, first = _opened()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # this process's modules and their objects
    assert crawler.stats.get_value("newscrawler/gc_frozen_objects") == frozen
    _, second = _opened()  # crawl-due runs several crawls in one process
    first.spider_closed()
    assert gc.get_freeze_count() >= frozen
    second.spider_closed()
    assert gc.get_freeze_count() == 0


def test_cycles_left_after_the_crawl_are_collected_again(unfrozen: None) -> None:
    class Node:
        pass

    _, extension = _opened()
    node = Node()
    node.self = node  # type: ignore[attr-defined]
    gc.freeze()  # as if it had been there when the crawl opened
    count = sum(isinstance(o, Node) for o in gc.get_objects())  # frozen: not listed
    extension.spider_closed()
    assert count == 0
    del node
    gc.collect()
    assert not any(isinstance(o, Node) for o in gc.get_objects())


def test_the_setting_turns_it_off(unfrozen: None) -> None:
    crawler = get_crawler(Spider, {"NEWSCRAWLER_GC_FREEZE": False})
    with pytest.raises(NotConfigured):
        FreezeStartupObjects.from_crawler(crawler)
    assert gc.get_freeze_count() == 0


def test_a_real_crawl_freezes_its_start_up_objects(tmp_path: Path) -> None:
    root = tmp_path / "site"
    build_site(root)
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    with serving(root) as server:
        scrapy_crawl("liputan6", server.url, db, "-a", "date=2019-11-24")
        assert last_run_stats(db)["newscrawler/gc_frozen_objects"] > 50_000
        scrapy_crawl(
            "liputan6", server.url, db, "-a", "date=2019-11-24", "-s", "NEWSCRAWLER_GC_FREEZE=False"
        )
        assert "newscrawler/gc_frozen_objects" not in last_run_stats(db)
    assert counts(db)["articles"] == 4
