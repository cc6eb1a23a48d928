"""Engines that cannot write: the web app reads the archive and must never change it.

SQLite is opened through a ``file:...?mode=ro`` URI (the file itself is opened read-only, so
not even a bug in our code or SQLAlchemy can write) with ``PRAGMA query_only`` on top;
PostgreSQL connections start with ``default_transaction_read_only`` on, so every transaction
they begin refuses INSERT, UPDATE, DELETE and DDL. Sessions on either never commit.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from archive.db import SQLITE_BUSY_TIMEOUT_MS, missing_sqlite_features, sqlite_path


def readonly_engine(url: URL) -> Engine:
    """An engine on the archive at ``url`` whose connections refuse every write."""
    path = sqlite_path(url)
    if path is not None:
        return _sqlite_readonly(path)
    if url.get_backend_name() == "sqlite":
        raise ValueError("an in-memory SQLite archive has nothing to serve")
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"options": "-c default_transaction_read_only=on"},
    )


def _sqlite_readonly(path: Path) -> Engine:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"

    def connect() -> sqlite3.Connection:
        # The pool hands connections to the app's worker threads one at a time.
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    missing = missing_sqlite_features(dbapi_connection)
    if missing:
        raise RuntimeError(f"this Python's SQLite lacks {' and '.join(missing)}")
    # SQLAlchemy begins transactions itself, so a page's queries read one snapshot.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()
