"""Archives on real backends: a SQLite file in tmp_path, and a fresh PostgreSQL database
(``postgres_database``, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.store import Archive


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def archive_url(request: pytest.FixtureRequest) -> str:
    """An empty archive's URL, once per backend."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_database"))


@pytest.fixture
def archive(archive_url: str) -> Iterator[Archive]:
    opened = Archive.open(archive_url)
    try:
        yield opened
    finally:
        opened.close()
