"""Placements (a participant hired) and the progress check-ins that follow them."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class SeparationReason(StrEnum):
    LAID_OFF = "laid_off"
    QUIT = "quit"
    FIRED = "fired"
    TRAINING_ENDED = "training_ended"

    @property
    def label(self) -> str:
        return {
            "laid_off": "Laid off",
            "quit": "Quit",
            "fired": "Fired",
            "training_ended": "Training ended",
        }[self.value]


class Placement(Record, table=True):
    """A participant hired by an employer: the job, its terms, and how it ended."""

    participant_id: str = Field(index=True)
    employer_id: str = Field(index=True)
    referral_id: str | None = Field(default=None, index=True)
    position_id: str | None = Field(default=None, index=True)
    position_title: str = ""
    partner_id: str | None = Field(default=None, index=True)
    staff_id: str | None = Field(default=None, index=True)
    hire_date: date = Field(index=True)
    wage_cents: int | None = None
    hours_per_week: float | None = None
    full_time: bool = True
    permanent: bool = True
    ojt: bool = False
    separation_date: date | None = Field(default=None, index=True)
    separation_reason: str = ""
    notes: str = ""


class ProgressCheckIn(Record, table=True):
    """One attempt to hear from the employer about a placed participant. Insert-only.

    `day` is the point of the schedule it answers (7, 14, ... 180). When the
    employer did not answer, `answered` is false and the report fields stay empty.
    """

    insert_only = True

    placement_id: str = Field(index=True)
    employer_id: str = Field(index=True)
    day: int = Field(index=True)
    checked_on: date = Field(index=True)
    answered: bool = True
    attendance: str = ""
    absences: int | None = None
    late_arrivals: int | None = None
    performance: str = ""
    employer_said: str = ""
    bsr_action: str = ""
    staff_id: str | None = Field(default=None, index=True)
