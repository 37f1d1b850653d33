"""Demo RFI answers as employers give them: positions by industry, benefits, training,
requirements, with the gaps and slips of real forms (some partial, some ruling a program out).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.core.models import Contact, Employer
from app.services.demo.fiction import invented_fein
from app.services.demo.people import FIRST, LAST

# Industry -> (products or services, [(position title, lowest wage in cents, hours, shifts)]).
POSITIONS: dict[str, tuple[str, list[tuple[str, int, int, str]]]] = {
    "Food manufacturing": (
        "Bread, tortillas and pan dulce for grocers and restaurants",
        [
            ("Baker", 1850, 40, "5am-1:30pm"),
            ("Packer", 1675, 40, "Day"),
            ("Sanitation worker", 1700, 40, "Nights"),
            ("Machine operator", 1900, 40, "Rotating"),
        ],
    ),
    "Warehousing and storage": (
        "Storage and next-day delivery for retailers",
        [
            ("Warehouse associate", 1800, 40, "6am-2:30pm"),
            ("Forklift operator", 2050, 40, "2pm-10:30pm"),
            ("Picker/packer", 1750, 40, "Weekends required"),
            ("Shipping clerk", 1900, 40, "Day"),
        ],
    ),
    "Health care": (
        "Home health and personal care for seniors",
        [
            ("Home health aide", 1700, 32, "Days, some weekends"),
            ("Certified nursing assistant", 1950, 36, "12-hour shifts"),
            ("Medical receptionist", 1800, 40, "Day"),
        ],
    ),
    "Construction": (
        "Heating, plumbing and mechanical installation",
        [
            ("Laborer", 2100, 40, "7am-3:30pm"),
            ("Apprentice pipefitter", 2300, 40, "Day"),
            ("Helper", 1900, 40, "Day"),
        ],
    ),
    "Restaurants": (
        "Full-service restaurant and catering",
        [
            ("Line cook", 1700, 35, "Evenings and weekends"),
            ("Prep cook", 1600, 32, "Mornings"),
            ("Dishwasher", 1550, 30, "Evenings"),
            ("Server", 1200, 28, "Lunch and dinner"),
        ],
    ),
    "Retail": (
        "Neighborhood grocery and household goods",
        [
            ("Cashier", 1550, 30, "Rotating"),
            ("Stocker", 1600, 35, "Overnight"),
            ("Deli clerk", 1650, 32, "Day"),
        ],
    ),
    "Metal manufacturing": (
        "Precision machined parts for equipment makers",
        [
            ("CNC machine operator", 2200, 40, "1st or 2nd shift"),
            ("Welder", 2400, 40, "Day"),
            ("Assembler", 1850, 40, "Day"),
        ],
    ),
    "Auto repair": (
        "Auto repair, tires and collision work",
        [
            ("Lube technician", 1700, 40, "Day"),
            ("Tire technician", 1750, 40, "Saturdays required"),
            ("Auto body helper", 1800, 40, "Day"),
        ],
    ),
    "Building services": (
        "Office and building cleaning, day porters",
        [
            ("Janitor", 1650, 35, "Evenings"),
            ("Day porter", 1600, 40, "Day"),
            ("Floor technician", 1800, 40, "Nights"),
        ],
    ),
    "Transportation": (
        "Local and regional freight delivery",
        [
            ("Delivery driver helper", 1800, 40, "Day"),
            ("Dock worker", 1850, 40, "Nights"),
            ("Dispatcher assistant", 1900, 40, "Day"),
        ],
    ),
    "Hotels": (
        "Downtown hotel rooms, meetings and banquets",
        [
            ("Room attendant", 1900, 35, "Day"),
            ("Houseperson", 1850, 40, "Rotating"),
            ("Banquet server", 1600, 25, "Events, evenings"),
            ("Front desk agent", 1950, 40, "Rotating"),
        ],
    ),
    "Security services": (
        "Unarmed security officers for offices and events",
        [
            ("Security officer", 1800, 40, "Rotating"),
            ("Event security", 1700, 24, "Weekends"),
        ],
    ),
}
DEFAULT_POSITIONS = ("General services", [("General laborer", 1700, 40, "Day")])
BENEFITS = [
    "Health insurance after 60 days, one week paid vacation",
    "Health and dental after 90 days, paid sick days",
    "Paid sick leave (Chicago ordinance), employee discount",
    "Health insurance, 401(k) with match, uniforms",
    "Paid sick leave only",
]
TRAINING = [
    ("2 weeks", "Safety, equipment, company procedures", "Shift lead"),
    ("4 weeks", "Machine set-up, quality checks", "Production supervisor"),
    ("6 weeks", "Food safety, recipes, line work", "Head cook"),
    ("3 weeks", "Customer service, register, stocking", "Store manager"),
    ("8 weeks", "Trade basics, tools, blueprint reading", "Foreman"),
]
EXPERIENCE = ["None", "None", "6 months preferred", "1 year in a similar job", "None; we train"]
EDUCATION = ["None", "High school diploma or GED", "None", "High school diploma or GED"]
BACKGROUND = [
    "Open to justice-involved candidates",
    "Open to justice-involved candidates",
    "Case by case",
    "Case by case",
    "No background check",
    "Cannot hire anyone with a record",
]
SERVICES = [
    "On-the-job training (OJT)",
    "Hiring event",
    "Work Opportunity Tax Credit (WOTC)",
    "Federal Bonding",
    "Subsidized employment",
    "Referrals",
]
#: Answers left blank on a partial RFI (the ones employers most often skip).
OFTEN_SKIPPED = [
    "fein",
    "naics_code",
    "hr_contact_name",
    "hr_contact_phone",
    "hr_contact_email",
    "employees_full_time",
    "employees_part_time",
    "hires_12m",
    "retained_90d",
    "training_length",
    "training_skills",
    "trainer",
    "e_verify",
    "ui_good_standing",
    "workers_comp",
    "hiring_start",
    "benefits",
]


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def trainer_answer(employer: Employer, title: str) -> str:
    """Who trains, as an employer writes it: an invented person and their job title. The
    person is drawn from the employer's own name, so the demo's other draws stay as they were."""
    pick = random.Random(f"trainer:{employer.legal_name}")
    return f"{pick.choice(FIRST)} {pick.choice(LAST)}, {title}"


def positions_for(rng: random.Random, industry: str) -> list[dict[str, str]]:
    """One to three positions the employer hires for, as typed on the RFI (question 9)."""
    _, choices = POSITIONS.get(industry, DEFAULT_POSITIONS)
    picked = rng.sample(choices, rng.randint(1, min(3, len(choices))))
    return [
        {
            "title": title,
            "openings": str(rng.choice([1, 1, 2, 2, 3, 4, 6])),
            "wage": _money(wage + rng.choice([0, 0, 25, 50, 100])),
            "hours_per_week": str(hours),
            "shifts": shifts,
        }
        for title, wage, hours, shifts in picked
    ]


def answer_set(
    rng: random.Random,
    employer: Employer,
    contacts: list[Contact],
    today: date,
    partial: bool = False,
    flawed: bool = False,
) -> dict[str, Any]:
    """A whole RFI as this employer would fill it in, raw as typed.

    `flawed` gives one answer that rules a program out (a layoff, seasonal jobs, a strict
    background policy...); `partial` leaves blank what employers often skip.
    """
    products, _ = POSITIONS.get(employer.industry, DEFAULT_POSITIONS)
    primary = role_contact(contacts, "primary")
    hr = role_contact(contacts, "hr")
    domain = employer.website or "example.com"
    total = employer.employees_total or rng.choice([12, 25, 40, 85])
    at_site = employer.employees_at_site or max(3, total // 2)
    part_time = rng.randint(0, total // 4)
    hires = rng.randint(3, max(4, total // 3))
    training = rng.choice(TRAINING)
    answers: dict[str, Any] = {
        "legal_name": employer.legal_name,
        "dba_name": employer.dba_name,
        "fein": employer.fein or invented_fein(rng),
        "worksite_street": employer.street,
        "worksite_city": employer.city or "Chicago",
        "worksite_zip": employer.zip_code,
        "other_locations": "" if rng.random() < 0.8 else "Second site on S Pulaski Rd",
        "main_contact_name": primary.name if primary else "Maria Lopez",
        "main_contact_title": primary.role if primary else "Owner",
        "main_contact_phone": (primary.phone if primary else "") or employer.main_phone,
        "main_contact_email": (primary.email if primary else "") or f"hiring@{domain}",
        # HR or payroll as on file: a new person named here would be added as a contact,
        # one flush each, which a few hundred answer sets in one transaction cannot afford.
        "hr_contact_name": hr.name if hr else "",
        "hr_contact_phone": hr.phone if hr else "",
        "hr_contact_email": hr.email if hr else "",
        "industry": employer.industry,
        "naics_code": employer.naics_code,
        "products_services": products,
        "employees_total": str(total),
        "employees_at_site": str(at_site),
        "employees_full_time": str(total - part_time),
        "employees_part_time": str(part_time),
        "years_in_business": str(rng.choice([2, 4, 7, 12, 18, 25, 40])),
        "relocated_120d": "No",
        "relocation_details": "",
        "layoffs_12m": "No",
        "strike_lockout_12m": "No",
        "on_layoff_from_positions": "No",
        "layoff_details": "",
        "open_positions": positions_for(rng, employer.industry),
        "positions_permanent": "Yes",
        "positions_full_time": "Yes",
        "benefits": rng.choice(BENEFITS),
        "hires_12m": str(hires),
        "retained_90d": str(max(1, int(hires * rng.uniform(0.55, 0.95)))),
        "training_length": training[0],
        "training_skills": training[1],
        "trainer": trainer_answer(employer, training[2]),
        "experience_required": rng.choice(EXPERIENCE),
        "education_required": rng.choice(EDUCATION),
        "licenses_required": "",
        "minimum_age": str(rng.choice([16, 18, 18, 18, 21])),
        "background_check": rng.choice(BACKGROUND[:5]),
        "drug_test": _yes(rng.random() < 0.3),
        "e_verify": _yes(rng.random() < 0.6),
        "workers_comp": "Yes",
        "ui_good_standing": "Yes",
        "services_wanted": sorted(rng.sample(SERVICES, rng.randint(2, 4)), key=SERVICES.index),
        "hiring_start": (today + timedelta(days=rng.randint(7, 60))).isoformat(),
    }
    if flawed:
        flaw = rng.choice(["layoff", "seasonal", "record", "retention", "part_time", "strike"])
        if flaw == "layoff":
            answers["layoffs_12m"] = "Yes"
            answers["on_layoff_from_positions"] = "Yes"
            answers["layoff_details"] = "Four packers laid off in March; two not recalled yet"
        elif flaw == "seasonal":
            answers["positions_permanent"] = "No"
        elif flaw == "record":
            answers["background_check"] = BACKGROUND[-1]
        elif flaw == "retention":
            answers["retained_90d"] = str(max(0, int(hires * 0.3)))
        elif flaw == "part_time":
            answers["positions_full_time"] = "No"
        else:
            answers["strike_lockout_12m"] = "Yes"
    if partial:
        for key in rng.sample(OFTEN_SKIPPED, rng.randint(4, 9)):
            answers.pop(key, None)
    return {k: v for k, v in answers.items() if v not in ("", None)}


def role_contact(people: list[Contact], role: str) -> Contact | None:
    """The contact `rfi.record_answers` fills for a role: the primary one, or the newest in
    HR or payroll."""
    if role == "primary":
        return next((c for c in people if c.is_primary), None)
    return next((c for c in reversed(people) if c.role in ("HR Manager", "Payroll")), None)
