"""Alembic owns the schema: migrations build exactly what the models describe, on both backends."""

from __future__ import annotations

from itertools import combinations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from archive import neardup, queries
from archive.db import make_engine
from archive.migrate import (
    current_revision,
    downgrade,
    head_revision,
    include_object,
    upgrade,
)
from archive.models import NAMING_CONVENTION, Base, Content, SimhashBand
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot


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


def test_band_rows_survive_a_downgrade_and_an_upgrade(archive_url: str) -> None:
    """0002 stored 28 keys per article (every pair of 8-bit blocks); 0003 stores 4 bands of
    16 bits with the hash beside them, filled from each article's latest content. Going
    down and up again loses nothing, and wire copies stored before an upgrade are still
    found by copies stored after it."""
    archive = Archive.open(archive_url)
    first = archive.store(*_with_fetch(snapshot()))
    archive.close()
    engine = make_engine(archive_url)
    with engine.connect() as connection:
        stored_hash = connection.execute(select(Content.simhash)).scalar_one()
    unsigned = stored_hash & ((1 << 64) - 1)
    block = [(unsigned >> (8 * i)) & 255 for i in range(8)]

    downgrade(engine, "0002")
    with engine.connect() as connection:
        old_keys = dict(connection.execute(text("SELECT band, value FROM simhash_bands")).all())
    assert old_keys == {
        band: block[i] << 8 | block[j] for band, (i, j) in enumerate(combinations(range(8), 2))
    }

    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            select(SimhashBand.band, SimhashBand.value, SimhashBand.simhash)
        ).all()
    engine.dispose()
    assert sorted(rows) == [
        (band, value, stored_hash) for band, value in enumerate(neardup.bands(stored_hash))
    ]

    archive = Archive.open(archive_url)
    copy = archive.store(
        *_with_fetch(
            snapshot(
                "https://www.merdeka.com/uang/harga-beras-naik.html",
                site="merdeka",
                body=BODY.replace("Liputan6.com, Jakarta -", "Merdeka.com -"),
            )
        )
    )
    with archive.session() as session:
        linked = [other for other, _ in queries.near_duplicates(session, first.article_id)]
    archive.close()
    assert linked == [copy.article_id]


def _with_fetch(item: ArticleSnapshot) -> tuple[ArticleSnapshot, FetchInfo]:
    return item, fetch_for(item)
