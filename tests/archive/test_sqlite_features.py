"""An archive on a SQLite without the parts it needs fails at once, saying what is missing."""

from __future__ import annotations

import sqlite3

import pytest

from archive.db import SQLiteTooOldError, _require_sqlite_features, missing_sqlite_features


def test_this_pythons_sqlite_has_everything_the_archive_uses() -> None:
    assert missing_sqlite_features(sqlite3.connect(":memory:")) == []


def test_a_sqlite_without_json_each_is_refused_with_what_to_do() -> None:
    connection = sqlite3.connect(":memory:")
    # A temporary view of that name hides the table-valued function, as if it were absent.
    connection.execute("CREATE TEMP VIEW json_each AS SELECT 1 AS value")
    assert missing_sqlite_features(connection) == ["the JSON functions (json_each)"]
    with pytest.raises(SQLiteTooOldError, match=r"lacks the JSON functions.*PostgreSQL"):
        _require_sqlite_features(connection)
