"""The papers of an event: flyers before it (`app.services.events.flyers`), the event report
after it (only once held)."""

from __future__ import annotations

from app import forms
from app.core.flyer_wording import EMPLOYER_KINDS, tidy_title
from app.core.models.events import EventStatus, event_held
from app.documents.employer_event_report import EmployerEventReport, build_employer_event_report
from app.documents.event_report import ReportData, ReportEvent, ReportSeries, build_report
from app.services.agency import settings
from app.services.agency.public import OTHER_PROGRAMS, letterhead, public_program_names
from app.services.events.event_report import (
    NOT_STATED,
    EventNumbers,
    event_numbers,
    series_numbers,
)
from app.services.events.events import EventDetail, detail
from app.services.events.flyers import flyer_data, flyer_pdf
from app.store.engine import Store

__all__ = [
    "EventNotHeld",
    "employer_report_data",
    "flyer_data",
    "flyer_pdf",
    "report_data",
    "report_pdf",
]


class EventNotHeld(ValueError):
    """The report of an event not held yet would be a page of zeros: refused, with the reason."""


def _held(info: EventDetail, n: EventNumbers) -> None:
    if not event_held(info.event.status, n.attended > 0):
        when = f"{n.day:%B} {n.day.day}, {n.day.year}"
        status = EventStatus(info.event.status).label.lower()
        raise EventNotHeld(
            f"The event report is printed once the event has been held. This event is "
            f"{status} for {when} and nobody has checked in yet: a report now would show "
            "only zeros. Mark it done after the event, or check people in at the door."
        )


def _place(store: Store, event_id: str) -> str:
    """Where it was held, with the street address papers print (forms/agency.toml)."""
    flyer = flyer_data(store, event_id)
    return ", ".join(p for p in (flyer.place_name, flyer.address) if p)


def _organization(info: EventDetail) -> str:
    return f"{info.office.name} American Job Center" if info.office else "American Job Center"


def report_data(store: Store, event_id: str) -> ReportData:
    """The job seekers' event report of a hiring event or job fair (EventNotHeld before)."""
    info = detail(store, event_id)
    n = event_numbers(store, event_id)
    _held(info, n)
    public = public_program_names()
    by_program: dict[str, int] = {}
    for name, count in n.by_program.items():
        label = public.get(name, OTHER_PROGRAMS) if name != NOT_STATED else name
        by_program[label] = by_program.get(label, 0) + count
    s = series_numbers(store, event_id)
    me = settings.me(store)
    event = ReportEvent(
        title=tidy_title(n.title),
        day=n.day,
        place=_place(store, event_id),
        registered=n.registered,
        attended=n.attended,
        walk_ins=n.walk_ins,
        pre_registered=n.pre_registered,
        pre_registered_attended=n.pre_registered_attended,
        new_people=n.new_people,
        returning_people=n.returning_people,
        youth=n.youth,
        adults=n.adults,
        applications_helped=n.applications_helped,
        employers_met=n.employers_met,
        interviews_set=n.interviews_set,
        by_hour=n.by_hour,
        by_program=dict(sorted(by_program.items(), key=lambda kv: -kv[1])),
        by_zip=n.by_zip,
    )
    series = ReportSeries(
        points=[(p.day, p.title, p.attended, p.interviews_set) for p in s.points],
        unique_people=s.unique_people,
        total_attended=s.total_attended,
        total_interviews=s.total_interviews,
        total_applications=s.total_applications,
    )
    head = letterhead(info.office, me)
    return ReportData(_organization(info), event, series, me.name if me else "", head)


def employer_report_data(store: Store, event_id: str) -> EmployerEventReport:
    """The report of a networking brunch or appreciation lunch: employers and guests."""
    info = detail(store, event_id)
    n = event_numbers(store, event_id)
    _held(info, n)
    me = settings.me(store)
    english = forms.FLYERS.load()["en"]
    return EmployerEventReport(
        kind_label=english(f"title_{info.kind.value}"),
        title=english.title(info.kind.value, info.event.title, [], info.place_name),
        day=n.day,
        place=_place(store, event_id),
        employers=[h.dba_name or h.legal_name for h in info.hosts],
        registered=n.pre_registered,
        came=n.attended,
        walk_ins=n.walk_ins,
        organization=_organization(info),
        prepared_by=me.name if me else "",
        head=letterhead(info.office, me),
    )


def report_pdf(store: Store, event_id: str) -> bytes:
    """The event report: for employers' events their own, else the job seekers' reach."""
    if detail(store, event_id).kind.value in EMPLOYER_KINDS:
        return build_employer_event_report(employer_report_data(store, event_id))
    return build_report(report_data(store, event_id))
