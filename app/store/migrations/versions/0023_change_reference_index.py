"""Index of the journal's reference-row inserts (offices, programs) by row

Revision ID: 0023_change_reference_index
Revises: 0002_sync
Create Date: 2026-12-03

After each applied batch, links to an office or program this store does not hold
are looked up in the journal's copy of that row (`app.store.reference`). Without
an index that read scanned the whole journal once per batch, so a new laptop
joining a team with a year of history slowed down as it went. The index is
partial: it holds only the few inserts of reference rows, so writing the journal
(an import, a join) costs nothing more.
"""

from alembic import op
from sqlalchemy import text

revision = "0023_change_reference_index"
down_revision = "0002_sync"
branch_labels = None
depends_on = None

#: Kept equal to `ChangeRow.__table_args__` and to the query in `app.store.reference`.
WHERE = "col = '*' AND tbl IN ('office', 'program')"


def upgrade() -> None:
    op.create_index(
        "ix_change_reference_row", "change", ["tbl", "row_id"], sqlite_where=text(WHERE)
    )


def downgrade() -> None:
    op.drop_index("ix_change_reference_row", "change")
