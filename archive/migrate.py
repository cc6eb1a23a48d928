"""Alembic, configured in code so migrations run from an installed package (no alembic.ini).

The full-text index lives outside the models (an FTS5 virtual table on SQLite, a GIN
expression index on PostgreSQL), so comparing models with the database must skip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select

from archive.db import writer

SCRIPT_LOCATION = "archive:migrations"
# Objects created by raw SQL in migrations, invisible to the models on purpose.
FULLTEXT_PREFIX = "search_fts"
# PostgreSQL advisory lock held while migrating ("news" in ASCII). Advisory locks are per
# database, so archives sharing a server do not wait for each other.
SCHEMA_LOCK_KEY = 0x6E657773


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the full-text objects (``search_fts*`` tables, triggers, index) out of comparisons."""
    return not (name or "").startswith(FULLTEXT_PREFIX) and name != "ix_search_documents_fulltext"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic Config for the archive; with ``engine``, migrations use that engine's URL."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if engine is not None:
        # Percent signs in passwords would be read as interpolation by ConfigParser.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


@contextmanager
def _migrating(engine: Engine) -> Iterator[Config]:
    """A transaction that holds the schema to itself, with an Alembic Config that runs in it.

    Processes that open a new archive at once all find it unmigrated; only one may create
    the schema, and the others must then find it made. PostgreSQL: a transaction-level
    advisory lock, released by the commit (or rollback). SQLite: ``BEGIN IMMEDIATE``, the
    write lock, which a second process waits for (busy_timeout). Alembic reads the revision
    inside the transaction, so after the wait it sees what the first process committed and
    has nothing left to do.
    """
    config = alembic_config(engine)
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
        config.attributes["connection"] = connection
        yield config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema at ``engine`` up to ``revision`` (creates it on an empty database).

    Safe to run from several processes at once: one migrates, the others wait for it.
    """
    if revision == "head" and current_revision(engine) == head_revision():
        return  # the usual open: nothing to do, so no lock to wait for
    with _migrating(engine) as config:
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None when it has never been migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest schema revision this version of the archive knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema at ``engine`` back to ``revision`` ("base" drops everything)."""
    with _migrating(engine) as config:
        command.downgrade(config, revision)
