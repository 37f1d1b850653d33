"""Hiring events: who hosts, what is recruited, who staffs them, who came and what happened.

An event is a specialized hiring event (one host employer), a multi-employer
job fair, a networking coffee or brunch, or an appreciation lunch. People who
come are kept as registrations (one per person per event) that point at the
participant record shared across events; check-ins and what happened during
the event are insert-only, so a laptop at the door never rewrites history.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record
from app.core.models.people import AgeGroup


class EventKind(StrEnum):
    HIRING_EVENT = "hiring_event"
    JOB_FAIR = "job_fair"
    NETWORKING = "networking"
    APPRECIATION = "appreciation"

    @property
    def label(self) -> str:
        return {
            "hiring_event": "Specialized hiring event",
            "job_fair": "Job fair",
            "networking": "Networking coffee / brunch",
            "appreciation": "Appreciation lunch",
        }[self.value]

    @property
    def single_host(self) -> bool:
        """A specialized hiring event has exactly one host employer."""
        return self is EventKind.HIRING_EVENT


class EventStatus(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


HELD_STATUSES = (EventStatus.DONE.value, EventStatus.RUNNING.value)


def event_held(status: str, anyone_checked_in: bool) -> bool:
    """An event counts as held when it is done or running, or when someone checked in
    (a BSR may not have marked it done yet). Planned events are never counted as held."""
    return status in HELD_STATUSES or anyone_checked_in


class PlaceKind(StrEnum):
    EMPLOYER_SITE = "employer"
    JOB_CENTER = "office"


class InteractionKind(StrEnum):
    APPLICATION_HELP = "application_help"
    MET_EMPLOYER = "met_employer"
    INTERVIEW_SET = "interview_set"

    @property
    def label(self) -> str:
        return {
            "application_help": "Helped with an application to",
            "met_employer": "Met employer",
            "interview_set": "Interview set with",
        }[self.value]


class Event(Record, table=True):
    """One event on one day. `office_id` is set when it is held at a job center,
    `site_employer_id` when it is held at an employer's site."""

    __tablename__ = "event"

    kind: str = Field(default=EventKind.HIRING_EVENT.value, index=True)
    title: str = ""
    starts_at: datetime = Field(index=True)
    ends_at: datetime
    place_kind: str = PlaceKind.JOB_CENTER.value
    office_id: str | None = Field(default=None, index=True)
    site_employer_id: str | None = Field(default=None, index=True)
    place_name: str = ""
    address: str = ""
    parking_notes: str = ""
    transit_notes: str = ""
    what_to_bring: str = ""
    status: str = Field(default=EventStatus.PLANNED.value, index=True)
    notes: str = ""


class EventHost(Record, table=True):
    """An employer taking part: the host of a hiring event, or one of a fair's tables."""

    __tablename__ = "event_host"

    event_id: str = Field(index=True)
    employer_id: str = Field(index=True)


class EventPosition(Record, table=True):
    """A position recruited at the event, copied from the employer's open positions
    (`position_id` names the source when there is one) so the flyer stays as printed."""

    __tablename__ = "event_position"

    event_id: str = Field(index=True)
    employer_id: str = Field(index=True)
    position_id: str | None = Field(default=None, index=True)
    title: str
    openings: int = 1
    wage_min_cents: int | None = None
    wage_max_cents: int | None = None
    schedule: str = ""
    requirements: str = ""


class EventStaff(Record, table=True):
    """A BSR assigned to an event."""

    __tablename__ = "event_staff"

    event_id: str = Field(index=True)
    staff_id: str = Field(index=True)
    role: str = ""


class Registration(Record, table=True):
    """One person at one event: pre-registered (by hand or imported) or a walk-in.

    The contact fields are what the person gave at the door; `participant_id`
    links the one record kept for that person across events.
    """

    __tablename__ = "event_registration"

    event_id: str = Field(index=True)
    participant_id: str | None = Field(default=None, index=True)
    name: str
    phone: str = ""
    email: str = ""
    zip_code: str = ""
    age_group: str = AgeGroup.ADULT.value
    programs: str = ""
    needs_application_help: bool = False
    walk_in: bool = False
    source: str = ""

    @property
    def program_codes(self) -> list[str]:
        return [p for p in self.programs.split(",") if p]


class CheckIn(Record, table=True):
    """Someone arrived: when, and which BSR let them in. Never rewritten."""

    __tablename__ = "event_checkin"

    insert_only = True

    event_id: str = Field(index=True)
    registration_id: str = Field(index=True)
    participant_id: str | None = Field(default=None, index=True)
    checked_in_at: datetime = Field(index=True)
    staff_id: str | None = Field(default=None, index=True)
    walk_in: bool = False


class EventInteraction(Record, table=True):
    """What happened for a person at the event with one employer. Never rewritten."""

    __tablename__ = "event_interaction"

    insert_only = True

    event_id: str = Field(index=True)
    registration_id: str = Field(index=True)
    participant_id: str | None = Field(default=None, index=True)
    employer_id: str = Field(index=True)
    kind: str = Field(index=True)
    occurred_at: datetime
    staff_id: str | None = Field(default=None, index=True)
    note: str = ""
