"""The papers of an event: flyers before it, the event report after it (only once held)."""

from __future__ import annotations

from app.core.models.events import EventStatus, event_held
from app.documents.event_flyer import FlyerData, FlyerPosition, build_flyer, build_handout
from app.documents.event_report import ReportData, ReportEvent, ReportSeries, build_report
from app.services.agency import settings
from app.services.agency.public import OTHER_PROGRAMS, letterhead, public_program_names
from app.services.events.event_report import NOT_STATED, event_numbers, series_numbers
from app.services.events.events import detail, local, wage_text
from app.services.people.tours import latest_tour_notes
from app.store.engine import Store

_TOUR_PARKING = ("Parking",)
_TOUR_TRANSIT = ("Public transit lines", "Walk from transit")
_TOUR_ACCESS = ("Accessibility",)


def flyer_data(store: Store, event_id: str) -> FlyerData:
    """What the flyer says: the event's own parking and transit notes, else the ones the
    latest workplace tour of the host site recorded."""
    info = detail(store, event_id)
    event = info.event
    parking, transit, access = event.parking_notes, event.transit_notes, ""
    if info.site is not None:
        tour = latest_tour_notes(store, info.site.id)
        if tour is not None:
            notes = dict(tour.for_flyer)
            parking = parking or "; ".join(notes[k] for k in _TOUR_PARKING if k in notes)
            transit = transit or "; ".join(notes[k] for k in _TOUR_TRANSIT if k in notes)
            access = "; ".join(notes[k] for k in _TOUR_ACCESS if k in notes)
    me = settings.me(store)
    contact = ""
    if me is not None:
        contact = ", ".join(p for p in (me.name, me.phone, me.email) if p)
    bring = [
        item.strip()[:1].upper() + item.strip()[1:]
        for item in event.what_to_bring.replace("\n", ";").split(";")
        if item.strip()
    ]
    return FlyerData(
        event_id=event.id,
        kind_label=info.kind.label,
        title=info.title,
        employers=[h.dba_name or h.legal_name for h in info.hosts],
        starts_at=local(event.starts_at),
        ends_at=local(event.ends_at),
        place_name=info.place_name,
        address=info.address,
        positions=[
            FlyerPosition(
                p.title, p.openings, wage_text(p.wage_min_cents, p.wage_max_cents), p.schedule
            )
            for p in info.positions
        ],
        what_to_bring=bring,
        parking=parking,
        transit=transit,
        accessibility=access,
        contact_line=contact,
        organization=f"{info.office.name} American Job Center"
        if info.office
        else "American Job Center",
    )


def flyer_pdf(store: Store, event_id: str, handout: bool = False) -> bytes:
    data = flyer_data(store, event_id)
    return build_handout(data) if handout else build_flyer(data)


class EventNotHeld(ValueError):
    """The report of an event not held yet would be a page of zeros: refused, with the reason."""


def report_data(store: Store, event_id: str) -> ReportData:
    info = detail(store, event_id)
    n = event_numbers(store, event_id)
    if not event_held(info.event.status, n.attended > 0):
        when = f"{n.day:%B} {n.day.day}, {n.day.year}"
        status = EventStatus(info.event.status).label.lower()
        raise EventNotHeld(
            f"The event report is printed once the event has been held. This event is "
            f"{status} for {when} and nobody has checked in yet: a report now would show "
            "only zeros. Mark it done after the event, or check people in at the door."
        )
    public = public_program_names()
    by_program: dict[str, int] = {}
    for name, count in n.by_program.items():
        label = public.get(name, OTHER_PROGRAMS) if name != NOT_STATED else name
        by_program[label] = by_program.get(label, 0) + count
    s = series_numbers(store, event_id)
    me = settings.me(store)
    event = ReportEvent(
        title=n.title,
        day=n.day,
        place=", ".join(p for p in (info.place_name, info.address) if p),
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
    organization = (
        f"{info.office.name} American Job Center" if info.office else "American Job Center"
    )
    head = letterhead(info.office, me)
    return ReportData(organization, event, series, me.name if me else "", head)


def report_pdf(store: Store, event_id: str) -> bytes:
    return build_report(report_data(store, event_id))
