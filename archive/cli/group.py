"""The ``newsarchive`` group: its options, read by every command."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from archive.cli.common import HOME_ZONE, BadInput, Settings
from archive.urls import archive_url_option


@click.group()
@click.option(
    "--db",
    envvar="ARCHIVE_URL",
    default=None,
    metavar="URL",
    callback=archive_url_option,
    help="Archive database URL or SQLite file (default: $ARCHIVE_URL, else archive.sqlite3).",
)
@click.option(
    "--tz",
    default=HOME_ZONE,
    show_default=True,
    help="IANA zone for dates given without an offset.",
)
@click.pass_context
def main(ctx: click.Context, db: str | None, tz: str) -> None:
    """Query the news archive: search, show, history, diff, changes, stats, export.

    \b
    Example:
      newsarchive --db sqlite:///archive.sqlite3 search "banjir jakarta" --site liputan6
    """
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BadInput(
            f"unknown time zone {tz!r}: use an IANA name such as Asia/Jakarta"
        ) from error
    ctx.obj = Settings(db, tz)
