"""Shared test fixtures.

Tests that read real pages from ``../shared`` or talk to PostgreSQL/Redis skip with a reason
when those are absent, unless ``NEWSCRAWLER_REQUIRE_SHARED`` / ``NEWSCRAWLER_REQUIRE_SERVICES``
is set (``.ci/run`` sets both), in which case the absence fails the test.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SHARED_PAGES = SHARED / "pages"
SHARED_BENCHMARKS = SHARED / "benchmarks"


def _missing(reason: str, required_by: str) -> None:
    if os.environ.get(required_by):
        pytest.fail(f"{reason} ({required_by} is set, so this test is required)")
    pytest.skip(reason)


def shared_page(relative: str) -> Path:
    """The path of a real page under ../shared/pages, skipping (or failing in CI) if absent."""
    path = SHARED_PAGES / relative
    if not path.exists():
        _missing(f"real page {path} is not available", "NEWSCRAWLER_REQUIRE_SHARED")
    return path


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def shared_pages() -> Path:
    if not SHARED_PAGES.is_dir():
        _missing(f"{SHARED_PAGES} is not available", "NEWSCRAWLER_REQUIRE_SHARED")
    return SHARED_PAGES


@pytest.fixture(scope="session")
def shared_benchmarks() -> Path:
    if not SHARED_BENCHMARKS.is_dir():
        _missing(f"{SHARED_BENCHMARKS} is not available", "NEWSCRAWLER_REQUIRE_SHARED")
    return SHARED_BENCHMARKS


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL URL on loopback; override with NEWSCRAWLER_TEST_POSTGRES_URL."""
    url = os.environ.get(
        "NEWSCRAWLER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    if not _port_open("127.0.0.1", 5432):
        _missing("no PostgreSQL server on 127.0.0.1:5432", "NEWSCRAWLER_REQUIRE_SERVICES")
    return url


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    server = make_url(postgres_url)
    name = f"newscrawler_test_{uuid.uuid4().hex[:12]}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not _port_open("127.0.0.1", 6379):
        _missing("no Redis server on 127.0.0.1:6379", "NEWSCRAWLER_REQUIRE_SERVICES")
    return os.environ.get("NEWSCRAWLER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _archives_in_checkout() -> dict[str, tuple[int, int]]:
    """Archive files in the checkout, with their size and modification time."""
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns)
        for path in ROOT.glob("*.sqlite3*")
        if path.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def no_archive_written_in_the_checkout() -> Iterator[None]:
    """The suite writes to temporary archives only: an archive file created or changed in
    the checkout (``./archive.sqlite3``, the project's default) fails the run, since a user's
    own archive there would be changed by ``make test``."""
    before = _archives_in_checkout()
    yield
    after = _archives_in_checkout()
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert not changed, f"tests wrote archive files in the checkout: {', '.join(changed)}"
