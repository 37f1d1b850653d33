"""Employer records: list, find, create, edit field by field, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import text
from sqlmodel import select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import Activity, Contact, Employer, FollowUp
from app.core.pipeline import Stage
from app.services import records
from app.store import search
from app.store.engine import Store


@dataclass(frozen=True)
class EmployerFilter:
    """What the employer list shows: search text plus exact filters (empty means any)."""

    text: str = ""
    stage: str = ""
    office_id: str = ""
    owner_id: str = ""
    industry: str = ""


class EmployerRow(NamedTuple):
    """One line of the employer list, read in one query; a tuple because 10k are built at once."""

    id: str
    name: str
    dba_name: str
    stage: str
    industry: str
    owner: str
    office: str
    phone: str
    zip_code: str
    last_contact: datetime | None
    next_follow_up: date | None


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


def list_rows(
    store: Store, flt: EmployerFilter = EmployerFilter(), limit: int | None = None
) -> list[EmployerRow]:
    """The employer list for a filter; search results keep their rank order.

    The inner query picks (and limits) the matching employers; the outer one reads
    the display columns, so per-row lookups run only for rows that will be shown.
    """
    where = ["e.deleted_at IS NULL", "e.merged_into IS NULL"]
    params: dict[str, Any] = {}
    order = "lower(e.legal_name)"
    source = "employer e"
    if flt.text.strip():
        query = search.fts_query(flt.text)
        if query is None:
            return []
        source = "employer_search s JOIN employer e ON e.rowid = s.rowid"
        where.append("employer_search MATCH :q")
        params["q"] = query
        order = "s.rank"
    for column, value in (
        ("stage", flt.stage),
        ("office_id", flt.office_id),
        ("owner_id", flt.owner_id),
        ("industry", flt.industry),
    ):
        if value:
            where.append(f"e.{column} = :{column}")
            params[column] = value
    conditions = " AND ".join(where)
    if limit is None and source == "employer e":
        # The whole list: one pass, no need to pick first.
        picked, outer_where, outer_order = source, f"WHERE {conditions}", order
    else:
        params["limit"] = -1 if limit is None else limit
        picked = (
            f"(SELECT e.rowid AS rid, {order} AS sort_key FROM {source} WHERE {conditions}"
            f" ORDER BY {order} LIMIT :limit) AS chosen JOIN employer e ON e.rowid = chosen.rid"
        )
        outer_where, outer_order = "", "chosen.sort_key"
    sql = f"""
        SELECT e.id, e.legal_name, e.dba_name, e.stage, e.industry,
               coalesce(st.name, ''), coalesce(o.name, ''), e.main_phone, e.zip_code,
               (SELECT max(a.occurred_at) FROM activity a
                 WHERE a.employer_id = e.id AND a.deleted_at IS NULL),
               (SELECT min(f.due_on) FROM followup f
                 WHERE f.employer_id = e.id AND f.done = 0 AND f.deleted_at IS NULL)
        FROM {picked}
        LEFT JOIN staff st ON st.id = e.owner_id
        LEFT JOIN office o ON o.id = e.office_id
        {outer_where} ORDER BY {outer_order}
    """
    with store.engine.connect() as conn:
        # The driver's own cursor: no per-row result processing, which dominates at 10k rows.
        rows = conn.connection.driver_connection.execute(sql, params).fetchall()  # type: ignore[union-attr]
    return [
        EmployerRow(
            *r[:9],
            _parse_dt(r[9]),
            date.fromisoformat(r[10]) if r[10] else None,
        )
        for r in rows
    ]


#: How many search matches the list shows; more means "keep typing".
SEARCH_LIMIT = 500


def _parse_dt(raw: str | None) -> datetime | None:
    if not raw:
        return None
    value = datetime.fromisoformat(raw)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
