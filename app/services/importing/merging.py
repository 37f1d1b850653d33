"""Merging two stored employers a person confirmed are one business, inside the import's transaction.

`app.services.merge.merge_employers` does this in a transaction of its own; an
import must stay one transaction (a cancel or crash undoes the merges too), so
this applies the same rules within the caller's session: every record pointing
at the duplicate by `employer_id` (found from the metadata) moves to the
survivor, the survivor's empty fields are filled from the duplicate, and the
duplicate gets `merged_into` and is soft-deleted, its data kept.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.core.ids import utcnow
from app.core.models import Employer
from app.services.merge import _NOT_FILLED, _empty, referencing_classes


def merge_in_session(session: Session, survivor_id: str, duplicate_id: str) -> None:
    """Fold `duplicate_id` into `survivor_id` within the session's transaction."""
    survivor = session.get(Employer, survivor_id)
    duplicate = session.get(Employer, duplicate_id)
    if survivor_id == duplicate_id or survivor is None or duplicate is None:
        raise KeyError(f"No such pair of employers to merge: {survivor_id}, {duplicate_id}")
    if duplicate.merged_into or duplicate.deleted_at is not None:
        return  # already merged (by another device or an earlier step)
    now = utcnow()
    for cls in referencing_classes():
        attr = cls.__mapper__.get_property_by_column(cls.__table__.c.employer_id).key  # type: ignore[attr-defined]
        for row in session.scalars(select(cls).where(getattr(cls, attr) == duplicate_id)).all():
            setattr(row, attr, survivor_id)
            row.updated_at = now
            session.add(row)
    for prop in Employer.__mapper__.column_attrs:  # type: ignore[attr-defined]
        if prop.columns[0].name in _NOT_FILLED:
            continue
        mine, theirs = getattr(survivor, prop.key), getattr(duplicate, prop.key)
        if _empty(mine) and not _empty(theirs):
            setattr(survivor, prop.key, theirs)
    survivor.updated_at = now
    duplicate.merged_into = survivor_id
    duplicate.deleted_at = now
    duplicate.updated_at = now
    session.add(survivor)
    session.add(duplicate)
