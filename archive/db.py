"""Engines and sessions for the archive, plus the SQLite settings that make one file safe to share.

SQLite is tuned for "one writer, many readers" (WAL, a busy timeout, foreign keys on) and
SQLAlchemy is made to emit ``BEGIN`` itself, because Python's sqlite3 module otherwise delays
it until the first write, so a read-then-write transaction could see stale rows.
Writers start with ``BEGIN IMMEDIATE`` (they take the write lock up front and wait for it,
instead of failing half-way with "database is locked").
"""

from __future__ import annotations

import os
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DEFAULT_URL = "sqlite:///archive.sqlite3"
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KB = 64 * 1024
SQLITE_MMAP_BYTES = 1024 * 1024 * 1024
# Pages in the WAL before a commit copies them into the database file (SQLite's default:
# 1,000). A batch of 50 articles touches over 1,000 index pages, so the default checkpointed
# after nearly every commit, writing each hot page again and again.
SQLITE_WAL_CHECKPOINT_PAGES = 16_000

# Tries at switching a new file to WAL mode, each after waiting for the connection that held
# the file (see _use_wal); every failed try means another connection wrote in between.
SQLITE_WAL_SWITCH_ATTEMPTS = 5

# Execution option that chooses how a SQLite transaction starts ("DEFERRED" or "IMMEDIATE").
SQLITE_BEGIN = "archive_sqlite_begin"


def resolve_url(url: str | URL | None) -> URL:
    """The archive URL to use: the argument, else ``$ARCHIVE_URL``, else the local SQLite file."""
    chosen = url if url is not None else os.environ.get("ARCHIVE_URL") or DEFAULT_URL
    return make_url(chosen)


def shown_url(url: str | URL) -> str:
    """The URL as logs and messages show it: any password replaced by ``***``."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The file a SQLite URL points at, or None for in-memory databases and other backends."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


class SQLiteTooOldError(RuntimeError):
    """The SQLite library Python was built with lacks something the archive uses."""


def missing_sqlite_features(connection: sqlite3.Connection) -> list[str]:
    """What of SQLite's optional parts the archive needs and ``connection`` lacks.

    FTS5 indexes articles for search; the JSON functions carry each batch's near-duplicate
    keys (``json_each``). Both are in the SQLite that Python 3.11+ ships on Windows and
    macOS and in Debian's, Ubuntu's and Fedora's; a SQLite of one's own may leave them out.
    """
    missing = []
    options = {row[0] for row in connection.execute("PRAGMA compile_options")}
    if "ENABLE_FTS5" not in options:
        missing.append("FTS5 (full-text search)")
    try:
        connection.execute("SELECT count(*) FROM json_each('[1]')").fetchone()
    except sqlite3.OperationalError:
        missing.append("the JSON functions (json_each)")
    return missing


def _require_sqlite_features(connection: sqlite3.Connection) -> None:
    missing = missing_sqlite_features(connection)
    if missing:
        raise SQLiteTooOldError(
            f"this Python's SQLite {sqlite3.sqlite_version} lacks {' and '.join(missing)},"
            " which the archive needs; use a Python whose SQLite has them (3.38 or newer"
            " has JSON built in; FTS5 is a build option) or PostgreSQL (ARCHIVE_URL)"
        )


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Put the database file in WAL mode (a setting stored in the file, made once per file).

    On a file still in rollback mode, the switch reads the header and then needs the write
    lock; SQLite never waits when a read lock would become a write lock (two connections
    doing that could wait for each other forever), so the switch fails at once with
    "database is locked" while another connection writes: on a new archive, typically
    another process making the same switch. ``BEGIN IMMEDIATE`` asks for the write lock
    from nothing, so it does wait (busy_timeout); once the holder is done the switch is made
    again, and finds the file already in WAL mode when the holder made it.
    """
    for _attempt in range(SQLITE_WAL_SWITCH_ATTEMPTS - 1):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                raise
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("ROLLBACK")
    cursor.execute("PRAGMA journal_mode=WAL")  # the last attempt's error propagates


def _on_sqlite_connect(
    dbapi_connection: Any, _record: Any, *, cache_kb: int = SQLITE_CACHE_KB
) -> None:
    _require_sqlite_features(dbapi_connection)
    # Hand transaction control to SQLAlchemy (see the module docstring).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # First, so that everything after it waits for other processes instead of failing.
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    _use_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    # NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
    # the last transactions, which a re-crawl restores.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # The (band, value) index of SimHash keys takes random inserts all over a large table;
    # SQLite's default 2 MB page cache re-read its pages through system calls on every
    # batch, and ingest slowed as the archive grew. A larger cache and memory-mapped reads
    # keep them in this process (both grow only as far as the file needs); a longer WAL
    # writes each hot page once per checkpoint, not once per commit. The WAL file is cut
    # back to that size after each checkpoint.
    cursor.execute(f"PRAGMA cache_size=-{cache_kb}")
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_CHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA journal_size_limit={SQLITE_WAL_CHECKPOINT_PAGES * 4096}")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(
    url: str | URL | None = None, *, sqlite_cache_kb: int = SQLITE_CACHE_KB, **kwargs: Any
) -> Engine:
    """Create an engine for the archive at ``url`` with the settings each backend needs.

    ``sqlite_cache_kb`` is SQLite's page cache per connection: large for bulk ingest (see
    _on_sqlite_connect); a crawl, a hundred articles a second at most, asks for less and
    keeps its memory flat (``NEWSCRAWLER_ARCHIVE_CACHE_KB``).
    """
    resolved = resolve_url(url)
    if resolved.get_backend_name() == "sqlite":
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", partial(_on_sqlite_connect, cache_kb=sqlite_cache_kb))
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(resolved, pool_pre_ping=True, **kwargs)


def writer(engine: Engine) -> Engine:
    """The same engine, but SQLite transactions take the write lock when they begin."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
    return engine
