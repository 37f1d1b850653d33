"""Hiring events: plan, list, staff, recruit positions, and the monthly host rotation.

Times are stored in UTC and typed and shown in Chicago time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from app.core import rotation
from app.core.ids import utcnow
from app.core.models import (
    Employer,
    Event,
    EventHost,
    EventPosition,
    EventStaff,
    Office,
    OpenPosition,
    Staff,
)
from app.core.models.events import EventKind, EventStatus, PlaceKind
from app.core.models.rfi import PositionStatus
from app.core.pipeline import Stage
from app.core.validation import FieldError
from app.services import records
from app.store.engine import Store

CHICAGO = ZoneInfo("America/Chicago")

DEFAULT_WHAT_TO_BRING = (
    "A photo ID; a resume if you have one (we can help you make one); "
    "a pen; references' names and phone numbers"
)


def local(dt: datetime) -> datetime:
    """A stored UTC time as Chicago wall-clock time."""
    return dt.astimezone(CHICAGO)


def chicago(day: date, at: time) -> datetime:
    """A Chicago wall-clock time as an aware datetime (stored as UTC)."""
    return datetime.combine(day, at, tzinfo=CHICAGO).astimezone(CHICAGO)


@dataclass(frozen=True)
class PositionDraft:
    """A position to recruit, before it is copied onto an event."""

    title: str
    openings: int = 1
    wage_min_cents: int | None = None
    wage_max_cents: int | None = None
    schedule: str = ""
    requirements: str = ""
    position_id: str | None = None


@dataclass
class EventDetail:
    """Everything the Events page, the flyer and the kiosk need about one event."""

    event: Event
    hosts: list[Employer] = field(default_factory=list)
    positions: list[EventPosition] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    office: Office | None = None
    site: Employer | None = None

    @property
    def kind(self) -> EventKind:
        return EventKind(self.event.kind)

    @property
    def title(self) -> str:
        if self.event.title:
            return self.event.title
        if self.kind.single_host and self.hosts:
            return f"Hiring event: {self.hosts[0].dba_name or self.hosts[0].legal_name}"
        return self.kind.label

    @property
    def place_name(self) -> str:
        if self.event.place_name:
            return self.event.place_name
        if self.site is not None:
            return self.site.dba_name or self.site.legal_name
        if self.office is not None:
            return f"{self.office.name} American Job Center"
        return ""

    @property
    def address(self) -> str:
        if self.event.address:
            return self.event.address
        if self.site is not None:
            return self.site.address_line
        if self.office is not None:
            return self.office.address
        return ""


@dataclass(frozen=True)
class EventRow:
    """One line of the event list."""

    id: str
    starts_at: datetime
    kind: str
    title: str
    place: str
    hosts: str
    status: str


# ---------------------------------------------------------------- creating and editing


def _clean_times(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise FieldError("starts_at", "Event times must carry a time zone.")
    if ends_at <= starts_at:
        raise FieldError("ends_at", "The event must end after it starts.")
    return starts_at, ends_at


def create_event(
    store: Store,
    kind: EventKind | str,
    starts_at: datetime,
    ends_at: datetime,
    *,
    host_ids: list[str] | None = None,
    office_id: str | None = None,
    at_employer_site: bool = False,
    staff_ids: list[str] | None = None,
    title: str = "",
    status: EventStatus = EventStatus.PLANNED,
    what_to_bring: str = DEFAULT_WHAT_TO_BRING,
    copy_positions: bool = True,
) -> Event:
    """A new event. A specialized hiring event has exactly one host; it is held at the
    host's site or at a job center. Hosts' open positions are copied onto it."""
    kind = EventKind(kind)
    host_ids = list(dict.fromkeys(host_ids or []))
    starts_at, ends_at = _clean_times(starts_at, ends_at)
    if kind.single_host and len(host_ids) != 1:
        raise FieldError("hosts", "A specialized hiring event has exactly one host employer.")
    if at_employer_site and not host_ids:
        raise FieldError("place", "Choose the host employer whose site the event is at.")
    if not at_employer_site and not office_id:
        raise FieldError("place", "Choose the job center, or hold it at the employer's site.")
    with store.transaction() as session:
        for employer_id in host_ids:
            if session.get(Employer, employer_id) is None:
                raise FieldError("hosts", "One of the host employers no longer exists.")
        event = Event(
            kind=kind.value,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place_kind=(
                PlaceKind.EMPLOYER_SITE if at_employer_site else PlaceKind.JOB_CENTER
            ).value,
            office_id=None if at_employer_site else office_id,
            site_employer_id=host_ids[0] if at_employer_site else None,
            status=EventStatus(status).value,
            what_to_bring=what_to_bring,
        )
        session.add(event)
        session.flush()
        for employer_id in host_ids:
            session.add(EventHost(event_id=event.id, employer_id=employer_id))
            if copy_positions:
                for draft in _open_positions(session, employer_id):
                    session.add(_position(event.id, employer_id, draft))
        for staff_id in dict.fromkeys(staff_ids or []):
            session.add(EventStaff(event_id=event.id, staff_id=staff_id))
    return event


def _position(event_id: str, employer_id: str, draft: PositionDraft) -> EventPosition:
    return EventPosition(
        event_id=event_id,
        employer_id=employer_id,
        position_id=draft.position_id,
        title=draft.title,
        openings=draft.openings,
        wage_min_cents=draft.wage_min_cents,
        wage_max_cents=draft.wage_max_cents,
        schedule=draft.schedule,
        requirements=draft.requirements,
    )


_EVENT_FIELDS = {
    "title",
    "place_name",
    "address",
    "parking_notes",
    "transit_notes",
    "what_to_bring",
    "notes",
}


def update_event(store: Store, event_id: str, **values: Any) -> Event:
    """Change text fields, times or status of an event."""
    with store.transaction() as session:
        event = records.live(session, Event, event_id)
        starts = values.pop("starts_at", event.starts_at)
        ends = values.pop("ends_at", event.ends_at)
        event.starts_at, event.ends_at = _clean_times(starts, ends)
        if "status" in values:
            event.status = EventStatus(values.pop("status")).value
        for key, value in values.items():
            if key not in _EVENT_FIELDS:
                raise FieldError(key, f"{key} cannot be changed here.")
            setattr(event, key, str(value).strip())
        event.updated_at = utcnow()
        session.add(event)
    return event


def set_status(store: Store, event_id: str, status: EventStatus) -> None:
    update_event(store, event_id, status=status)


def delete_event(store: Store, event_id: str) -> None:
    records.delete(store, Event, event_id)


def add_host(store: Store, event_id: str, employer_id: str, copy_positions: bool = True) -> None:
    """Add an employer to a job fair (a specialized hiring event keeps its one host)."""
    with store.transaction() as session:
        event = records.live(session, Event, event_id)
        hosts = _hosts(session, event_id)
        if employer_id in {h.employer_id for h in hosts}:
            return
        if EventKind(event.kind).single_host and hosts:
            raise FieldError("hosts", "A specialized hiring event has exactly one host employer.")
        session.add(EventHost(event_id=event_id, employer_id=employer_id))
        if copy_positions:
            for draft in _open_positions(session, employer_id):
                session.add(_position(event_id, employer_id, draft))


def add_position(store: Store, event_id: str, employer_id: str, draft: PositionDraft) -> str:
    """A position typed by hand for this event."""
    if not draft.title.strip():
        raise FieldError("title", "A position needs a title.")
    if draft.openings < 1:
        raise FieldError("openings", "Openings must be 1 or more.")
    if (
        draft.wage_min_cents is not None
        and draft.wage_max_cents is not None
        and draft.wage_max_cents < draft.wage_min_cents
    ):
        raise FieldError("wage_max_cents", "The highest wage is below the lowest.")
    with store.transaction() as session:
        records.live(session, Event, event_id)
        row = _position(event_id, employer_id, draft)
        session.add(row)
        session.flush()
        return row.id


def assign_staff(store: Store, event_id: str, staff_id: str, role: str = "") -> None:
    with store.transaction() as session:
        records.live(session, Event, event_id)
        have = session.exec(
            select(EventStaff).where(
                EventStaff.event_id == event_id,
                EventStaff.staff_id == staff_id,
                EventStaff.deleted_at.is_(None),
            )
        ).first()
        if have is None:
            session.add(EventStaff(event_id=event_id, staff_id=staff_id, role=role))


def _hosts(session: Session, event_id: str) -> list[EventHost]:
    return list(
        session.exec(
            select(EventHost).where(EventHost.event_id == event_id, EventHost.deleted_at.is_(None))
        )
    )


# ---------------------------------------------------------------- the employer's open positions


def _open_positions(session: Session, employer_id: str) -> list[PositionDraft]:
    """The employer's open positions (from the RFI or typed on the employer), as drafts to
    copy onto an event: the flyer then keeps what was recruited even after a position fills."""
    rows = session.exec(
        select(OpenPosition)
        .where(
            OpenPosition.employer_id == employer_id,
            OpenPosition.status == PositionStatus.OPEN.value,
            OpenPosition.deleted_at.is_(None),
        )
        .order_by(OpenPosition.created_at)
    )
    return [
        PositionDraft(
            title=row.title,
            openings=row.openings or 1,
            wage_min_cents=row.wage_cents,
            wage_max_cents=row.wage_cents,
            schedule=_schedule(row.shifts, row.hours_per_week),
            requirements=row.notes,
            position_id=row.id,
        )
        for row in rows
    ]


def _schedule(shifts: str, hours: int | None) -> str:
    parts = [shifts.strip()] if shifts.strip() else []
    if hours:
        parts.append(f"{hours} hrs/week")
    return ", ".join(parts)


def open_positions(store: Store, employer_id: str) -> list[PositionDraft]:
    with store.session() as session:
        return _open_positions(session, employer_id)


# ---------------------------------------------------------------- reading


def detail(store: Store, event_id: str) -> EventDetail:
    with store.session() as session:
        event = records.live(session, Event, event_id)
        host_ids = [h.employer_id for h in _hosts(session, event_id)]
        hosts = [e for e in (session.get(Employer, i) for i in host_ids) if e is not None]
        positions = list(
            session.exec(
                select(EventPosition)
                .where(EventPosition.event_id == event_id, EventPosition.deleted_at.is_(None))
                .order_by(EventPosition.created_at)
            )
        )
        staff_ids = [
            s.staff_id
            for s in session.exec(
                select(EventStaff).where(
                    EventStaff.event_id == event_id, EventStaff.deleted_at.is_(None)
                )
            )
        ]
        staff = [s for s in (session.get(Staff, i) for i in staff_ids) if s is not None]
        office = session.get(Office, event.office_id) if event.office_id else None
        site = session.get(Employer, event.site_employer_id) if event.site_employer_id else None
        return EventDetail(event, hosts, positions, staff, office, site)


def list_events(store: Store, include_cancelled: bool = True) -> list[EventRow]:
    """Every live event, newest first."""
    with store.session() as session:
        events = list(
            session.exec(
                select(Event).where(Event.deleted_at.is_(None)).order_by(Event.starts_at.desc())
            )
        )
        hosts: dict[str, list[str]] = {}
        for host, employer in session.exec(
            select(EventHost, Employer)
            .join(Employer, Employer.id == EventHost.employer_id)
            .where(EventHost.deleted_at.is_(None))
        ):
            hosts.setdefault(host.event_id, []).append(employer.dba_name or employer.legal_name)
        offices = {o.id: o.name for o in session.exec(select(Office))}
        rows = []
        for e in events:
            if not include_cancelled and e.status == EventStatus.CANCELLED.value:
                continue
            names = hosts.get(e.id, [])
            kind = EventKind(e.kind)
            title = e.title or (
                f"Hiring event: {names[0]}" if kind.single_host and names else kind.label
            )
            place = e.place_name or (
                "Employer site" if e.place_kind == PlaceKind.EMPLOYER_SITE.value else ""
            )
            if not place and e.office_id:
                place = offices.get(e.office_id, "")
            rows.append(
                EventRow(e.id, e.starts_at, e.kind, title, place, ", ".join(names), e.status)
            )
        return rows


def running_event_id(store: Store) -> str | None:
    """The event whose doors are open (the latest one marked running)."""
    with store.session() as session:
        return session.exec(
            select(Event.id)
            .where(Event.deleted_at.is_(None), Event.status == EventStatus.RUNNING.value)
            .order_by(Event.starts_at.desc())
        ).first()


# ---------------------------------------------------------------- rotation


def _eligible_partners(
    session: Session, poor: dict[str, str] | None = None
) -> list[rotation.Candidate]:
    """Active partners, with their open positions counted (a partner with none is
    listed but not eligible); `poor` maps poor-fit employers to why they are skipped."""
    employers = list(
        session.exec(
            select(Employer).where(
                Employer.deleted_at.is_(None),
                Employer.merged_into.is_(None),
                Employer.stage == Stage.ACTIVE_PARTNER.value,
            )
        )
    )
    result = []
    for e in employers:
        openings = sum(p.openings for p in _open_positions(session, e.id))
        why = (poor or {}).get(e.id, "")
        result.append(
            rotation.Candidate(e.id, e.dba_name or e.legal_name, openings, skip_reason=why)
        )
    return result


def _poor_fits(store: Store) -> dict[str, str]:
    """Employer id -> why it is not proposed as a host: a poor fit, with its reasons."""
    from app.services.employers import fit

    return {e: f"Poor fit: {f.why()}" for e, f in fit.fit_all(store).items() if f.poor}


def _hosting_history(session: Session) -> list[tuple[rotation.Hosting, str]]:
    rows = session.exec(
        select(Event, EventHost, Employer)
        .join(EventHost, EventHost.event_id == Event.id)
        .join(Employer, Employer.id == EventHost.employer_id)
        .where(
            Event.deleted_at.is_(None),
            EventHost.deleted_at.is_(None),
            Event.kind == EventKind.HIRING_EVENT.value,
            Event.status != EventStatus.CANCELLED.value,
        )
    )
    return [
        (
            rotation.Hosting(h.employer_id, rotation.month_start(local(ev.starts_at).date())),
            emp.dba_name or emp.legal_name,
        )
        for ev, h, emp in rows
    ]


@dataclass
class RotationView:
    """What the planner shows: proposals for the coming months and the hosting calendar."""

    candidates: list[rotation.Candidate]
    proposals: list[rotation.Proposal]
    calendar: list[rotation.CalendarCell]

    @property
    def skipped(self) -> list[rotation.Candidate]:
        """Partners who would host but are left out (poor fit), each with why."""
        return [c for c in self.candidates if c.skipped]


def rotation_view(
    store: Store,
    first_month: date,
    months: int = 6,
    fixed: dict[date, str] | None = None,
) -> RotationView:
    """Proposals for months with no hiring event yet. Months that already have one keep
    their host and count in the rotation; `fixed` holds the BSR's swaps."""
    poor = _poor_fits(store)
    with store.session() as session:
        candidates = _eligible_partners(session, poor)
        past = _hosting_history(session)
    first = rotation.month_start(first_month)
    history = [h for h, _ in past if h.month < first]
    booked = {h.month: h.employer_id for h, _ in past if h.month >= first}
    chosen = {rotation.month_start(k): v for k, v in (fixed or {}).items() if k not in booked}
    proposals = [
        p
        for p in rotation.plan(
            candidates, history, first, months, {**chosen, **booked}, set(chosen)
        )
        if p.month not in booked
    ]
    return RotationView(candidates, proposals, rotation.calendar(past, proposals))


def accept_proposal(
    store: Store,
    proposal: rotation.Proposal,
    office_id: str | None,
    day_of_month: int = 15,
    at: tuple[time, time] = (time(10, 0), time(13, 0)),
    staff_ids: list[str] | None = None,
) -> Event:
    """Turn an accepted proposal into a planned hiring event on that month's weekday
    nearest `day_of_month` (weekends move to the Thursday before)."""
    day = proposal.month.replace(day=min(day_of_month, 28))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return create_event(
        store,
        EventKind.HIRING_EVENT,
        chicago(day, at[0]),
        chicago(day, at[1]),
        host_ids=[proposal.employer_id],
        office_id=office_id,
        at_employer_site=office_id is None,
        staff_ids=staff_ids,
    )


def wage_text(min_cents: int | None, max_cents: int | None) -> str:
    """$17.50/hr, or $17.50-$20.00/hr; empty when not known."""

    def money(c: int) -> str:
        return f"${c // 100:,}.{c % 100:02d}"

    if min_cents is None and max_cents is None:
        return ""
    if min_cents is None or max_cents is None or min_cents == max_cents:
        return f"{money(min_cents if min_cents is not None else max_cents)}/hr"  # type: ignore[arg-type]
    return f"{money(min_cents)}-{money(max_cents)}/hr"
