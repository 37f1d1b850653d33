"""The OJT part of the demo dataset: agreements in every status at the three job centers, with
training plans, timesheets, invoices paid over the past year, and WOTC filings (some due within
the week, one overdue).

Everything goes through the OJT services, the calls the OJT page makes, so amounts follow the
money rules and every row is journaled. Dates come from `today`, so a seed gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import text

from app.core.models import AgreementStatus, OjtAgreement
from app.services.ojt import agreements, invoices, timesheets, wotc
from app.services.ojt import policy as ojt_policy
from app.services.people import participants
from app.store.engine import Store

#: Demo position titles and their O*NET-SOC codes (forms/onet.toml lists them).
ONET_BY_TITLE = {
    "Baker": "51-3011.00",
    "Packer": "53-7064.00",
    "Picker/packer": "53-7065.00",
    "Stocker": "53-7065.00",
    "Warehouse associate": "53-7062.00",
    "Dock worker": "53-7062.00",
    "Laborer": "47-2061.00",
    "Forklift operator": "53-7051.00",
    "Shipping clerk": "43-5071.00",
    "Home health aide": "31-1121.00",
    "Certified nursing assistant": "31-1131.00",
    "Medical receptionist": "43-4171.00",
    "Front desk agent": "43-4171.00",
    "Line cook": "35-2014.00",
    "Prep cook": "35-2021.00",
    "Dishwasher": "35-9021.00",
    "Server": "35-3031.00",
    "Banquet server": "35-3031.00",
    "Cashier": "41-2011.00",
    "Deli clerk": "41-2031.00",
    "Machine operator": "51-9111.00",
    "CNC machine operator": "51-9161.00",
    "Assembler": "51-2092.00",
    "Welder": "51-4121.00",
    "Helper": "51-9198.00",
    "Security officer": "33-9032.00",
    "Event security": "33-9032.00",
    "Janitor": "37-2011.00",
    "Day porter": "37-2011.00",
    "Floor technician": "37-2011.00",
    "Room attendant": "37-2012.00",
    "Houseperson": "37-2012.00",
    "Tire technician": "49-3093.00",
    "Lube technician": "49-3023.00",
    "Apprentice pipefitter": "47-2152.00",
}


@dataclass(frozen=True)
class OjtFigures:
    """What the OJT part wrote, for the demo command's summary and the tests."""

    agreements: int
    invoices: int
    paid_cents: int
    wotc: int
    wotc_due: int

    def line(self) -> str:
        return (
            f"{self.agreements} OJT agreements, {self.invoices} invoices "
            f"(${self.paid_cents // 100:,} reimbursed), {self.wotc} WOTC filings "
            f"({self.wotc_due} due within the week or overdue)"
        )


_CANDIDATES = """
    SELECT p.id, p.hire_date, p.separation_date, coalesce(e.office_id, ''), pa.id, pa.programs,
           pa.age_group
    FROM placement p
    JOIN employer e ON e.id = p.employer_id
    JOIN participant pa ON pa.id = p.participant_id
    WHERE p.deleted_at IS NULL AND p.ojt = 1 AND e.employees_at_site IS NOT NULL
      AND p.wage_cents IS NOT NULL
    ORDER BY p.hire_date DESC, p.id
"""

Pick = tuple[str, date, date | None]


def _pick(store: Store, count: int, today: date) -> list[Pick]:
    """OJT placements taken from each job center in turn, newest first. A trainee not yet in a
    program that funds OJT is co-enrolled in WIOA (adult or youth), as BSRs do."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(_CANDIDATES)).all()
    funding = ojt_policy.policy().funding_programs
    by_office: dict[str, list[tuple]] = {}
    for row in rows:
        by_office.setdefault(row[3], []).append(row)
    chosen: list[tuple] = []
    queues = [by_office[k] for k in sorted(by_office)]
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    seen: set[str] = set()
    for _pid, _hire, _sep, _office, person_id, programs, age_group in chosen:
        codes = [p for p in (programs or "").split(",") if p]
        if person_id in seen or any(c in funding for c in codes):
            continue
        seen.add(person_id)
        wioa = "wioa-youth" if age_group == "youth" else "wioa-adult"
        participants.update_field(store, person_id, "programs", ",".join([wioa, *codes]), today)
    picked = [
        (r[0], date.fromisoformat(r[1]), date.fromisoformat(r[2]) if r[2] else None) for r in chosen
    ]
    return sorted(picked, key=lambda p: (p[1], p[0]), reverse=True)


def write_ojt_demo(store: Store, seed: int, today: date, count: int = 24) -> OjtFigures:
    """About `count` agreements (as many OJT placements as there are), billed up to `today`."""
    rng = random.Random(seed + 11)
    picked = _pick(store, count, today)
    made: list[str] = []
    ended_any = False
    for n, (placement_id, _hire, separation) in enumerate(picked):
        agreement = agreements.create_from_placement(store, placement_id, today=today)
        aid = agreement.id
        made.append(aid)
        title = agreement.position_title
        if title in ONET_BY_TITLE:
            agreements.update_field(store, aid, "onet_code", ONET_BY_TITLE[title])
        agreements.update_field(
            store, aid, "period_kind", "weekly" if rng.random() < 0.25 else "biweekly"
        )
        if n < 2:
            continue  # the newest stay drafts
        if n < 4:  # signed ahead of a start next week
            _move_start(store, agreement, today + timedelta(days=rng.randint(3, 10)))
            agreements.set_status(store, aid, "signed", today - timedelta(days=rng.randint(0, 3)))
            continue
        if n < 9:  # in training now
            agreement = _move_start(store, agreement, today - timedelta(days=rng.randint(8, 40)))
            separation = None
        start = agreement.start_date
        agreements.set_status(store, aid, "signed", start - timedelta(days=rng.randint(1, 6)))
        agreements.set_status(store, aid, "active", start)
        end = agreement.end_date
        if not ended_any and n == len(picked) - 1:
            separation = start + timedelta(days=17)  # at least one trainee leaves early
        if separation is not None and separation <= min(end, today):
            agreements.separate(store, aid, separation, rng.choice(["quit", "fired"]), today=today)
            ended_any = True
        _bill(store, aid, rng, today)
        if end < today and agreements.get(store, aid).status == AgreementStatus.ACTIVE:
            agreements.set_status(store, aid, "completed", end + timedelta(days=rng.randint(1, 5)))
    filings, due = _wotc_demo(store, rng, today)
    money = sum(
        i.paid_cents or 0
        for aid in made
        for i in invoices.invoices(store, aid)
        if i.status == "paid"
    )
    count_invoices = sum(len(invoices.invoices(store, aid)) for aid in made)
    return OjtFigures(len(made), count_invoices, money, filings, due)


def _move_start(store: Store, agreement: OjtAgreement, start: date) -> OjtAgreement:
    """Start a draft on another day, keeping its length in weeks."""
    assert agreement.start_date is not None and agreement.end_date is not None
    weeks = (agreement.end_date - agreement.start_date).days // 7 + 1
    agreements.update_field(store, agreement.id, "start_date", start)
    agreements.update_field(store, agreement.id, "end_date", start + timedelta(days=7 * weeks - 1))
    return agreements.get(store, agreement.id)


def _bill(store: Store, agreement_id: str, rng: random.Random, today: date) -> None:
    """Timesheets for every pay period that has ended, and their invoices as far as they got
    (one transaction per agreement: a few hundred steps would otherwise each commit)."""
    agreement = agreements.get(store, agreement_id)
    assert agreement.start_date is not None and agreement.end_date is not None
    last = min(agreement.end_date, agreement.ended_on or date.max)
    days = ojt_policy.policy().period_days[agreement.period_kind]
    skills = agreements.skills(store, agreement_id)
    ratings = ojt_policy.policy().ratings
    start = agreement.start_date
    step = 0
    with store.transaction() as session:
        while start <= last and start + timedelta(days=days) <= today:
            sheet_end = start + timedelta(days=days - 1)
            timesheets.add_timesheet(
                store,
                agreement_id,
                start,
                _hours(rng, start, days, agreement.ended_on),
                agreement.wage_cents,
                entered_by=agreement.staff_id,
                session=session,
            )
            rating = ratings[min(len(ratings) - 1, 1 + step * len(ratings) // 8)]
            asked = sheet_end + timedelta(days=rng.randint(1, 4))
            if asked > today:
                break
            invoice = invoices.create_invoice(
                store,
                agreement_id,
                start,
                sheet_end,
                {s.id: rating for s in skills},
                requested_on=asked,
                session=session,
            )
            approved = asked + timedelta(days=rng.randint(1, 5))
            if approved <= today:
                invoices.approve(store, invoice.id, approved, session=session)
                paid = approved + timedelta(days=rng.randint(6, 14))
                if paid <= today:
                    invoices.pay(store, invoice.id, paid, session=session)
            start += timedelta(days=days)
            step += 1


def _hours(rng: random.Random, start: date, days: int, ended_on: date | None) -> list[float]:
    """A pay period's hours: mostly 8-hour weekdays, some long days (overtime), a missed day,
    now and then a Saturday; nothing after the trainee left."""
    hours: list[float] = []
    for i in range(days):
        day = start + timedelta(days=i)
        if ended_on is not None and day > ended_on:
            hours.append(0.0)
        elif day.weekday() >= 5:
            hours.append(4.0 if rng.random() < 0.1 else 0.0)
        else:
            hours.append(rng.choice([8.0, 8.0, 8.0, 8.5, 9.0, 10.0, 7.5, 0.0]))
    return hours


_RECENT = """
    SELECT id, employer_id, participant_id, hire_date FROM placement
    WHERE deleted_at IS NULL AND hire_date >= :since ORDER BY hire_date DESC, id
"""


def _wotc_demo(store: Store, rng: random.Random, today: date) -> tuple[int, int]:
    """Filings for the last months' hires: most filed and decided, a few due this week, one late.

    Hires whose start date falls in the right window are chosen for the filings still due; when
    a small dataset has none, the filing's start date is set to fit.
    """
    rules = ojt_policy.policy()
    with store.engine.connect() as conn:
        rows = [
            (pid, employer_id, person_id, date.fromisoformat(hire))
            for pid, employer_id, person_id, hire in conn.execute(
                text(_RECENT), {"since": (today - timedelta(days=240)).isoformat()}
            )
        ]
    rows = rows[:10] + rows[10::3][:8]  # the last weeks' hires, and some from months ago
    filing, warn = rules.wotc_filing_days, rules.wotc_warn_days
    # Days since the start for the filings left due: three this week, one past the deadline.
    wanted = [
        (filing - warn + 1, filing - 1),
        (filing - warn + 1, filing - 1),
        (filing - warn + 1, filing - 1),
        (filing + 1, filing + 20),
    ]
    plan: list[tuple[tuple, date, bool]] = []
    rest = list(rows)
    for low, high in wanted:
        fit = next((r for r in rest if low <= (today - r[3]).days <= high), None)
        if fit is None and rest:
            fit = rest[-1]
            start = today - timedelta(days=rng.randint(low, high))
        elif fit is None:
            break
        else:
            start = fit[3]
        rest.remove(fit)
        plan.append((fit, start, True))
    plan += [(r, r[3], False) for r in rest]
    due = 0
    for (pid, employer_id, participant_id, _hire), start, left_due in plan:
        record = wotc.create(
            store,
            employer_id,
            participant_id,
            {
                "prescreened_on": start - timedelta(days=rng.randint(5, 12)),
                "offer_on": start - timedelta(days=rng.randint(1, 4)),
                "start_on": start,
            },
            placement_id=pid,
        )
        if left_due:
            due += 1
            continue
        filed = start + timedelta(days=rng.randint(3, 20))
        if filed > today:
            continue
        wotc.set_status(store, record.id, "filed", filed)
        decided = filed + timedelta(days=rng.randint(30, 70))
        if decided <= today:
            wotc.set_status(store, record.id, rng.choice(["certified"] * 4 + ["denied"]), decided)
    return len(plan), due
