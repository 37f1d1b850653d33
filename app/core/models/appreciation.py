"""Thanks given to partner employers, per year, so nobody is missed or thanked twice."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.core.models.base import Record


class AppreciationKind(StrEnum):
    BASKET = "basket"
    LUNCH = "lunch_invitation"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return {
            "basket": "Gift basket",
            "lunch_invitation": "Appreciation lunch invitation",
            "letter": "Thank-you letter",
        }[self.value]


class Appreciation(Record, table=True):
    """One thank-you to one employer for one year: what, when, by whom."""

    __tablename__ = "appreciation"

    employer_id: str = Field(index=True)
    year: int = Field(index=True)
    kind: str = Field(default=AppreciationKind.LETTER.value)
    given_on: date
    staff_id: str | None = Field(default=None, index=True)
    notes: str = ""
