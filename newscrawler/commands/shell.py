"""``scrapy shell``, recording nothing in the archive unless one is named (see
:mod:`newscrawler.commands.debugging`), with ``extract`` at hand.

``extract(response)`` is the article as ``newscrawler extract`` prints it, at the prompt and
in ``-c`` (which takes one expression, so an import cannot go there):

    scrapy shell ./saved-page.html -c "extract(response)"
"""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from scrapy.commands.shell import Command as ScrapyShell

from newscrawler.commands.debugging import archive_named, leave_archive_out


class Command(ScrapyShell):
    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if not archive_named(opts):
            leave_archive_out(self.settings, "shell")

    def update_vars(self, vars: dict[str, Any]) -> None:
        from newscrawler.extract import extract

        vars["extract"] = extract
