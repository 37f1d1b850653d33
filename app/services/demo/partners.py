"""The shared-placements part of the demo dataset: partner organizations with their contacts
and distribution lists, the openings they share, and resumes sent to whoever runs each
recruitment. Written through the partners service, as the Participants page does."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import text

from app.services.people import partners
from app.services.people.referrals import AuthorizationCheck
from app.store.engine import Store

#: (name, kind, contact, role, domain): invented organizations like those BSRs work with.
PARTNERS = [
    ("West Side Workforce Alliance", "agency", "Tamika Reed", "Job developer", "wswa.example.org"),
    (
        "Southwest Manufacturing Sector Center",
        "sector_center",
        "Pedro Alvarez",
        "Business services lead",
        "swmfg.example.org",
    ),
    (
        "Lawndale Reentry Network",
        "agency",
        "Curtis Young",
        "Employment specialist",
        "lrn.example.org",
    ),
    ("Pilsen Community Jobs Hub", "other", "Lorena Ibarra", "Coordinator", "pcjh.example.org"),
]
#: (position, employer outside our book, wage) for openings at employers we do not work with.
OUTSIDE = [
    ("Material handler", "Stockyards Cold Storage", "18.25"),
    ("CNA", "Garfield Park Rehab Center", "19.50"),
    ("Bus aide", "Westside Transit Services", "17.00"),
]


def write_partners_demo(store: Store, seed: int, today: date) -> int:
    """Partners, their shared openings and resumes sent; returns how many openings."""
    rng = random.Random(seed * 13 + 5)
    with store.engine.connect() as conn:
        employers = conn.execute(
            text(
                "SELECT e.id, e.legal_name, p.title FROM employer e JOIN open_position p"
                " ON p.employer_id = e.id AND p.status = 'open' AND p.deleted_at IS NULL"
                " ORDER BY p.id"
            )
        ).all()
        people = conn.execute(
            text(
                "SELECT p.id, coalesce(s.name, '') FROM participant p"
                " LEFT JOIN staff s ON s.id = p.staff_id WHERE p.deleted_at IS NULL ORDER BY p.id"
            )
        ).all()
    made = []
    for name, kind, contact, role, domain in PARTNERS:
        first, last = contact.split()
        partner = partners.create_partner(
            store,
            {"name": name, "kind": kind, "website": domain, "phone": "(312) 555-0188"},
        )
        partners.add_contact(
            store,
            partner.id,
            {"name": contact, "role": role, "email": f"{first[0]}{last}@{domain}".lower()},
        )
        partners.save_distribution_list(
            store, f"{name} job developers", f"jobs@{domain}\n{first.lower()}@{domain}", partner.id
        )
        made.append(partner.id)
    openings = []
    ours = rng.sample(employers, min(3, len(employers)))
    for n, (employer_id, _, title) in enumerate(ours):
        # Our partners' openings, shared out; one partner runs the recruitment for one of them.
        openings.append(
            partners.record_opening(
                store,
                rng.choice(made),
                title,
                today - timedelta(days=rng.randint(3, 40)),
                managed_by_id=made[1] if n == 0 else None,
                employer_id=employer_id,
                positions=rng.randint(1, 4),
                closes_on=today + timedelta(days=rng.randint(5, 30)),
            )
        )
    for title, employer, wage in OUTSIDE:
        openings.append(
            partners.record_opening(
                store,
                rng.choice(made),
                title,
                today - timedelta(days=rng.randint(3, 60)),
                managed_by_id=rng.choice(made),
                employer_name=employer,
                positions=rng.randint(2, 6),
                wage=wage,
            )
        )
    partners.set_opening_status(store, openings[-1].id, "filled")
    if len(openings) > 4:
        partners.set_opening_status(store, openings[-2].id, "closed")
    for opening in openings[:4]:
        for person, bsr in rng.sample(people, min(len(people), rng.randint(1, 3))):
            sent = max(opening.received_on, today - timedelta(days=rng.randint(0, 10)))
            partners.send_resume(
                store,
                opening.id,
                person,
                sent,
                today=today,
                authorization=AuthorizationCheck(bsr or "Case manager", sent - timedelta(days=1)),
                fit_reason="The partner organization screens this employer's openings itself.",
            )
    return len(openings)
