"""A known event, built through the services, whose every figure the tests can state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.core.models import Employer
from app.core.models.events import EventKind, InteractionKind
from app.core.pipeline import Stage
from app.services.agency import org
from app.services.events import checkin, events
from app.services.events.checkin import PersonInput
from app.services.events.events import PositionDraft, chicago
from app.store.engine import Store

DAY = date(2027, 3, 18)
EARLIER_DAY = date(2027, 2, 11)


def at(hour: int, minute: int, day: date = DAY) -> datetime:
    return chicago(day, time(hour, minute))


@dataclass
class KnownEvent:
    event_id: str
    earlier_event_id: str
    host_id: str
    staff_id: str


def employer(store: Store, name: str, stage: Stage = Stage.ACTIVE_PARTNER) -> str:
    with store.transaction() as session:
        row = Employer(
            legal_name=name,
            street="2500 W Cermak Rd",
            zip_code="60608",
            stage=stage.value,
        )
        session.add(row)
        session.flush()
        return row.id


def build(store: Store) -> KnownEvent:
    """Two hiring events of one host.

    Earlier event (Feb 11): Maria Lopez and Kevin Brown came.
    This event (Mar 18), 10:00-13:00 at Little Village:
      pre-registered: Maria Lopez (returns, 10:05), Ana Ruiz (10:40), Luis Perez (no-show)
      walk-ins: Kevin Brown (returns, 10:15, youth, 60623), Tanya Reed (11:20, 60644),
                Jose Diaz (12:05, youth, no ZIP)
      application help: Maria, Tanya; met employer: Ana; interviews: Maria, Kevin
    """
    host = employer(store, "Pilsen Bakery Inc.")
    office = next(o for o in org.offices(store) if o.code == "little-village")
    staff = org.save_profile(store, "Rocio Benavides", office.id, ["wioa-adult"])
    earlier = events.create_event(
        store,
        EventKind.HIRING_EVENT,
        at(10, 0, EARLIER_DAY),
        at(13, 0, EARLIER_DAY),
        host_ids=[host],
        office_id=office.id,
        staff_ids=[staff.id],
    )
    events.add_position(
        store,
        earlier.id,
        host,
        PositionDraft("Bakery production worker", 6, 1750, 1900, "1st shift, 6am-2:30pm"),
    )
    events.add_position(store, earlier.id, host, PositionDraft("Delivery driver", 2, 2100, 2100))
    roster = checkin.load_roster(store, earlier.id)
    checkin.walk_in(
        store,
        roster,
        PersonInput("Maria Lopez", phone="(773) 555-0101", zip_code="60623"),
        staff.id,
        at(10, 10, EARLIER_DAY),
    )
    checkin.walk_in(
        store,
        roster,
        PersonInput("Kevin Brown", phone="(312) 555-0102", age_group="youth"),
        staff.id,
        at(10, 30, EARLIER_DAY),
    )
    event = events.create_event(
        store,
        EventKind.HIRING_EVENT,
        at(10, 0),
        at(13, 0),
        host_ids=[host],
        office_id=office.id,
        staff_ids=[staff.id],
    )
    events.add_position(
        store,
        event.id,
        host,
        PositionDraft("Bakery production worker", 4, 1750, 1900, "1st shift, 6am-2:30pm"),
    )
    checkin.register(
        store,
        event.id,
        PersonInput(
            "Maria Lopez", phone="773-555-0101", zip_code="60623", programs=("wioa-adult",)
        ),
    )
    checkin.register(
        store,
        event.id,
        PersonInput("Ana Ruiz", email="ana.ruiz@example.com", zip_code="60623", programs=("p2p",)),
    )
    checkin.register(store, event.id, PersonInput("Luis Perez", phone="(872) 555-0103"))
    roster = checkin.load_roster(store, event.id)
    by_name = {e.name: e.registration_id for e in roster.entries.values()}
    checkin.check_in(store, roster, by_name["Maria Lopez"], staff.id, at(10, 5))
    kevin = checkin.walk_in(
        store,
        roster,
        PersonInput(
            "Kevin Brown",
            phone="3125550102",
            zip_code="60623",
            age_group="youth",
            programs=("wioa-youth",),
        ),
        staff.id,
        at(10, 15),
    )
    checkin.check_in(store, roster, by_name["Ana Ruiz"], staff.id, at(10, 40))
    tanya = checkin.walk_in(
        store,
        roster,
        PersonInput("Tanya Reed", email="treed@example.com", zip_code="60644", programs=("dhs",)),
        staff.id,
        at(11, 20),
    )
    checkin.walk_in(
        store,
        roster,
        PersonInput("Jose Diaz", phone="(708) 555-0104", age_group="youth"),
        staff.id,
        at(12, 5),
    )
    k = InteractionKind
    for reg, kind in (
        (by_name["Maria Lopez"], k.APPLICATION_HELP),
        (tanya.registration_id, k.APPLICATION_HELP),
        (by_name["Ana Ruiz"], k.MET_EMPLOYER),
        (by_name["Maria Lopez"], k.INTERVIEW_SET),
        (kevin.registration_id, k.INTERVIEW_SET),
    ):
        checkin.record_interaction(store, event.id, reg, kind, host, staff.id, at=at(12, 30))
    return KnownEvent(event.id, earlier.id, host, staff.id)


def site_event_with_tour(store: Store, known: KnownEvent) -> str:
    """A hiring event at the host's own site, which a BSR toured (parking and transit noted)."""
    from app.services.people import tours

    tour = tours.plan_tour(store, known.host_id, date(2027, 1, 20), known.staff_id)
    tours.update_field(store, tour.id, "parking", "Free lot behind the building, enter on Rockwell")
    tours.update_field(store, tour.id, "transit_lines", "#21 Cermak bus; Pink Line Western")
    tours.update_field(store, tour.id, "transit_walk", "5 minutes from the Western stop")
    tours.update_field(store, tour.id, "impressions", "Supervisor seemed stressed")
    tours.mark_done(store, tour.id, date(2027, 1, 20), today=date(2027, 1, 21))
    event = events.create_event(
        store,
        EventKind.HIRING_EVENT,
        at(9, 30, date(2027, 4, 15)),
        at(12, 0, date(2027, 4, 15)),
        host_ids=[known.host_id],
        at_employer_site=True,
        staff_ids=[known.staff_id],
    )
    events.add_position(
        store,
        event.id,
        known.host_id,
        PositionDraft("Bakery production worker", 6, 1750, 1900, "1st shift, 6am-2:30pm"),
    )
    events.add_position(
        store, event.id, known.host_id, PositionDraft("Delivery driver", 2, 2100, 2100)
    )
    return event.id
