"""Search triggers that a bulk writer can pause, and the table that pauses them.

Revision ID: 0009_search_pause
Revises: 0001_first_schema
Create Date: 2026-11-28
"""

from alembic import op

from app.store.search import PAUSE_TABLE, SEARCH_TRIGGERS

revision = "0009_search_pause"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in SEARCH_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    """The first schema's triggers: the same, without the pause condition."""
    for statement in SEARCH_TRIGGERS:
        if statement.startswith("CREATE TRIGGER"):
            op.execute(statement.replace(f" WHEN NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE})", ""))
        elif statement.startswith("DROP"):
            op.execute(statement)
    op.execute(f"DROP TABLE IF EXISTS {PAUSE_TABLE}")
