"""What happened with an employer, and what must happen next."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field

from app.core.models.base import Record


class ActivityKind(StrEnum):
    MEETING_IN_PERSON = "meeting_in_person"
    MEETING_VIRTUAL = "meeting_virtual"
    CALL = "call"
    EMAIL = "email"
    EMAIL_RECEIVED = "email_received"
    TOUR = "tour"
    EVENT = "event"
    NOTE = "note"

    @property
    def label(self) -> str:
        return {
            "meeting_in_person": "Meeting (in person)",
            "meeting_virtual": "Meeting (virtual)",
            "call": "Call",
            "email": "Email",
            "email_received": "Email received",
            "tour": "Tour",
            "event": "Event",
            "note": "Note",
        }[self.value]


class Activity(Record, table=True):
    """One contact with an employer. Insert-only: history is appended, never rewritten."""

    insert_only = True
    # Serves "last contact" in the employer list with one index seek per employer.
    __table_args__ = (
        Index("ix_activity_employer_live_occurred", "employer_id", "deleted_at", "occurred_at"),
    )

    employer_id: str = Field(index=True)
    kind: str = Field(default=ActivityKind.NOTE.value)
    occurred_at: datetime = Field(index=True)
    staff_id: str | None = Field(default=None, index=True)
    contact_id: str | None = Field(default=None, index=True)
    summary: str = ""
    outcome: str = ""


class FollowUp(Record, table=True):
    """Something a BSR promised to do for an employer by a date."""

    # Serves "next follow-up" in the employer list with one index seek per employer.
    __table_args__ = (
        Index("ix_followup_employer_open_due", "employer_id", "done", "deleted_at", "due_on"),
    )

    employer_id: str = Field(index=True)
    due_on: date = Field(index=True)
    what: str
    staff_id: str | None = Field(default=None, index=True)
    done: bool = False
    done_at: datetime | None = None
