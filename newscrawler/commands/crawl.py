"""``scrapy crawl NAME``, with a summary line and an exit code that says whether it went well.

Scrapy's own command exits 0 after any crawl that started; ours exits 3 when the run had a
problem (see :mod:`newscrawler.operations.crawl_summary`), so a cron job or a CI step that
runs ``scrapy crawl`` notices a crawl where every page failed.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from newscrawler.operations.crawl_summary import run_summary, summarize
from newscrawler.pipelines import crawl_archive_url
from newscrawler.spider_arguments import check_arguments

EXIT_BAD_ARGUMENT = 2


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Bad spider arguments end the command here, in one line, before Scrapy starts (a
        spider raising in its constructor inside the crawl prints an asyncio traceback)."""
        super().process_options(args, opts)
        if len(args) != 1:
            return
        assert self.settings is not None
        try:
            spidercls = get_spider_loader(self.settings).load(args[0])
        except KeyError:
            return  # Scrapy's own "Spider not found" follows
        try:
            check_arguments(spidercls, opts.spargs)
            # The spider's own checks (e.g. the generic spider needs a start page or a
            # feed). Spiders do no I/O in their constructors, so a trial one is free.
            spidercls(**opts.spargs)
        except ValueError as error:
            print(f"scrapy crawl {args[0]}: {error}", file=sys.stderr)
            sys.exit(EXIT_BAD_ARGUMENT)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or crawler.stats is None:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats()
        # The run as the archive recorded it, with its failures by kind from the fetch log;
        # the crawler's own stats where the archive could not be read.
        try:
            recorded = run_summary(
                crawl_archive_url(crawler.settings), args[0], stats.get("archive/run_id")
            )
        except Exception as error:  # the summary must not hide the crawl's own outcome
            print(f"scrapy crawl {args[0]}: archive not read: {error}", file=sys.stderr)
            recorded = None
        pipelines = crawler.settings.getdict("ITEM_PIPELINES")
        archived = any(
            path.endswith(".ArchivePipeline") and order is not None
            for path, order in pipelines.items()
        )
        summary = recorded or summarize(args[0], stats, archived=archived)
        print(summary.line(), file=sys.stderr)
        for problem in summary.problems:
            print(f"problem {problem}", file=sys.stderr)
        self.exitcode = summary.exit_code
