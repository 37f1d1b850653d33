"""Generated job seekers, tours, referrals, placements and check-ins on top of the demo
employers: deterministic for a seed, invented names, phone numbers in the 555-01xx range."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from app.core.checkins import CheckinRules
from app.core.models import (
    Participant,
    Placement,
    ProgressCheckIn,
    Referral,
    Tour,
    TourGuest,
    TourStatus,
)
from app.services.agency import settings
from app.store.engine import Store

FIRST = [
    "Ana",
    "Luis",
    "Marcus",
    "Keisha",
    "Jose",
    "Tanya",
    "DeShawn",
    "Maria",
    "Kevin",
    "Rosa",
    "Andre",
    "Jasmine",
    "Miguel",
    "Latoya",
    "Carlos",
    "Brianna",
    "Terrell",
    "Yesenia",
    "Alejandro",
    "Destiny",
    "Jamal",
    "Guadalupe",
    "Tyrone",
    "Marisol",
    "Darius",
    "Itzel",
]
LAST = [
    "Lopez",
    "Washington",
    "Garcia",
    "Johnson",
    "Hernandez",
    "Williams",
    "Martinez",
    "Brown",
    "Jackson",
    "Ramirez",
    "Davis",
    "Torres",
    "Harris",
    "Flores",
    "Robinson",
    "Castillo",
    "Mendoza",
    "Coleman",
    "Reyes",
    "Thompson",
    "Vargas",
    "Bell",
]
TITLES = [
    "Line cook",
    "Warehouse associate",
    "Forklift operator",
    "Home health aide",
    "Cashier",
    "Prep cook",
    "Picker/packer",
    "Maintenance helper",
    "Stocker",
]
TOUR_NOTES = {
    "volume_of_work": [
        "About 400 orders a shift",
        "Steady, busier before holidays",
        "Fast line at lunch",
    ],
    "departments": [
        "Receiving, picking, shipping",
        "Kitchen and front of house",
        "Production, sanitation",
    ],
    "supervision": [
        "One lead per 8 workers",
        "Shift supervisor on the floor",
        "Owner on site daily",
    ],
    "shifts": ["6am-2:30pm, 2pm-10:30pm", "Weekends required", "Rotating 4x10"],
    "physical_demands": [
        "Lift up to 50 lb, standing all shift",
        "On feet 8 hours",
        "Cold room work",
    ],
    "safety_ppe": [
        "Steel-toe boots, vest provided",
        "Gloves and hairnet provided",
        "Cut-resistant gloves",
    ],
    "dress_code": [
        "Black pants, closed shoes",
        "Uniform provided",
        "Jeans fine, no loose clothing",
    ],
    "parking": ["Free lot", "Street parking only", "Paid lot across the street"],
    "transit_lines": ["Pink Line, #60 bus", "#9 Ashland bus", "Green Line, #52 bus"],
    "transit_walk": [
        "8 minutes from Kostner",
        "2 blocks from the stop",
        "15 minutes; no sidewalk at night",
    ],
    "accessibility": [
        "Step-free entrance, elevator",
        "Stairs to the break room",
        "Ramp at the side door",
    ],
    "impressions": ["Patient with new hires", "High turnover on nights", "Good fit for youth"],
}


#: Participants' phones: 555-0100 to 555-0199 (reserved for fiction) in these area codes;
#: people met at events get the other two.
AREA_CODES = ("312", "773", "872", "708")
#: Where each job center's participants live (ZIP codes of the neighbourhoods it serves).
OFFICE_ZIPS = {
    "north-riverside": ["60644", "60651", "60624", "60639"],
    "little-village": ["60623", "60608", "60632", "60609"],
    "malcolm-x": ["60612", "60624", "60644", "60651"],
}
#: Stages of employers that hire the people referred to them.
HIRING_STAGES = ("active_partner", "eligibility_told")


@dataclass(frozen=True)
class _Position:
    id: str | None
    title: str
    wage_cents: int | None
    hours: float | None


@dataclass(frozen=True)
class _Bsr:
    id: str
    office_code: str
    programs: list[str]
    name: str = ""


def _hiring_employers(conn: Any) -> dict[str, list[_Position]]:
    """Partners and employers told their eligibility, with their open positions (if any)."""
    rows = conn.execute(
        text("SELECT id FROM employer WHERE deleted_at IS NULL AND stage IN (:a, :b) ORDER BY id"),
        {"a": HIRING_STAGES[0], "b": HIRING_STAGES[1]},
    )
    hiring: dict[str, list[_Position]] = {r[0]: [] for r in rows}
    for r in conn.execute(
        text(
            "SELECT employer_id, id, title, wage_cents, hours_per_week FROM open_position"
            " WHERE deleted_at IS NULL AND status = 'open' ORDER BY id"
        )
    ):
        if r[0] in hiring:
            hiring[r[0]].append(_Position(r[1], r[2], r[3], r[4]))
    return hiring


def _confirmed_before(person: Participant, sent: date) -> None:
    """Nobody is referred before their work authorization is on file: the agency promises it."""
    confirmed = person.work_authorization_confirmed_on
    if not person.work_authorization_confirmed or confirmed is None or confirmed >= sent:
        person.work_authorization_confirmed = True
        person.work_authorization_confirmed_on = sent - timedelta(days=2)


def _team(conn: Any) -> list[_Bsr]:
    return [
        _Bsr(r[0], r[1] or "", [p for p in (r[2] or "").split(",") if p], r[3])
        for r in conn.execute(
            text(
                "SELECT s.id, o.code, s.programs, s.name FROM staff s LEFT JOIN office o"
                " ON o.id = s.office_id ORDER BY s.name"
            )
        )
    ]


#: What a BSR sees on a tour, by industry: (volume of work, departments, physical demands,
#: safety equipment). Other notes come from TOUR_NOTES, which fit any workplace.
TOUR_BY_INDUSTRY: dict[str, tuple[str, str, str, str]] = {
    "Food manufacturing": (
        "Two production lines, busiest before holidays",
        "Mixing, baking, packing, sanitation",
        "Standing all shift, lifting 50 lb flour sacks",
        "Hairnets, gloves and slip-resistant shoes",
    ),
    "Warehousing and storage": (
        "About 400 orders a shift",
        "Receiving, picking, shipping",
        "Lift up to 50 lb, walking 8 miles a shift",
        "Steel-toe boots, vest provided",
    ),
    "Health care": (
        "Around 60 clients across the West Side",
        "Home care, scheduling, nursing",
        "Transfers and lifting clients with a partner",
        "Gloves and masks provided",
    ),
    "Construction": (
        "Three job sites running, more in spring",
        "Pipefitting, sheet metal, service",
        "Ladders, crawl spaces, outdoor work in winter",
        "Hard hat, glasses, steel-toe boots",
    ),
    "Restaurants": (
        "Fast line at lunch, catering on weekends",
        "Kitchen, front of house, dish",
        "On feet 8 hours, hot kitchen",
        "Cut-resistant gloves, non-slip shoes",
    ),
    "Retail": (
        "Steady traffic, trucks twice a week",
        "Registers, stocking, deli",
        "Standing, lifting cases up to 40 lb",
        "Box cutter training, gloves for the stockroom",
    ),
    "Metal manufacturing": (
        "Short runs, many part numbers",
        "Machining, welding, assembly, quality",
        "Standing at machines, lifting up to 35 lb",
        "Safety glasses, ear plugs, steel-toe boots",
    ),
    "Auto repair": (
        "15 to 20 cars a day",
        "Service bays, tires, body shop",
        "Kneeling, working under lifts",
        "Gloves, glasses; bring your own boots",
    ),
    "Building services": (
        "Six office buildings downtown",
        "Night cleaning, day porters, floor care",
        "Walking and pushing carts all shift",
        "Gloves and chemical training",
    ),
    "Transportation": (
        "Around 120 stops a day",
        "Dock, dispatch, delivery",
        "Loading trucks, lifting up to 70 lb with a dolly",
        "Vest and steel-toe boots",
    ),
    "Hotels": (
        "400 rooms, conventions most weeks",
        "Housekeeping, banquets, front desk",
        "Making 14 rooms a shift, pushing carts",
        "Gloves; uniform provided",
    ),
    "Security services": (
        "Posts at offices and events",
        "Patrol, front desk, events",
        "Standing or walking rounds for the shift",
        "Radio and uniform provided",
    ),
}
INDUSTRY_FIELDS = ("volume_of_work", "departments", "physical_demands", "safety_ppe")


def _tour_notes(rng: random.Random, industry: str) -> dict[str, str]:
    """A done tour's notes: what fits this industry, the rest from the general choices."""
    notes = {k: rng.choice(v) for k, v in TOUR_NOTES.items()}
    notes.update(zip(INDUSTRY_FIELDS, TOUR_BY_INDUSTRY.get(industry, ()), strict=False))
    return notes


def _check_in(
    rng: random.Random, placement: Placement, day: int, on: date, answered: bool
) -> ProgressCheckIn:
    """One call to the employer about a placed participant, answered or not."""
    return ProgressCheckIn(
        placement_id=placement.id,
        employer_id=placement.employer_id,
        day=day,
        checked_on=on,
        answered=answered,
        attendance=rng.choice(["Good", "On time", "Two absences"]) if answered else "",
        absences=rng.choice([0, 0, 1, 2]) if answered else None,
        late_arrivals=rng.choice([0, 0, 1]) if answered else None,
        performance=rng.choice(["Learning fast", "Meets expectations", "Needs coaching"])
        if answered
        else "",
        staff_id=placement.staff_id,
    )


def write_people_demo(
    store: Store, people: int = 300, seed: int = 2026, today: date | None = None
) -> None:
    """Add participants and their history to a store that already holds the demo employers.

    Each participant belongs to a BSR and one of that BSR's programs and lives near the BSR's
    job center; referrals go to the open positions of partners (the RFI's question 9), and
    a few employers churn through the people placed there.
    """
    rng = random.Random(seed)
    today = today or date.today()
    with store.engine.connect() as conn:
        hiring_map = _hiring_employers(conn)
        team = _team(conn)
        owners = dict(conn.execute(text("SELECT id, owner_id FROM employer")).all())
        industries = dict(conn.execute(text("SELECT id, industry FROM employer")).all())
    if not hiring_map:
        return
    # The BSR using the store carries a bigger caseload, so their Today page has work on it.
    me = settings.get(store, settings.ME)
    weights = [3 if b.id == me else 1 for b in team]
    hiring = list(hiring_map)
    # A few big hirers take most people, so their retention figures have enough placements
    # to judge; some employers churn through the people placed there.
    big = hiring[: max(4, len(hiring) // 10)]
    churners = set(hiring[::7]) | set(big[1::4])
    rules = CheckinRules()
    with store.transaction() as session:
        persons = []
        for n in range(people):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            bsr = rng.choices(team, weights)[0] if team else None
            program = rng.choice(bsr.programs) if bsr and bsr.programs else "wioa-adult"
            youth = program == "wioa-youth" or (program != "wioa-adult" and rng.random() < 0.25)
            person = Participant(
                first_name=first,
                last_name=last,
                phone=f"({AREA_CODES[n // 100 % 2]}) 555-01{n % 100:02d}"
                if rng.random() < 0.85
                else "",
                email=f"{first.lower()}.{last.lower()}{n}@example.com",
                zip_code=rng.choice(OFFICE_ZIPS.get(bsr.office_code if bsr else "", ["60623"])),
                age_group="youth" if youth else "adult",
                programs=program if rng.random() < 0.85 else f"{program},justice",
                staff_id=bsr.id if bsr else None,
                work_authorization_confirmed=rng.random() < 0.8,
                work_authorization_confirmed_on=today - timedelta(days=rng.randint(5, 300)),
                work_authorization_confirmed_by=bsr.name if bsr else "",
            )
            session.add(person)
            persons.append(person)
        staff_ids = [b.id for b in team]
        for employer_id in hiring[: len(hiring) // 2]:
            done = rng.random() < 0.85
            when = (
                today - timedelta(days=rng.randint(3, 300))
                if done
                else today + timedelta(days=rng.randint(1, 20))
            )
            tour = Tour(
                employer_id=employer_id,
                status=TourStatus.DONE.value if done else TourStatus.PLANNED.value,
                planned_on=when,
                done_on=when if done else None,
                staff_id=owners.get(employer_id) or (rng.choice(staff_ids) if staff_ids else None),
                **(_tour_notes(rng, industries.get(employer_id, "")) if done else {}),
            )
            session.add(tour)
            for guest in rng.sample(persons, rng.randint(0, 3)):
                session.add(TourGuest(tour_id=tour.id, participant_id=guest.id))
        for person in persons:
            for _ in range(rng.choice([0, 1, 1, 2, 2])):
                employer_id = rng.choice(big if rng.random() < 0.6 else hiring)
                positions = hiring_map[employer_id]
                position = (
                    rng.choice(positions)
                    if positions
                    else _Position(None, rng.choice(TITLES), None, None)
                )
                # More of the work is recent: a caseload turns over within the year.
                sent = today - timedelta(days=1 + int(419 * rng.random() ** 1.6))
                outcome = rng.choice(
                    ["sent", "interview", "hired", "hired", "hired", "not_hired", "withdrawn"]
                )
                referral = Referral(
                    participant_id=person.id,
                    employer_id=employer_id,
                    position_id=position.id,
                    position_title=position.title,
                    sent_on=sent,
                    outcome=outcome,
                    interview_on=sent + timedelta(days=5) if outcome != "sent" else None,
                    outcome_on=sent + timedelta(days=9)
                    if outcome in ("hired", "not_hired", "withdrawn")
                    else None,
                    staff_id=person.staff_id,
                )
                session.add(referral)
                _confirmed_before(person, sent)
                if outcome != "hired" or referral.outcome_on is None or referral.outcome_on > today:
                    continue
                hire = referral.outcome_on
                ojt = rng.random() < 0.25
                lasted = None
                if employer_id in churners and rng.random() < 0.7:
                    lasted = rng.randint(5, 40)
                elif rng.random() < 0.25:
                    lasted = rng.randint(20, 300)
                separation = hire + timedelta(days=lasted) if lasted is not None else None
                if separation is not None and separation > today:
                    separation = None
                placement = Placement(
                    participant_id=person.id,
                    employer_id=employer_id,
                    referral_id=referral.id,
                    position_id=position.id,
                    position_title=referral.position_title,
                    staff_id=person.staff_id,
                    hire_date=hire,
                    wage_cents=position.wage_cents
                    or rng.choice([1550, 1600, 1725, 1800, 1950, 2200]),
                    hours_per_week=position.hours or rng.choice([40.0, 40.0, 32.0, 25.0]),
                    full_time=True,
                    permanent=not ojt,
                    ojt=ojt,
                    separation_date=separation,
                    separation_reason=rng.choice(["laid_off", "fired", "training_ended"])
                    if separation and employer_id in churners
                    else (rng.choice(["quit", "laid_off"]) if separation else ""),
                )
                session.add(placement)
                # Employers go quiet on recent hires; older ones answered in the end, a
                # second call after a missed one.
                quiet = hire >= today - timedelta(days=75) and rng.random() < 0.5
                for day in rules.days:
                    due = hire + timedelta(days=day)
                    if due > today - timedelta(days=rng.randint(0, 10)) or (
                        separation and due > separation
                    ):
                        break
                    tried = due + timedelta(days=rng.randint(0, 2))
                    if quiet or rng.random() < 0.15:
                        session.add(_check_in(rng, placement, day, tried, False))
                        tried += timedelta(days=rng.randint(2, 5))
                        if quiet or tried > today:
                            continue
                    session.add(_check_in(rng, placement, day, tried, True))
