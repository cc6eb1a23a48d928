"""Alembic, configured in code so migrations run from an installed package (no alembic.ini).

The full-text index lives outside the models (an FTS5 virtual table on SQLite, a GIN
expression index on PostgreSQL), so comparing models with the database must skip it.
"""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = "archive:migrations"
# Objects created by raw SQL in migrations, invisible to the models on purpose.
FULLTEXT_PREFIX = "search_fts"


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema at ``engine`` up to ``revision`` (creates it on an empty database)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
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
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
