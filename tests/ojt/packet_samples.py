"""Invented packet data for the packet tests and the benchmark: every value known, or gaps."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

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
            trainer="Marcus Whitfield",
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
