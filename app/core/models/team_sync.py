"""Device-local state of sync through the shared folder. Never synced, never Records.

- `sync_team`: the team this store belongs to and where its shared folder is.
- `sync_cursor`: per other device, the last segment applied (and its hash, to
  check the chain) and the latest cursors it published (for pruning).
- `sync_published`: every file this store published, with its hash and the
  range of local journal sequence numbers it carries.
- `sync_quarantine`: changes from other devices that broke a rule, kept unapplied
  (and, once someone has looked, marked dismissed).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from app.core.ids import utcnow


class SyncTeam(SQLModel, table=True):
    """The team this store syncs with: one row, slot 1 (absent before create/join)."""

    __tablename__ = "sync_team"

    slot: int = Field(default=1, primary_key=True)
    team_id: str = Field(max_length=36)
    #: A folder path, a UNC path, or \\server\share\path reached over SMB.
    folder: str = ""
    key_id: str = ""
    #: "folder" (through the file system) or "smb" (smbprotocol, no mount).
    transport: str = "folder"
    smb_user: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    last_sync_at: datetime | None = None
    #: JSON summary of the last sync, shown on the Sync page.
    last_summary: str = ""


class SyncCursor(SQLModel, table=True):
    """How far this store has applied another device's segments."""

    __tablename__ = "sync_cursor"

    device_id: str = Field(primary_key=True, max_length=36)
    #: Sequence of the last segment applied (0: none yet).
    seq: int = 0
    #: SHA-256 (hex) of that segment; the next one must chain to it.
    last_hash: str = ""
    changes_applied: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    #: When a new file from this device was last seen on the share.
    last_seen_at: datetime | None = None
    #: The newest cursors file read from this device, and what it says (JSON device -> seq).
    peer_cursors_seq: int = 0
    peer_cursors: str = "{}"


class SyncPublished(SQLModel, table=True):
    """One file this store wrote to the share (kind 1 changes, 2 snapshot, 3 cursors)."""

    __tablename__ = "sync_published"
    #: Where the next publish starts in the journal, found without reading the whole log.
    __table_args__ = (Index("ix_sync_published_kind_last", "kind", "last_local_seq"),)

    device_id: str = Field(primary_key=True, max_length=36)
    kind: int = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    #: SHA-256 (hex) of the file.
    digest: str
    #: Local journal sequence numbers carried (changes), 0 for other kinds.
    first_local_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    last_local_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    records: int = 0
    published_at: datetime = Field(default_factory=utcnow)
    pruned: bool = False
    #: What the share said of the file once written (bytes, its time stamp in POSIX
    #: seconds): while both still match, the file is not read to check it on every sync.
    size: int | None = None
    mtime: float | None = None


class SyncQuarantine(SQLModel, table=True):
    """A change from another device that broke a rule: kept here, never applied.

    The rest of its segment is applied; the change waits here with its reason
    until someone looks (Sync page, `team status`) and dismisses it: a dismissed
    change stays listed, with who dismissed it and when, and no longer asks for
    attention.
    """

    __tablename__ = "sync_quarantine"

    id: int | None = Field(default=None, primary_key=True)
    #: The device whose segment held it, and that segment's sequence number.
    device_id: str = Field(max_length=36, index=True)
    seq: int = 0
    hlc: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    tbl: str = ""
    row_id: str = ""
    col: str = ""
    #: The change as it travelled (JSON), cut to its first few KB when huge.
    record: str = ""
    reason: str
    quarantined_at: datetime = Field(default_factory=utcnow)
    #: When and by whom it was dismissed (None: still waiting for someone to look).
    dismissed_at: datetime | None = None
    dismissed_by: str = ""
