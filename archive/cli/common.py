"""What every ``newsarchive`` command shares: settings, errors with their exit codes, time
parsing, opening the archive read-only, output helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import click
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from archive import queries
from archive.db import make_engine, resolve_url, sqlite_path
from archive.migrate import current_revision, head_revision
from archive.store import Archive

HOME_ZONE = "Asia/Jakarta"
F = TypeVar("F", bound=Callable[..., Any])


class NotFound(click.ClickException):
    """Nothing matched: exit code 1, so scripts can tell "no" from "broken"."""

    exit_code = 1


class BadInput(click.ClickException):
    """Unusable input or environment: exit code 2, like a usage error."""

    exit_code = 2


class Settings:
    def __init__(self, db: str | None, tz: str) -> None:
        self.db = db
        self.tz = tz


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(command)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def parse_time(text: str, zone: str) -> datetime:
    """An ISO 8601 date or time; without an offset it is read in ``zone``.

    >>> parse_time("2024-08-14", "Asia/Jakarta").isoformat()
    '2024-08-14T00:00:00+07:00'
    """
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise BadInput(
            f"bad date/time {text!r}: use ISO 8601, e.g. 2024-08-14, 2024-08-14T10:30 "
            "or 2024-08-14T10:30:00+07:00"
        ) from error
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value


def parse_optional(text: str | None, zone: str) -> datetime | None:
    return parse_time(text, zone) if text is not None else None


@contextmanager
def open_session(settings: Settings) -> Iterator[Session]:
    """A read session on an existing, up-to-date archive; never creates one."""
    with open_archive(settings) as archive, archive.session() as session:
        yield session


@contextmanager
def open_archive(settings: Settings) -> Iterator[Archive]:
    """An existing, up-to-date archive (for the few commands that write); never creates one."""
    url = resolve_url(settings.db)
    require_existing(url)
    engine = make_engine(url)
    require_current_schema(engine, url)
    archive = Archive(engine)
    try:
        yield archive
    finally:
        archive.close()


def require_existing(url: URL) -> None:
    """Refuse a SQLite file that does not exist, saying how to create one."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise BadInput(
            f"no archive at {path}. Create one by crawling (make crawl) or with "
            f"`newsarchive --db {url.render_as_string()} db upgrade`, or point --db / "
            "ARCHIVE_URL at an existing archive."
        )


def require_current_schema(engine: Engine, url: URL) -> None:
    """Refuse (and dispose of ``engine``) an archive that cannot be read or is not at this
    version's schema."""
    try:
        revision = current_revision(engine)
    except DatabaseError as error:
        engine.dispose()
        raise BadInput(f"cannot open the archive at {url!r}: {error.orig}") from error
    if revision != head_revision():
        engine.dispose()
        raise BadInput(
            f"the archive at {url!r} has schema {revision or 'none'}, this version needs "
            f"{head_revision()}: run `newsarchive --db URL db upgrade`."
        )


def find_article(session: Session, ref: str) -> int:
    try:
        return queries.resolve_article(session, ref)
    except queries.ArticleNotFoundError as error:
        raise NotFound(str(error)) from error


def new_table(*columns: str) -> Table:
    table = Table(show_header=True, header_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
