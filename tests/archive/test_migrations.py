"""Alembic owns the schema: migrations build exactly what the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from archive.db import make_engine
from archive.migrate import (
    current_revision,
    downgrade,
    head_revision,
    include_object,
    upgrade,
)
from archive.models import NAMING_CONVENTION, Base


def test_models_and_migrations_agree(archive_url: str) -> None:
    engine = make_engine(archive_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_is_repeatable_and_reaches_head(archive_url: str) -> None:
    engine = make_engine(archive_url)
    assert current_revision(engine) is None
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"articles", "article_urls", "contents", "revisions", "fetches", "runs"} <= tables


def test_downgrade_removes_everything_including_the_fulltext_index(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    downgrade(engine, "base")
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert tables == {"alembic_version"}


def test_constraints_follow_the_naming_convention(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    unique_names = {u["name"] for u in inspect(engine).get_unique_constraints("revisions")}
    engine.dispose()
    assert unique_names == {"uq_revisions_article_id_number"}
    assert NAMING_CONVENTION["uq"] == "uq_%(table_name)s_%(column_0_N_name)s"


def test_sqlite_settings_are_applied(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    engine.dispose()
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000}
