"""Merging two stored employers that a person confirmed are one business, inside a caller's transaction.

The shared merge service is used when the app has one (`app.services.merge`);
otherwise this does the same thing the importer needs: every record pointing
at the duplicate (any table with an `employer_id` column, found from the
metadata) moves to the survivor, empty fields of the survivor are filled from
the duplicate, and the duplicate is marked `merged_into` (kept, hidden) so sync
and undo can still see it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel

from app.core.ids import utcnow
from app.core.models import Employer, Record

_FILLABLE = (
    "dba_name", "fein", "industry", "naics_code", "website", "employees_total",
    "employees_at_site", "street", "zip_code", "main_phone", "owner_id", "office_id", "source",
)  # fmt: skip


def _record_classes() -> list[type[Record]]:
    found = []
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        cls = mapper.class_
        if issubclass(cls, Record) and "employer_id" in cls.__table__.columns:  # type: ignore[attr-defined]
            found.append(cls)
    return sorted(found, key=lambda c: c.__tablename__)  # type: ignore[attr-defined]


def merge_in_session(session: Session, keep_id: str, other_id: str) -> None:
    """Fold `other_id` into `keep_id` within the session's transaction."""
    try:
        from app.services import merge as shared  # written separately; preferred when present

        func: Any = getattr(shared, "merge_employers_in_session", None)
    except ImportError:
        func = None
    if func is not None:
        func(session, keep_id, other_id)
        return
    keep = session.get(Employer, keep_id)
    other = session.get(Employer, other_id)
    if keep is None or other is None or keep_id == other_id:
        raise KeyError(f"No such employers to merge: {keep_id}, {other_id}")
    now = utcnow()
    for field in _FILLABLE:
        if getattr(keep, field) in ("", None) and getattr(other, field) not in ("", None):
            setattr(keep, field, getattr(other, field))
    if other.notes and other.notes not in keep.notes:
        keep.notes = f"{keep.notes}\n{other.notes}" if keep.notes else other.notes
    keep.updated_at = now
    for cls in _record_classes():
        rows = session.exec(
            cls.__table__.select().where(cls.__table__.c.employer_id == other_id)  # type: ignore[attr-defined]
        )
        for row_id in [r.id for r in rows]:
            record = session.get(cls, row_id)
            if record is None:
                continue
            record.employer_id = keep_id  # type: ignore[attr-defined]
            if not cls.insert_only:
                record.updated_at = now
            session.add(record)
    other.merged_into = keep_id
    other.updated_at = now
    session.add(keep)
    session.add(other)
