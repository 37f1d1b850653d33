"""Employers and the people we talk to there."""

from datetime import datetime

from sqlmodel import Field

from app.core.models.base import Record
from app.core.pipeline import Stage


class Employer(Record, table=True):
    """A business the agency works with, from first contact to active partner.

    `merged_into` points at the surviving record when two laptops created the
    same business and a BSR merged them.
    """

    legal_name: str = Field(index=True)
    dba_name: str = ""
    fein: str = ""
    industry: str = ""
    naics_code: str = ""
    website: str = ""
    employees_total: int | None = None
    employees_at_site: int | None = None
    street: str = ""
    city: str = "Chicago"
    state: str = "IL"
    zip_code: str = ""
    main_phone: str = ""
    stage: str = Field(default=Stage.PROSPECT.value, index=True)
    stage_changed_at: datetime | None = None
    not_fit_reason: str = ""
    owner_id: str | None = Field(default=None, index=True)
    office_id: str | None = Field(default=None, index=True)
    source: str = ""
    notes: str = ""
    merged_into: str | None = Field(default=None, index=True)

    @property
    def display_name(self) -> str:
        if self.dba_name and self.dba_name.casefold() != self.legal_name.casefold():
            return f"{self.legal_name} (dba {self.dba_name})"
        return self.legal_name

    @property
    def address_line(self) -> str:
        tail = " ".join(p for p in (self.state, self.zip_code) if p)
        return ", ".join(p for p in (self.street, self.city, tail) if p)


class Contact(Record, table=True):
    """A person at an employer; several per employer, each with a role."""

    employer_id: str = Field(index=True)
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    is_primary: bool = False
    notes: str = ""
