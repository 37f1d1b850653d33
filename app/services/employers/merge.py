"""Two records for one business (typed on two laptops) merged into one, in a way that syncs.

The merge is a set of ordinary edits, so it is journaled and reaches every
device like any other: the duplicate gets `merged_into` and is soft-deleted
(its data stays, so nothing is lost), every record that points at it by
`employer_id` (contacts, activities, follow-ups and any later table with that
column, found from the metadata) is re-pointed to the survivor, and the
survivor's empty fields are filled from the duplicate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

from app.core import normalize as norm
from app.core.ids import utcnow
from app.core.models import Employer
from app.core.models.base import Record
from app.core.validation import FieldError
from app.store.engine import Store

#: Employer columns never copied from the duplicate.
_NOT_FILLED = frozenset(
    ("id", "created_at", "updated_at", "deleted_at", "merged_into", "stage", "stage_changed_at")
)
#: Names at least this alike (0-100, after normalising) are offered as duplicates.
NAME_ALIKE = 90
#: Names at least this alike are offered when they also share a phone or an address.
NAME_ALIKE_SAME_PLACE = 60


@dataclass
class MergeResult:
    survivor_id: str
    duplicate_id: str
    moved: dict[str, int] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)


def referencing_classes(column: str = "employer_id") -> list[type[Record]]:
    """Every synced record class with a `column` (a table added later is found too)."""
    out = []
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        table = mapper.local_table
        if issubclass(cls, Record) and isinstance(table, Table) and column in table.c:
            out.append(cls)
    return sorted(out, key=lambda c: c.__tablename__)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def merge_employers(store: Store, survivor_id: str, duplicate_id: str) -> MergeResult:
    """Fold `duplicate_id` into `survivor_id`; all or nothing. Raises FieldError when refused."""
    with store.transaction() as session:
        return merge_in_session(session, survivor_id, duplicate_id)


def merge_in_session(session: Session, survivor_id: str, duplicate_id: str) -> MergeResult:
    """The merge as edits in the caller's session (an import merges inside its own transaction)."""
    if survivor_id == duplicate_id:
        raise FieldError("duplicate", "Choose two different employers to merge.")
    result = MergeResult(survivor_id, duplicate_id)
    survivor = session.get(Employer, survivor_id)
    duplicate = session.get(Employer, duplicate_id)
    for record, role in ((survivor, "survivor"), (duplicate, "duplicate")):
        if record is None or record.deleted_at is not None or record.merged_into:
            raise FieldError(role, f"The {role} employer no longer exists or was merged.")
    assert survivor is not None and duplicate is not None
    now = utcnow()
    for cls in referencing_classes():
        attr = cls.__mapper__.get_property_by_column(cls.__table__.c.employer_id).key
        rows = session.scalars(select(cls).where(getattr(cls, attr) == duplicate_id)).all()
        for row in rows:
            setattr(row, attr, survivor_id)
            row.updated_at = now
            session.add(row)
        if rows:
            result.moved[cls.__tablename__] = len(rows)
    for prop in Employer.__mapper__.column_attrs:
        name = prop.columns[0].name
        if name in _NOT_FILLED:
            continue
        mine, theirs = getattr(survivor, prop.key), getattr(duplicate, prop.key)
        if _empty(mine) and not _empty(theirs):
            setattr(survivor, prop.key, theirs)
            result.filled.append(name)
    survivor.updated_at = now
    duplicate.merged_into = survivor_id
    duplicate.deleted_at = now
    duplicate.updated_at = now
    session.add(survivor)
    session.add(duplicate)
    return result


@dataclass(frozen=True)
class DuplicatePair:
    """Two live employers that look like one business, and why."""

    first_id: str
    second_id: str
    first_name: str
    second_name: str
    score: int
    reasons: tuple[str, ...]


def find_duplicate_employers(store: Store, limit: int | None = None) -> list[DuplicatePair]:
    """Live employers that are probably one business, most alike first.

    Same normalised name, or names alike, or a shared phone or street address
    with names somewhat alike. Pairs are compared only within blocks (same
    first name word, same phone, same address), so it stays fast on a big store.
    """
    with store.engine.connect() as conn:
        t = Employer.__table__
        rows = conn.execute(
            select(t.c.id, t.c.legal_name, t.c.dba_name, t.c.main_phone, t.c.street, t.c.zip_code)
            .where(t.c.deleted_at.is_(None), t.c.merged_into.is_(None))
            .order_by(t.c.id)
        ).all()
    names = {r.id: norm.business_name(r.legal_name) for r in rows}
    display = {r.id: r.legal_name for r in rows}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        words = names[r.id].split()
        if words:
            blocks[("name", words[0])].append(r.id)
        phone = norm.phone_digits(r.main_phone)
        if phone:
            blocks[("phone", phone[-10:])].append(r.id)
        street = norm.street(r.street)
        if street:
            blocks[("place", f"{street}|{norm.zip5(r.zip_code)}")].append(r.id)
    found: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for (kind, _), ids in blocks.items():
        if len(ids) < 2 or len(ids) > 400:
            continue
        for a, b in combinations(ids, 2):
            score = int(round(fuzz.token_sort_ratio(names[a], names[b])))
            reasons = set()
            if names[a] == names[b]:
                reasons.add("same name")
            elif score >= NAME_ALIKE:
                reasons.add("similar name")
            if kind in ("phone", "place") and score >= NAME_ALIKE_SAME_PLACE:
                reasons.add("same phone" if kind == "phone" else "same address")
            if not reasons:
                continue
            key = (a, b) if a < b else (b, a)
            prev = found.get(key)
            found[key] = (
                max(score, prev[0]) if prev else score,
                reasons | (prev[1] if prev else set()),
            )
    pairs = [
        DuplicatePair(a, b, display[a], display[b], score, tuple(sorted(reasons)))
        for (a, b), (score, reasons) in found.items()
    ]
    pairs.sort(key=lambda p: (-len(p.reasons), -p.score, p.first_name.casefold()))
    return pairs[:limit] if limit is not None else pairs


__all__ = [
    "DuplicatePair",
    "MergeResult",
    "find_duplicate_employers",
    "merge_employers",
    "referencing_classes",
]
