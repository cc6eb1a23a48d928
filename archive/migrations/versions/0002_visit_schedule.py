"""Visit schedule: when each article is next due for a revisit, and its last validators.

Articles archived before this revision get a row whose schedule has already run out
(``next_visit_at`` NULL, anchored at their first sighting): their age is unknown to a
migration, and an incremental crawl should not revisit a whole backfill at once. Any new
visit of such an article plans its next revisit from then on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 02:40:59.099852
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_schedule",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("anchor_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_visit_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_outcome", sa.String(length=20), nullable=True),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("next_visit_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_visit_schedule_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_visit_schedule")),
    )
    with op.batch_alter_table("visit_schedule", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_schedule_site_next_visit_at", ["site", "next_visit_at"], unique=False
        )
    op.execute(
        "INSERT INTO visit_schedule (article_id, site, url, anchor_at, last_visit_at, visits)"
        " SELECT id, site, canonical_url, first_seen_at, last_seen_at, 0 FROM articles"
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_schedule", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_schedule_site_next_visit_at")
    op.drop_table("visit_schedule")
