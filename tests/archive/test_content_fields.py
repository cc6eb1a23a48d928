"""Every content field of archive.snapshot.CONTENT_FIELDS reaches every place it must.

The list is declared once; the snapshot, the ``contents`` table, the diff, the view and the
exports follow it. A field declared but forgotten in one of the files a new field touches
(the snapshot dataclass, the model, its migration: see docs/archive.md) fails here, by name.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import JSON, String, Text

from archive.diff import field_diff
from archive.export import COLUMNS
from archive.models import Content
from archive.revisions import REVISED_FIELDS, NormalizedContent, normalize_snapshot
from archive.snapshot import CONTENT_FIELDS, ArticleSnapshot, ContentField
from archive.timestamps import UTCDateTime
from archive.views import ArticleView

from .samples import snapshot

NAMES = [f.name for f in CONTENT_FIELDS]
# A value of each kind that differs from the sample article's.
OTHER_VALUE: dict[str, Any] = {
    "text": "Sesuatu yang lain",
    "names": ("Ani Lestari",),
    "tags": ("topik lain",),
    "time": datetime(2020, 1, 2, 3, 4, tzinfo=UTC),
    "body": "Paragraf yang sama sekali lain.",
}


def test_the_declaration_names_each_field_once_and_the_body_once() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert [f.kind for f in CONTENT_FIELDS].count("body") == 1
    assert tuple(NAMES) == REVISED_FIELDS


@pytest.mark.parametrize("field", CONTENT_FIELDS, ids=NAMES)
def test_each_field_is_a_snapshot_attribute(field: ContentField) -> None:
    assert field.name in {f.name for f in dataclasses.fields(ArticleSnapshot)}


@pytest.mark.parametrize("field", CONTENT_FIELDS, ids=NAMES)
def test_each_field_is_a_contents_column_of_its_kind(field: ContentField) -> None:
    columns = Content.__table__.columns
    assert field.name in columns, f"add {field.name} to archive.models.Content (and a migration)"
    column = columns[field.name]
    expected = {"text": (Text, String), "body": (Text,), "time": (UTCDateTime,)}
    expected |= {"names": (JSON,), "tags": (JSON,)}
    assert isinstance(column.type, expected[field.kind])
    if field.kind == "text":
        assert column.nullable is not field.required


@pytest.mark.parametrize("field", CONTENT_FIELDS, ids=NAMES)
def test_each_field_is_exported_and_shown(field: ContentField) -> None:
    assert field.name in COLUMNS
    content = normalize_snapshot(snapshot())
    assert content[field.name] == content.columns()[field.name]
    seen = datetime(2024, 8, 14, 3, tzinfo=UTC)
    view = ArticleView(
        *(1, "liputan6", "https://liputan6.com/read/1/x", None, "Asia/Jakarta", "id", seen, seen),
        *(1, 1, "new", seen, seen, "hash"),
        content=content,
    )
    assert field.name in view.to_dict()
    assert getattr(view, field.name) == content[field.name]


@pytest.mark.parametrize("field", CONTENT_FIELDS, ids=NAMES)
def test_a_change_in_each_field_is_a_new_revision_and_named_by_the_diff(
    field: ContentField,
) -> None:
    before = normalize_snapshot(snapshot())
    after = normalize_snapshot(snapshot(**{field.name: OTHER_VALUE[field.kind]}))
    assert before.content_hash() != after.content_hash()
    assert list(field_diff(before, after)) == [field.name]


def test_content_is_built_from_keywords_and_replaced_like_a_dataclass() -> None:
    content = normalize_snapshot(snapshot())
    assert NormalizedContent(**content.values) == content
    assert dataclasses.replace(content, title="Lain")["title"] == "Lain"
    with pytest.raises(TypeError, match="missing"):
        NormalizedContent(title="Tanpa isi")


def test_the_content_hash_of_a_stored_article_never_changes() -> None:
    """The hash is compared with stored ones: a change would make every article "revised"."""
    assert normalize_snapshot(snapshot()).content_hash() == (
        "9d98e95a147f77169b8888b3a634ee018a61495f6cab5cc3189a5e3feae00714"
    )
    every_field = snapshot(
        subtitle="Sub  x",
        editors=("A", "B"),
        dateline="JAKARTA",
        modified_at=datetime(2024, 8, 14, 5, tzinfo=UTC),
        tags=("Zeta", "alpha"),
    )
    assert normalize_snapshot(every_field).content_hash() == (
        "e6a0ebb4e008424d1e1e2f1574c485f4bed31788c52ec92363e39c985da3fcbc"
    )
