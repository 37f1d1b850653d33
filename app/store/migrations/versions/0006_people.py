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
    op.create_table(
        "tour",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("status", _S(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("site", _S(), nullable=False),
        sa.Column("volume_of_work", _S(), nullable=False),
        sa.Column("departments", _S(), nullable=False),
        sa.Column("supervision", _S(), nullable=False),
        sa.Column("shifts", _S(), nullable=False),
        sa.Column("physical_demands", _S(), nullable=False),
        sa.Column("safety_ppe", _S(), nullable=False),
        sa.Column("dress_code", _S(), nullable=False),
        sa.Column("parking", _S(), nullable=False),
        sa.Column("transit_lines", _S(), nullable=False),
        sa.Column("transit_walk", _S(), nullable=False),
        sa.Column("accessibility", _S(), nullable=False),
        sa.Column("impressions", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("tour", ["employer_id", "status", "planned_on", "done_on", "staff_id"])
    op.create_table(
        "tourguest",
        *_record_columns(),
        sa.Column("tour_id", _S(), nullable=False),
        sa.Column("participant_id", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("tourguest", ["tour_id", "participant_id"])
    op.create_table(
        "resume",
        *_record_columns(),
        sa.Column("participant_id", _S(), nullable=False),
        sa.Column("file_name", _S(), nullable=False),
        sa.Column("media_type", _S(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", _S(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("resume", ["participant_id", "sha256"])
    op.create_table(
        "referral",
        *_record_columns(),
        sa.Column("participant_id", _S(), nullable=False),
        sa.Column("employer_id", _S(), nullable=True),
        sa.Column("position_id", _S(), nullable=True),
        sa.Column("position_title", _S(), nullable=False),
        sa.Column("opening_id", _S(), nullable=True),
        sa.Column("partner_id", _S(), nullable=True),
        sa.Column("resume_id", _S(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("outcome", _S(), nullable=False),
        sa.Column("interview_on", sa.Date(), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "referral",
        [
            "participant_id",
            "employer_id",
            "position_id",
            "opening_id",
            "partner_id",
            "resume_id",
            "staff_id",
            "sent_on",
            "outcome",
        ],
    )
    op.create_table(
        "partner",
        *_record_columns(),
        sa.Column("name", _S(), nullable=False),
        sa.Column("kind", _S(), nullable=False),
        sa.Column("phone", _S(), nullable=False),
        sa.Column("email", _S(), nullable=False),
        sa.Column("website", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("partner", ["name"])
    op.create_table(
        "partnercontact",
        *_record_columns(),
        sa.Column("partner_id", _S(), nullable=False),
        sa.Column("name", _S(), nullable=False),
        sa.Column("role", _S(), nullable=False),
        sa.Column("email", _S(), nullable=False),
        sa.Column("phone", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("partnercontact", ["partner_id"])
    op.create_table(
        "distributionlist",
        *_record_columns(),
        sa.Column("partner_id", _S(), nullable=True),
        sa.Column("name", _S(), nullable=False),
        sa.Column("addresses", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("distributionlist", ["partner_id"])
    op.create_table(
        "partneropening",
        *_record_columns(),
        sa.Column("partner_id", _S(), nullable=False),
        sa.Column("managed_by_id", _S(), nullable=True),
        sa.Column("employer_id", _S(), nullable=True),
        sa.Column("employer_name", _S(), nullable=False),
        sa.Column("position_title", _S(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("positions", sa.Integer(), nullable=True),
        sa.Column("wage_cents", sa.Integer(), nullable=True),
        sa.Column("status", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "partneropening", ["partner_id", "managed_by_id", "employer_id", "received_on", "status"]
    )
    op.create_table(
        "placement",
        *_record_columns(),
        sa.Column("participant_id", _S(), nullable=False),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("referral_id", _S(), nullable=True),
        sa.Column("position_id", _S(), nullable=True),
        sa.Column("position_title", _S(), nullable=False),
        sa.Column("partner_id", _S(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("hire_date", sa.Date(), nullable=False),
        sa.Column("wage_cents", sa.Integer(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("full_time", sa.Boolean(), nullable=False),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("ojt", sa.Boolean(), nullable=False),
        sa.Column("separation_date", sa.Date(), nullable=True),
        sa.Column("separation_reason", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "placement",
        [
            "participant_id",
            "employer_id",
            "referral_id",
            "position_id",
            "partner_id",
            "staff_id",
            "hire_date",
            "separation_date",
        ],
    )
    op.create_table(
        "progresscheckin",
        *_record_columns(),
        sa.Column("placement_id", _S(), nullable=False),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("attendance", _S(), nullable=False),
        sa.Column("absences", sa.Integer(), nullable=True),
        sa.Column("late_arrivals", sa.Integer(), nullable=True),
        sa.Column("performance", _S(), nullable=False),
        sa.Column("employer_said", _S(), nullable=False),
        sa.Column("bsr_action", _S(), nullable=False),
        sa.Column("staff_id", _S(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("progresscheckin", ["placement_id", "employer_id", "day", "checked_on", "staff_id"])


def downgrade() -> None:
    op.drop_table("progresscheckin")
    op.drop_table("placement")
    op.drop_table("partneropening")
    op.drop_table("distributionlist")
    op.drop_table("partnercontact")
    op.drop_table("partner")
    op.drop_table("referral")
    op.drop_table("resume")
    op.drop_table("tourguest")
    op.drop_table("tour")
    op.drop_table("participant")
