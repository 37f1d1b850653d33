"""A realistic, generated dataset: three job centers, ten BSRs, Chicago employers, a year of work.

Deterministic for a seed, so screenshots, tests and benchmarks see the same data.
Names and numbers are invented; phone numbers use the 555-01xx range reserved
for fiction, so no real business is called by mistake.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.core.ids import new_id, utcnow
from app.core.models import Activity, Contact, Employer, FollowUp, Office, Program, Staff
from app.core.pipeline import PIPELINE, Stage
from app.services.agency import settings
from app.services.agency.org import ensure_reference_data
from app.services.demo.events import EventFigures, write_events_demo
from app.services.demo.fiction import invented_fein, invented_phone
from app.services.demo.mail import write_mail_demo
from app.services.demo.ojt import OjtFigures, write_ojt_demo
from app.services.demo.partners import write_partners_demo
from app.services.demo.people import write_people_demo
from app.services.demo.rfi import RfiFigures, write_rfi_demo
from app.services.demo.trouble import write_trouble_demo
from app.store.engine import Store

CHICAGO = ZoneInfo("America/Chicago")

# Industry, NAICS code, name stems, name endings.
INDUSTRIES: list[tuple[str, str, list[str], list[str]]] = [
    (
        "Food manufacturing",
        "311812",
        ["Pilsen", "Lakeshore", "Windy City", "Hermosa", "Fulton"],
        ["Bakery", "Tortilleria", "Foods", "Provisions"],
    ),
    (
        "Warehousing and storage",
        "493110",
        ["Midway", "Cicero", "Calumet", "Kedzie", "Ogden"],
        ["Logistics", "Distribution", "Warehousing", "Fulfillment"],
    ),
    (
        "Health care",
        "621610",
        ["Austin", "Garfield", "Humboldt", "Mercy", "Westside"],
        ["Home Health", "Care Partners", "Senior Living", "Clinic"],
    ),
    (
        "Construction",
        "238220",
        ["Archer", "Bridgeport", "Lawndale", "Pulaski", "Cermak"],
        ["Mechanical", "Builders", "Plumbing & Heating", "Contractors"],
    ),
    (
        "Restaurants",
        "722511",
        ["Taqueria", "Maxwell", "Harlem", "Division", "Chicago Ave"],
        ["Grill", "Kitchen", "Cafe", "Restaurant Group"],
    ),
    (
        "Retail",
        "445110",
        ["Neighborhood", "Family", "Madison", "26th Street", "Central"],
        ["Market", "Grocers", "Supermercado", "Hardware"],
    ),
    (
        "Metal manufacturing",
        "332710",
        ["Stockyards", "Racine", "Damen", "Western", "Crawford"],
        ["Machining", "Metal Works", "Fabrication", "Tool & Die"],
    ),
    (
        "Auto repair",
        "811111",
        ["Cicero Ave", "Laramie", "Central Park", "Keeler", "South Side"],
        ["Auto Service", "Collision", "Tire & Brake", "Motors"],
    ),
    (
        "Building services",
        "561720",
        ["Loop", "Union", "Clean Sweep", "Sunrise", "Skyline"],
        ["Janitorial", "Facility Services", "Maintenance", "Cleaning Co"],
    ),
    (
        "Transportation",
        "484110",
        ["Midwest", "Interstate", "Lake", "O'Hare", "Canal"],
        ["Trucking", "Freight", "Transport", "Delivery"],
    ),
    (
        "Hotels",
        "721110",
        ["Magnificent Mile", "River North", "Grand", "Wacker", "Michigan Ave"],
        ["Hotel", "Suites", "Inn"],
    ),
    (
        "Security services",
        "561612",
        ["Guardian", "Shield", "Sentinel", "Lakeside", "Metro"],
        ["Security", "Protective Services"],
    ),
]
SUFFIXES = ["Inc.", "LLC", "Co.", "Corp.", ""]
STREETS = [
    ("W Chicago Ave", "60651"),
    ("W 26th St", "60623"),
    ("S Pulaski Rd", "60623"),
    ("W Cermak Rd", "60608"),
    ("W Madison St", "60644"),
    ("S Kedzie Ave", "60632"),
    ("W North Ave", "60651"),
    ("S Halsted St", "60608"),
    ("W Roosevelt Rd", "60624"),
    ("N Cicero Ave", "60644"),
    ("S Western Ave", "60609"),
    ("W Ogden Ave", "60612"),
    ("W Division St", "60651"),
    ("S Ashland Ave", "60608"),
    ("W Jackson Blvd", "60612"),
    ("W Grand Ave", "60639"),
    ("S Archer Ave", "60632"),
    ("W Lake St", "60612"),
]
FIRST = [
    "Maria",
    "Jose",
    "Latoya",
    "James",
    "Guadalupe",
    "Darnell",
    "Ana",
    "Michael",
    "Keisha",
    "Luis",
    "Patricia",
    "Andre",
    "Rosa",
    "Kevin",
    "Yolanda",
    "Carlos",
    "Tanya",
    "Robert",
    "Esperanza",
    "Marcus",
    "Linda",
    "Juan",
    "Denise",
    "Anthony",
    "Veronica",
    "Terrence",
]
LAST = [
    "Hernandez",
    "Johnson",
    "Garcia",
    "Williams",
    "Martinez",
    "Brown",
    "Lopez",
    "Jackson",
    "Rodriguez",
    "Davis",
    "Gonzalez",
    "Washington",
    "Perez",
    "Thomas",
    "Sanchez",
    "Harris",
    "Ramirez",
    "Robinson",
    "Torres",
    "Walker",
    "Flores",
    "Coleman",
    "Rivera",
    "Mitchell",
]
ROLES = [
    "Owner",
    "HR Manager",
    "Hiring Manager",
    "Operations Manager",
    "Payroll",
    "General Manager",
    "Recruiter",
    "Plant Manager",
]
SOURCES = [
    "Walk-in",
    "Chamber of Commerce",
    "Referral from partner",
    "Job fair",
    "Cold call",
    "Sector Center",
    "LinkedIn",
    "Aldermanic office",
]

# (office code, BSR name, programs)
TEAM: list[tuple[str, str, list[str]]] = [
    ("north-riverside", "Denise Carter", ["justice", "wioa-youth"]),
    ("north-riverside", "Marcus Bell", ["wioa-adult", "justice"]),
    ("little-village", "Rocio Benavides", ["wioa-adult", "wioa-youth"]),
    ("little-village", "Rosa Delgado", ["dhs"]),
    ("little-village", "Luis Ortega", ["p2p"]),
    ("little-village", "Veronica Salas", ["p2p"]),
    ("little-village", "Terrence Hill", ["p2p"]),
    ("little-village", "Guadalupe Ruiz", ["p2p"]),
    ("malcolm-x", "Keisha Thompson", ["wioa-adult", "wioa-youth"]),
    ("malcolm-x", "Andre Lewis", ["wioa-adult", "wioa-dw"]),
]

MEETING_NOTES = [
    "Introduced our services; owner interested in OJT for two line positions.",
    "Discussed hiring needs for the spring season.",
    "Toured the floor, parking on site, #66 bus stops at the corner.",
    "Explained that referred candidates are authorized to work.",
    "Employer asked about volume; explained we match for quality, not staffing.",
    "Talked through WOTC paperwork; HR will send the FEIN.",
]
OUTCOMES = [
    "Sent flyers",
    "Will send RFI",
    "Asked to call back next month",
    "Interested in hosting an event",
    "Two interviews scheduled",
    "No openings right now",
    "",
]
FOLLOW_UP_TASKS = [
    "Send RFI reminder",
    "Call HR about open positions",
    "Confirm hiring event date",
    "Check on new hire attendance",
    "Send OJT paperwork",
    "Share job fair numbers",
]


@dataclass(frozen=True)
class DemoSize:
    employers: int = 300
    activities_per_employer: int = 6
    #: Job seekers; None: one for every two employers.
    participants: int | None = None


@dataclass(frozen=True)
class DemoFigures:
    """What the demo builder wrote, per area, for the demo command's summary."""

    employers: int
    rfi: RfiFigures
    participants: int
    events: EventFigures
    shared_openings: int = 0
    ojt: OjtFigures | None = None

    def lines(self) -> list[str]:
        r, e = self.rfi, self.events
        ojt = [self.ojt.line()] if self.ojt else []
        return [
            f"{self.employers} employers, {r.answered} RFIs answered ({r.partial} partial), "
            f"{r.confirmed} eligibility decisions ({r.changed_since} with newer answers), "
            f"{r.told} told by email",
            f"{self.participants} participants with tours, referrals, placements and check-ins; "
            f"{self.shared_openings} openings shared by partner organizations",
            f"{e.events} events: {e.registrations} registered, {e.check_ins} checked in "
            f"({e.walk_ins} walk-ins), {e.interactions} interactions",
            *ojt,
        ]


def _stage(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return Stage.NOT_A_FIT.value
    weights = [0.22, 0.18, 0.14, 0.10, 0.10, 0.26]
    return rng.choices(PIPELINE, weights=weights)[0].value


def employer_rows(
    rng: random.Random, count: int, owners: list[Staff], now: datetime
) -> Iterator[dict[str, Any]]:
    """Plain dicts for Employer; usable by the ORM (demo) and by bulk inserts (benchmarks)."""
    for _ in range(count):
        industry, naics, stems, endings = rng.choice(INDUSTRIES)
        pattern = rng.random()
        if pattern < 0.5:
            name = f"{rng.choice(stems)} {rng.choice(endings)}"
        elif pattern < 0.85:
            name = f"{rng.choice(LAST)} {rng.choice(endings)}"
        else:
            name = f"{rng.choice(LAST)} & {rng.choice(LAST)} {rng.choice(endings)}"
        suffix = rng.choice(SUFFIXES)
        legal = f"{name} {suffix}".strip()
        street, zip_code = rng.choice(STREETS)
        owner = rng.choice(owners)
        stage = _stage(rng)
        created = now - timedelta(days=rng.randint(20, 400), minutes=rng.randint(0, 600))
        total = rng.choice([8, 12, 25, 40, 60, 85, 120, 250, 400])
        yield {
            "id": new_id(),
            "created_at": created,
            "updated_at": created,
            "legal_name": legal,
            "dba_name": name if rng.random() < 0.3 else "",
            "fein": invented_fein(rng) if rng.random() < 0.6 else "",
            "industry": industry,
            "naics_code": naics,
            "website": f"{name.lower().replace(' ', '').replace('&', 'and').replace(chr(39), '')}.com"
            if rng.random() < 0.7
            else "",
            "employees_total": total,
            "employees_at_site": max(3, int(total * rng.uniform(0.3, 1.0))),
            "street": f"{rng.randint(1000, 6400)} {street}",
            "city": "Chicago",
            "state": "IL",
            "zip_code": zip_code,
            "main_phone": invented_phone(rng),
            "stage": stage,
            "stage_changed_at": created + timedelta(days=rng.randint(0, 19)),
            "not_fit_reason": "Hires seasonally and lets workers go after a few weeks"
            if stage == Stage.NOT_A_FIT.value
            else "",
            "owner_id": owner.id,
            "office_id": owner.office_id,
            "source": rng.choice(SOURCES),
            "notes": rng.choice(
                [
                    "",
                    "",
                    "Prefers email before 10am.",
                    "Spanish-speaking owner.",
                    "Second shift hard to fill.",
                    "Open to justice-involved candidates.",
                ]
            ),
        }


def activity_rows(
    rng: random.Random, employer: dict[str, Any], count: int, now: datetime
) -> Iterator[dict[str, Any]]:
    kinds = [
        "meeting_in_person",
        "meeting_virtual",
        "call",
        "email",
        "email",
        "call",
        "tour",
        "event",
        "note",
    ]
    start: datetime = employer["created_at"]
    span = max(1, int((now - start).total_seconds() // 3600))
    for _ in range(count):
        when = start + timedelta(hours=rng.randint(0, span))
        when = when.replace(hour=rng.randint(14, 22), minute=rng.choice([0, 15, 30, 45]))
        yield {
            "id": new_id(),
            "created_at": when,
            "updated_at": when,
            "employer_id": employer["id"],
            "kind": rng.choice(kinds),
            "occurred_at": when,
            "staff_id": employer["owner_id"],
            "summary": rng.choice(MEETING_NOTES),
            "outcome": rng.choice(OUTCOMES),
        }


def build_team(store: Store) -> list[Staff]:
    """Ten BSRs at the three job centers, with their programs."""
    ensure_reference_data(store)
    from app.services.agency.org import offices

    by_code = {o.code: o for o in offices(store)}
    team = []
    with store.transaction() as session:
        for office_code, name, programs in TEAM:
            first, last = name.split()
            person = Staff(
                name=name,
                email=f"{first[0].lower()}{last.lower()}@example.org",
                phone=f"(312) 555-01{len(team):02d}",
                office_id=by_code[office_code].id,
                programs=",".join(programs),
            )
            session.add(person)
            team.append(person)
    return team


def write_demo(
    store: Store, size: DemoSize = DemoSize(), seed: int = 2026, now: datetime | None = None
) -> DemoFigures:
    """Fill an empty store with the whole demo dataset, through the services and the ORM like
    any edit: employers and their history, RFI answers and eligibility, participants with
    their referrals and placements, partners' shared openings, and events. The same seed and
    `now` give the same data."""
    now = now or utcnow()
    today = now.astimezone(CHICAGO).date()
    _write_employers(store, size, seed, now, today)
    rfi = write_rfi_demo(store, seed, today)
    people = size.participants if size.participants is not None else size.employers // 2
    write_people_demo(store, people=people, seed=seed, today=today)
    shared = write_partners_demo(store, seed, today)
    held = write_events_demo(store, seed, now)
    write_mail_demo(store, seed, now)
    write_trouble_demo(store, today)
    ojt = write_ojt_demo(store, seed, today, count=max(12, size.employers // 12))
    return DemoFigures(size.employers, rfi, people, held, shared, ojt)


def _write_employers(store: Store, size: DemoSize, seed: int, now: datetime, today: date) -> None:
    """The team, employers with contacts, a year of activities and follow-ups."""
    rng = random.Random(seed)
    team = build_team(store)
    settings.put(store, settings.ME, team[2].id)
    with store.transaction() as session:
        for row in employer_rows(rng, size.employers, team, now):
            session.add(Employer(**row))
            for c in range(rng.choice([1, 1, 2, 2, 3])):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                domain = row["website"] or "example.com"
                session.add(
                    Contact(
                        employer_id=row["id"],
                        name=f"{first} {last}",
                        role=rng.choice(ROLES),
                        email=f"{first[0].lower()}{last.lower()}@{domain}",
                        phone=invented_phone(rng),
                        is_primary=c == 0,
                    )
                )
            for act in activity_rows(
                rng, row, rng.randint(1, size.activities_per_employer * 2 - 1), now
            ):
                session.add(Activity(**act))
            if rng.random() < 0.5:
                due = today + timedelta(days=rng.randint(-10, 30))
                session.add(
                    FollowUp(
                        employer_id=row["id"],
                        due_on=due,
                        what=rng.choice(FOLLOW_UP_TASKS),
                        staff_id=row["owner_id"],
                        done=due < today and rng.random() < 0.5,
                    )
                )


def midday(day: date) -> datetime:
    return datetime.combine(day, time(17, 0), tzinfo=UTC)


__all__ = ["DemoFigures", "DemoSize", "Office", "Program", "build_team", "write_demo"]
