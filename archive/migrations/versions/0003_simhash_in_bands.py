"""SimHash band rows carry their whole hash, and the lookup index covers it.

A near-duplicate lookup used to find candidate articles by band key, then read each
candidate's hash from its latest content (three joins per candidate, or its 28 band rows).
At 100k articles a key matches dozens of unrelated articles by chance, so ingest slowed as
the archive grew. With the hash in the row and in the index, a candidate is one index entry.

Existing rows get the hash of their article's latest content: bands are only ever written
from it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BACKFILL = """
UPDATE simhash_bands SET simhash = (
    SELECT contents.simhash
    FROM articles
    JOIN revisions ON revisions.article_id = articles.id
        AND revisions.number = articles.revision_count
    JOIN contents ON contents.id = revisions.content_id
    WHERE articles.id = simhash_bands.article_id
)
"""


def upgrade() -> None:
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.add_column(sa.Column("simhash", sa.BigInteger(), nullable=True))
    op.execute(_BACKFILL)
    # A band row whose article has no content cannot be a candidate's: it has no hash.
    op.execute("DELETE FROM simhash_bands WHERE simhash IS NULL")
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.alter_column("simhash", existing_type=sa.BigInteger(), nullable=False)
        batch_op.drop_index("ix_simhash_bands_band_value")
        batch_op.create_index(
            "ix_simhash_bands_lookup", ["band", "value", "article_id", "simhash"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_simhash_bands_lookup")
        batch_op.create_index("ix_simhash_bands_band_value", ["band", "value"], unique=False)
        batch_op.drop_column("simhash")
