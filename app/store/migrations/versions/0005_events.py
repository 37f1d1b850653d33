"""events: hiring events, hosts, positions, staff, registrations, check-ins, interactions

Revision ID: 0005_events
Revises: 0001_first_schema
Create Date: 2026-11-28

Hiring events and job fairs, who came and what happened there.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005_events"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime

TABLES = (
    "event",
    "event_host",
    "event_position",
    "event_staff",
    "event_registration",
    "event_checkin",
    "event_interaction",
)


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", _S(length=36), nullable=False),
        sa.Column("created_at", _T(), nullable=False),
        sa.Column("updated_at", _T(), nullable=False),
        sa.Column("deleted_at", _T(), nullable=True),
    ]


def _table(name: str, columns: list[sa.Column], indexed: list[str]) -> None:
    op.create_table(name, *_record_columns(), *columns, sa.PrimaryKeyConstraint("id"))
    for column in ["deleted_at", *indexed]:
        op.create_index(op.f(f"ix_{name}_{column}"), name, [column], unique=False)


def upgrade() -> None:
    _table(
        "event",
        [
            sa.Column("kind", _S(), nullable=False),
            sa.Column("title", _S(), nullable=False),
            sa.Column("starts_at", _T(), nullable=False),
            sa.Column("ends_at", _T(), nullable=False),
            sa.Column("place_kind", _S(), nullable=False),
            sa.Column("office_id", _S(), nullable=True),
            sa.Column("site_employer_id", _S(), nullable=True),
            sa.Column("place_name", _S(), nullable=False),
            sa.Column("address", _S(), nullable=False),
            sa.Column("parking_notes", _S(), nullable=False),
            sa.Column("transit_notes", _S(), nullable=False),
            sa.Column("what_to_bring", _S(), nullable=False),
            sa.Column("status", _S(), nullable=False),
            sa.Column("notes", _S(), nullable=False),
        ],
        ["kind", "office_id", "site_employer_id", "starts_at", "status"],
    )
    _table(
        "event_host",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("employer_id", _S(), nullable=False),
        ],
        ["employer_id", "event_id"],
    )
    _table(
        "event_position",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("employer_id", _S(), nullable=False),
            sa.Column("position_id", _S(), nullable=True),
            sa.Column("title", _S(), nullable=False),
            sa.Column("openings", sa.Integer(), nullable=False),
            sa.Column("wage_min_cents", sa.Integer(), nullable=True),
            sa.Column("wage_max_cents", sa.Integer(), nullable=True),
            sa.Column("schedule", _S(), nullable=False),
            sa.Column("requirements", _S(), nullable=False),
        ],
        ["employer_id", "event_id", "position_id"],
    )
    _table(
        "event_staff",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("staff_id", _S(), nullable=False),
            sa.Column("role", _S(), nullable=False),
        ],
        ["event_id", "staff_id"],
    )
    _table(
        "event_registration",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("participant_id", _S(), nullable=True),
            sa.Column("name", _S(), nullable=False),
            sa.Column("phone", _S(), nullable=False),
            sa.Column("email", _S(), nullable=False),
            sa.Column("zip_code", _S(), nullable=False),
            sa.Column("age_group", _S(), nullable=False),
            sa.Column("programs", _S(), nullable=False),
            sa.Column("needs_application_help", sa.Boolean(), nullable=False),
            sa.Column("walk_in", sa.Boolean(), nullable=False),
            sa.Column("source", _S(), nullable=False),
        ],
        ["event_id", "participant_id"],
    )
    _table(
        "event_checkin",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("registration_id", _S(), nullable=False),
            sa.Column("participant_id", _S(), nullable=True),
            sa.Column("checked_in_at", _T(), nullable=False),
            sa.Column("staff_id", _S(), nullable=True),
            sa.Column("walk_in", sa.Boolean(), nullable=False),
        ],
        ["checked_in_at", "event_id", "participant_id", "registration_id", "staff_id"],
    )
    _table(
        "event_interaction",
        [
            sa.Column("event_id", _S(), nullable=False),
            sa.Column("registration_id", _S(), nullable=False),
            sa.Column("participant_id", _S(), nullable=True),
            sa.Column("employer_id", _S(), nullable=False),
            sa.Column("kind", _S(), nullable=False),
            sa.Column("occurred_at", _T(), nullable=False),
            sa.Column("staff_id", _S(), nullable=True),
            sa.Column("note", _S(), nullable=False),
        ],
        ["employer_id", "event_id", "kind", "participant_id", "registration_id", "staff_id"],
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
