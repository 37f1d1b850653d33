"""Indexes on participant phone and email, for finding a walk-in among earlier records.

Revision ID: 0008_participant_contact
Revises: 0006_people
Create Date: 2026-11-28

It follows 0006_people, which creates the participant table, rather than branching
from the first schema: an index cannot come before its table.

Checking in a walk-in looks up participants sharing the typed phone or email; with
both columns indexed SQLite reads only those rows instead of the whole table.
"""

from alembic import op

revision = "0008_participant_contact"
down_revision = "0006_people"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_participant_phone", "participant", ["phone"])
    op.create_index("ix_participant_email", "participant", ["email"])


def downgrade() -> None:
    op.drop_index("ix_participant_email", "participant")
    op.drop_index("ix_participant_phone", "participant")
