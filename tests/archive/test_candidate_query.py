"""The near-duplicate candidate query keeps one SQL text for every batch.

SQLite's driver keeps the last 128 prepared statements of a connection. When each batch's
keys were written into the SQL, every batch prepared a new program for 2,600 literals and
the driver kept it: a crawl's memory grew with each batch until 128 had passed. The keys
now travel as parameters; which rows the query finds is checked by the store tests on
SQLite and PostgreSQL (wire copies linked inside a batch and with older articles).
"""

from __future__ import annotations

import json

import pytest

from archive.batch_links import band_matches_query as _band_matches_query

ONE = {0: [1, 2, 3], 1: [4], 2: [5, 6], 3: [7]}
OTHER = {0: [9], 1: [10, 11, 65_535], 2: [12], 3: [13, 14, 15]}


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_every_batch_runs_the_same_sql_with_its_keys_as_parameters(dialect: str) -> None:
    sql_one, parameters_one = _band_matches_query(ONE, dialect)
    sql_other, parameters_other = _band_matches_query(OTHER, dialect)
    assert sql_one == sql_other
    assert "65535" not in sql_other
    if dialect == "sqlite":
        assert [json.loads(p) for p in parameters_other] == list(OTHER.values())
    else:
        assert list(parameters_other) == list(OTHER.values())
    assert parameters_one != parameters_other


def test_other_backends_get_the_keys_as_integer_literals() -> None:
    sql, parameters = _band_matches_query(OTHER, "mysql")
    assert parameters == ()
    assert "band = 1 AND value IN (10, 11, 65535)" in sql
    assert sql.count(" UNION ALL ") == 3
