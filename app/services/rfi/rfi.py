"""RFI answers on an employer's record: read what is known, record what arrived, list what is missing.

Answers land in `rfi_answer` (history kept) and, where the RFI names an employer
field, in the employer record, its contacts and its open positions, so nothing the
employer told us is typed again anywhere else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from app import forms
from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import Activity, Contact, Employer, OpenPosition, RfiAnswer
from app.core.models.rfi import AnswerSource, PositionStatus
from app.core.pipeline import Stage, advance
from app.core.rfi import AnswerField, RfiDefinition
from app.core.rfi_answers import display_value, missing_fields, parse_all
from app.store.engine import Store

POSITIONS_ID = "open_positions"


@dataclass(frozen=True)
class AnswerChange:
    """One answer that differs from what the record held, as shown to the BSR after an import."""

    answer_id: str
    number: int
    label: str
    before: str
    after: str

    def line(self) -> str:
        return f"Q{self.number} {self.label}: {self.before} -> {self.after}"


@dataclass(frozen=True)
class Problem:
    answer_id: str
    number: int
    label: str
    message: str

    def line(self) -> str:
        return f"Question {self.number}, {self.label}: {self.message}"


class RfiAnswersError(ValueError):
    """Answers that cannot be saved; nothing was saved. `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


@dataclass(frozen=True)
class HistoryEntry:
    answer_id: str
    value: Any
    received_on: date
    source: str
    entered_by: str | None


# Reading ------------------------------------------------------------------


def _latest_rows(session: Session, employer_id: str) -> dict[str, RfiAnswer]:
    rows = session.exec(
        select(RfiAnswer)
        .where(RfiAnswer.employer_id == employer_id, RfiAnswer.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(RfiAnswer.received_on, RfiAnswer.created_at, RfiAnswer.id)  # type: ignore[arg-type]
    )
    latest: dict[str, RfiAnswer] = {}
    for row in rows:
        latest[row.question_id] = row
    return latest


def answers(store: Store, employer_id: str) -> dict[str, Any]:
    """The newest RFI answer per question, as received (no values from elsewhere)."""
    with store.session() as session:
        return {k: json.loads(r.value_json) for k, r in _latest_rows(session, employer_id).items()}


def history(store: Store, employer_id: str, answer_id: str | None = None) -> list[HistoryEntry]:
    """Every answer received, newest first: what was said, when, how and entered by whom."""
    with store.session() as session:
        query = select(RfiAnswer).where(
            RfiAnswer.employer_id == employer_id,
            RfiAnswer.deleted_at.is_(None),  # type: ignore[union-attr]
        )
        if answer_id:
            query = query.where(RfiAnswer.question_id == answer_id)
        rows = session.exec(
            query.order_by(RfiAnswer.received_on.desc(), RfiAnswer.created_at.desc())
        )  # type: ignore[attr-defined]
        return [
            HistoryEntry(
                r.question_id, json.loads(r.value_json), r.received_on, r.source, r.entered_by
            )
            for r in rows
        ]


def open_positions(store: Store, employer_id: str) -> list[OpenPosition]:
    """The employer's open positions (RFI and added by hand), for events, referrals and OJT."""
    with store.session() as session:
        return _open_positions(session, employer_id)


def _open_positions(session: Session, employer_id: str) -> list[OpenPosition]:
    return list(
        session.exec(
            select(OpenPosition)
            .where(
                OpenPosition.employer_id == employer_id,
                OpenPosition.deleted_at.is_(None),  # type: ignore[union-attr]
                OpenPosition.status == PositionStatus.OPEN.value,
            )
            .order_by(OpenPosition.created_at, OpenPosition.id)  # type: ignore[arg-type]
        )
    )


def _contact(session: Session, employer_id: str, role: str) -> Contact | None:
    people = list(
        session.exec(
            select(Contact)
            .where(Contact.employer_id == employer_id, Contact.deleted_at.is_(None))  # type: ignore[union-attr]
            .order_by(Contact.created_at, Contact.id)  # type: ignore[arg-type]
        )
    )
    if role == "primary":
        return next((c for c in people if c.is_primary), None)
    return next(
        (
            c
            for c in reversed(people)  # the newest HR or payroll person
            if "hr" in c.role.casefold().split()
            or "payroll" in c.role.casefold()
            or c.role.casefold().startswith("hr")
        ),
        None,
    )


def _record_value(session: Session, employer: Employer, target: str) -> Any:
    if target.startswith("contact."):
        _, role, attr = target.split(".")
        person = _contact(session, employer.id, role)
        return getattr(person, attr) if person else None
    value = getattr(employer, target)
    return value if value not in ("", None) else None


def _known(session: Session, employer: Employer, definition: RfiDefinition) -> dict[str, Any]:
    latest = {k: json.loads(r.value_json) for k, r in _latest_rows(session, employer.id).items()}
    known: dict[str, Any] = {}
    for f in definition.fields:
        value = latest.get(f.id)
        if f.employer_field:
            record = _record_value(session, employer, f.employer_field)
            # The record is the truth once edited by hand; the answer fills it when empty.
            value = record if record is not None else value
        if f.id == POSITIONS_ID or f.type == "positions":
            rows = _open_positions(session, employer.id)
            if rows:
                value = [
                    {
                        "title": p.title,
                        "openings": p.openings,
                        "wage_cents": p.wage_cents,
                        "hours_per_week": p.hours_per_week,
                        "shifts": p.shifts,
                    }
                    for p in rows
                ]
        if value not in (None, "", []):
            known[f.id] = value
    return known


def known_values(
    store: Store, employer_id: str, definition: RfiDefinition | None = None
) -> dict[str, Any]:
    """Everything known for the RFI: answers, the employer record, contacts, open positions."""
    definition = definition or forms.RFI.load()
    with store.session() as session:
        employer = _employer(session, employer_id)
        return _known(session, employer, definition)


def digest(values: dict[str, Any]) -> str:
    """A fingerprint of the answers, to tell whether a decision was made on what is known now."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:16]


def missing(
    store: Store, employer_id: str, definition: RfiDefinition | None = None
) -> list[AnswerField]:
    definition = definition or forms.RFI.load()
    return missing_fields(definition, known_values(store, employer_id, definition))


def _employer(session: Session, employer_id: str) -> Employer:
    employer = session.get(Employer, employer_id)
    if employer is None or employer.deleted_at is not None:
        raise LookupError(f"No employer with id {employer_id}.")
    return employer


# Recording ----------------------------------------------------------------


def record_answers(
    store: Store,
    employer_id: str,
    raw: dict[str, Any],
    source: str = AnswerSource.PHONE.value,
    entered_by: str | None = None,
    received_on: date | None = None,
    definition: RfiDefinition | None = None,
    logged_at: datetime | None = None,
) -> list[AnswerChange]:
    """Save answers that arrived (PDF, phone, email) and fill the employer record from them.

    All or nothing: any wrong answer raises RfiAnswersError listing every problem,
    and nothing is saved. A blank answer never erases what is known. Returns what changed.
    `logged_at` dates the activity when answers typed in late arrived earlier (default: now).
    """
    definition = definition or forms.RFI.load()
    source = AnswerSource(source).value
    received_on = received_on or date.today()
    values, errors = parse_all(definition, raw)
    if errors:
        raise RfiAnswersError([_problem(definition, e) for e in errors])
    values = {k: val for k, val in values.items() if val is not None}
    changes: list[AnswerChange] = []
    with store.transaction() as session:
        employer = _employer(session, employer_id)
        before = _known(session, employer, definition)
        latest = {
            k: json.loads(r.value_json) for k, r in _latest_rows(session, employer_id).items()
        }
        for f in definition.fields:
            if f.id not in values:
                continue
            value = values[f.id]
            if latest.get(f.id) != value or f.id not in latest:
                session.add(
                    RfiAnswer(
                        employer_id=employer_id,
                        question_id=f.id,
                        value_json=json.dumps(value),
                        received_on=received_on,
                        entered_by=entered_by,
                        source=source,
                    )
                )
            if before.get(f.id) != value:
                changes.append(
                    AnswerChange(
                        f.id,
                        f.number,
                        f.label,
                        display_value(f, before.get(f.id)),
                        display_value(f, value),
                    )
                )
            if f.employer_field:
                _fill_record(session, employer, f.employer_field, value)
            if f.type == "positions":
                _reconcile_positions(session, employer_id, value)
        if values:
            now = utcnow()
            new_stage = advance(employer.stage, Stage.RFI_RECEIVED)
            if new_stage != employer.stage:
                employer.stage = new_stage
                employer.stage_changed_at = now
            employer.updated_at = now
            session.add(employer)
            kind = {"pdf": "note", "phone": "call", "email": "email"}[source]
            session.add(
                Activity(
                    employer_id=employer_id,
                    kind=kind,
                    occurred_at=logged_at or now,
                    staff_id=entered_by,
                    summary=(
                        f"RFI answers received ({AnswerSource(source).label}): "
                        f"{len(values)} answer{'s' if len(values) != 1 else ''}, "
                        f"{len(changes)} new or changed"
                    ),
                    outcome="rfi_received",
                )
            )
    return changes


def _problem(definition: RfiDefinition, error: v.FieldError) -> Problem:
    base = error.field.split(".")[0]
    try:
        f = definition.field(base)
        return Problem(base, f.number, f.label, error.message)
    except KeyError:
        return Problem(base, 0, base, error.message)


def _fill_record(session: Session, employer: Employer, target: str, value: Any) -> None:
    if target.startswith("contact."):
        _, role, attr = target.split(".")
        person = _contact(session, employer.id, role)
        if (
            person is not None
            and attr == "name"
            and person.name.strip().casefold() != str(value).strip().casefold()
        ):
            # A different person: the old contact stays on the record, the new one is added.
            if role == "primary":
                person.is_primary = False
                person.updated_at = utcnow()
                session.add(person)
                session.flush()
            person = None
        if person is None:
            if attr != "name":
                # Details without a name wait until the name arrives (same answer set, in order).
                return
            person = Contact(
                employer_id=employer.id,
                name=str(value),
                role="HR/Payroll" if role == "hr" else "",
                is_primary=role == "primary",
            )
        if getattr(person, attr) != value:
            setattr(person, attr, value)
            person.updated_at = utcnow()
        session.add(person)
        session.flush()
        return
    if getattr(employer, target) != value:
        setattr(employer, target, value)


def _reconcile_positions(session: Session, employer_id: str, rows: list[dict[str, Any]]) -> None:
    """Keep RFI positions in step with the newest answer; positions added by hand stay as they are."""
    existing = [p for p in _open_positions(session, employer_id) if p.source == "rfi"]
    by_title = {p.title.casefold(): p for p in existing}
    seen: set[str] = set()
    now = utcnow()
    for row in rows:
        key = row["title"].casefold()
        seen.add(key)
        position = by_title.get(key) or OpenPosition(employer_id=employer_id, title=row["title"])
        for attr in ("title", "openings", "wage_cents", "hours_per_week", "shifts"):
            setattr(position, attr, row.get(attr) if attr != "shifts" else row.get(attr) or "")
        position.updated_at = now
        session.add(position)
    for key, position in by_title.items():
        if key not in seen:
            position.status = PositionStatus.CLOSED.value
            position.updated_at = now
            session.add(position)
