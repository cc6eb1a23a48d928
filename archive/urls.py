"""How an archive is named on a command line or in ``ARCHIVE_URL``: a URL or a file path."""

from __future__ import annotations

from pathlib import Path

import click

# SQLAlchemy reads a bare postgresql:// as psycopg2, which is not installed; psycopg (3) is.
_POSTGRES_SCHEMES = ("postgres://", "postgresql://")
POSTGRES_DRIVER = "postgresql+psycopg://"


def archive_url(text: str) -> str:
    """The SQLAlchemy URL of the archive ``text`` names, by the first rule that applies:

    1. ``postgres://...`` or ``postgresql://...``: PostgreSQL through psycopg.
    2. Anything else with ``://`` (``sqlite:///news.sqlite3``,
       ``postgresql+psycopg://user@host/news``): used as given.
    3. Otherwise a file path (``demo.sqlite3``, ``~/news.sqlite3``): SQLite, ``sqlite:///PATH``.

    >>> archive_url("demo.sqlite3")
    'sqlite:///demo.sqlite3'
    >>> archive_url("postgres://news@127.0.0.1/news")
    'postgresql+psycopg://news@127.0.0.1/news'
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty archive URL: give a URL or a SQLite file path")
    for scheme in _POSTGRES_SCHEMES:
        if text.startswith(scheme):
            return POSTGRES_DRIVER + text.removeprefix(scheme)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def archive_url_option(
    _ctx: click.Context | None, _param: click.Parameter | None, value: str | None
) -> str | None:
    """``--db`` (or ``ARCHIVE_URL``) read by :func:`archive_url`, as a click callback."""
    if value is None:
        return None
    try:
        return archive_url(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
