"""people: participants, tours, referrals, partners, placements, check-ins

Revision ID: 0006_people
Revises: 0001_first_schema
Create Date: 2026-11-28

Job seekers and what happens to them after a BSR sends them to an employer.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006_people"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("updated_at", _T(), nullable=False),
        sa.Column("deleted_at", _T(), nullable=True),
    ]


def _indexes(table: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ["deleted_at", *columns]:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "participant",
        *_record_columns(),
        sa.Column("first_name", _S(), nullable=False),
        sa.Column("last_name", _S(), nullable=False),
        sa.Column("phone", _S(), nullable=False),
        sa.Column("email", _S(), nullable=False),
        sa.Column("zip_code", _S(), nullable=False),
        sa.Column("age_group", _S(), nullable=False),
        sa.Column("programs", _S(), nullable=False),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("work_authorization_confirmed", sa.Boolean(), nullable=False),
        sa.Column("work_authorization_confirmed_on", sa.Date(), nullable=True),
        sa.Column("notes", _S(), nullable=False),
        sa.Column("merged_into", _S(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("participant", ["first_name", "last_name", "staff_id", "merged_into"])


def downgrade() -> None:
    op.drop_table("participant")
