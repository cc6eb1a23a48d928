"""Log lines for dropped items that name the page and the reason, not the whole item.

Scrapy's default prints the dropped item in full; a raw article is kilobytes of text.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure

from newscrawler.items import RawArticle


class NewsLogFormatter(LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        if isinstance(item, RawArticle):
            result["msg"] = "Dropped %(url)s: %(exception)s"
            result["args"] = {"url": item.url, "exception": exception}
        return result
