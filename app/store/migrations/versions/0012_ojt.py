"""ojt: agreements, training plans, timesheets, invoices and WOTC filings

Revision ID: 0012_ojt
Revises: 0006_people
Create Date: 2026-12-03

On-the-job training records and the tax-credit filings for hires. References
to employers, participants and placements are plain indexed id columns, like
every synced table (see app/core/models/base.py).
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0012_ojt"
down_revision = "0006_people"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime
TABLES = ("ojt_agreement", "ojt_plan_skill", "ojt_timesheet", "ojt_invoice", "wotc_record")


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
        "ojt_agreement",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("participant_id", _S(), nullable=False),
        sa.Column("placement_id", _S(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("office_id", _S(), nullable=True),
        sa.Column("program_code", _S(), nullable=False),
        sa.Column("employer_legal_name", _S(), nullable=False),
        sa.Column("employer_fein", _S(), nullable=False),
        sa.Column("worksite_street", _S(), nullable=False),
        sa.Column("worksite_city", _S(), nullable=False),
        sa.Column("worksite_state", _S(), nullable=False),
        sa.Column("worksite_zip", _S(), nullable=False),
        sa.Column("employer_phone", _S(), nullable=False),
        sa.Column("signer_name", _S(), nullable=False),
        sa.Column("signer_title", _S(), nullable=False),
        sa.Column("supervisor_name", _S(), nullable=False),
        sa.Column("supervisor_title", _S(), nullable=False),
        sa.Column("position_title", _S(), nullable=False),
        sa.Column("onet_code", _S(), nullable=False),
        sa.Column("onet_title", _S(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("training_hours", sa.Integer(), nullable=False),
        sa.Column("wage_cents", sa.Integer(), nullable=False),
        sa.Column("period_kind", _S(), nullable=False),
        sa.Column("employees_at_site", sa.Integer(), nullable=True),
        sa.Column("scale_rate_percent", sa.Integer(), nullable=False),
        sa.Column("rate_percent", sa.Integer(), nullable=False),
        sa.Column("rate_reason", _S(), nullable=False),
        sa.Column("per_trainee_cap_cents", sa.Integer(), nullable=False),
        sa.Column("regular_hours_per_week", sa.Integer(), nullable=False),
        sa.Column("max_reimbursement_cents", sa.Integer(), nullable=False),
        sa.Column("classroom_provider", _S(), nullable=False),
        sa.Column("status", _S(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("activated_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("ended_reason", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "ojt_agreement",
        [
            "employer_id",
            "participant_id",
            "placement_id",
            "staff_id",
            "office_id",
            "program_code",
            "start_date",
            "status",
            "ended_on",
        ],
    )
    op.create_table(
        "ojt_plan_skill",
        *_record_columns(),
        sa.Column("agreement_id", _S(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("skill", _S(), nullable=False),
        sa.Column("start_level", _S(), nullable=False),
        sa.Column("target_level", _S(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("classroom", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("ojt_plan_skill", ["agreement_id"])
    op.create_table(
        "ojt_timesheet",
        *_record_columns(),
        sa.Column("agreement_id", _S(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_kind", _S(), nullable=False),
        sa.Column("minutes_json", _S(), nullable=False),
        sa.Column("wage_paid_cents", sa.Integer(), nullable=False),
        sa.Column("replaces_id", _S(), nullable=True),
        sa.Column("entered_by", _S(), nullable=True),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("ojt_timesheet", ["agreement_id", "period_start", "replaces_id"])
    op.create_table(
        "ojt_invoice",
        *_record_columns(),
        sa.Column("agreement_id", _S(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("timesheet_ids", _S(), nullable=False),
        sa.Column("regular_minutes", sa.Integer(), nullable=False),
        sa.Column("overtime_minutes", sa.Integer(), nullable=False),
        sa.Column("left_out_minutes", sa.Integer(), nullable=False),
        sa.Column("wage_cents", sa.Integer(), nullable=False),
        sa.Column("rate_percent", sa.Integer(), nullable=False),
        sa.Column("exact_units", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("cumulative_cents", sa.Integer(), nullable=False),
        sa.Column("ratings_json", _S(), nullable=False),
        sa.Column("status", _S(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_cents", sa.Integer(), nullable=True),
        sa.Column("corrects_id", _S(), nullable=True),
        sa.Column("correction_reason", _S(), nullable=False),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "ojt_invoice",
        [
            "agreement_id",
            "period_start",
            "status",
            "requested_on",
            "approved_on",
            "paid_on",
            "corrects_id",
        ],
    )
    op.create_table(
        "wotc_record",
        *_record_columns(),
        sa.Column("employer_id", _S(), nullable=False),
        sa.Column("participant_id", _S(), nullable=False),
        sa.Column("placement_id", _S(), nullable=True),
        sa.Column("agreement_id", _S(), nullable=True),
        sa.Column("staff_id", _S(), nullable=True),
        sa.Column("position_title", _S(), nullable=False),
        sa.Column("starting_wage_cents", sa.Integer(), nullable=True),
        sa.Column("prescreened_on", sa.Date(), nullable=True),
        sa.Column("offer_on", sa.Date(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("status", _S(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("notes", _S(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "wotc_record",
        [
            "employer_id",
            "participant_id",
            "placement_id",
            "agreement_id",
            "staff_id",
            "start_on",
            "status",
        ],
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
