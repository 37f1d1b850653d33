"""Workplace tours: what a BSR saw at an employer, so job seekers know what the job involves."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class TourStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "done": "Done", "cancelled": "Cancelled"}[self.value]


#: The structured notes of a tour, in the order a BSR fills them: (column, label).
TOUR_NOTE_FIELDS: tuple[tuple[str, str], ...] = (
    ("volume_of_work", "Volume of work"),
    ("departments", "Departments"),
    ("supervision", "Supervision"),
    ("shifts", "Shifts"),
    ("physical_demands", "Physical demands"),
    ("safety_ppe", "Safety and protective equipment"),
    ("dress_code", "Dress code"),
    ("parking", "Parking"),
    ("transit_lines", "Public transit lines"),
    ("transit_walk", "Walk from transit"),
    ("accessibility", "Accessibility"),
    ("impressions", "BSR's impressions"),
)


class Tour(Record, table=True):
    """A visit to an employer's workplace, planned or done, with what the BSR learned."""

    employer_id: str = Field(index=True)
    status: str = Field(default=TourStatus.PLANNED.value, index=True)
    planned_on: date | None = Field(default=None, index=True)
    done_on: date | None = Field(default=None, index=True)
    staff_id: str | None = Field(default=None, index=True)
    site: str = ""
    volume_of_work: str = ""
    departments: str = ""
    supervision: str = ""
    shifts: str = ""
    physical_demands: str = ""
    safety_ppe: str = ""
    dress_code: str = ""
    parking: str = ""
    transit_lines: str = ""
    transit_walk: str = ""
    accessibility: str = ""
    impressions: str = ""

    @property
    def when(self) -> date | None:
        return self.done_on or self.planned_on


class TourGuest(Record, table=True):
    """A job seeker who came along on a tour to see the workplace for themselves."""

    tour_id: str = Field(index=True)
    participant_id: str = Field(index=True)
