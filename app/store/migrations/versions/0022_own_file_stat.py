"""sync_published: the size and time stamp of each file we wrote; where publishing resumes

Revision ID: 0022_own_file_stat
Revises: 0003_sync_share
Create Date: 2026-12-03

A device checks its own files on the share before each publish; comparing their
size and time stamp with what the share said right after writing them tells an
untouched file without reading it (its bytes are still hashed in turn). The index
finds the journal position the next publish starts from without reading the log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_own_file_stat"
down_revision = "0003_sync_share"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_published") as batch:
        batch.add_column(sa.Column("size", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("mtime", sa.Float(), nullable=True))
    op.create_index("ix_sync_published_kind_last", "sync_published", ["kind", "last_local_seq"])


def downgrade() -> None:
    op.drop_index("ix_sync_published_kind_last", "sync_published")
    with op.batch_alter_table("sync_published") as batch:
        batch.drop_column("mtime")
        batch.drop_column("size")
