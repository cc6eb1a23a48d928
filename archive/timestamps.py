"""Aware UTC in the database, the article's own zone at the edges.

``UTCDateTime`` is the only datetime column type the archive uses. It refuses naive values
instead of guessing a zone: a naive datetime is a bug upstream (the classic one is
``dt.replace(tzinfo=tz)`` with the result thrown away), and guessing would file a WIB time
seven hours off without anyone noticing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class NaiveDatetimeError(ValueError):
    """A datetime without a UTC offset tried to reach the archive."""


def require_aware(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` in UTC, or raise NaiveDatetimeError when it has no offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(f"{name} must be timezone-aware, got naive {value!r}")
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back as an aware UTC datetime.

    PostgreSQL keeps it as ``timestamptz``; SQLite has no such type, so the value is stored as
    naive UTC text (``2024-08-14 02:30:00.000000``), which still sorts correctly.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
        utc = require_aware(value)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # Only SQLite gives naive values back, and it only ever stored UTC.
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def in_zone(value: datetime | None, zone: str) -> datetime | None:
    """``value`` shown in the IANA zone ``zone`` (``Asia/Jakarta`` -> +07:00, WIB)."""
    if value is None:
        return None
    return require_aware(value).astimezone(ZoneInfo(zone))


def iso_in_zone(value: datetime | None, zone: str, timespec: str = "auto") -> str | None:
    """ISO 8601 text in the article's zone, e.g. ``2019-11-24T13:46:00+07:00``.

    Every time a command prints goes through here, so no command shows UTC where another
    shows +07:00 for the same article. ``timespec="minutes"`` is for tables and messages,
    where a fetch time's seconds and microseconds only widen the column; JSON keeps the
    stored precision.
    """
    shown = in_zone(value, zone)
    return shown.isoformat(timespec=timespec) if shown is not None else None


def table_time(value: datetime | None, zone: str) -> str:
    """A time as a table cell: in the article's zone, to the minute (a table is read by a
    person; ``--json`` keeps the stored precision), blank when missing.

    >>> from datetime import UTC
    >>> table_time(datetime(2024, 8, 14, 3, 0, 5, 123456, tzinfo=UTC), "Asia/Jakarta")
    '2024-08-14T10:00+07:00'
    """
    return iso_in_zone(value, zone, timespec="minutes") or ""


def iso_text_in_zone(text: str | None, zone: str) -> str | None:
    """A stored ISO time string (field diffs keep UTC text) shown in the article's zone."""
    return iso_in_zone(datetime.fromisoformat(text), zone) if text is not None else None
