"""Offices and programs under ids made from their codes; duplicates by code merged.

Revision ID: 0010_reference_ids
Revises: 0005_events
Create Date: 2026-12-03

Each store used to seed the agency's offices and programs with new random ids, so
after a second computer joined the team every code existed twice. This keeps one
row per code, under the id made from the code, and re-points every `office_id`
(employers, staff, hiring events) to it. Every device runs the same rule, so the
result is the same everywhere without travelling through sync.
"""

from alembic import op

from app.store.reference import merge_by_code

revision = "0010_reference_ids"
down_revision = "0005_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    merge_by_code(op.get_bind())


def downgrade() -> None:
    """Nothing to undo: the merged rows were copies of the same office or program."""
