"""The RFI part of the demo dataset: answers as employers give them, the open positions they
fill, eligibility confirmed (or waiting, or out of date) and told by email.

Answers go through `rfi.record_answers` and decisions through `eligibility.confirm`, the
same calls the eligibility panel makes, so they are journaled like any edit. What each
employer answered follows its pipeline stage: an RFI sent has no answer yet, an RFI
received waits for its eligibility, a partner was told long ago and may have sent newer
answers since.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, select

from app import forms
from app.core.ids import new_id, utcnow
from app.core.models import Activity, Contact, Employer, RfiAnswer
from app.core.models.rfi import AnswerSource
from app.core.pipeline import Stage, advance
from app.core.rfi import RfiDefinition
from app.core.rfi_answers import parse_all
from app.services.demo.rfi_answers import answer_set, positions_for, role_contact
from app.services.rfi import eligibility, mail
from app.services.rfi import rfi as rfi_service
from app.store.engine import Store


@dataclass(frozen=True)
class RfiFigures:
    """What the RFI part wrote, for the demo command's summary and the tests."""

    answered: int
    partial: int
    confirmed: int
    changed_since: int
    told: int


def _at(day: date, hour: int = 16) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


SUBJECTS = {
    "eligible": "Hiring programs your business qualifies for",
    "not_eligible": "About our hiring programs",
    "missing_info": "A few answers we still need",
}


def _told(employer: Employer, kind: str, staff_id: str | None, day: date, how: str) -> Activity:
    """The email that told the employer its eligibility, logged as the mail service logs it."""
    subject = SUBJECTS[kind]
    to = employer.dba_name or employer.legal_name
    return Activity(
        employer_id=employer.id,
        kind="email",
        occurred_at=_at(day, 17),
        staff_id=staff_id,
        summary=f"Email {how} to {to}: {subject}",
        outcome=f"{how}:{kind}",
    )


@dataclass
class _Plan:
    """What one employer answered and when, decided before anything is written."""

    employer: Employer
    raw: dict[str, Any]
    received: date
    source: str
    partial: bool
    decided: date | None = None
    how: str = "drafted"
    newer: tuple[date, dict[str, Any]] | None = None


def _plan(
    rng: random.Random, employer: Employer, people: list[Contact], today: date
) -> _Plan | None:
    """Answers by pipeline stage: partners long ago (some over a year: old but standing),
    employers told recently, RFIs received in the last days still waiting for a decision."""
    stage = employer.stage
    if stage == Stage.ACTIVE_PARTNER.value:
        if rng.random() < 0.7:
            return None  # a partner from before the RFI was used
        partial, flawed = rng.random() < 0.1, rng.random() < 0.1
        received = today - timedelta(days=rng.randint(60, 500))
    elif stage == Stage.ELIGIBILITY_TOLD.value:
        partial, flawed = rng.random() < 0.3, rng.random() < 0.3
        received = today - timedelta(days=rng.randint(6, 90))
    elif stage == Stage.RFI_RECEIVED.value:
        partial, flawed = rng.random() < 0.5, rng.random() < 0.2
        received = today - timedelta(days=rng.randint(0, 9))
    else:
        return None
    plan = _Plan(
        employer,
        answer_set(rng, employer, people, received, partial, flawed),
        received,
        rng.choice(["pdf", "pdf", "phone", "email"]),
        partial,
    )
    if stage == Stage.RFI_RECEIVED.value:
        # Waiting to be told; a few were confirmed already and only the email is owed.
        plan.decided = received if rng.random() < 0.25 else None
        return plan
    plan.decided = min(today, received + timedelta(days=rng.randint(0, 2)))
    plan.how = rng.choice(["drafted", "queued"])
    if stage == Stage.ACTIVE_PARTNER.value and rng.random() < 0.3:
        # Newer answers since (new positions, a changed head count): the standing decision
        # was made on older answers and asks to be confirmed again.
        update: dict[str, Any] = {"open_positions": positions_for(rng, employer.industry)}
        if rng.random() < 0.5:
            update["employees_at_site"] = str((employer.employees_at_site or 10) + 5)
        plan.newer = (today - timedelta(days=rng.randint(1, 40)), update)
    return plan


def _same_as_record(target: str, value: Any, people: list[Contact]) -> bool:
    """Whether a contact answer repeats what the record holds (then nothing to fill)."""
    _, role, attr = target.split(".")
    person = role_contact(people, role)
    return person is not None and getattr(person, attr) == value


def _record(
    session: Session, definition: RfiDefinition, plan: _Plan, people: list[Contact]
) -> None:
    """Store one answer set as `rfi.record_answers` does (answers with their history, the
    record filled, positions kept in step, the stage moved on, an activity), inside the
    caller's one transaction so a few hundred answer sets commit together. Run it with
    autoflush off: the only flushes left are those that add a contact named on the RFI."""
    employer, received, source = plan.employer, plan.received, plan.source
    values, errors = parse_all(definition, plan.raw)
    if errors:
        raise ValueError(f"Demo RFI for {employer.legal_name}: {errors[0].message}")
    staff_id = employer.owner_id
    stamp = utcnow()
    count = 0
    for f in definition.fields:
        value = values.get(f.id)
        if value is None:
            continue
        count += 1
        session.add(
            RfiAnswer(
                # Key and stamps given, not defaulted: a third faster for thousands of rows.
                id=new_id(),
                created_at=stamp,
                updated_at=stamp,
                employer_id=employer.id,
                question_id=f.id,
                value_json=json.dumps(value),
                received_on=received,
                entered_by=staff_id,
                source=source,
            )
        )
        target = f.employer_field
        if target and not (
            target.startswith("contact.") and _same_as_record(target, value, people)
        ):
            rfi_service._fill_record(session, employer, target, value)
        if f.type == "positions":
            rfi_service._reconcile_positions(session, employer.id, value)
    new_stage = advance(employer.stage, Stage.RFI_RECEIVED)
    if new_stage != employer.stage:
        employer.stage = new_stage
        employer.stage_changed_at = _at(received)
    session.add(employer)
    kind = {"pdf": "note", "phone": "call", "email": "email"}[source]
    session.add(
        Activity(
            employer_id=employer.id,
            kind=kind,
            occurred_at=_at(received),
            staff_id=staff_id,
            summary=(
                f"RFI answers received ({AnswerSource(source).label}): "
                f"{count} answer{'s' if count != 1 else ''}"
            ),
            outcome="rfi_received",
        )
    )


def _attach(session: Session, plans: list[_Plan]) -> None:
    """The plans' employers as rows of this session, read in one query."""
    ids = [p.employer.id for p in plans]
    rows = {e.id: e for e in session.exec(select(Employer).where(Employer.id.in_(ids)))}  # type: ignore[attr-defined]
    for plan in plans:
        plan.employer = rows[plan.employer.id]


def write_rfi_demo(store: Store, seed: int, today: date) -> RfiFigures:
    """RFI answers, positions and eligibility for the demo employers, by pipeline stage.

    First answers are written in one transaction and decisions with the emails that told
    them in another, through the ORM so each row is journaled like any edit; the few newer
    answers go through `rfi.record_answers`.
    """
    rng = random.Random(seed * 7 + 1)
    definition = forms.RFI.load()
    with store.session() as session:
        contacts: dict[str, list[Contact]] = {}
        for c in session.exec(select(Contact).order_by(Contact.created_at, Contact.id)):  # type: ignore[arg-type]
            contacts.setdefault(c.employer_id, []).append(c)
        employers = list(
            session.exec(
                select(Employer)
                .where(Employer.deleted_at.is_(None))  # type: ignore[union-attr]
                .order_by(Employer.id)  # type: ignore[arg-type]
            )
        )
    plans = [
        p for e in employers if (p := _plan(rng, e, contacts.get(e.id, []), today)) is not None
    ]
    with store.transaction() as session, session.no_autoflush:
        _attach(session, plans)
        for plan in plans:
            people = contacts.get(plan.employer.id, [])
            _record(session, definition, plan, people)
    decided = [p for p in plans if p.decided is not None]
    evaluations = {p.employer.id: eligibility.evaluate(store, p.employer.id) for p in decided}
    told = 0
    with store.transaction() as session:
        for plan in decided:
            assert plan.decided is not None
            evaluation = evaluations[plan.employer.id]
            staff_id = plan.employer.owner_id
            for row in eligibility.decision_rows(evaluation, staff_id, plan.decided):
                session.add(row)
            if plan.employer.stage != Stage.RFI_RECEIVED.value:
                kind = mail.choose_kind(evaluation)
                session.add(_told(plan.employer, kind, staff_id, plan.decided, plan.how))
                told += 1
    newer = [p for p in plans if p.newer is not None]
    for plan in newer:
        # A handful, typed in as a BSR does after a phone call: through the service itself.
        assert plan.newer is not None
        day, update = plan.newer
        rfi_service.record_answers(
            store,
            plan.employer.id,
            update,
            source="phone",
            entered_by=plan.employer.owner_id,
            received_on=day,
            definition=definition,
            logged_at=_at(day),
        )
    return RfiFigures(len(plans), sum(p.partial for p in plans), len(decided), len(newer), told)
