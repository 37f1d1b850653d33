"""After the event: who came, when, from where, and what came of it; the series over time.

The numbers here feed the Events page, the check-in export and the event
report PDF that BSRs show employers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

from app.core.models import CheckIn, Event, EventInteraction, Program, Registration, Staff
from app.core.models.events import EventKind, EventStatus, InteractionKind, event_held
from app.services import records
from app.services.agency.public import public_program_list
from app.services.events.events import detail, local
from app.store.engine import Store

NOT_STATED = "Not stated"


@dataclass
class EventNumbers:
    """The figures of one event."""

    event_id: str
    title: str
    day: date
    registered: int = 0
    pre_registered: int = 0
    attended: int = 0
    walk_ins: int = 0
    pre_registered_attended: int = 0
    new_people: int = 0
    returning_people: int = 0
    youth: int = 0
    adults: int = 0
    applications_helped: int = 0
    employers_met: int = 0
    interviews_set: int = 0
    by_hour: dict[str, int] = field(default_factory=dict)
    by_program: dict[str, int] = field(default_factory=dict)
    by_zip: dict[str, int] = field(default_factory=dict)
    by_employer: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def show_rate(self) -> float | None:
        """Share of pre-registered people who came."""
        return self.pre_registered_attended / self.pre_registered if self.pre_registered else None


@dataclass(frozen=True)
class SeriesPoint:
    event_id: str
    day: date
    title: str
    attended: int
    interviews_set: int
    applications_helped: int


@dataclass
class SeriesNumbers:
    """Every hiring event and job fair held up to and including this one."""

    points: list[SeriesPoint]
    unique_people: int
    total_attended: int
    total_interviews: int
    total_applications: int

    @property
    def events_held(self) -> int:
        return len(self.points)

    @property
    def average_attendance(self) -> float:
        return self.total_attended / len(self.points) if self.points else 0.0


def event_numbers(store: Store, event_id: str) -> EventNumbers:
    info = detail(store, event_id)
    event = info.event
    with store.session() as session:
        regs = {
            r.id: r
            for r in session.exec(
                select(Registration).where(
                    Registration.event_id == event_id, Registration.deleted_at.is_(None)
                )
            )
        }
        first_checkin: dict[str, CheckIn] = {}
        for c in session.exec(
            select(CheckIn).where(CheckIn.event_id == event_id, CheckIn.deleted_at.is_(None))
        ):
            have = first_checkin.get(c.registration_id)
            if have is None or c.checked_in_at < have.checked_in_at:
                first_checkin[c.registration_id] = c
        interactions = list(
            session.exec(
                select(EventInteraction).where(
                    EventInteraction.event_id == event_id, EventInteraction.deleted_at.is_(None)
                )
            )
        )
        participant_ids = {
            regs[r].participant_id for r in first_checkin if r in regs and regs[r].participant_id
        }
        earlier: set[str] = set()
        if participant_ids:
            rows = session.exec(
                select(CheckIn.participant_id)
                .join(Event, Event.id == CheckIn.event_id)
                .where(
                    CheckIn.participant_id.in_(participant_ids),  # type: ignore[union-attr]
                    CheckIn.event_id != event_id,
                    CheckIn.deleted_at.is_(None),
                    Event.deleted_at.is_(None),
                    Event.starts_at < event.starts_at,
                )
            )
            earlier = {p for p in rows if p}
        program_names = {p.code: p.name for p in session.exec(select(Program))}
    names = {e.id: e.dba_name or e.legal_name for e in info.hosts}
    n = EventNumbers(event_id, info.title, local(event.starts_at).date())
    n.registered = len(regs)
    n.pre_registered = sum(1 for r in regs.values() if not r.walk_in)
    hours: Counter[str] = Counter()
    programs: Counter[str] = Counter()
    zips: Counter[str] = Counter()
    for reg_id, c in first_checkin.items():
        reg = regs.get(reg_id)
        if reg is None:
            continue
        n.attended += 1
        if reg.walk_in:
            n.walk_ins += 1
        else:
            n.pre_registered_attended += 1
        if reg.participant_id and reg.participant_id in earlier:
            n.returning_people += 1
        else:
            n.new_people += 1
        if reg.age_group == "youth":
            n.youth += 1
        else:
            n.adults += 1
        hours[local(c.checked_in_at).strftime("%H:00")] += 1
        for code in reg.program_codes or [None]:
            programs[program_names.get(code, code) if code else NOT_STATED] += 1
        zips[reg.zip_code[:5] or NOT_STATED] += 1
    for i in interactions:
        who = names.get(i.employer_id, "Other employer")
        per = n.by_employer.setdefault(who, {k.value: 0 for k in InteractionKind})
        per[i.kind] = per.get(i.kind, 0) + 1
        if i.kind == InteractionKind.APPLICATION_HELP.value:
            n.applications_helped += 1
        elif i.kind == InteractionKind.MET_EMPLOYER.value:
            n.employers_met += 1
        elif i.kind == InteractionKind.INTERVIEW_SET.value:
            n.interviews_set += 1
    n.by_hour = dict(sorted(hours.items()))
    n.by_program = dict(programs.most_common())
    n.by_zip = dict(zips.most_common())
    return n


SERIES_KINDS = (EventKind.HIRING_EVENT.value, EventKind.JOB_FAIR.value)


def series_numbers(store: Store, up_to_event_id: str) -> SeriesNumbers:
    """Hiring events and job fairs held up to this event (planned and cancelled ones left out)."""
    with store.session() as session:
        this = session.get(Event, up_to_event_id)
        if this is None:
            raise records.NotFound(records.noun(Event), up_to_event_id)
        events = list(
            session.exec(
                select(Event)
                .where(
                    Event.deleted_at.is_(None),
                    Event.kind.in_(SERIES_KINDS),  # type: ignore[attr-defined]
                    Event.status != EventStatus.CANCELLED.value,
                    Event.starts_at <= this.starts_at,
                )
                .order_by(Event.starts_at)
            )
        )
        ids = [e.id for e in events]
        people: set[str] = set()
        attended: Counter[str] = Counter()
        seen: set[str] = set()
        for c in session.exec(
            select(CheckIn).where(
                CheckIn.event_id.in_(ids),  # type: ignore[attr-defined]
                CheckIn.deleted_at.is_(None),
            )
        ):
            if c.registration_id in seen:
                continue
            seen.add(c.registration_id)
            attended[c.event_id] += 1
            people.add(c.participant_id or c.registration_id)
        interviews: Counter[str] = Counter()
        applications: Counter[str] = Counter()
        for i in session.exec(
            select(EventInteraction).where(
                EventInteraction.event_id.in_(ids),  # type: ignore[attr-defined]
                EventInteraction.deleted_at.is_(None),
            )
        ):
            if i.kind == InteractionKind.INTERVIEW_SET.value:
                interviews[i.event_id] += 1
            elif i.kind == InteractionKind.APPLICATION_HELP.value:
                applications[i.event_id] += 1
    events = [e for e in events if event_held(e.status, attended[e.id] > 0)]
    held = {e.id for e in events}
    interviews = Counter({k: v for k, v in interviews.items() if k in held})
    applications = Counter({k: v for k, v in applications.items() if k in held})
    points = [
        SeriesPoint(
            e.id,
            local(e.starts_at).date(),
            detail(store, e.id).title,
            attended[e.id],
            interviews[e.id],
            applications[e.id],
        )
        for e in events
    ]
    return SeriesNumbers(
        points,
        unique_people=len(people),
        total_attended=sum(attended.values()),
        total_interviews=sum(interviews.values()),
        total_applications=sum(applications.values()),
    )


@dataclass(frozen=True)
class CheckInLine:
    """One row of the check-in list."""

    name: str
    phone: str
    email: str
    zip_code: str
    age_group: str
    programs: str
    walk_in: bool
    needs_application_help: bool
    checked_in_at: datetime | None
    bsr: str
    outcomes: str


def checkin_lines(store: Store, event_id: str) -> list[CheckInLine]:
    """Everyone registered, with when they came (blank for no-shows) and what happened."""
    with store.session() as session:
        staff = {s.id: s.name for s in session.exec(select(Staff))}
        first: dict[str, CheckIn] = {}
        for c in session.exec(
            select(CheckIn).where(CheckIn.event_id == event_id, CheckIn.deleted_at.is_(None))
        ):
            if (
                c.registration_id not in first
                or c.checked_in_at < first[c.registration_id].checked_in_at
            ):
                first[c.registration_id] = c
        outcomes: dict[str, list[str]] = {}
        info = detail(store, event_id)
        names = {e.id: e.dba_name or e.legal_name for e in info.hosts}
        for i in session.exec(
            select(EventInteraction)
            .where(EventInteraction.event_id == event_id, EventInteraction.deleted_at.is_(None))
            .order_by(EventInteraction.occurred_at)
        ):
            label = InteractionKind(i.kind).label
            outcomes.setdefault(i.registration_id, []).append(
                f"{label} {names.get(i.employer_id, 'another employer')}"
            )
        lines = []
        for r in session.exec(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.deleted_at.is_(None))
            .order_by(Registration.name)
        ):
            c = first.get(r.id)
            lines.append(
                CheckInLine(
                    r.name,
                    r.phone,
                    r.email,
                    r.zip_code,
                    r.age_group,
                    public_program_list(r.programs),
                    r.walk_in,
                    r.needs_application_help,
                    local(c.checked_in_at) if c else None,
                    staff.get(c.staff_id or "", "") if c else "",
                    "; ".join(outcomes.get(r.id, [])),
                )
            )
    return lines


EXPORT_HEADERS = (
    "Name",
    "Phone",
    "Email",
    "ZIP",
    "Age group",
    "Programs",
    "Walk-in",
    "Needs application help",
    "Checked in (Chicago time)",
    "Checked in by",
    "During the event",
)


def export_checkins_xlsx(store: Store, event_id: str, path: Path) -> int:
    """Write the check-in list as an Excel workbook; returns the number of people written.

    Written to a temporary name and renamed, so a half-written file never replaces a good one.
    """
    from openpyxl import Workbook

    from app.services.importing.sheets import xlsx_cells

    lines = checkin_lines(store, event_id)
    info = detail(store, event_id)
    book = Workbook()
    sheet = book.active
    sheet.title = "Check-ins"
    sheet.append(xlsx_cells(sheet, [f"{info.title} - {local(info.event.starts_at):%A %B %d, %Y}"]))
    sheet.append([])
    sheet.append(xlsx_cells(sheet, EXPORT_HEADERS, bold=True))
    for line in lines:
        sheet.append(
            xlsx_cells(
                sheet,
                [
                    line.name,
                    line.phone,
                    line.email,
                    line.zip_code,
                    line.age_group,
                    line.programs,
                    "yes" if line.walk_in else "no",
                    "yes" if line.needs_application_help else "no",
                    line.checked_in_at.replace(tzinfo=None) if line.checked_in_at else None,
                    line.bsr,
                    line.outcomes,
                ],
            )
        )
        if line.checked_in_at:
            sheet.cell(row=sheet.max_row, column=9).number_format = "yyyy-mm-dd hh:mm"
    for column, width in zip(
        "ABCDEFGHIJK", (26, 16, 28, 8, 10, 18, 8, 10, 18, 18, 50), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    book.save(tmp)
    tmp.replace(path)
    return len(lines)
