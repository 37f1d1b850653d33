"""The events part of the demo dataset: hiring events and a job fair already held (with who
came, walk-ins and what happened), one with its doors open today, and the coming months of
the host rotation.

Written through the events and check-in services, as the Events page and the kiosk do:
pre-registration lists arrive in bulk, check-ins and walk-ins are typed at the door (dated
when the person came), and the next hosts are proposals of the rotation, accepted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import select

from app.core.models import Office, Participant, Registration, Staff
from app.core.models.events import EventKind, EventStatus, InteractionKind
from app.services.demo.people import AREA_CODES, FIRST, LAST, OFFICE_ZIPS
from app.services.events import checkin, events
from app.store.engine import Store

SOURCES = ["Eventbrite list", "Flyer sign-up sheet", "Partner referral list"]
NOTES = [
    "",
    "",
    "Brought a resume",
    "Needs a ride to the site",
    "Asked about second shift",
    "Forklift certified",
]


@dataclass(frozen=True)
class EventFigures:
    """What the events part wrote, for the tests and the demo command's summary."""

    events: int
    registrations: int
    check_ins: int
    walk_ins: int
    interactions: int


@dataclass
class _Counts:
    registrations: int = 0
    check_ins: int = 0
    walk_ins: int = 0
    interactions: int = 0


def _weekday_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _people(store: Store) -> list[Participant]:
    with store.session() as session:
        return list(
            session.exec(
                select(Participant)
                .where(Participant.deleted_at.is_(None))  # type: ignore[union-attr]
                .order_by(Participant.id)  # type: ignore[arg-type]
            )
        )


def _signing_up(name: str, p: Participant | Registration) -> checkin.PersonInput:
    """Someone the agency has met (on file, or at an earlier event), as they write
    themselves on a sign-up list."""
    return checkin.PersonInput(
        name=name,
        phone=p.phone,
        email=p.email,
        zip_code=p.zip_code,
        age_group=p.age_group,
        programs=tuple(p.program_codes),
    )


def _new_person(rng: random.Random, n: int, office_code: str) -> checkin.PersonInput:
    """Someone the agency has not met yet."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    youth = rng.random() < 0.35
    return checkin.PersonInput(
        name=f"{first} {last}",
        phone=f"({AREA_CODES[2 + n // 100 % 2]}) 555-01{n % 100:02d}",
        email=f"{first.lower()}{last.lower()[0]}{n}@example.net" if rng.random() < 0.7 else "",
        zip_code=rng.choice(OFFICE_ZIPS[office_code]),
        age_group="youth" if youth else "adult",
        programs=(rng.choice(["wioa-youth", "p2p"]) if youth else rng.choice(["wioa-adult", ""]),),
        needs_application_help=rng.random() < 0.3,
    )


class _Builder:
    def __init__(self, store: Store, rng: random.Random) -> None:
        self.store = store
        self.rng = rng
        self.people = _people(store)
        self.counts = _Counts()
        self.made = 0
        self.strangers = 0
        #: People who came to an event so far, as they would sign up for the next one.
        self.came: list[checkin.PersonInput] = []
        with store.session() as session:
            self.offices = {o.code: o for o in session.exec(select(Office))}
            self.staff = list(session.exec(select(Staff).order_by(Staff.name)))  # type: ignore[arg-type]

    def staff_of(self, office_code: str, count: int) -> list[str]:
        office = self.offices[office_code].id
        here = [s.id for s in self.staff if s.office_id == office]
        return self.rng.sample(here, min(count, len(here)))

    def event(
        self,
        kind: EventKind,
        day: date,
        hours: tuple[int, int],
        hosts: list[str],
        office_code: str | None,
        staff_code: str,
        status: EventStatus,
        title: str = "",
    ) -> str:
        event = events.create_event(
            self.store,
            kind,
            events.chicago(day, time(hours[0], 0)),
            events.chicago(day, time(hours[1], 0)),
            host_ids=hosts,
            office_id=self.offices[office_code].id if office_code else None,
            at_employer_site=office_code is None,
            staff_ids=self.staff_of(staff_code, 3 if kind == EventKind.JOB_FAIR else 2),
            title=title,
            status=status,
        )
        self.made += 1
        return event.id

    def pre_register(self, event_id: str, office_code: str, count: int) -> None:
        """A sign-up list: some who came to an earlier event, people on file, people new to
        the agency."""
        listed = self.rng.sample(self.came, min(len(self.came), count // 4))
        on_file = self.rng.sample(self.people, min(len(self.people), count // 2 - len(listed)))
        listed += [_signing_up(p.full_name, p) for p in on_file]
        for _ in range(count - len(listed)):
            self.strangers += 1
            listed.append(_new_person(self.rng, self.strangers, office_code))
        added, _ = checkin.bulk_register(
            self.store, event_id, listed, source=self.rng.choice(SOURCES)
        )
        self.counts.registrations += added

    def door(
        self,
        event_id: str,
        office_code: str,
        hosts: list[str],
        opens: datetime,
        until: datetime,
        show_rate: float,
        walk_ins: int,
        staff_code: str,
    ) -> None:
        """Check-ins and walk-ins between `opens` and `until`, then what happened for each."""
        roster = checkin.load_roster(self.store, event_id)
        desk = self.staff_of(staff_code, 2)
        span = max(1, int((until - opens).total_seconds() // 60))
        arrivals: list[tuple[int, str | None]] = []
        for reg_id in sorted(roster.entries):
            if self.rng.random() < show_rate:
                arrivals.append((self.rng.randint(0, span), reg_id))
        arrivals += [(self.rng.randint(0, span), None) for _ in range(walk_ins)]
        arrivals.sort(key=lambda a: (a[0], a[1] or ""))
        came: list[tuple[str, datetime]] = []
        for minute, reg_id in arrivals:
            at = opens + timedelta(minutes=minute)
            staff_id = self.rng.choice(desk) if desk else None
            if reg_id is None:
                self.strangers += 1
                person = _new_person(self.rng, self.strangers, office_code)
                try:
                    done = checkin.walk_in(self.store, roster, person, staff_id, at=at)
                except checkin.AlreadyCheckedIn:
                    continue
                self.counts.walk_ins += not done.was_registered
            else:
                done = checkin.check_in(self.store, roster, reg_id, staff_id, at=at)
            self.counts.check_ins += 1
            came.append((done.registration_id, at))
        ids = {reg_id for reg_id, _ in came}
        self.came += [
            _signing_up(r.name, r)
            for r in checkin.registrations(self.store, event_id)
            if r.id in ids and (r.phone or r.email)
        ]
        for reg_id, at in came:
            for employer_id in self.rng.sample(
                hosts, min(len(hosts), self.rng.choice([0, 1, 1, 2]))
            ):
                kind = self.rng.choice(
                    [
                        InteractionKind.MET_EMPLOYER,
                        InteractionKind.MET_EMPLOYER,
                        InteractionKind.APPLICATION_HELP,
                        InteractionKind.INTERVIEW_SET,
                    ]
                )
                checkin.record_interaction(
                    self.store,
                    event_id,
                    reg_id,
                    kind,
                    employer_id,
                    self.rng.choice(desk) if desk else None,
                    note=self.rng.choice(NOTES),
                    at=at + timedelta(minutes=self.rng.randint(10, 50)),
                )
                self.counts.interactions += 1


def write_events_demo(store: Store, seed: int, now: datetime) -> EventFigures:
    """Three events held, one today, the rotation's next hosts and a networking brunch."""
    rng = random.Random(seed * 11 + 3)
    b = _Builder(store, rng)
    local_now = events.local(now)
    today = local_now.date()
    partners = [
        c.employer_id
        for c in events.rotation_view(store, today.replace(day=1), months=1).candidates
        if c.openings
    ]
    if not partners:
        return EventFigures(0, 0, 0, 0, 0)
    rng.shuffle(partners)

    def pick(first: int, count: int) -> list[str]:
        """`count` partners from the `first`th on, going round when there are few."""
        return list(dict.fromkeys(partners[(first + k) % len(partners)] for k in range(count)))

    held = [
        # (kind, weeks ago, hosts, office (None: at the host's site), title, pre-reg, walk-ins)
        (EventKind.HIRING_EVENT, 9, pick(0, 1), "little-village", "", 20, 6),
        (EventKind.HIRING_EVENT, 5, pick(1, 1), None, "", 14, 4),
        (EventKind.JOB_FAIR, 2, pick(2, 4), "malcolm-x", "West Side Job Fair", 30, 10),
    ]
    for kind, weeks, hosts, office, title, listed, walk_ins in held:
        day = _weekday_before(today - timedelta(weeks=weeks))
        code = office or "little-village"
        event_id = b.event(kind, day, (10, 13), hosts, office, code, EventStatus.DONE, title)
        b.pre_register(event_id, code, listed)
        opens = events.chicago(day, time(9, 45))
        b.door(event_id, code, hosts, opens, opens + timedelta(hours=3), 0.6, walk_ins, code)
    # Today's hiring event at North Riverside: doors open at 10 and people arrive until now.
    # On a weekend it is Monday's.
    host = pick(6, 1)
    day = today + timedelta(days=(7 - today.weekday()) % 7 if today.weekday() >= 5 else 0)
    running = day == today and time(9, 0) <= local_now.time() < time(16, 0)
    event_id = b.event(
        EventKind.HIRING_EVENT,
        day,
        (10, 16),
        host,
        "north-riverside",
        "north-riverside",
        EventStatus.RUNNING if running else EventStatus.PLANNED,
    )
    b.pre_register(event_id, "north-riverside", 12)
    opens = events.chicago(day, time(9, 45))
    if running and now > opens:
        b.door(event_id, "north-riverside", host, opens, now, 0.45, 2, "north-riverside")
    # The coming months: the rotation's proposals, accepted for the next two months.
    nxt = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    view = events.rotation_view(store, nxt, months=2)
    little_village = b.offices["little-village"].id
    for n, proposal in enumerate(view.proposals):
        event = events.accept_proposal(
            store,
            proposal,
            little_village if n % 2 == 0 else None,
            staff_ids=b.staff_of("little-village", 2),
        )
        b.made += 1
        b.pre_register(event.id, "little-village", rng.randint(5, 12))
    brunch_day = _weekday_before(nxt + timedelta(days=20))
    b.event(
        EventKind.NETWORKING,
        brunch_day,
        (9, 11),
        pick(7, 3),
        "malcolm-x",
        "malcolm-x",
        EventStatus.PLANNED,
        "Employer networking brunch",
    )
    c = b.counts
    return EventFigures(b.made, c.registrations, c.check_ins, c.walk_ins, c.interactions)
