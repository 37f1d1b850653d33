"""The OJT & Packets list: one row per agreement with the names, the next invoice and the money.

Read in a handful of queries whatever the number of agreements, so the page
and its filters stay quick on a full store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from app.core.models import Employer, Participant, Placement, Staff
from app.core.models.ojt import AgreementStatus, Invoice, OjtAgreement
from app.services.ojt import policy as ojt_policy
from app.services.ojt import totals
from app.services.ojt.agreements import AgreementFilter, agreements
from app.services.ojt.packet import next_period
from app.store.engine import Store


@dataclass(frozen=True)
class AgreementRow:
    id: str
    employer_id: str
    participant_id: str
    staff_id: str | None
    employer_name: str
    trainee_name: str
    position: str
    status: str
    bsr_name: str
    start_date: date | None
    #: The last day of the next period not invoiced yet (signed and active agreements only).
    next_invoice_due: date | None
    reimbursed_cents: int
    max_cents: int

    @property
    def status_label(self) -> str:
        return AgreementStatus(self.status).label


def rows(store: Store, where: AgreementFilter | None = None) -> list[AgreementRow]:
    found = agreements(store, where or AgreementFilter())
    paid = totals.reimbursed_by_agreement(store)
    policy = ojt_policy.policy()
    ids = [a.id for a in found]
    with store.session() as session:
        names = {
            p.id: f"{p.first_name} {p.last_name}".strip()
            for p in session.exec(
                select(Participant).where(
                    col(Participant.id).in_({a.participant_id for a in found})
                )
            )
        }
        staff = {s.id: s.name for s in session.exec(select(Staff))}
        last = dict(
            session.exec(
                select(Invoice.agreement_id, func.max(Invoice.period_end))
                .where(col(Invoice.agreement_id).in_(ids))
                .where(col(Invoice.deleted_at).is_(None))
                .group_by(Invoice.agreement_id)
            ).all()
        )
    out = []
    for a in found:
        billing = a.status in (AgreementStatus.SIGNED, AgreementStatus.ACTIVE)
        period = next_period(a, last.get(a.id), policy) if billing else None
        out.append(
            AgreementRow(
                id=a.id,
                employer_id=a.employer_id,
                participant_id=a.participant_id,
                staff_id=a.staff_id,
                employer_name=a.employer_legal_name,
                trainee_name=names.get(a.participant_id, ""),
                position=a.position_title,
                status=a.status,
                bsr_name=staff.get(a.staff_id or "", ""),
                start_date=a.start_date,
                next_invoice_due=period[1] if period else None,
                reimbursed_cents=paid.get(a.id, 0),
                max_cents=a.max_reimbursement_cents,
            )
        )
    return out


@dataclass(frozen=True)
class PlacementChoice:
    """A placement an agreement can be made from."""

    id: str
    label: str


def placements_without_agreement(
    store: Store, employer_id: str | None = None, participant_id: str | None = None
) -> list[PlacementChoice]:
    """Hires still on the job that have no OJT agreement yet, newest first."""
    with store.session() as session:
        taken = set(
            session.exec(
                select(OjtAgreement.placement_id).where(col(OjtAgreement.deleted_at).is_(None))
            )
        )
        query = (
            select(Placement, Participant)
            .join(Participant, col(Participant.id) == Placement.participant_id)
            .where(col(Placement.deleted_at).is_(None))
            .where(col(Placement.separation_date).is_(None))
        )
        if employer_id:
            query = query.where(Placement.employer_id == employer_id)
        if participant_id:
            query = query.where(Placement.participant_id == participant_id)
        found = session.exec(query.order_by(col(Placement.hire_date).desc())).all()
        employers = {
            e.id: e.legal_name
            for e in session.exec(
                select(Employer).where(col(Employer.id).in_({p.employer_id for p, _ in found}))
            )
        }
    return [
        PlacementChoice(
            p.id,
            f"{person.first_name} {person.last_name} - {p.position_title or 'position'} at "
            f"{employers.get(p.employer_id, '')} (hired {p.hire_date:%m/%d/%Y})",
        )
        for p, person in found
        if p.id not in taken
    ]
