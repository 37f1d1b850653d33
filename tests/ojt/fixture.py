"""An OJT case ready to go: an eligible employer with its RFI answers, an enrolled and authorized
participant, and the placement an agreement is made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.pipeline import Stage
from app.services.employers import employers
from app.services.ojt import agreements
from app.services.people import participants, placements
from app.services.rfi import eligibility
from app.services.rfi import rfi as rfi_service
from tests.rfi.answers import full_answers

HIRE = date(2026, 9, 7)  # a Monday


@dataclass(frozen=True)
class Case:
    employer_id: str
    participant_id: str
    placement_id: str


def make_case(store, hire: date = HIRE, confirm: bool = True, **person) -> Case:
    employer = employers.create_employer(
        store, {"legal_name": "Pilsen Bakery LLC"}, stage=Stage.RFI_SENT
    )
    rfi_service.record_answers(store, employer.id, full_answers(), received_on=date(2026, 8, 1))
    if confirm:
        eligibility.confirm(store, employer.id, None, decided_on=date(2026, 8, 3))
    values = {
        "first_name": "Rosa",
        "last_name": "Quintero",
        "phone": "(312) 555-0177",
        "programs": "wioa-adult",
        "work_authorization_confirmed": True,
        "work_authorization_confirmed_on": date(2026, 8, 20),
        **person,
    }
    if not values["work_authorization_confirmed"]:
        values["work_authorization_confirmed_on"] = None
    person_row = participants.create_participant(store, values, allow_duplicate=True)
    placement = placements.create_placement(
        store,
        person_row.id,
        employer.id,
        {
            "position_title": "Baker",
            "hire_date": hire,
            "wage_cents": "18.50",
            "hours_per_week": "40",
        },
        today=hire,
    )
    return Case(employer.id, person_row.id, placement.id)


def active_agreement(store, case: Case) -> str:
    agreement = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    agreements.set_status(store, agreement.id, "signed", date(2026, 9, 1))
    agreements.set_status(store, agreement.id, "active", HIRE)
    return agreement.id
