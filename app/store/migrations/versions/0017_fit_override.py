"""fit_override: a BSR's decision on an employer's fit, with the reason, who and when

Revision ID: 0017_fit_override
Revises: 0001_first_schema
Create Date: 2026-12-03

The team's placement history decides whether an employer is a good fit; a BSR who
knows better records an override with the reason. Insert-only and synced, so every
laptop sees the same decision and its history.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0017_fit_override"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "fit_override",
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("updated_at", _T(), nullable=False),
        sa.Column("deleted_at", _T(), nullable=True),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("level", _S(), nullable=False),
        sa.Column("reason", _S(), nullable=False),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("decided_at", _T(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fit_override", schema=None) as batch_op:
        for column in ("deleted_at", "employer_id", "staff_id"):
            batch_op.create_index(batch_op.f(f"ix_fit_override_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("fit_override")
