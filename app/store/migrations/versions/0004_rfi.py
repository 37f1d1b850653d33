"""rfi answers, open positions, eligibility decisions, email outbox

Revision ID: 0004_rfi
Revises: 0001_first_schema
Create Date: 2026-11-28
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004_rfi"
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
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "rfi_answer",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("question_id", _S(), nullable=False),
        sa.Column("value_json", _S(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("entered_by", _S(), nullable=True),
        sa.Column("source", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "rfi_answer", ["deleted_at", "employer_id", "entered_by", "question_id", "received_on"]
    )
    op.create_table(
        "open_position",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("title", _S(), nullable=False),
        sa.Column("openings", sa.Integer(), nullable=True),
        sa.Column("wage_cents", sa.Integer(), nullable=True),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("shifts", _S(), nullable=False),
        sa.Column("status", _S(), nullable=False),
        sa.Column("source", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("open_position", ["deleted_at", "employer_id", "status"])
    op.create_table(
        "eligibility_decision",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("program", _S(), nullable=False),
        sa.Column("result", _S(), nullable=False),
        sa.Column("reasons_json", _S(), nullable=False),
        sa.Column("confirmed_by", _S(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("answers_digest", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "eligibility_decision",
        ["confirmed_by", "decided_on", "deleted_at", "employer_id", "program"],
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("employer_id", _S(), nullable=True),
        sa.Column("kind", _S(), nullable=False),
        sa.Column("recipients", _S(), nullable=False),
        sa.Column("subject", _S(), nullable=False),
        sa.Column("raw", _S(), nullable=False),
        sa.Column("status", _S(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", _S(), nullable=False),
        sa.Column("sent_at", _T(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("outbox_message", ["employer_id", "status"])


def downgrade() -> None:
    for table in ("outbox_message", "eligibility_decision", "open_position", "rfi_answer"):
        op.drop_table(table)
