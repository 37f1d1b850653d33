"""Which person works on which computer of the team, so the Sync page can name them.

A device is known on the share only by its id (a UUIDv7). Each computer writes its own
row here (keyed by that id) and it travels to the others like any record.
"""

from __future__ import annotations

from sqlmodel import Field

from app.core.models.base import Record


class TeamComputer(Record, table=True):
    """One computer of the team: `id` is its device id; who uses it and its name."""

    __tablename__ = "team_computer"

    staff_id: str | None = Field(default=None, index=True)
    #: The person's name as it was when last written (shown if the staff record is not here).
    person: str = ""
    #: The computer's own name (its host name), e.g. "LV-DESK-04".
    computer_name: str = ""


def device_label(person: str, computer_name: str) -> str:
    """ "Rosa Delgado — LV-DESK-04", or whichever half is known ("" when neither is)."""
    return " — ".join(p for p in (person.strip(), computer_name.strip()) if p)
