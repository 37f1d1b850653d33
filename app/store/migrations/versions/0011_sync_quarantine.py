"""sync quarantine: changes from other devices that broke a rule, kept unapplied

Revision ID: 0011_sync_quarantine
Revises: 0003_sync_share
Create Date: 2026-12-03

Device-local, never synced.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011_sync_quarantine"
down_revision = "0003_sync_share"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", _S(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("tbl", _S(), nullable=False),
        sa.Column("row_id", _S(), nullable=False),
        sa.Column("col", _S(), nullable=False),
        sa.Column("record", _S(), nullable=False),
        sa.Column("reason", _S(), nullable=False),
        sa.Column("quarantined_at", _T(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_quarantine_device_id", "sync_quarantine", ["device_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_quarantine_device_id", table_name="sync_quarantine")
    op.drop_table("sync_quarantine")
