"""sync: device identity, change journal, field versions, conflict log

Revision ID: 0002_sync
Revises: 0001_first_schema
Create Date: 2026-11-28

Device-local tables of team sync. Rows that existed before this revision are
put in the journal at the next open (app.store.journal.ensure_device), so a
store upgraded with data shares that data too.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0002_sync"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "sync_device",
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("device_id", _S(length=36), nullable=False),
        sa.Column("clock", sa.BigInteger(), nullable=False),
        sa.Column("ahead_lo", sa.BigInteger(), nullable=False),
        sa.Column("ahead_hi", sa.BigInteger(), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("former_ids", _S(), nullable=False),
        sa.PrimaryKeyConstraint("slot"),
    )
    op.create_table(
        "change",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("device", _S(), nullable=False),
        sa.Column("tbl", _S(), nullable=False),
        sa.Column("row_id", _S(), nullable=False),
        sa.Column("col", _S(), nullable=False),
        sa.Column("value", _S(), nullable=False),
        sa.Column("seen_hlc", sa.BigInteger(), nullable=False),
        sa.Column("seen_device", _S(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ux_change_device_hlc", ["device", "hlc"], unique=True)
        batch_op.create_index(
            "ix_change_seen",
            ["seen_device", "seen_hlc"],
            unique=False,
            sqlite_where=sa.text("seen_hlc > 0"),
        )
    op.create_table(
        "field_version",
        sa.Column("tbl", _S(), nullable=False),
        sa.Column("row_id", _S(), nullable=False),
        sa.Column("col", _S(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("device", _S(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "col"),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _S(), nullable=False),
        sa.Column("tbl", _S(), nullable=False),
        sa.Column("row_id", _S(), nullable=False),
        sa.Column("col", _S(), nullable=False),
        sa.Column("lost_value", _S(), nullable=False),
        sa.Column("lost_hlc", sa.BigInteger(), nullable=False),
        sa.Column("lost_device", _S(), nullable=False),
        sa.Column("won_value", _S(), nullable=True),
        sa.Column("won_hlc", sa.BigInteger(), nullable=False),
        sa.Column("won_device", _S(), nullable=False),
        sa.Column("recorded_at", _T(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", _T(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_tbl"), ["tbl"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_row_id"), ["row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_resolved"), ["resolved"], unique=False)


def downgrade() -> None:
    op.drop_table("conflict")
    op.drop_table("field_version")
    op.drop_table("change")
    op.drop_table("sync_device")
