"""Every table, imported here so SQLModel.metadata knows them all."""

from app.core.models.activity import Activity, ActivityKind, FollowUp
from app.core.models.base import Record
from app.core.models.employer import Contact, Employer
from app.core.models.events import (
    CheckIn,
    Event,
    EventHost,
    EventInteraction,
    EventPosition,
    EventStaff,
    Registration,
)
from app.core.models.local import LocalSetting
from app.core.models.org import Office, Program, Staff
from app.core.models.people import AgeGroup, Participant

__all__ = [
    "Activity",
    "ActivityKind",
    "CheckIn",
    "AgeGroup",
    "Contact",
    "Employer",
    "Event",
    "EventHost",
    "EventInteraction",
    "EventPosition",
    "EventStaff",
    "FollowUp",
    "LocalSetting",
    "Office",
    "Participant",
    "Program",
    "Record",
    "Registration",
    "Staff",
]
