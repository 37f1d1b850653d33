"""referral: when the resume was emailed, to whom, which file and how

Revision ID: 0018_resume_emailed
Revises: 0014_referral_promises
Create Date: 2026-12-03

A referral now goes out as an email with the resume attached (an Outlook draft or
the outbox); the referral keeps the proof.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0018_resume_emailed"
down_revision = "0014_referral_promises"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.add_column(sa.Column("emailed_at", _T(), nullable=True))
        for column in ("emailed_to", "emailed_file", "emailed_as"):
            batch.add_column(sa.Column(column, _S(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        for column in ("emailed_as", "emailed_file", "emailed_to", "emailed_at"):
            batch.drop_column(column)
