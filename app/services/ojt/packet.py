"""The OJT packet from the store: what it prints, what is missing (and where to fix it), the PDF.

Everything printed comes from records already typed once: the agreement (which
copied the employer's facts when it was made), its training plan, the invoice of
the period, its timesheets and the hire's WOTC record. The missing-information
list names each blank by field and by the record where it is fixed, so a BSR
fixes the source rather than the paper.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from app import forms
from app.core.models import Employer, Office, Participant, Program, Staff
from app.core.models.ojt import (
    AgreementStatus,
    Invoice,
    InvoiceStatus,
    OjtAgreement,
    Timesheet,
    WotcRecord,
    WotcStatus,
)
from app.core.ojt import OjtPolicy, billable_until, next_period_start, wotc_deadline
from app.core.ojt_money import round_half_up
from app.core.trainer import signing_trainer
from app.documents.ojt import packet as packet_doc
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
from app.services.agency.offices import office_card
from app.services.ojt import policy as ojt_policy
from app.services.ojt.invoices import effective, live_invoices
from app.services.ojt.plan import skills_in
from app.services.records import live
from app.store.engine import Store

EMPLOYER, PARTICIPANT, AGREEMENT, PLAN, WOTC = (
    "employer",
    "participant",
    "agreement",
    "plan",
    "wotc",
)


@dataclass(frozen=True)
class MissingItem:
    """One blank of the packet: what it is, on which record, and which field to fill."""

    label: str  # as the packet and the list name it
    record: str  # EMPLOYER, PARTICIPANT, AGREEMENT, PLAN or WOTC
    record_id: str
    field: str  # the record's attribute
    hint: str = ""

    @property
    def where(self) -> str:
        return {
            EMPLOYER: "Employer record",
            PARTICIPANT: "Participant record",
            AGREEMENT: "OJT agreement",
            PLAN: "Training plan",
            WOTC: "WOTC record",
        }[self.record]


def _text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _positive(value: int | float | None) -> int | float | None:
    return value if value else None


def _address(street: str, city: str, state: str, zip_code: str) -> str | None:
    if not street.strip():
        return None
    place = " ".join(p for p in (state, zip_code) if p)
    return ", ".join(p for p in (street, city, place) if p)


# Gathering --------------------------------------------------------------------------


def _invoices(session: Session, agreement_id: str) -> list[Invoice]:
    """The agreement's standing invoices in period order: a corrected one gives way to its
    correction, which keeps its place (and its request number)."""
    return effective(live_invoices(session, agreement_id))


def _pick_invoice(invoices: Sequence[Invoice], period: date | None) -> Invoice | None:
    """The invoice covering `period`; else the latest one not paid yet; else the latest."""
    if not invoices:
        return None
    if period is not None:
        covering = [i for i in invoices if i.period_start <= period <= i.period_end]
        return covering[-1] if covering else None
    open_ = [i for i in invoices if i.status != InvoiceStatus.PAID]
    return (open_ or list(invoices))[-1]


def _letterhead(session: Session, agreement: OjtAgreement) -> tuple[Letterhead, Staff | None]:
    staff = session.get(Staff, agreement.staff_id) if agreement.staff_id else None
    office_id = agreement.office_id or (staff.office_id if staff else None)
    office = session.get(Office, office_id) if office_id else None
    card = office_card(office)
    agency = forms.PROGRAMS.load().agency
    head = Letterhead(
        agency_name=agency.name,
        office_name=card.name if card else "",
        office_address=card.address if card else "",
        office_phone=card.phone if card else "",
        website=agency.website,
    )
    return head, staff


def _program_name(session: Session, code: str, policy: OjtPolicy) -> str | None:
    """The public name of a funding program; an internal program is never printed."""
    if not code or code not in policy.funding_programs:
        return None
    row = session.exec(select(Program).where(Program.code == code)).first()
    return row.name if row else None


def _days(session: Session, invoice: Invoice) -> tuple[tuple[tuple[date, float], ...], int]:
    """Hours worked each day of the invoice's timesheets, and the wages paid in cents."""
    ids = [i for i in invoice.timesheet_ids.split(",") if i]
    sheets = session.exec(select(Timesheet).where(col(Timesheet.id).in_(ids))).all() if ids else []
    minutes: dict[date, int] = {}
    wages = 0
    for sheet in sorted(sheets, key=lambda s: s.period_start):
        for n, value in enumerate(json.loads(sheet.minutes_json or "[]")):
            day = sheet.period_start + timedelta(days=n)
            if invoice.period_start <= day <= invoice.period_end and value:
                minutes[day] = minutes.get(day, 0) + int(value)
                wages += int(value) * sheet.wage_paid_cents
    days = tuple((d, m / 60) for d, m in sorted(minutes.items()))
    return days, round_half_up(wages, 60)


def _invoice_part(session: Session, invoice: Invoice, invoices: Sequence[Invoice]) -> InvoicePart:
    days, wages = _days(session, invoice)
    return InvoicePart(
        number=[i.id for i in invoices].index(invoice.id) + 1,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        days=days,
        regular_hours=invoice.regular_minutes / 60,
        overtime_hours=invoice.overtime_minutes / 60,
        wages_paid_cents=wages if days else None,
        reimbursable_cents=invoice.amount_cents,
        previously_reimbursed_cents=invoice.cumulative_cents - invoice.amount_cents,
        status=InvoiceStatus(invoice.status).label,
        requested_on=invoice.requested_on,
    )


def next_period(
    agreement: OjtAgreement, after: date | None, policy: OjtPolicy
) -> tuple[date, date] | None:
    """The pay period after `after` (or the first one), within the billable dates."""
    if agreement.start_date is None or agreement.status in (
        AgreementStatus.COMPLETED,
        AgreementStatus.ENDED_EARLY,
    ):
        return None
    start = next_period_start(agreement.start_date, after)
    length = policy.period_days.get(agreement.period_kind, 7)
    end = start + timedelta(days=length - 1)
    last = billable_until(agreement.end_date, agreement.ended_on)
    if last is not None:
        if start > last:
            return None
        end = min(end, last)
    return start, end


def _wotc(session: Session, agreement: OjtAgreement) -> WotcRecord | None:
    rows = session.exec(
        select(WotcRecord)
        .where(col(WotcRecord.deleted_at).is_(None))
        .where(WotcRecord.participant_id == agreement.participant_id)
        .where(WotcRecord.employer_id == agreement.employer_id)
        .order_by(WotcRecord.created_at)
    ).all()
    linked = [r for r in rows if r.agreement_id == agreement.id]
    return (linked or list(rows) or [None])[-1]


def gather(
    store: Store, agreement_id: str, period: date | None = None, today: date | None = None
) -> PacketData:
    """Everything the packet prints for the agreement (and the invoice covering `period`)."""
    policy = ojt_policy.policy()
    with store.session() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        return _gather(session, agreement, period, policy, today or date.today())


def _gather(
    session: Session, a: OjtAgreement, period: date | None, policy: OjtPolicy, today: date
) -> PacketData:
    head, staff = _letterhead(session, a)
    person = session.get(Participant, a.participant_id)
    name = f"{person.first_name} {person.last_name}".strip() if person else ""
    skills = skills_in(session, a.id)
    invoices = _invoices(session, a.id)
    invoice = _pick_invoice(invoices, period)
    after = invoice.period_end if invoice else (invoices[-1].period_end if invoices else None)
    ratings: dict[str, str] = json.loads(invoice.ratings_json or "{}") if invoice else {}
    wotc = _wotc(session, a)
    contact = ", ".join(p for p in (staff.phone, staff.email) if p) if staff else ""
    trainer = signing_trainer(a.supervisor_name, a.supervisor_title)
    return PacketData(
        letterhead=head,
        employer=EmployerPart(
            legal_name=_text(a.employer_legal_name),
            fein=_text(a.employer_fein),
            worksite_address=_address(
                a.worksite_street, a.worksite_city, a.worksite_state, a.worksite_zip
            ),
            phone=_text(a.employer_phone),
            signer_name=_text(a.signer_name),
            signer_title=_text(a.signer_title),
            supervisor_name=_text(trainer.name),
            supervisor_title=_text(trainer.title),
            employees_at_site=a.employees_at_site,
        ),
        trainee=TraineePart(
            name=_text(name), program=_program_name(session, a.program_code, policy)
        ),
        agreement=AgreementPart(
            position_title=_text(a.position_title),
            onet_code=_text(a.onet_code),
            onet_title=_text(a.onet_title),
            start_date=a.start_date,
            end_date=a.end_date,
            hours_per_week=_positive(a.hours_per_week),
            training_hours=_positive(a.training_hours),
            wage_cents=_positive(a.wage_cents),  # type: ignore[arg-type]
            rate_percent=_positive(a.rate_percent),  # type: ignore[arg-type]
            rate_reason=a.rate_reason if a.rate_percent != a.scale_rate_percent else "",
            max_reimbursement_cents=_positive(a.max_reimbursement_cents),  # type: ignore[arg-type]
            per_trainee_cap_cents=a.per_trainee_cap_cents or None,
            regular_hours_per_week=a.regular_hours_per_week,
            status=AgreementStatus(a.status).label,
            signed_on=a.signed_on,
            rule_source=ojt_policy.scale().source,
        ),
        plan=PlanPart(
            skills=tuple(
                PlanSkill(
                    skill=_text(s.skill),
                    start_level=_text(s.start_level),
                    target_level=_text(s.target_level),
                    hours=_positive(s.hours),
                    classroom=s.classroom,
                )
                for s in skills
            ),
            classroom_provider=a.classroom_provider,
        ),
        invoice=_invoice_part(session, invoice, invoices) if invoice else None,
        next_period=next_period(a, after, policy),
        progress=tuple(
            ProgressRating(s.skill, _text(s.target_level), ratings.get(s.id))
            for s in skills
            if s.skill and s.id in ratings
        ),
        wotc=_wotc_part(wotc, policy) if wotc else None,
        rating_scale=tuple(policy.ratings),
        prepared_by=staff.name if staff else "",
        prepared_by_contact=contact,
        prepared_on=today,
    )


def _wotc_part(row: WotcRecord, policy: OjtPolicy) -> WotcPart:
    return WotcPart(
        prescreen_date=row.prescreened_on,
        offer_date=row.offer_on,
        start_date=row.start_on,
        starting_wage_cents=row.starting_wage_cents,
        filing_deadline=wotc_deadline(row.start_on, policy),
        status=WotcStatus(row.status).label,
        filing_days=policy.wotc_filing_days,
    )


# What is missing ------------------------------------------------------------------

#: Employer facts the agreement copies: (label, agreement field, employer field or None).
_COPIED = (
    ("Employer (legal name)", "employer_legal_name", "legal_name"),
    ("FEIN", "employer_fein", "fein"),
    ("Worksite address", "worksite_street", "street"),
    ("Phone", "employer_phone", "main_phone"),
    ("Employees at the worksite", "employees_at_site", "employees_at_site"),
    ("Authorized signer", "signer_name", None),
    ("Signer's title", "signer_title", None),
    ("Training supervisor", "supervisor_name", None),
)
_AGREEMENT_FIELDS = (
    ("Position", "position_title"),
    ("O*NET-SOC occupation", "onet_code"),
    ("Training starts", "start_date"),
    ("Training ends", "end_date"),
    ("Hours per week", "hours_per_week"),
    ("Training hours in all", "training_hours"),
    ("Starting hourly wage", "wage_cents"),
    ("Share of wages reimbursed", "rate_percent"),
)
_WOTC_FIELDS = (
    ("Pre-screening date", "prescreened_on"),
    ("Job offered", "offer_on"),
    ("Started work", "start_on"),
    ("Starting hourly wage", "starting_wage_cents"),
)


def _blank(value: object) -> bool:
    return value is None or value == 0 or (isinstance(value, str) and not value.strip())


def missing_information(store: Store, agreement_id: str) -> list[MissingItem]:
    """Every blank the packet would print, each on the record where it is filled in.

    An employer fact missing from the agreement is fixed on the employer record when
    the employer lacks it too, else on the agreement (which copied it before it was known).
    """
    policy = ojt_policy.policy()
    with store.session() as session:
        a = live(session, OjtAgreement, agreement_id, "OJT agreement")
        employer = session.get(Employer, a.employer_id)
        person = session.get(Participant, a.participant_id)
        skills = skills_in(session, a.id)
        wotc = _wotc(session, a)
    items: list[MissingItem] = []
    for label, field, source in _COPIED:
        if not _blank(getattr(a, field)):
            continue
        if source and employer is not None and _blank(getattr(employer, source)):
            items.append(MissingItem(label, EMPLOYER, employer.id, source))
        else:
            hint = "The employer record has it: copy it into the agreement." if source else ""
            items.append(MissingItem(label, AGREEMENT, a.id, field, hint))
    if person is not None and _blank(f"{person.first_name}{person.last_name}"):
        items.append(MissingItem("Trainee", PARTICIPANT, person.id, "last_name"))
    if a.program_code not in policy.funding_programs:
        if person is not None and not any(
            p in policy.funding_programs for p in person.programs.split(",")
        ):
            hint = "The trainee needs a program that funds OJT."
            items.append(MissingItem("Program", PARTICIPANT, person.id, "programs", hint))
        else:
            items.append(MissingItem("Program", AGREEMENT, a.id, "program_code"))
    items += [
        MissingItem(label, AGREEMENT, a.id, field)
        for label, field in _AGREEMENT_FIELDS
        if _blank(getattr(a, field))
    ]
    if not skills:
        items.append(MissingItem("Skills of the training plan", PLAN, a.id, "skill"))
    for s in skills:
        name = s.skill.strip() or f"Skill {s.position + 1}"
        for label, field in (
            ("skill name", "skill"),
            ("target level", "target_level"),
            ("starting level", "start_level"),
            ("hours", "hours"),
        ):
            if _blank(getattr(s, field)):
                items.append(MissingItem(f"{name}: {label}", PLAN, s.id, field))
    if wotc is not None:
        items += [
            MissingItem(f"WOTC: {label.lower()}", WOTC, wotc.id, field)
            for label, field in _WOTC_FIELDS
            if _blank(getattr(wotc, field))
        ]
    return items


# The PDFs ---------------------------------------------------------------------------


def packet_pdf(
    store: Store, agreement_id: str, period: date | None = None, today: date | None = None
) -> bytes:
    return packet_doc.build_packet(gather(store, agreement_id, period, today))


def invoices_due(store: Store, year: int, month: int) -> list[tuple[str, date]]:
    """(agreement id, period end) of every standing invoice not paid yet whose period ends in
    the month, in employer order: the requests to have signed and sent this month."""
    first = date(year, month, 1)
    after = date(year + (month == 12), month % 12 + 1, 1)
    corrected = (
        select(Invoice.corrects_id)
        .where(col(Invoice.corrects_id).is_not(None))
        .where(col(Invoice.deleted_at).is_(None))
    )
    with store.session() as session:
        rows = session.exec(
            select(Invoice, OjtAgreement)
            .join(OjtAgreement, col(OjtAgreement.id) == Invoice.agreement_id)
            .where(col(Invoice.deleted_at).is_(None))
            .where(col(OjtAgreement.deleted_at).is_(None))
            .where(Invoice.status != InvoiceStatus.PAID.value)
            .where(col(Invoice.id).not_in(corrected))
            .where(Invoice.period_end >= first, Invoice.period_end < after)
            .order_by(OjtAgreement.employer_legal_name, Invoice.period_end)
        ).all()
        return [(a.id, i.period_end) for i, a in rows]


def invoices_due_pdf(store: Store, year: int, month: int, today: date | None = None) -> bytes:
    """Every reimbursement request due in the month in one PDF, each numbered on its own.
    Raises ValueError when none is due."""
    due = invoices_due(store, year, month)
    if not due:
        raise ValueError(f"No reimbursement request is due in {date(year, month, 1):%B %Y}.")
    policy = ojt_policy.policy()
    day = today or date.today()
    with store.session() as session:
        packets = [
            _gather(session, live(session, OjtAgreement, a, "OJT agreement"), end, policy, day)
            for a, end in due
        ]
    return packet_doc.build_invoice_batch(
        packets, f"Reimbursement requests due in {date(year, month, 1):%B %Y}"
    )


def save(out: Path, data: bytes) -> Path:
    """Write through a temporary file, so a half-written PDF never remains under the name."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out
