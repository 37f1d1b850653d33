"""Employer records: list, find, create, edit field by field, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import Activity, Contact, Employer, FollowUp
from app.core.pipeline import Stage
from app.services import records
from app.services.employers.listing import (  # noqa: F401 - the list, as callers know it
    SEARCH_LIMIT,
    EmployerFilter,
    EmployerRow,
    list_rows,
)
from app.store.engine import Store

_EMPLOYER_FIELDS: dict[str, Callable[[Any], Any]] = {
    "legal_name": lambda x: v.clean_required(x, "legal_name", "The legal name"),
    "dba_name": lambda x: x.strip(),
    "fein": v.clean_fein,
    "industry": lambda x: x.strip(),
    "naics_code": v.clean_naics,
    "website": v.clean_website,
    "employees_total": lambda x: v.clean_count(x, "employees_total"),
    "employees_at_site": lambda x: v.clean_count(x, "employees_at_site"),
    "street": lambda x: x.strip(),
    "city": lambda x: x.strip(),
    "state": lambda x: x.strip().upper(),
    "zip_code": v.clean_zip,
    "main_phone": lambda x: v.clean_phone(x, "main_phone"),
    "owner_id": lambda x: x or None,
    "office_id": lambda x: x or None,
    "source": lambda x: x.strip(),
    "notes": lambda x: x,
    "not_fit_reason": lambda x: x.strip(),
}

_CONTACT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda x: v.clean_required(x, "name", "The contact's name"),
    "role": lambda x: x.strip(),
    "email": v.clean_email,
    "phone": v.clean_phone,
    "is_primary": bool,
    "notes": lambda x: x,
}


def clean_employer_field(field: str, value: Any) -> Any:
    """The value to store for `field`, or FieldError: the one gate every edit goes through."""
    return records.clean(_EMPLOYER_FIELDS, field, value)


def clean_contact_field(field: str, value: Any) -> Any:
    """The value to store for a contact's `field`, or FieldError (forms check each box with it)."""
    return records.clean(_CONTACT_FIELDS, field, value)


def clean_employer(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean every field at once: the cleaned values and, per field, what is wrong."""
    cleaned, errors = records.clean_all(_EMPLOYER_FIELDS, values)
    if "legal_name" not in values:
        errors.setdefault("legal_name", "The legal name is required.")
    return cleaned, errors


def create_employer(
    store: Store, values: dict[str, Any], stage: Stage = Stage.PROSPECT
) -> Employer:
    """Create an employer from typed values; raises FieldError for the first bad field."""
    cleaned, errors = clean_employer(values)
    if errors:
        field, message = next(iter(errors.items()))
        raise v.FieldError(field, message)
    with store.transaction() as session:
        employer = Employer(**cleaned, stage=stage.value, stage_changed_at=utcnow())
        session.add(employer)
    return employer


def get_employer(store: Store, employer_id: str) -> Employer | None:
    with store.session() as session:
        return session.get(Employer, employer_id)


def update_employer_field(store: Store, employer_id: str, field: str, value: Any) -> Any:
    """Validate and commit one field at once (no Save button): returns the stored value."""
    return records.edit_field(store, Employer, employer_id, field, value, _EMPLOYER_FIELDS)


def set_stage(store: Store, employer_id: str, stage: Stage, reason: str = "") -> None:
    """Move an employer in the pipeline; "not a fit" needs the reason a BSR can repeat."""
    if stage == Stage.NOT_A_FIT and not reason.strip():
        raise v.FieldError("not_fit_reason", "Say why this employer is not a fit.")
    with store.transaction() as session:
        employer = records.live(session, Employer, employer_id)
        if employer.stage != stage.value:
            employer.stage = stage.value
            employer.stage_changed_at = utcnow()
        employer.not_fit_reason = reason.strip() if stage == Stage.NOT_A_FIT else ""
        employer.updated_at = utcnow()
        session.add(employer)


def delete_employer(store: Store, employer_id: str) -> None:
    """Soft delete: the record stays, hidden, so Undo (and sync) can bring it back."""
    records.delete(store, Employer, employer_id)


def restore_employer(store: Store, employer_id: str) -> None:
    records.restore(store, Employer, employer_id)


def industries(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT DISTINCT industry FROM employer WHERE industry != '' AND deleted_at IS NULL ORDER BY industry"
            )
        )
        return [r[0] for r in rows]


# Contacts -----------------------------------------------------------------


def contacts(store: Store, employer_id: str) -> list[Contact]:
    with store.session() as session:
        query = (
            select(Contact)
            .where(Contact.employer_id == employer_id, Contact.deleted_at.is_(None))
            .order_by(Contact.is_primary.desc(), Contact.name)  # type: ignore[attr-defined]
        )
        return list(session.exec(query))


def add_contact(store: Store, employer_id: str, values: dict[str, Any]) -> Contact:
    cleaned = {field: _CONTACT_FIELDS[field](value) for field, value in values.items()}
    if "name" not in cleaned:
        raise v.FieldError("name", "The contact's name is required.")
    with store.transaction() as session:
        contact = Contact(employer_id=employer_id, **cleaned)
        session.add(contact)
    return contact


def update_contact_field(store: Store, contact_id: str, field: str, value: Any) -> Any:
    return records.edit_field(store, Contact, contact_id, field, value, _CONTACT_FIELDS)


def delete_contact(store: Store, contact_id: str) -> None:
    records.delete(store, Contact, contact_id)


# Activities and follow-ups ------------------------------------------------


def log_activity(
    store: Store,
    employer_id: str,
    kind: str,
    summary: str,
    occurred_at: datetime | None = None,
    staff_id: str | None = None,
    outcome: str = "",
    contact_id: str | None = None,
) -> Activity:
    """Append to the employer's timeline; a meeting moves a prospect to "first meeting held"."""
    from app.core.pipeline import advance

    summary = v.clean_required(summary, "summary", "What happened")
    with store.transaction() as session:
        employer = records.live(session, Employer, employer_id)
        activity = Activity(
            employer_id=employer_id,
            kind=kind,
            summary=summary,
            outcome=outcome.strip(),
            occurred_at=occurred_at or utcnow(),
            staff_id=staff_id,
            contact_id=contact_id,
        )
        session.add(activity)
        if kind in ("meeting_in_person", "meeting_virtual"):
            new_stage = advance(employer.stage, Stage.FIRST_MEETING)
            if new_stage != employer.stage:
                employer.stage = new_stage
                employer.stage_changed_at = utcnow()
                employer.updated_at = utcnow()
                session.add(employer)
    return activity


def activities(store: Store, employer_id: str) -> list[Activity]:
    """The timeline, newest first."""
    with store.session() as session:
        query = (
            select(Activity)
            .where(Activity.employer_id == employer_id, Activity.deleted_at.is_(None))
            .order_by(Activity.occurred_at.desc())  # type: ignore[attr-defined]
        )
        return list(session.exec(query))


def add_follow_up(
    store: Store, employer_id: str, due_on: date, what: str, staff_id: str | None = None
) -> FollowUp:
    what = v.clean_required(what, "what", "What to do")
    with store.transaction() as session:
        records.live(session, Employer, employer_id)
        follow_up = FollowUp(employer_id=employer_id, due_on=due_on, what=what, staff_id=staff_id)
        session.add(follow_up)
    return follow_up


def set_follow_up_done(store: Store, follow_up_id: str, done: bool = True) -> None:
    with store.transaction() as session:
        follow_up = records.live(session, FollowUp, follow_up_id)
        follow_up.done = done
        follow_up.done_at = utcnow() if done else None
        follow_up.updated_at = utcnow()
        session.add(follow_up)


def follow_ups(store: Store, employer_id: str, include_done: bool = True) -> list[FollowUp]:
    with store.session() as session:
        query = select(FollowUp).where(
            FollowUp.employer_id == employer_id, FollowUp.deleted_at.is_(None)
        )
        if not include_done:
            query = query.where(FollowUp.done.is_(False))  # type: ignore[attr-defined]
        return list(session.exec(query.order_by(FollowUp.done, FollowUp.due_on)))  # type: ignore[arg-type]
