"""sync share: team, cursors per remote device, published file log

Revision ID: 0003_sync_share
Revises: 0001_first_schema
Create Date: 2026-11-28

Device-local tables of sync through the shared folder; they never sync.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003_sync_share"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "sync_team",
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("team_id", _S(length=36), nullable=False),
        sa.Column("folder", _S(), nullable=False),
        sa.Column("key_id", _S(), nullable=False),
        sa.Column("transport", _S(), nullable=False),
        sa.Column("smb_user", _S(), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("last_sync_at", _T(), nullable=True),
        sa.Column("last_summary", _S(), nullable=False),
        sa.PrimaryKeyConstraint("slot"),
    )
    op.create_table(
        "sync_cursor",
        sa.Column("device_id", _S(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", _S(), nullable=False),
        sa.Column("changes_applied", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", _T(), nullable=True),
        sa.Column("peer_cursors_seq", sa.Integer(), nullable=False),
        sa.Column("peer_cursors", _S(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_table(
        "sync_published",
        sa.Column("device_id", _S(length=36), nullable=False),
        sa.Column("kind", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("digest", _S(), nullable=False),
        sa.Column("first_local_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_local_seq", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("published_at", _T(), nullable=False),
        sa.Column("pruned", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "kind", "seq"),
    )


def downgrade() -> None:
    op.drop_table("sync_published")
    op.drop_table("sync_cursor")
    op.drop_table("sync_team")
