"""team_computer: who works on which computer, so computers are named by person and name

Revision ID: 0019_team_computers
Revises: 0001_first_schema
Create Date: 2026-12-03

The share knows a computer only by its device id; each computer now writes one row
(its id, its user, its host name) that syncs like any record.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0019_team_computers"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "team_computer",
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("updated_at", _T(), nullable=False),
        sa.Column("deleted_at", _T(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("person", _S(), nullable=False),
        sa.Column("computer_name", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("team_computer", schema=None) as batch_op:
        for column in ("deleted_at", "staff_id"):
            batch_op.create_index(batch_op.f(f"ix_team_computer_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("team_computer")
