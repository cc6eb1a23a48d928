"""SimHash band rows: four 16-bit bands per article, each row carrying the whole hash.

Until 0002 an article stored 28 keys (every pair of its hash's 8-bit blocks), and a lookup
read each candidate's hash from its latest content. Both grew with the archive: at 100k
articles the 28 random inserts into the lookup index were most of the pages a stored
article wrote, and a key matched dozens of unrelated articles, each a join to read. Now an
article stores 4 keys and lookups probe the keys one bit away instead (see archive.neardup),
and the hash sits in the row and in the index, so a candidate is one index entry.

Existing rows get the hash of their article's latest content (bands are only ever written
from it); an article's rows keep existing exactly when they existed before (articles too
short to link have none). The downgrade rebuilds the 28 pair keys from the hash.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:10:00
"""

from __future__ import annotations

from itertools import combinations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BANDS = 4
# 0002's keys: band k held the 8-bit blocks _PAIRS[k] of the hash side by side.
_PAIRS = tuple(combinations(range(8), 2))

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


def _block(i: int) -> str:
    """SQL for the hash's unsigned 8-bit block ``i`` (``>>`` sign-extends; the mask drops it)."""
    return f"((simhash >> {8 * i}) & 255)"


def _pair_key(band: int) -> str:
    i, j = _PAIRS[band]
    return f"({_block(i)} * 256 + {_block(j)})"


def upgrade() -> None:
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.add_column(sa.Column("simhash", sa.BigInteger(), nullable=True))
    op.execute(_BACKFILL)
    # A band row whose article has no content has no hash to compare: never a candidate.
    op.execute(f"DELETE FROM simhash_bands WHERE simhash IS NULL OR band >= {BANDS}")
    op.execute("UPDATE simhash_bands SET value = (simhash >> (16 * band)) & 65535")
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.alter_column("simhash", existing_type=sa.BigInteger(), nullable=False)
        batch_op.drop_index("ix_simhash_bands_band_value")
        batch_op.create_index(
            "ix_simhash_bands_lookup", ["band", "value", "article_id", "simhash"], unique=False
        )


def downgrade() -> None:
    for band in range(BANDS, len(_PAIRS)):
        op.execute(
            "INSERT INTO simhash_bands (article_id, band, value, simhash)"
            f" SELECT article_id, {band}, {_pair_key(band)}, simhash"
            " FROM simhash_bands WHERE band = 0"
        )
    for band in range(BANDS):
        op.execute(f"UPDATE simhash_bands SET value = {_pair_key(band)} WHERE band = {band}")
    with op.batch_alter_table("simhash_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_simhash_bands_lookup")
        batch_op.create_index("ix_simhash_bands_band_value", ["band", "value"], unique=False)
        batch_op.drop_column("simhash")
