"""change.value may be NULL: the journal keeps an insert's value in the stored row

Revision ID: 0020_journal_stored_values
Revises: 0002_sync
Create Date: 2026-12-03

An insert's journal row copied the whole record, as JSON with every column name,
next to the record itself: most of a store's size after an import. A NULL value now
means "the stored row's" (`app.store.journal.stored_values`); values published and
covered by a snapshot are pruned to NULL as well. Existing rows keep their values.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0020_journal_stored_values"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.alter_column(
            "value", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=True
        )


def downgrade() -> None:
    bind = op.get_bind()
    kept = bind.execute(sa.text("SELECT count(*) FROM change WHERE value IS NULL")).scalar()
    if kept:
        raise RuntimeError(
            f"{kept} journal rows keep their value in the stored record; an older schema "
            "cannot hold them (going back would lose them)"
        )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.alter_column(
            "value", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False
        )
