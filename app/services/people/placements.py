"""Placements: a participant hired, the job's terms, and how and when it ended."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import (
    Employer,
    Participant,
    Placement,
    Referral,
    ReferralOutcome,
    SeparationReason,
)
from app.services import records
from app.store.engine import Store

REASONS = {r.value: r.label for r in SeparationReason}


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "yes", "y", "true", "on"}
    return bool(value)


_FIELDS: dict[str, Callable[[Any], Any]] = {
    "position_title": lambda x: v.clean_required(str(x), "position_title", "The position"),
    "position_id": lambda x: x or None,
    "hire_date": lambda x: v.clean_date(x, "hire_date", "The hire date"),
    "wage_cents": lambda x: v.clean_wage_cents(x, "wage_cents"),
    "hours_per_week": lambda x: v.clean_hours(x, "hours_per_week"),
    "full_time": _bool,
    "permanent": _bool,
    "ojt": _bool,
    "staff_id": lambda x: x or None,
    "partner_id": lambda x: x or None,
    "notes": lambda x: str(x),
}


def clean_field(field: str, value: Any) -> Any:
    return records.clean(_FIELDS, field, value)


def create_placement(
    store: Store,
    participant_id: str,
    employer_id: str,
    values: dict[str, Any],
    referral_id: str | None = None,
    today: date | None = None,
) -> Placement:
    """Record a hire. From a referral, the referral is marked hired on the hire date too."""
    cleaned = {field: clean_field(field, value) for field, value in values.items()}
    if cleaned.get("hire_date") is None:
        raise v.FieldError("hire_date", "Enter the hire date.")
    if "position_title" not in cleaned:
        clean_field("position_title", "")
    hire = cleaned["hire_date"]
    if hire > (today or date.today()):
        raise v.FieldError("hire_date", "Record the placement once the person has started.")
    with store.transaction() as session:
        person = session.get(Participant, participant_id)
        if person is None or person.deleted_at is not None:
            raise v.FieldError("participant_id", "Choose a participant on file.")
        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise v.FieldError("employer_id", "Choose an employer on file.")
        if referral_id:
            referral = session.get(Referral, referral_id)
            if referral is None or referral.participant_id != participant_id:
                raise v.FieldError("referral_id", "This referral is for someone else.")
            if hire < referral.sent_on:
                raise v.FieldError(
                    "hire_date",
                    f"The hire date is before the referral was sent ({referral.sent_on}).",
                )
            referral.outcome = ReferralOutcome.HIRED.value
            referral.outcome_on = hire
            referral.updated_at = utcnow()
            session.add(referral)
            cleaned.setdefault("position_id", referral.position_id)
            cleaned.setdefault("partner_id", referral.partner_id)
        placement = Placement(
            participant_id=participant_id,
            employer_id=employer_id,
            referral_id=referral_id,
            **cleaned,
        )
        session.add(placement)
    return placement


def update_field(store: Store, placement_id: str, field: str, value: Any) -> Any:
    def check(placement: Placement, cleaned: Any) -> None:
        if field == "hire_date":
            if cleaned is None:
                raise v.FieldError("hire_date", "Enter the hire date.")
            if placement.separation_date and cleaned > placement.separation_date:
                raise v.FieldError("hire_date", "The hire date cannot be after the job ended.")

    return records.edit_field(store, Placement, placement_id, field, value, _FIELDS, check)


def record_separation(
    store: Store,
    placement_id: str,
    separation_date: date | str,
    reason: str,
    today: date | None = None,
) -> Placement:
    """The job ended: when and why (laid off, quit, fired, training ended)."""
    when = v.clean_date(separation_date, "separation_date", "The date the job ended")
    if when is None:
        raise v.FieldError("separation_date", "Enter the date the job ended.")
    reason = v.clean_choice(reason, REASONS, "separation_reason", "The reason")
    if when > (today or date.today()):
        raise v.FieldError("separation_date", "Record a separation once it has happened.")
    with store.transaction() as session:
        placement = records.live(session, Placement, placement_id)
        if when < placement.hire_date:
            raise v.FieldError(
                "separation_date",
                f"The job cannot end before the hire date ({placement.hire_date}).",
            )
        placement.separation_date = when
        placement.separation_reason = reason
        placement.updated_at = utcnow()
        session.add(placement)
    return placement


def undo_separation(store: Store, placement_id: str) -> None:
    """The separation was entered by mistake: the person is still working."""
    with store.transaction() as session:
        placement = records.live(session, Placement, placement_id)
        placement.separation_date = None
        placement.separation_reason = ""
        placement.updated_at = utcnow()
        session.add(placement)


def delete_placement(store: Store, placement_id: str) -> None:
    records.delete(store, Placement, placement_id)


def get(store: Store, placement_id: str) -> Placement | None:
    with store.session() as session:
        return session.get(Placement, placement_id)


@dataclass(frozen=True)
class PlacementRow:
    id: str
    participant_id: str
    participant: str
    employer_id: str
    employer: str
    position_title: str
    hire_date: date
    wage_cents: int | None
    hours_per_week: float | None
    full_time: bool
    permanent: bool
    ojt: bool
    separation_date: date | None
    separation_reason: str

    @property
    def wage_text(self) -> str:
        return f"${self.wage_cents / 100:,.2f}/hr" if self.wage_cents else ""

    @property
    def ended_text(self) -> str:
        if self.separation_date is None:
            return ""
        return f"{self.separation_date:%b %d, %Y}: {REASONS.get(self.separation_reason, self.separation_reason)}"

    @property
    def terms_text(self) -> str:
        parts = [
            "Full time" if self.full_time else "Part time",
            "permanent" if self.permanent else "temporary",
        ]
        if self.ojt:
            parts.append("OJT")
        return ", ".join(parts)


_SELECT = """
    SELECT pl.id, pl.participant_id, coalesce(p.first_name || ' ' || p.last_name, ''),
           pl.employer_id, coalesce(e.legal_name, ''), pl.position_title, pl.hire_date,
           pl.wage_cents, pl.hours_per_week, pl.full_time, pl.permanent, pl.ojt,
           pl.separation_date, pl.separation_reason
    FROM placement pl
    LEFT JOIN participant p ON p.id = pl.participant_id
    LEFT JOIN employer e ON e.id = pl.employer_id
"""


def list_rows(
    store: Store, participant_id: str | None = None, employer_id: str | None = None
) -> list[PlacementRow]:
    query = records.ListQuery(_SELECT, "ORDER BY pl.hire_date DESC, pl.created_at DESC")
    query.where("pl.deleted_at IS NULL")
    if participant_id:
        query.where("pl.participant_id = :p", p=participant_id)
    if employer_id:
        query.where("pl.employer_id = :e", e=employer_id)
    rows = query.rows(store)
    return [
        PlacementRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            date.fromisoformat(r[6]),
            r[7],
            r[8],
            bool(r[9]),
            bool(r[10]),
            bool(r[11]),
            date.fromisoformat(r[12]) if r[12] else None,
            r[13],
        )
        for r in rows
    ]
