"""The pages of a training period: the reimbursement request, the next timesheet, the progress report."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.platypus import Flowable, Spacer

from app.documents.ojt.blocks import (
    BODY,
    H2,
    SMALL,
    TITLE,
    Blanks,
    choices,
    day,
    field,
    fields,
    grid,
    hours,
    money,
    para,
    show,
    signatures,
    supervisor_party,
)
from app.documents.ojt.data import InvoicePart, PacketData
from app.documents.paper import esc


def _who(data: PacketData, blanks: Blanks) -> list[tuple[str, str]]:
    return [
        field("Employer", data.employer.legal_name, blanks),
        field("Trainee", data.trainee.name, blanks),
        field("Position", data.agreement.position_title, blanks),
        field("Training supervisor", data.employer.supervisor_text, blanks),
    ]


def period_text(start: date, end: date) -> str:
    return f"{day(start)} to {day(end)}"


def invoice_section(data: PacketData, invoice: InvoicePart, blanks: Blanks) -> list[Flowable]:
    a = data.agreement
    days = [[f"{d:%a}", day(d), hours(h)] for d, h in sorted(invoice.days)] or [
        ["", blanks.mark("Days worked"), ""]
    ]
    to_date = invoice.previously_reimbursed_cents + invoice.reimbursable_cents
    left = (
        money(max(0, a.max_reimbursement_cents - to_date))
        if a.max_reimbursement_cents is not None
        else blanks.mark("Maximum reimbursement")
    )
    amounts = [
        ("Regular hours (reimbursed)", hours(invoice.regular_hours)),
        (
            f"Overtime hours above {a.regular_hours_per_week} a week (not reimbursed)",
            hours(invoice.overtime_hours),
        ),
        field("Hourly wage", a.wage_cents, blanks, money, what="Starting hourly wage"),
        field("Wages paid this period", invoice.wages_paid_cents, blanks, money),
        field("Share reimbursed", a.rate_percent, blanks, lambda v: f"{v}%"),
        ("Amount requested this period", money(invoice.reimbursable_cents)),
        ("Reimbursed before this request", money(invoice.previously_reimbursed_cents)),
        ("Total with this request", money(to_date)),
        field("Maximum reimbursement", a.max_reimbursement_cents, blanks, money),
        ("Left under the maximum", left),
    ]
    return [
        para(f"Reimbursement Request No. {invoice.number}", TITLE),
        para(
            f"Training period {period_text(invoice.period_start, invoice.period_end)}"
            + (f", requested {day(invoice.requested_on)}" if invoice.requested_on else ""),
            BODY,
        ),
        Spacer(1, 6),
        fields(_who(data, blanks)),
        para("Hours worked", H2),
        grid(
            ["Day", "Date", "Hours"],
            days,
            (0.3, 0.4, 0.3),
            total=["Total", "", hours(sum(h for _, h in invoice.days))],
        ),
        para("Amount", H2),
        grid(["", "This request"], [[esc(k), v] for k, v in amounts], (0.65, 0.35)),
        Spacer(1, 4),
        para(
            "Amount requested = regular hours x hourly wage x share reimbursed, in cents, "
            "rounded down once for the request. The total never goes above the maximum.",
            SMALL,
        ),
        signatures(
            [
                (
                    "For the employer",
                    show(data.employer.signer_name, blanks, what="Authorized signer"),
                    show(data.employer.signer_title, blanks, what="Signer's title"),
                ),
            ]
        ),
        para(
            "By signing, the employer certifies that the trainee worked the hours above and "
            "was paid the wages shown, and that the payroll records are kept for review.",
            SMALL,
        ),
    ]


def timesheet_section(data: PacketData, start: date, end: date, blanks: Blanks) -> list[Flowable]:
    span = (end - start).days + 1
    rows = [
        [f"{d:%a}", day(d), "", "", "", "", ""]
        for d in (start + timedelta(days=n) for n in range(span))
    ]
    return [
        para("Timesheet", TITLE),
        para(
            f"Training period {period_text(start, end)}. Fill in each day worked; hours above "
            f"{data.agreement.regular_hours_per_week} in a week are overtime and are not "
            f"reimbursed. Return it signed with the next reimbursement request.",
            BODY,
        ),
        Spacer(1, 6),
        fields(_who(data, blanks)),
        Spacer(1, 8),
        grid(
            ["Day", "Date", "Time in", "Time out", "Break", "Hours", "Skill practised"],
            rows,
            (0.07, 0.14, 0.12, 0.12, 0.1, 0.1, 0.35),
            total=["Total", "", "", "", "", "", ""],
            row_height=22,
        ),
        signatures(
            [
                ("Trainee", show(data.trainee.name, blanks, what="Trainee"), ""),
                supervisor_party(data.employer.supervisor_name, data.employer.supervisor_title),
            ]
        ),
    ]


def progress_section(data: PacketData, blanks: Blanks) -> list[Flowable]:
    ratings = {r.skill: r for r in data.progress}
    skills = [s.skill for s in data.plan.skills if s.skill] or list(ratings)
    rows = []
    for skill in skills:
        given = ratings.get(skill)
        target = given.target_level if given and given.target_level else _target(data, skill)
        if given and given.rating:
            rating: str | Flowable = f"<b>{esc(given.rating)}</b>"
        else:
            rating = choices(data.rating_scale)
        rows.append(
            [
                esc(skill),
                show(target, blanks, what="Skill target level"),
                rating,
                esc(given.comment) if given else "",
            ]
        )
    if not rows:
        rows = [[blanks.mark("Skills of the training plan"), "", "", ""]]
    period = data.invoice and period_text(data.invoice.period_start, data.invoice.period_end)
    return [
        para("Progress Report", TITLE),
        para(
            "How far the trainee has come on each skill of the training plan"
            + (f", for the training period {period}." if period else "."),
            BODY,
        ),
        Spacer(1, 6),
        fields(_who(data, blanks)),
        para("Skills", H2),
        grid(["Skill", "Target level", "Rating", "Comments"], rows, (0.3, 0.18, 0.2, 0.32)),
        signatures(
            [supervisor_party(data.employer.supervisor_name, data.employer.supervisor_title)]
        ),
    ]


def _target(data: PacketData, skill: str) -> str | None:
    for s in data.plan.skills:
        if s.skill == skill:
            return s.target_level
    return None
