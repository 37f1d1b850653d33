"""Shared placements: partner organizations, their people, and the openings they share."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class PartnerKind(StrEnum):
    AGENCY = "agency"
    SECTOR_CENTER = "sector_center"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"agency": "Agency", "sector_center": "Sector center", "other": "Other"}[self.value]


class Partner(Record, table=True):
    """Another workforce organization (agency, sector center) the agency shares placements with."""

    name: str = Field(index=True)
    kind: str = PartnerKind.AGENCY.value
    phone: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""


class PartnerContact(Record, table=True):
    """A person at a partner organization."""

    partner_id: str = Field(index=True)
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


class DistributionList(Record, table=True):
    """A named list of addresses openings go to (`addresses`: one email per line)."""

    partner_id: str | None = Field(default=None, index=True)
    name: str
    addresses: str = ""

    @property
    def address_list(self) -> list[str]:
        return [a.strip() for a in self.addresses.splitlines() if a.strip()]


class OpeningStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "Open", "filled": "Filled", "closed": "Closed"}[self.value]


class PartnerOpening(Record, table=True):
    """A job opening a partner shared with us.

    `managed_by_id` is the partner that runs the recruitment (resumes go there);
    empty means our agency runs it. `employer_id` is set when the employer is
    in our store, else `employer_name` says who is hiring.
    """

    partner_id: str = Field(index=True)
    managed_by_id: str | None = Field(default=None, index=True)
    employer_id: str | None = Field(default=None, index=True)
    employer_name: str = ""
    position_title: str
    received_on: date = Field(index=True)
    closes_on: date | None = None
    positions: int | None = None
    wage_cents: int | None = None
    status: str = Field(default=OpeningStatus.OPEN.value, index=True)
    notes: str = ""
