"""sync quarantine: a set-aside change can be dismissed, with who and when

Revision ID: 0015_quarantine_dismissed
Revises: 0011_sync_quarantine
Create Date: 2026-12-03

A dismissed change stays listed as dismissed; it no longer makes `sync` ask for
attention. Device-local, never synced.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0015_quarantine_dismissed"
down_revision = "0011_sync_quarantine"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("sync_quarantine") as batch:
        batch.add_column(sa.Column("dismissed_at", _T(), nullable=True))
        batch.add_column(sa.Column("dismissed_by", _S(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sync_quarantine") as batch:
        batch.drop_column("dismissed_by")
        batch.drop_column("dismissed_at")
