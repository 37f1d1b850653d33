"""What a partnership gave one employer, for the impact sheet: events, referrals, hires,
retention, OJT money and tax-credit filings, plus the agency's outcome rate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import select

from app.core.metrics import Figure
from app.core.models import Employer, EventHost, Office, Staff
from app.core.models.events import event_held
from app.core.periods import last_12_months
from app.core.retention import Rate, Span, retention_at
from app.documents.impact_sheet import ImpactData, ImpactEvent
from app.services.agency import settings
from app.services.agency.public import letterhead
from app.services.events.event_report import event_numbers
from app.services.events.events import detail
from app.services.ojt import totals as ojt_totals
from app.services.reports.definitions import load_definitions
from app.services.reports.metrics import Scope, compute, local_day
from app.store.engine import Store


@dataclass(frozen=True)
class Referrals:
    sent: int
    interviewed: int
    hired: int


def _one(store: Store, sql: str, employer_id: str) -> list:
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), {"e": employer_id}).all())


def events_of(store: Store, employer_id: str, as_of: date) -> list[ImpactEvent]:
    """Events held that the employer hosted or joined, with who came and what came of it."""
    with store.session() as session:
        event_ids = {
            h.event_id
            for h in session.exec(
                select(EventHost).where(
                    EventHost.employer_id == employer_id, EventHost.deleted_at.is_(None)
                )
            )
        }
    out = []
    for event_id in event_ids:
        info = detail(store, event_id)
        day = local_day(info.event.starts_at)
        n = event_numbers(store, event_id)
        if day > as_of or not event_held(info.event.status, n.attended > 0):
            continue
        mine = n.by_employer.get(
            next((h.dba_name or h.legal_name for h in info.hosts if h.id == employer_id), ""), {}
        )
        out.append(
            ImpactEvent(
                day,
                info.title,
                info.kind.label,
                n.attended,
                mine.get("met_employer", 0),
                mine.get("interview_set", 0),
            )
        )
    return sorted(out, key=lambda e: e.day)


def referrals_of(store: Store, employer_id: str) -> Referrals:
    rows = _one(
        store,
        """SELECT count(*), total(outcome IN ('interview', 'hired', 'not_hired')
                OR interview_on IS NOT NULL), total(outcome = 'hired')
           FROM referral WHERE employer_id = :e AND deleted_at IS NULL""",
        employer_id,
    )
    sent, interviewed, hired = rows[0]
    return Referrals(int(sent), int(interviewed), int(hired))


def hires_of(store: Store, employer_id: str) -> list[Span]:
    rows = _one(
        store,
        """SELECT hire_date, separation_date, separation_reason, ojt FROM placement
           WHERE employer_id = :e AND deleted_at IS NULL""",
        employer_id,
    )
    return [
        Span(
            date.fromisoformat(str(r[0])),
            date.fromisoformat(str(r[1])) if r[1] else None,
            r[2] or "",
            bool(r[3]),
        )
        for r in rows
    ]


def wotc_of(store: Store, employer_id: str) -> tuple[int, int, int]:
    """Tax-credit filings for this employer's hires: (screened or more, filed, certified)."""
    rows = _one(
        store,
        """SELECT count(*), total(status IN ('filed', 'certified', 'denied')),
                  total(status = 'certified')
           FROM wotc_record WHERE employer_id = :e AND deleted_at IS NULL""",
        employer_id,
    )
    return int(rows[0][0]), int(rows[0][1]), int(rows[0][2])


def agency_outcome(store: Store, as_of: date) -> Figure:
    """The agency's successful outcome rate over the last 12 months, with its definition."""
    return compute(store, Scope(last_12_months(as_of), as_of=as_of), sections=("placements",))[
        "outcome_rate"
    ]


def impact_data(store: Store, employer_id: str, as_of: date | None = None) -> ImpactData:
    as_of = as_of or date.today()
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is None or employer.deleted_at is not None:
            raise LookupError(f"No employer with the id {employer_id}.")
        office = session.get(Office, employer.office_id) if employer.office_id else None
        bsr = session.get(Staff, employer.owner_id) if employer.owner_id else None
    bsr = bsr or settings.me(store)
    spans = hires_of(store, employer_id)
    rates: list[Rate] = [retention_at(spans, day, as_of) for day in (30, 90, 180)]
    money = ojt_totals.totals(store, "employer").get(employer_id, ojt_totals.Totals())
    defs = load_definitions()
    outcome = agency_outcome(store, as_of)
    refs = referrals_of(store, employer_id)
    return ImpactData(
        head=letterhead(office, bsr),
        employer=employer.dba_name or employer.legal_name,
        as_of=as_of,
        events=events_of(store, employer_id, as_of),
        referred=refs.sent,
        interviewed=refs.interviewed,
        hired=sum(1 for s in spans if s.started(as_of)),
        still_employed=sum(
            1
            for s in spans
            if s.started(as_of) and (s.separation_date is None or s.separation_date > as_of)
        ),
        retention=[(r.day, r.text()) for r in rates],
        ojt_reimbursed_cents=money.reimbursed_cents,
        ojt_trainees=len(money.agreements),
        wotc=wotc_of(store, employer_id),
        outcome_text=outcome.detail(),
        outcome_definition=outcome.definition.definition + " " + outcome.definition.not_counted,
        definitions=[
            defs[k].text() for k in ("came", "placements", "retention_90", "ojt_reimbursed")
        ],
    )


def impact_pdf(store: Store, employer_id: str, as_of: date | None = None) -> bytes:
    from app.documents.impact_sheet import build_impact

    return build_impact(impact_data(store, employer_id, as_of))
