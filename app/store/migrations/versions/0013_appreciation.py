"""appreciation: thanks given to partner employers per year

Revision ID: 0013_appreciation
Revises: 0001_first_schema
Create Date: 2026-12-03

What was given (gift basket, lunch invitation, letter), when and by whom, so the
yearly thanks miss nobody and reach nobody twice.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0013_appreciation"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "appreciation",
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("updated_at", _T(), nullable=False),
        sa.Column("deleted_at", _T(), nullable=True),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", _S(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("appreciation", schema=None) as batch_op:
        for column in ("deleted_at", "employer_id", "year", "staff_id"):
            batch_op.create_index(batch_op.f(f"ix_appreciation_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("appreciation")
