"""Libraries' INFO lines out of a crawl's INFO log.

Alembic says "Context impl SQLiteImpl." and one line per migration each time a crawl opens
the archive; at ``LOG_LEVEL=INFO`` a crawl's log should say what the crawl did. The loggers
named in ``NEWSCRAWLER_QUIET_LOGGERS`` are set to WARNING, unless the log is a DEBUG log, where
their INFO lines are wanted.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


def log_level(value: object) -> int:
    """A ``LOG_LEVEL`` setting (``"INFO"``, ``"debug"``, ``20``) as a number; INFO when unknown."""
    if isinstance(value, int):
        return value
    return logging.getLevelNamesMapping().get(str(value).upper(), logging.INFO)


def quiet_libraries(names: list[str], crawl_level: int) -> None:
    level = logging.NOTSET if crawl_level <= logging.DEBUG else logging.WARNING
    for name in names:
        logging.getLogger(name).setLevel(level)


class QuietLibraryLogs:
    """Sets the levels when the crawler starts, before the archive (and Alembic) is opened."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietLibraryLogs:
        names = crawler.settings.getlist("NEWSCRAWLER_QUIET_LOGGERS")
        if not names:
            raise NotConfigured
        quiet_libraries(names, log_level(crawler.settings.get("LOG_LEVEL")))
        return cls()
