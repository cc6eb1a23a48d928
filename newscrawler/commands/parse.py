"""``scrapy parse``, recording nothing in the archive unless one is named, even with
``--pipelines`` (see :mod:`newscrawler.commands.debugging`)."""

from __future__ import annotations

from argparse import Namespace

from scrapy.commands.parse import Command as ScrapyParse

from newscrawler.commands.debugging import archive_named, leave_archive_out


class Command(ScrapyParse):
    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if not archive_named(opts):
            leave_archive_out(self.settings, "parse")
