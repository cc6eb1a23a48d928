"""The first run, twice at once: several processes open an archive nobody has created yet.

Each process opens the archive (which creates and migrates the schema) and stores one article
of its own, all released at the same moment. Every one must succeed, the schema must end at
the newest revision, and every article must be there once. Each backend is raced several times
on a fresh database, because a single race may happen to go one process after another.
Connecting alone is raced too: every connection switches a new SQLite file to WAL mode.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from multiprocessing.synchronize import Barrier
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from archive.db import make_engine
from archive.identity import canonicalize_url
from archive.migrate import current_revision, head_revision
from archive.models import Article
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 6
ROUNDS = 3
READY = "ready"
# Two connections switching one new file to WAL collide only within the same milliseconds,
# so that race gets many more, cheaper rounds (processes kept, a new file each round).
WAL_ROUNDS = 100


def _article_url(number: int) -> str:
    return f"https://www.liputan6.com/read/{5_800_000 + number}/berita-{number}"


def open_and_store(url: str, number: int) -> None:
    """One racer: say it is ready, wait for a line on stdin, open, store, print the outcome."""
    print(READY, flush=True)
    sys.stdin.readline()
    with Archive.open(url) as archive:
        item = snapshot(_article_url(number), body=f"Berita nomor {number}. {BODY}")
        print(archive.store(item, fetch_for(item)).outcome, flush=True)


def _race(url: str) -> None:
    """Start the racers, release them together once all are ready, and check what they left."""
    code = "import sys; from tests.archive.test_first_run_races import open_and_store as run; "
    code += "run(sys.argv[1], int(sys.argv[2]))"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", code, url, str(number)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(PROCESSES)
    ]
    try:
        # A barrier: every racer has imported everything and waits on its stdin.
        for racer in racers:
            assert racer.stdout is not None
            assert racer.stdout.readline().strip() == READY
        for racer in racers:
            assert racer.stdin is not None
            racer.stdin.write("go\n")
            racer.stdin.flush()
        finished = [racer.communicate(timeout=120) for racer in racers]
    finally:
        for racer in racers:
            if racer.poll() is None:
                racer.kill()
                racer.wait()
    failures = [
        f"racer {number} exited {racer.returncode}:\n{stderr}"
        for number, (racer, (_, stderr)) in enumerate(zip(racers, finished, strict=True))
        if racer.returncode != 0 or stderr
    ]
    assert not failures, "\n".join(failures)
    assert [stdout.split() for stdout, _ in finished] == [["new"]] * PROCESSES

    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            stored = connection.scalars(select(Article.canonical_url)).all()
    finally:
        engine.dispose()
    assert sorted(stored) == sorted(canonicalize_url(_article_url(n)) for n in range(PROCESSES))


def test_first_runs_at_once_on_sqlite(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        _race(f"sqlite:///{tmp_path / f'archive-{round_}.sqlite3'}")


def _journal_mode(url: str, start: Barrier) -> str:
    engine = make_engine(url)
    start.wait()
    try:
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
    finally:
        engine.dispose()


def test_connections_at_once_to_a_new_sqlite_file_all_get_wal(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(PROCESSES) as pool:
        start = manager.Barrier(PROCESSES, timeout=60)
        for round_ in range(WAL_ROUNDS):
            url = f"sqlite:///{tmp_path / f'wal-{round_}.sqlite3'}"
            modes = pool.starmap(_journal_mode, [(url, start)] * PROCESSES, chunksize=1)
            assert modes == ["wal"] * PROCESSES


def _empty(url: str) -> None:
    """Return a PostgreSQL database to the state of a new one: no tables, no version."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


@pytest.mark.postgres
def test_first_runs_at_once_on_postgres(postgres_database: str) -> None:
    for round_ in range(ROUNDS):
        if round_:
            _empty(postgres_database)
        _race(postgres_database)
