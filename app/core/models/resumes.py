"""Resume files, kept inside the store so a referral never points at a missing file.

Stored as a blob rather than a file beside the store: the file and the referral
that cites it are written in one transaction (a crash leaves neither or both),
one backup copy holds everything, and sync carries it with the other rows,
encrypted, with no second way to move files. The same bytes attached to five
referrals are stored once (by SHA-256), and files are capped in size.
"""

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field

from app.core.models.base import Record


class Resume(Record, table=True):
    """One version of a participant's resume. Insert-only: a new version is a new row."""

    insert_only = True

    participant_id: str = Field(index=True)
    file_name: str
    media_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = Field(index=True, max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
