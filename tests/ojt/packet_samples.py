"""Invented packet data for the packet tests and the benchmark: every value known, or gaps."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from app.core.models.ojt import WotcRecord
from app.documents.ojt.data import (
    AgreementPart,
    EmployerPart,
    InvoicePart,
    PacketData,
    PlanPart,
    PlanSkill,
    ProgressRating,
    TraineePart,
    WotcPart,
)
from app.documents.paper import Letterhead
from app.services.employers import employers
from app.services.ojt import agreements, invoices, timesheets
from app.services.people import participants, placements

LETTERHEAD = Letterhead(
    agency_name="Central States SER",
    office_name="Little Village",
    office_address="3948 W 26th St, Chicago, IL 60623",
    office_phone="(773) 555-0142",
    website="centralstatesser.org/employer-services",
)


def full_packet(n: int = 0) -> PacketData:
    """A packet with every value known; `n` varies names and amounts."""
    start = date(2026, 3, 2)
    days = tuple((start + timedelta(days=d), 8.0 + (2.5 if d == 3 else 0)) for d in range(5))
    skills = (
        PlanSkill("Forklift operation and safety", "Beginner", "Certified", 120),
        PlanSkill("Inventory scanning system", "None", "Independent", 80),
        PlanSkill("Shipping and receiving paperwork", "Beginner", "Independent", 110),
        PlanSkill("Warehouse safety course", "None", "Completed", 10, classroom=True),
    )
    return PacketData(
        letterhead=LETTERHEAD,
        employer=EmployerPart(
            legal_name=f"Lakeshore Pallet Works {n} LLC",
            fein=f"36-41{n:05d}",
            worksite_address="2211 S Kedzie Ave, Chicago, IL 60623",
            phone="(773) 555-0199",
            signer_name="Dolores Quintero",
            signer_title="Operations Manager",
            supervisor_name="Marcus Whitfield",
            employees_at_site=42,
        ),
        trainee=TraineePart(name=f"Tobias Renner{n}", program="WIOA Adult"),
        agreement=AgreementPart(
            position_title="Warehouse Associate",
            onet_code="53-7062.00",
            onet_title="Laborers and Freight, Stock, and Material Movers, Hand",
            start_date=date(2026, 2, 23),
            end_date=date(2026, 4, 17),
            hours_per_week=40,
            training_hours=320,
            wage_cents=1825 + n,
            rate_percent=75,
            max_reimbursement_cents=438000,
            per_trainee_cap_cents=1000000,
            status="Active",
            signed_on=date(2026, 2, 16),
            rule_source="WIOA sec. 134(c)(3)(H); 20 CFR 680.730",
        ),
        plan=PlanPart(
            skills=skills,
            trainer="Keisha Dunmore",
            classroom_provider="Westside Safety Institute",
        ),
        invoice=InvoicePart(
            number=2,
            period_start=start,
            period_end=start + timedelta(days=6),
            days=days,
            regular_hours=40,
            overtime_hours=2.5,
            wages_paid_cents=77563,
            reimbursable_cents=54750,
            previously_reimbursed_cents=54750,
            status="Requested",
            requested_on=date(2026, 3, 9),
        ),
        next_period=(date(2026, 3, 9), date(2026, 3, 15)),
        progress=(
            ProgressRating(
                "Forklift operation and safety", "Certified", "Beginning", "Passed the written test"
            ),
            ProgressRating("Inventory scanning system", "Independent", "Meets target", ""),
        ),
        wotc=WotcPart(
            prescreen_date=date(2026, 2, 10),
            offer_date=date(2026, 2, 12),
            start_date=date(2026, 2, 23),
            starting_wage_cents=1825 + n,
            status="Screened",
        ),
        prepared_by="Renata Okafor",
        prepared_by_contact="(773) 555-0142, rokafor@example.org",
        prepared_on=date(2026, 3, 9),
    )


def packet_with_gaps() -> PacketData:
    """The full packet without FEIN, signer, supervisor and the wage."""
    data = full_packet()
    return dataclasses.replace(
        data,
        employer=dataclasses.replace(
            data.employer, fein=None, signer_name=None, signer_title=None, supervisor_name=""
        ),
        agreement=dataclasses.replace(
            data.agreement, wage_cents=None, max_reimbursement_cents=None
        ),
    )


START = date(2026, 2, 23)  # a Monday
TODAY = date(2026, 3, 20)


def make_agreement(store) -> tuple[str, dict[str, str]]:
    """An active agreement with two weeks billed (one paid), a rating and a WOTC record."""
    employer = employers.create_employer(
        store,
        {
            "legal_name": "Halsted Tool & Die Inc",
            "street": "1400 S Halsted St",
            "zip_code": "60607",
            "main_phone": "(312) 555-0181",
            "employees_at_site": 35,
        },
    )
    person = participants.create_participant(
        store,
        {
            "first_name": "Imani",
            "last_name": "Castellano",
            "programs": "wioa-adult",
            "phone": "(773) 555-0107",
        },
        today=TODAY,
    )
    placement = placements.create_placement(
        store,
        person.id,
        employer.id,
        {
            "position_title": "CNC Operator Trainee",
            "hire_date": START,
            "wage_cents": "19.50",
            "hours_per_week": 40,
        },
        today=TODAY,
    )
    agreement = agreements.create_from_placement(store, placement.id, today=TODAY)
    agreements.update_field(store, agreement.id, "training_hours", 80)
    agreements.update_field(store, agreement.id, "period_kind", "weekly")
    agreements.add_skill(
        store,
        agreement.id,
        {
            "skill": "Reading blueprints",
            "start_level": "Basic",
            "target_level": "Proficient",
            "hours": 80,
        },
    )
    agreements.set_status(store, agreement.id, "signed", on=date(2026, 2, 20))
    agreements.set_status(store, agreement.id, "active", on=START)
    skill = agreements.skills(store, agreement.id)[0]
    for week in (0, 1):
        monday = date.fromordinal(START.toordinal() + 7 * week)
        timesheets.add_timesheet(
            store, agreement.id, monday, [8, 8, 8, 8, 10, 0, 0], "19.50", kind="weekly"
        )
        invoices.create_invoice(
            store,
            agreement.id,
            monday,
            date.fromordinal(monday.toordinal() + 6),
            ratings={skill.id: "Progressing"},
            requested_on=TODAY,
        )
    with store.transaction() as session:
        session.add(
            WotcRecord(
                employer_id=employer.id,
                participant_id=person.id,
                agreement_id=agreement.id,
                position_title="CNC Operator Trainee",
                starting_wage_cents=1950,
                prescreened_on=date(2026, 2, 16),
                start_on=START,
            )
        )
    ids = {
        "agreement": agreement.id,
        "employer": employer.id,
        "participant": person.id,
        "placement": placement.id,
        "skill": skill.id,
    }
    return agreement.id, ids
