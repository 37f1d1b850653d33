"""Participants: create, edit field by field, find, and keep one record per person.

A person who comes through three hiring events and two referrals is one
record. New entries are checked against existing ones by name (rapidfuzz)
plus phone or email; likely duplicates are offered for a merge instead of
being refused (two laptops can create the same person while offline).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import SQLModel, select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import AgeGroup, Participant, Record
from app.core.people_match import MatchLevel, PersonKey, match_people
from app.services import records
from app.store.engine import Store

AGE_GROUPS = {g.value: g.label for g in AgeGroup}


def _clean_programs(value: Any) -> str:
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    codes = []
    for item in items:
        code = str(item).strip().lower()
        if code and code not in codes:
            codes.append(code)
    return ",".join(codes)


def _clean_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "yes", "y", "true", "on"}
    return bool(value)


_FIELDS: dict[str, Callable[[Any], Any]] = {
    "first_name": lambda x: v.clean_required(str(x), "first_name", "The first name"),
    "last_name": lambda x: v.clean_required(str(x), "last_name", "The last name"),
    "phone": v.clean_phone,
    "email": v.clean_email,
    "zip_code": v.clean_zip,
    "age_group": lambda x: v.clean_choice(str(x), AGE_GROUPS, "age_group", "The age group"),
    "programs": _clean_programs,
    "staff_id": lambda x: x or None,
    "work_authorization_confirmed": _clean_bool,
    "work_authorization_confirmed_on": lambda x: v.clean_date(
        x, "work_authorization_confirmed_on", "The date work authorization was confirmed"
    ),
    "work_authorization_confirmed_by": lambda x: str(x or "").strip(),
    "notes": lambda x: str(x),
}

EDITABLE_FIELDS = tuple(_FIELDS)


def clean_field(field: str, value: Any) -> Any:
    """The value to store for `field`, or FieldError: the one gate every edit goes through."""
    try:
        cleaner = _FIELDS[field]
    except KeyError:
        raise v.FieldError(field, f"{field} cannot be edited here.") from None
    return cleaner(value)


def _check_whole(values: dict[str, Any], today: date) -> None:
    """Rules across fields: a way to reach the person, a dated work authorization."""
    if not values.get("phone") and not values.get("email"):
        raise v.FieldError("phone", "Enter a phone number or an email address.")
    confirmed_on = values.get("work_authorization_confirmed_on")
    if values.get("work_authorization_confirmed") and confirmed_on is None:
        raise v.FieldError(
            "work_authorization_confirmed_on", "Enter the date work authorization was confirmed."
        )
    if confirmed_on is not None and confirmed_on > today:
        raise v.FieldError(
            "work_authorization_confirmed_on",
            "Work authorization cannot be confirmed in the future.",
        )


def clean_participant(values: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """Every field cleaned and the cross-field rules checked; the first problem is raised."""
    cleaned = {field: clean_field(field, value) for field, value in values.items()}
    for required in ("first_name", "last_name"):
        if required not in cleaned:
            clean_field(required, "")
    _check_whole(cleaned, today or date.today())
    return cleaned


# Duplicates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    participant_id: str
    name: str
    phone: str
    email: str
    score: float
    why: str
    #: The rule is sure enough to use this record without asking.
    certain: bool = False


def find_duplicates(
    store: Store,
    first_name: str,
    last_name: str,
    phone: str = "",
    email: str = "",
    exclude_id: str | None = None,
) -> list[DuplicateMatch]:
    """Live participants that are possibly this person (`app.core.people_match`), most
    likely first: a shared phone or email with a similar name (nicknames, typos, swapped
    order) before a near-identical name alone."""
    wanted = PersonKey(f"{first_name} {last_name}", phone, email)
    sql = """
        SELECT id, first_name, last_name, phone, email FROM participant
        WHERE deleted_at IS NULL AND merged_into IS NULL
    """
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    matches = []
    for row in rows:
        if row[0] == exclude_id:
            continue
        found = match_people(wanted, PersonKey(f"{row[1]} {row[2]}", row[3], row[4]))
        if found.level is MatchLevel.NONE:
            continue
        matches.append(
            DuplicateMatch(
                row[0],
                f"{row[1]} {row[2]}",
                row[3],
                row[4],
                found.score + (100 if found.shared else 0),
                found.reason,
                found.level is MatchLevel.SAME,
            )
        )
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches


class PossibleDuplicate(Exception):
    """Creating this person would likely make a second record of someone already here."""

    def __init__(self, matches: list[DuplicateMatch]) -> None:
        names = ", ".join(m.name for m in matches[:3])
        super().__init__(f"This may be someone already on file: {names}.")
        self.matches = matches


# Create, read, edit -------------------------------------------------------------------


def create_participant(
    store: Store, values: dict[str, Any], allow_duplicate: bool = False, today: date | None = None
) -> Participant:
    """Create a participant; raises FieldError for bad input, PossibleDuplicate for a likely twin."""
    cleaned = clean_participant(values, today)
    if not allow_duplicate:
        matches = find_duplicates(
            store,
            cleaned["first_name"],
            cleaned["last_name"],
            cleaned.get("phone", ""),
            cleaned.get("email", ""),
        )
        if matches:
            raise PossibleDuplicate(matches)
    with store.transaction() as session:
        person = Participant(**cleaned)
        session.add(person)
    return person


def split_name(full_name: str) -> tuple[str, str]:
    """'Maria de la Cruz' -> ('Maria', 'de la Cruz'); one word is a first name only."""
    parts = full_name.split()
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])


def find_or_create(store: Store, values: dict[str, Any]) -> tuple[Participant, bool]:
    """The participant for someone met elsewhere (a hiring event's door list, an import).

    Reuses a record only when the rule is sure (`MatchLevel.SAME`: a shared phone or
    email and a near-same name); a merely possible twin gets its own record, which the
    merge screen offers later. Returns (participant, created).
    """
    cleaned = clean_participant(values)
    strong = [
        m
        for m in find_duplicates(
            store,
            cleaned["first_name"],
            cleaned["last_name"],
            cleaned.get("phone", ""),
            cleaned.get("email", ""),
        )
        if m.certain
    ]
    if strong:
        found = get(store, strong[0].participant_id)
        if found is not None:
            return found, False
    return create_participant(store, cleaned, allow_duplicate=True), True


def get(store: Store, participant_id: str) -> Participant | None:
    with store.session() as session:
        return session.get(Participant, participant_id)


def resolve(store: Store, participant_id: str) -> Participant | None:
    """The surviving record, following merges (a link made before a merge still works)."""
    seen = set()
    person = get(store, participant_id)
    while person is not None and person.merged_into and person.id not in seen:
        seen.add(person.id)
        person = get(store, person.merged_into)
    return person


def update_field(
    store: Store, participant_id: str, field: str, value: Any, today: date | None = None
) -> Any:
    """Validate and commit one field at once; the whole record must still make sense."""
    cleaned = clean_field(field, value)
    with store.transaction() as session:
        person = records.live(session, Participant, participant_id)
        current = {f: getattr(person, f) for f in EDITABLE_FIELDS}
        current[field] = cleaned
        if (
            field == "work_authorization_confirmed"
            and cleaned
            and not current["work_authorization_confirmed_on"]
        ):
            current["work_authorization_confirmed_on"] = today or date.today()
            person.work_authorization_confirmed_on = current["work_authorization_confirmed_on"]
        _check_whole(current, today or date.today())
        if getattr(person, field) != cleaned:
            setattr(person, field, cleaned)
            person.updated_at = utcnow()
            session.add(person)
    return cleaned


def delete(store: Store, participant_id: str) -> None:
    with store.transaction() as session:
        person = session.get(Participant, participant_id)
        if person is None:
            raise KeyError(participant_id)
        person.deleted_at = person.updated_at = utcnow()
        session.add(person)


def restore(store: Store, participant_id: str) -> None:
    with store.transaction() as session:
        person = session.get(Participant, participant_id)
        if person is None:
            raise KeyError(participant_id)
        person.deleted_at = None
        person.updated_at = utcnow()
        session.add(person)


# The list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    first_name: str
    last_name: str
    phone: str
    email: str
    zip_code: str
    age_group: str
    programs: str
    staff: str
    work_authorization_confirmed: bool
    placements: int

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


_SELECT = """
    SELECT p.id, p.first_name, p.last_name, p.phone, p.email, p.zip_code, p.age_group,
           p.programs, coalesce(s.name, ''), p.work_authorization_confirmed,
           (SELECT count(*) FROM placement pl
             WHERE pl.participant_id = p.id AND pl.deleted_at IS NULL)
    FROM participant p LEFT JOIN staff s ON s.id = p.staff_id
"""
_SEARCHED = ("p.first_name", "p.last_name", "p.email", "p.zip_code")
_PHONE_DIGITS = "replace(replace(replace(replace(p.phone, '(', ''), ')', ''), ' ', ''), '-', '')"


def list_rows(store: Store, search: str = "", staff_id: str | None = None) -> list[ParticipantRow]:
    """Live participants matching every typed word (name, phone digits, email, ZIP)."""
    query = records.ListQuery(
        _SELECT,
        "ORDER BY lower(p.last_name), lower(p.first_name)",
        "p.deleted_at IS NULL",
        "p.merged_into IS NULL",
    )
    for n, word in enumerate(search.split()):
        clauses = [f"{column} LIKE :w{n}" for column in _SEARCHED]
        params = {f"w{n}": f"%{word}%"}
        digits = re.sub(r"\D", "", word)
        if len(digits) >= 3:
            clauses.append(f"{_PHONE_DIGITS} LIKE :d{n}")
            params[f"d{n}"] = f"%{digits}%"
        query.where("(" + " OR ".join(clauses) + ")", **params)
    if staff_id:
        query.where("p.staff_id = :staff", staff=staff_id)
    rows = query.rows(store)
    return [ParticipantRow(*r[:9], bool(r[9]), r[10]) for r in rows]


# Merging ------------------------------------------------------------------------------


def _tables_pointing_at_participants() -> list[type[Record]]:
    """Every synced table with a `participant_id` column (found, not listed, so new ones join)."""
    found = []
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        cls = mapper.class_
        if issubclass(cls, Record) and "participant_id" in cls.model_fields:
            found.append(cls)
    return sorted(found, key=lambda c: c.__name__)


def merge(store: Store, keep_id: str, other_id: str) -> Participant:
    """Fold `other` into `keep`: links move over, empty fields are filled, `other` points at `keep`.

    Links in insert-only records (resumes, event check-ins) are re-pointed too:
    a link is not one of their facts. Records that another laptop made before
    it heard of the merge still carry the old id; readers follow `merged_into`
    (see `ids_for`).
    """
    if keep_id == other_id:
        raise ValueError("A record cannot be merged into itself.")
    with store.transaction() as session:
        keep = session.get(Participant, keep_id)
        other = session.get(Participant, other_id)
        if keep is None or other is None or keep.deleted_at or other.deleted_at:
            raise KeyError("Both participants must exist to merge them.")
        now = utcnow()
        for field in EDITABLE_FIELDS:
            mine, theirs = getattr(keep, field), getattr(other, field)
            if field == "programs":
                merged = _clean_programs(f"{mine},{theirs}")
                if merged != mine:
                    keep.programs = merged
            elif field == "notes" and theirs and theirs not in mine:
                keep.notes = f"{mine}\n{theirs}".strip()
            elif field == "work_authorization_confirmed" and theirs and not mine:
                keep.work_authorization_confirmed = True
                keep.work_authorization_confirmed_on = other.work_authorization_confirmed_on
            elif not mine and theirs and field != "work_authorization_confirmed_on":
                setattr(keep, field, theirs)
        keep.updated_at = now
        session.add(keep)
        for table in _tables_pointing_at_participants():
            for row in session.exec(select(table).where(table.participant_id == other_id)):  # type: ignore[attr-defined]
                row.participant_id = keep_id  # type: ignore[attr-defined]
                row.updated_at = now
                session.add(row)
        other.merged_into = keep_id
        other.updated_at = now
        session.add(other)
    return keep


def ids_for(store: Store, participant_id: str) -> list[str]:
    """This participant's id and every id merged into it (for insert-only records)."""
    ids = [participant_id]
    frontier = [participant_id]
    while frontier:
        query = records.ListQuery("SELECT id FROM participant").where_in(
            "merged_into", frontier, "i"
        )
        frontier = [r[0] for r in query.rows(store) if r[0] not in ids]
        ids.extend(frontier)
    return ids
