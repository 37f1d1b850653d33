"""A BSR's override of an employer's fit, kept for the team (synced like every record)."""

from datetime import datetime

from sqlmodel import Field

from app.core.ids import utcnow
from app.core.models.base import Record


class FitOverride(Record, table=True):
    """ "This employer is a good (or poor) fit, whatever the placements say", with why.

    Insert-only: a new decision is a new row and the latest `decided_at` stands
    (`app.core.fit.standing`); withdrawing one marks it deleted, so the history
    of who decided what stays readable on every laptop.
    """

    __tablename__ = "fit_override"
    insert_only = True

    employer_id: str = Field(index=True)
    level: str
    reason: str
    staff_id: str | None = Field(default=None, index=True)
    decided_at: datetime = Field(default_factory=utcnow)
