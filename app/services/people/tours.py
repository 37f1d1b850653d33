"""Workplace tours: plan, write up what was seen, note who came along.

`latest_tour_notes` is what event flyers and the employer page read: the most
recent done tour's notes, in the order a job seeker wants them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import TOUR_NOTE_FIELDS, Employer, Participant, Tour, TourGuest, TourStatus
from app.services import records
from app.store.engine import Store

NOTE_LABELS = dict(TOUR_NOTE_FIELDS)
STATUSES = {s.value: s.label for s in TourStatus}
#: Notes meant for the agency only; flyers leave them out.
PRIVATE_NOTES = frozenset({"impressions"})

_FIELDS: dict[str, Callable[[Any], Any]] = {
    **{name: (lambda x: str(x or "").strip()) for name in NOTE_LABELS},
    "site": lambda x: str(x or "").strip(),
    "planned_on": lambda x: v.clean_date(x, "planned_on", "The planned date"),
    "done_on": lambda x: v.clean_date(x, "done_on", "The tour date"),
    "staff_id": lambda x: x or None,
    "status": lambda x: v.clean_choice(str(x), STATUSES, "status", "The status"),
}


def clean_field(field: str, value: Any) -> Any:
    return records.clean(_FIELDS, field, value)


def plan_tour(
    store: Store,
    employer_id: str,
    planned_on: date | str | None,
    staff_id: str | None = None,
    site: str = "",
) -> Tour:
    """A tour to come. The date is required: a tour without one is never on anyone's calendar."""
    when = clean_field("planned_on", planned_on)
    if when is None:
        raise v.FieldError("planned_on", "Enter the date of the tour.")
    with store.transaction() as session:
        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise v.FieldError("employer_id", "Choose the employer to tour.")
        tour = Tour(employer_id=employer_id, planned_on=when, staff_id=staff_id, site=site.strip())
        session.add(tour)
    return tour


def update_field(store: Store, tour_id: str, field: str, value: Any) -> Any:
    """Validate and commit one field at once (notes save as they are typed)."""
    cleaned = clean_field(field, value)
    with store.transaction() as session:
        tour = records.live(session, Tour, tour_id)
        if field == "status" and cleaned == TourStatus.DONE.value and tour.done_on is None:
            raise v.FieldError("done_on", "Enter the date the tour took place.")
        if getattr(tour, field) != cleaned:
            setattr(tour, field, cleaned)
            tour.updated_at = utcnow()
            session.add(tour)
    return cleaned


def mark_done(store: Store, tour_id: str, done_on: date | str, today: date | None = None) -> None:
    """The tour happened on `done_on` (not in the future)."""
    when = clean_field("done_on", done_on)
    if when is None:
        raise v.FieldError("done_on", "Enter the date the tour took place.")
    if when > (today or date.today()):
        raise v.FieldError("done_on", "A tour cannot be done on a date still to come.")
    with store.transaction() as session:
        tour = records.live(session, Tour, tour_id)
        tour.done_on = when
        tour.status = TourStatus.DONE.value
        tour.updated_at = utcnow()
        session.add(tour)


def delete_tour(store: Store, tour_id: str) -> None:
    records.delete(store, Tour, tour_id)


def get(store: Store, tour_id: str) -> Tour | None:
    with store.session() as session:
        return session.get(Tour, tour_id)


# Who came along ------------------------------------------------------------------------


def add_guest(store: Store, tour_id: str, participant_id: str) -> TourGuest:
    """A job seeker came along; adding the same person twice keeps one line."""
    with store.transaction() as session:
        records.live(session, Tour, tour_id)
        person = session.get(Participant, participant_id)
        if person is None or person.deleted_at is not None:
            raise v.FieldError("participant_id", "Choose a participant on file.")
        existing = session.exec(
            select(TourGuest).where(
                TourGuest.tour_id == tour_id,
                TourGuest.participant_id == participant_id,
                TourGuest.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        ).first()
        if existing is not None:
            return existing
        guest = TourGuest(tour_id=tour_id, participant_id=participant_id)
        session.add(guest)
    return guest


def remove_guest(store: Store, tour_id: str, participant_id: str) -> None:
    with store.transaction() as session:
        for guest in session.exec(
            select(TourGuest).where(
                TourGuest.tour_id == tour_id,
                TourGuest.participant_id == participant_id,
                TourGuest.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        ):
            records.soft_delete(session, guest)


@dataclass(frozen=True)
class Guest:
    participant_id: str
    name: str


def guests(store: Store, tour_id: str) -> list[Guest]:
    sql = """
        SELECT p.id, p.first_name || ' ' || p.last_name FROM tourguest g
        JOIN participant p ON p.id = g.participant_id
        WHERE g.tour_id = :t AND g.deleted_at IS NULL
        ORDER BY lower(p.last_name), lower(p.first_name)
    """
    with store.engine.connect() as conn:
        return [Guest(r[0], r[1]) for r in conn.execute(text(sql), {"t": tour_id})]


# Lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TourRow:
    id: str
    employer_id: str
    employer_name: str
    status: str
    planned_on: date | None
    done_on: date | None
    staff: str
    guests: int
    notes_filled: int

    @property
    def when(self) -> date | None:
        return self.done_on or self.planned_on


_FILLED = " + ".join(f"(t.{name} != '')" for name in NOTE_LABELS)
_SELECT = (
    """
    SELECT t.id, t.employer_id, coalesce(e.legal_name, '(employer not on file yet)'),
           t.status, t.planned_on, t.done_on, coalesce(s.name, ''),
           (SELECT count(*) FROM tourguest g WHERE g.tour_id = t.id AND g.deleted_at IS NULL),
           """
    + _FILLED
    + """
    FROM tour t
    LEFT JOIN employer e ON e.id = t.employer_id
    LEFT JOIN staff s ON s.id = t.staff_id
"""
)


def list_rows(
    store: Store, status: str = "", employer_id: str | None = None, search: str = ""
) -> list[TourRow]:
    """Tours, newest first; planned ones (the work to come) before done ones on the same day."""
    query = records.ListQuery(
        _SELECT, "ORDER BY coalesce(t.done_on, t.planned_on) DESC, t.status = 'done'"
    )
    query.where("t.deleted_at IS NULL")
    if status:
        query.where("t.status = :status", status=status)
    if employer_id:
        query.where("t.employer_id = :employer", employer=employer_id)
    query.words(("e.legal_name", "e.dba_name", "t.site"), search)
    rows = query.rows(store)
    return [
        TourRow(
            r[0],
            r[1],
            r[2],
            r[3],
            date.fromisoformat(r[4]) if r[4] else None,
            date.fromisoformat(r[5]) if r[5] else None,
            r[6],
            r[7],
            r[8],
        )
        for r in rows
    ]


# Notes for the employer page and flyers ---------------------------------------------------


@dataclass(frozen=True)
class TourNotes:
    """What a tour found, as (label, text) pairs in a fixed order, empty notes left out."""

    tour_id: str
    employer_id: str
    toured_on: date
    items: tuple[tuple[str, str], ...]
    private: tuple[tuple[str, str], ...]

    @property
    def for_flyer(self) -> tuple[tuple[str, str], ...]:
        """The notes a job seeker may read (the BSR's impressions stay inside the agency)."""
        return self.items


def notes_of(tour: Tour) -> TourNotes:
    public, private = [], []
    for name, label in TOUR_NOTE_FIELDS:
        value = getattr(tour, name).strip()
        if value:
            (private if name in PRIVATE_NOTES else public).append((label, value))
    return TourNotes(
        tour.id, tour.employer_id, tour.done_on or tour.planned_on, tuple(public), tuple(private)
    )


def latest_tour_notes(store: Store, employer_id: str) -> TourNotes | None:
    """The most recent done tour of this employer, or None if nobody has toured it yet."""
    with store.session() as session:
        tour = session.exec(
            select(Tour)
            .where(
                Tour.employer_id == employer_id,
                Tour.status == TourStatus.DONE.value,
                Tour.deleted_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(Tour.done_on.desc(), Tour.updated_at.desc())  # type: ignore[union-attr]
        ).first()
    return notes_of(tour) if tour is not None else None
