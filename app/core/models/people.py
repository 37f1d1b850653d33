"""Job seekers the agency serves, holding only the personal data the work needs.

Never a Social Security number or any other government identity number: a BSR
refers people and follows their jobs, and nothing in that needs one.
"""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class AgeGroup(StrEnum):
    """WIOA funds youth (16-24) and adults from different streams."""

    YOUTH = "youth"
    ADULT = "adult"

    @property
    def label(self) -> str:
        return {"youth": "Youth (16-24)", "adult": "Adult"}[self.value]


class Participant(Record, table=True):
    """One job seeker, one record, however many events they came through.

    `programs` holds program codes, comma separated (like `Staff.programs`).
    `merged_into` points at the surviving record after a BSR merged duplicates.
    """

    first_name: str = Field(index=True)
    last_name: str = Field(index=True)
    phone: str = Field(default="", index=True)
    email: str = Field(default="", index=True)
    zip_code: str = ""
    age_group: str = Field(default=AgeGroup.ADULT.value)
    programs: str = ""
    staff_id: str | None = Field(default=None, index=True)
    work_authorization_confirmed: bool = False
    work_authorization_confirmed_on: date | None = None
    #: Who checked the documents (a BSR or case manager): referral emails rely on it.
    work_authorization_confirmed_by: str = ""
    notes: str = ""
    merged_into: str | None = Field(default=None, index=True)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def program_codes(self) -> list[str]:
        return [p for p in self.programs.split(",") if p]
