"""The columns every synced record carries."""

from datetime import datetime
from typing import ClassVar

from sqlmodel import Field, SQLModel

from app.core.ids import new_id, utcnow


class Record(SQLModel):
    """Base of every synced table: UUIDv7 key, stamps, soft delete.

    `insert_only` marks records (activities, check-ins, notes) whose fields are
    never overwritten once written; sync honours it.
    """

    insert_only: ClassVar[bool] = False

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = Field(default=None, index=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# References between records are plain indexed id columns, not SQL foreign keys:
# sync applies other devices' changes in any order (a contact may arrive before
# its employer), so referential checks would refuse valid histories. Readers
# treat a dangling reference as "not known yet".
