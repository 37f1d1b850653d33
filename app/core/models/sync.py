"""Device-local bookkeeping of team sync. These tables never sync themselves.

- `sync_device`: who this store is (a UUIDv7 made at first open) and its clock.
- `change`: the journal. Every change this device made, and every change it
  applied from others (so snapshots can relay them), once each: (device, hlc)
  is the change's identity.
- `field_version`: for every (table, row, column), the stamp of the value now
  stored. Column "*" holds the stamp of the row's insert, which stands for
  every column not edited since.
- `conflict`: values that lost to a concurrent edit, for a person to review.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, text
from sqlmodel import Field, SQLModel

from app.core.ids import utcnow


class SyncDevice(SQLModel, table=True):
    """This store's identity and persisted clock: one row, slot 1."""

    __tablename__ = "sync_device"

    slot: int = Field(default=1, primary_key=True)
    device_id: str = Field(max_length=36)
    clock: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    #: Stamps issued past the clock for edits of future-stamped values (see HybridClock).
    ahead_lo: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    ahead_hi: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    #: Ids this store carried before (a copied store gets a new one), comma separated.
    former_ids: str = ""


class ChangeRow(SQLModel, table=True):
    """One change to one field (or a whole row for inserts, column "*")."""

    __tablename__ = "change"
    __table_args__ = (
        Index("ux_change_device_hlc", "device", "hlc", unique=True),
        Index(
            "ix_change_seen",
            "seen_device",
            "seen_hlc",
            sqlite_where=text("seen_hlc > 0"),
        ),
        # The inserts of offices and programs, read to re-point links (app.store.reference).
        Index(
            "ix_change_reference_row",
            "tbl",
            "row_id",
            sqlite_where=text("col = '*' AND tbl IN ('office', 'program')"),
        ),
    )

    seq: int | None = Field(default=None, primary_key=True)
    hlc: int = Field(sa_column=Column(BigInteger, nullable=False))
    device: str
    tbl: str
    row_id: str
    col: str
    #: The value, JSON-encoded by app.store.codec (the whole row for col "*"); NULL when it
    #: is the stored row's (an insert) or was pruned (`app.store.journal`).
    value: str | None = None
    #: The stamp of the value the writer replaced (0 and "" for inserts).
    seen_hlc: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    seen_device: str = ""
    #: False when this version does not know the table or column; kept for after an upgrade.
    applied: bool = True


class FieldVersion(SQLModel, table=True):
    """The stamp of the value currently stored in one field."""

    __tablename__ = "field_version"

    tbl: str = Field(primary_key=True)
    row_id: str = Field(primary_key=True)
    col: str = Field(primary_key=True)
    hlc: int = Field(sa_column=Column(BigInteger, nullable=False))
    device: str


class ConflictRow(SQLModel, table=True):
    """A value that lost to a concurrent edit (or an edit that reached a deleted record)."""

    __tablename__ = "conflict"

    id: int | None = Field(default=None, primary_key=True)
    #: "lww": lost to a later concurrent edit; "edited_deleted": edit of a deleted record.
    kind: str = "lww"
    tbl: str = Field(index=True)
    row_id: str = Field(index=True)
    col: str
    lost_value: str
    lost_hlc: int = Field(sa_column=Column(BigInteger, nullable=False))
    lost_device: str
    won_value: str | None = None
    won_hlc: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    won_device: str = ""
    recorded_at: datetime = Field(default_factory=utcnow)
    resolved: bool = Field(default=False, index=True)
    resolved_at: datetime | None = None
