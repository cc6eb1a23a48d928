"""What ``scrapy shell`` and ``scrapy parse`` do with the archive: nothing, unless told.

Debugging a page must not change the archive a scheduled crawl writes to: a debug run in
``./archive.sqlite3`` (one left ``running`` when the shell closes) would be judged by
``newsarchive health`` as the site's last crawl. So these commands leave the archive
pipeline out unless the user names an archive (``-s ARCHIVE_URL=...`` or the environment
variable), and say so in one line.
"""

from __future__ import annotations

import os
import sys
from argparse import Namespace

from scrapy.settings import Settings

ARCHIVE_PIPELINE = "newscrawler.pipelines.ArchivePipeline"


def archive_named(opts: Namespace) -> bool:
    """Whether the user named an archive for this command: ``-s ARCHIVE_URL=...`` or the
    ``ARCHIVE_URL`` environment variable (the project's default file does not count)."""
    pairs = getattr(opts, "set", None) or []
    return bool(os.environ.get("ARCHIVE_URL")) or any(
        pair.startswith("ARCHIVE_URL=") for pair in pairs
    )


def leave_archive_out(settings: Settings, command: str) -> None:
    """Take the archive pipeline out of this command's pipelines (at the command line's
    priority, over the project's), with one line on stderr saying how to keep it."""
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    pipelines[ARCHIVE_PIPELINE] = None
    settings.set("ITEM_PIPELINES", pipelines, priority="cmdline")
    print(
        f"scrapy {command}: nothing is archived (name an archive to store: "
        "-s ARCHIVE_URL=sqlite:///debug.sqlite3)",
        file=sys.stderr,
    )
