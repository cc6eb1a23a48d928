"""Which process runs a crawl: its host and process id.

A crawl killed with SIGKILL (or by a reboot) never records its end, and its run stayed
``running`` forever, so ``newsarchive health`` judged a crawl that was long dead. With the
host and pid kept, the next run or ``health`` on the same host sees the process is gone and
closes the run as ``interrupted``. Existing rows have neither (NULL): they are left as they
are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("host", sa.String(255), nullable=True))
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("pid")
        batch_op.drop_column("host")
