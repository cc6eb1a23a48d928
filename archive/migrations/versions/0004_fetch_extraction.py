"""How each visit's article was extracted: body source, confidence, fallbacks, page count.

A user auditing an article asks which block its text came from and how sure that choice
was, and a site's page object going stale after a redesign shows as fetches whose body
came from the generic fallback. Existing rows have no such record (NULL): they were
extracted before it was kept.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extraction", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.drop_column("extraction")
