"""Work Opportunity Tax Credit filings per hire: screened, filed within 28 days of the start date,
certified or denied; and the list of filings due soon or overdue for the Today page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import select

from app.core import validation as v
from app.core.models import Employer, Participant, Placement, WotcRecord, WotcStatus
from app.core.ojt import Check, WotcDue, wotc_checks, wotc_deadline, wotc_due
from app.services.ojt import policy as ojt_policy
from app.services.records import clean, live, set_field, soft_delete, touch
from app.store.engine import Store

STATUSES = {s.value: s.label for s in WotcStatus}

CLEANERS: dict[str, Callable[[Any], Any]] = {
    "position_title": lambda x: str(x or "").strip(),
    "starting_wage_cents": lambda x: v.clean_wage_cents(x, "starting_wage_cents"),
    "prescreened_on": lambda x: v.clean_date(x, "prescreened_on", "The pre-screening date"),
    "offer_on": lambda x: v.clean_date(x, "offer_on", "The job offer date"),
    "start_on": lambda x: v.clean_date(x, "start_on", "The start date"),
    "staff_id": lambda x: x or None,
    "notes": lambda x: str(x or ""),
}


def create(
    store: Store,
    employer_id: str,
    participant_id: str,
    values: dict[str, Any] | None = None,
    placement_id: str | None = None,
    agreement_id: str | None = None,
) -> WotcRecord:
    """A filing for a hire; from a placement, the position, wage and start date are filled in."""
    cleaned = {k: clean(CLEANERS, k, val) for k, val in (values or {}).items()}
    with store.transaction() as session:
        live(session, Employer, employer_id, "employer")
        live(session, Participant, participant_id, "participant")
        if placement_id:
            placement = live(session, Placement, placement_id, "placement")
            cleaned.setdefault("position_title", placement.position_title)
            cleaned.setdefault("starting_wage_cents", placement.wage_cents)
            cleaned.setdefault("start_on", placement.hire_date)
            cleaned.setdefault("staff_id", placement.staff_id)
        record = WotcRecord(
            employer_id=employer_id,
            participant_id=participant_id,
            placement_id=placement_id,
            agreement_id=agreement_id,
            **cleaned,
        )
        session.add(record)
    return record


def get(store: Store, record_id: str) -> WotcRecord:
    with store.session() as session:
        return live(session, WotcRecord, record_id, "WOTC record")


def update_field(store: Store, record_id: str, field: str, value: Any) -> Any:
    cleaned = clean(CLEANERS, field, value)
    with store.transaction() as session:
        set_field(session, live(session, WotcRecord, record_id, "WOTC record"), field, cleaned)
    return cleaned


def set_status(store: Store, record_id: str, status: str, on: date | str | None = None) -> None:
    """Filed (with the filing date), certified or denied (with the state's decision date)."""
    status = v.clean_choice(status, STATUSES, "status", "The WOTC status")
    when = v.clean_date(on, "on") if on else date.today()
    with store.transaction() as session:
        record = live(session, WotcRecord, record_id, "WOTC record")
        if status in (WotcStatus.CERTIFIED, WotcStatus.DENIED) and record.filed_on is None:
            raise v.FieldError("status", "Record the filing before the state's decision.")
        record.status = status
        if status == WotcStatus.SCREENED:
            record.filed_on = record.decided_on = None
        elif status == WotcStatus.FILED:
            record.filed_on, record.decided_on = when, None
        else:
            record.decided_on = when
        touch(session, record)


def delete(store: Store, record_id: str) -> None:
    with store.transaction() as session:
        soft_delete(session, live(session, WotcRecord, record_id, "WOTC record"))


def checks(store: Store, record_id: str) -> list[Check]:
    record = get(store, record_id)
    return wotc_checks(record.prescreened_on, record.offer_on, record.start_on)


@dataclass(frozen=True)
class DueFiling:
    """A WOTC filing the BSR must send: the hire, the deadline and how it stands."""

    id: str
    employer_id: str
    employer: str
    participant_id: str
    participant: str
    position_title: str
    start_on: date
    deadline: date
    days_left: int
    due: WotcDue
    staff_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "employer_id": self.employer_id,
            "employer": self.employer,
            "participant_id": self.participant_id,
            "participant": self.participant,
            "position_title": self.position_title,
            "start_on": self.start_on.isoformat(),
            "deadline": self.deadline.isoformat(),
            "days_left": self.days_left,
            "due": self.due.value,
            "staff_id": self.staff_id,
        }


def due_filings(store: Store, today: date, staff_id: str | None = None) -> list[DueFiling]:
    """Filings not yet sent whose deadline has passed or falls within the warning days,
    most urgent first."""
    rules = ojt_policy.policy()
    with store.session() as session:
        query = select(WotcRecord, Employer, Participant).where(
            WotcRecord.deleted_at.is_(None),  # type: ignore[union-attr]
            WotcRecord.status == WotcStatus.SCREENED.value,
            WotcRecord.start_on.is_not(None),  # type: ignore[union-attr]
            WotcRecord.employer_id == Employer.id,
            WotcRecord.participant_id == Participant.id,
        )
        if staff_id:  # the BSR's own hires, and hires at the BSR's employers
            query = query.where(or_(WotcRecord.staff_id == staff_id, Employer.owner_id == staff_id))
        rows = list(session.exec(query))
    result = []
    for record, employer, person in rows:
        due = wotc_due(record.status, record.start_on, today, rules)
        if due not in (WotcDue.OVERDUE, WotcDue.DUE_SOON):
            continue
        deadline = wotc_deadline(record.start_on, rules)
        assert deadline is not None and record.start_on is not None
        result.append(
            DueFiling(
                id=record.id,
                employer_id=employer.id,
                employer=employer.display_name,
                participant_id=person.id,
                participant=person.full_name,
                position_title=record.position_title,
                start_on=record.start_on,
                deadline=deadline,
                days_left=(deadline - today).days,
                due=due,
                staff_id=record.staff_id,
            )
        )
    return sorted(result, key=lambda f: (f.deadline, f.employer, f.id))


def records(store: Store, employer_id: str | None = None) -> list[WotcRecord]:
    """Live WOTC records, newest start first (for the packet and the page)."""
    with store.session() as session:
        query = select(WotcRecord).where(WotcRecord.deleted_at.is_(None))  # type: ignore[union-attr]
        if employer_id:
            query = query.where(WotcRecord.employer_id == employer_id)
        return list(session.exec(query.order_by(WotcRecord.start_on.desc())))  # type: ignore[union-attr]
