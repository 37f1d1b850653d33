"""Indexes behind the employer list's last-contact and next-follow-up columns.

Revision ID: 0007_list_indexes
Revises: 0001_first_schema
Create Date: 2026-11-28
"""

from alembic import op

revision = "0007_list_indexes"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_activity_employer_live_occurred",
        "activity",
        ["employer_id", "deleted_at", "occurred_at"],
    )
    op.create_index(
        "ix_followup_employer_open_due", "followup", ["employer_id", "done", "deleted_at", "due_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_followup_employer_open_due", "followup")
    op.drop_index("ix_activity_employer_live_occurred", "activity")
