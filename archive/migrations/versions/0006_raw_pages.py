"""Raw pages: every response body as the server sent it, compressed, stored once.

What extraction made of a page is only as good as the extractor of the day; with the body
kept, a later parser can read the page again. A body is stored once per SHA-256 in
``raw_pages`` (an unchanged refetch adds no row) and each visit points at it
(``fetches.raw_page_id``) and keeps its own response headers. Existing visits have neither
(NULL): their bodies were not kept.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("compression", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_pages")),
        sa.UniqueConstraint("sha256", name=op.f("uq_raw_pages_sha256")),
    )
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_page_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("response_headers", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_fetches_raw_page_id"), ["raw_page_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_fetches_raw_page_id_raw_pages"), "raw_pages", ["raw_page_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_fetches_raw_page_id_raw_pages"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_fetches_raw_page_id"))
        batch_op.drop_column("response_headers")
        batch_op.drop_column("raw_page_id")
    op.drop_table("raw_pages")
