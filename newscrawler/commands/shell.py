"""``scrapy shell``, recording nothing in the archive unless one is named (see
:mod:`newscrawler.commands.debugging`)."""

from __future__ import annotations

from argparse import Namespace

from scrapy.commands.shell import Command as ScrapyShell

from newscrawler.commands.debugging import archive_named, leave_archive_out


class Command(ScrapyShell):
    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if not archive_named(opts):
            leave_archive_out(self.settings, "shell")
