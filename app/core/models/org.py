"""The agency: job centers, programs and the BSRs who staff them."""

from sqlmodel import Field

from app.core.models.base import Record


class Office(Record, table=True):
    """An American Job Center (North Riverside, Little Village, Malcolm X West Side)."""

    code: str = Field(index=True, max_length=32)
    name: str
    address: str = ""
    phone: str = ""


class Program(Record, table=True):
    """A funding program a BSR works under (WIOA, DHS, Pathways to Peace...)."""

    code: str = Field(index=True, max_length=32)
    name: str
    description: str = ""


class Staff(Record, table=True):
    """A Business Services Representative. `programs` holds program codes, comma separated."""

    name: str
    email: str = ""
    phone: str = ""
    office_id: str | None = Field(default=None, index=True)
    programs: str = ""

    @property
    def program_codes(self) -> list[str]:
        return [p for p in self.programs.split(",") if p]
