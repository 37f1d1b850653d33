"""RFI answers with their history, open positions, eligibility decisions and the email outbox."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core.ids import new_id, utcnow
from app.core.models.base import Record


class AnswerSource(StrEnum):
    PDF = "pdf"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {"pdf": "RFI form (PDF)", "phone": "Phone", "email": "Email"}[self.value]


class RfiAnswer(Record, table=True):
    """One answer to one RFI question, as received. Insert-only: the newest row is the answer,
    the older ones are its history (what the employer said before, when, entered by whom)."""

    __tablename__ = "rfi_answer"
    insert_only = True

    employer_id: str = Field(index=True)
    #: The answer id from forms/rfi.toml (a question's id, or one part's id).
    question_id: str = Field(index=True)
    #: The value as JSON (text, number, true/false, list of options, positions); null clears it.
    value_json: str = "null"
    received_on: date = Field(index=True)
    entered_by: str | None = Field(default=None, index=True)
    source: str = AnswerSource.PHONE.value


class PositionStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class OpenPosition(Record, table=True):
    """A job an employer is hiring for. Filled from RFI question 9 and reused by hiring events,
    referrals and OJT packets, so a position's title and wage are typed once."""

    __tablename__ = "open_position"

    employer_id: str = Field(index=True)
    title: str
    openings: int | None = None
    wage_cents: int | None = None
    hours_per_week: int | None = None
    shifts: str = ""
    status: str = Field(default=PositionStatus.OPEN.value, index=True)
    #: Where it came from: "rfi" (kept in step with the RFI answers) or "manual".
    source: str = "rfi"
    notes: str = ""


class EligibilityDecision(Record, table=True):
    """A BSR's confirmed eligibility decision for one program. Insert-only: a new confirmation
    adds a row; the newest per program stands."""

    __tablename__ = "eligibility_decision"
    insert_only = True

    employer_id: str = Field(index=True)
    program: str = Field(index=True)
    result: str
    #: The reasons as shown when confirmed (JSON list of {rule, outcome, text, source}).
    reasons_json: str = "[]"
    confirmed_by: str | None = Field(default=None, index=True)
    decided_on: date = Field(index=True)
    #: Fingerprint of the answers the decision was made on, to flag it when they change.
    answers_digest: str = ""


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(SQLModel, table=True):
    """An email waiting to be sent from this machine. Device-local, never synced: two laptops
    must not both send the same message."""

    __tablename__ = "outbox_message"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    employer_id: str | None = Field(default=None, index=True)
    kind: str = ""
    recipients: str = ""
    subject: str = ""
    #: The whole message as RFC 5322 text (attachments base64-encoded).
    raw: str = ""
    status: str = Field(default=OutboxStatus.QUEUED.value, index=True)
    attempts: int = 0
    last_error: str = ""
    sent_at: datetime | None = None
    staff_id: str | None = None
