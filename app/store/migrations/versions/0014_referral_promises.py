"""Who confirmed a participant's work authorization, and why a referral went to a poor fit.

Revision ID: 0014_referral_promises
Revises: 0006_people
Create Date: 2026-12-03

Emails promise employers that every candidate is authorized to work: a referral now
needs that confirmation on file, with who confirmed it. A referral to an employer whose
placements show a poor fit is allowed only with the reason written down.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0014_referral_promises"
down_revision = "0006_people"
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("participant") as batch:
        batch.add_column(
            sa.Column("work_authorization_confirmed_by", _S(), nullable=False, server_default="")
        )
    with op.batch_alter_table("referral") as batch:
        batch.add_column(sa.Column("fit_reason", _S(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.drop_column("fit_reason")
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("work_authorization_confirmed_by")
