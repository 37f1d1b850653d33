"""Referrals: a participant sent to an employer's position, or to a partner's opening."""

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class ReferralOutcome(StrEnum):
    SENT = "sent"
    INTERVIEW = "interview"
    HIRED = "hired"
    NOT_HIRED = "not_hired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "sent": "Sent, no answer yet",
            "interview": "Interview",
            "hired": "Hired",
            "not_hired": "Not hired",
            "withdrawn": "Withdrawn",
        }[self.value]

    @property
    def final(self) -> bool:
        return self in (ReferralOutcome.HIRED, ReferralOutcome.NOT_HIRED, ReferralOutcome.WITHDRAWN)


class Referral(Record, table=True):
    """A resume sent for a position.

    Either to an employer directly (`employer_id`, with `position_id` when the
    position is on file, else only `position_title`), or to the partner
    organization that manages a shared opening (`opening_id`, `partner_id`).
    """

    participant_id: str = Field(index=True)
    employer_id: str | None = Field(default=None, index=True)
    position_id: str | None = Field(default=None, index=True)
    position_title: str = ""
    opening_id: str | None = Field(default=None, index=True)
    partner_id: str | None = Field(default=None, index=True)
    resume_id: str | None = Field(default=None, index=True)
    staff_id: str | None = Field(default=None, index=True)
    sent_on: date = Field(index=True)
    outcome: str = Field(default=ReferralOutcome.SENT.value, index=True)
    interview_on: date | None = None
    outcome_on: date | None = None
    notes: str = ""
    #: Why the person was sent to an employer whose placements show a poor fit.
    fit_reason: str = ""
    #: When the resume was emailed (UTC), to whom, which file, and how ("draft" for
    #: Outlook or "outbox" through the mail server); empty until it goes out.
    emailed_at: datetime | None = None
    emailed_to: str = ""
    emailed_file: str = ""
    emailed_as: str = ""
