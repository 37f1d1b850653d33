"""Invoices: a reimbursement request for a period, billed from its timesheets; approved, paid;
corrected by a new invoice once approved.

Amounts follow the one rounding rule of app.core.ojt_money: each invoice (or
correction) asks for the change of the agreement's cumulative capped amount, so
the live invoices of an agreement always add up to the rounded exact amount of
the work billed, never above the maximum. Hours after the separation or the end
date are not reimbursed, and no invoice starts after them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, select

from app.core import validation as v
from app.core.models import AgreementStatus, Invoice, InvoiceStatus, OjtAgreement
from app.core.ojt import billable_until
from app.core.ojt_money import PeriodFigures, invoice_money
from app.services.ojt import policy as ojt_policy
from app.services.ojt.timesheets import agreement_figures, day_work
from app.services.ojt.timesheets import current_in as current_sheets
from app.services.records import live, soft_delete, touch, within
from app.store.engine import Store

BILLABLE = frozenset(
    {AgreementStatus.ACTIVE, AgreementStatus.COMPLETED, AgreementStatus.ENDED_EARLY}
)


def live_invoices(session: Session, agreement_id: str) -> list[Invoice]:
    return list(
        session.exec(
            select(Invoice)
            .where(
                Invoice.agreement_id == agreement_id,
                Invoice.deleted_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(Invoice.period_start, Invoice.created_at, Invoice.id)  # type: ignore[arg-type]
        )
    )


def effective(rows: list[Invoice]) -> list[Invoice]:
    """The invoices that stand: those no live correction replaces."""
    corrected = {r.corrects_id for r in rows if r.corrects_id}
    return [r for r in rows if r.id not in corrected]


def invoices(store: Store, agreement_id: str) -> list[Invoice]:
    """Every live invoice of the agreement (corrections included), in period order."""
    with store.session() as session:
        return live_invoices(session, agreement_id)


def open_periods(store: Store, agreement_id: str) -> list[tuple[date, date]]:
    """The pay periods with hours entered that no standing invoice bills yet, in order."""
    with store.session() as session:
        sheets = current_sheets(session, agreement_id)
        standing = effective(live_invoices(session, agreement_id))
    return [
        (s.period_start, s.period_end)
        for s in sheets
        if not any(
            r.period_start <= s.period_start and s.period_end <= r.period_end for r in standing
        )
    ]


def get(store: Store, invoice_id: str) -> Invoice:
    with store.session() as session:
        return live(session, Invoice, invoice_id, "invoice")


def _clean_ratings(ratings: dict[str, Any] | None) -> str:
    allowed = ojt_policy.policy().ratings
    result: dict[str, str] = {}
    for skill_id, rating in (ratings or {}).items():
        if rating not in allowed:
            raise v.FieldError("ratings", f"A progress rating is one of: {', '.join(allowed)}.")
        result[str(skill_id)] = str(rating)
    return json.dumps(result, sort_keys=True)


def _figures(
    session: Session, agreement: OjtAgreement, start: date, end: date
) -> tuple[PeriodFigures, list[str]]:
    sheets = [
        s
        for s in current_sheets(session, agreement.id)
        if start <= s.period_start and s.period_end <= end
    ]
    if not sheets:
        raise v.FieldError(
            "period_start",
            f"No timesheet from {start:%m/%d/%Y} to {end:%m/%d/%Y}: enter the hours first.",
        )
    figures = agreement_figures(agreement, [d for s in sheets for d in day_work(s)])
    return figures, [s.id for s in sheets]


def _bill(
    session: Session,
    agreement: OjtAgreement,
    start: date,
    end: date,
    standing: list[Invoice],
    replacing: Invoice | None,
    requested_on: date | None,
) -> Invoice:
    """An invoice (or a correction replacing one) for the period's timesheets: its amount is
    the change of the agreement's cumulative capped amount (app.core.ojt_money)."""
    figures, sheet_ids = _figures(session, agreement, start, end)
    change = figures.exact_units - (replacing.exact_units if replacing else 0)
    money = invoice_money(
        sum(r.exact_units for r in standing), change, agreement.max_reimbursement_cents
    )
    invoice = Invoice(
        agreement_id=agreement.id,
        period_start=start,
        period_end=end,
        timesheet_ids=",".join(sheet_ids),
        regular_minutes=figures.regular_minutes,
        overtime_minutes=figures.overtime_minutes,
        left_out_minutes=figures.left_out_minutes,
        wage_cents=agreement.wage_cents,
        rate_percent=agreement.rate_percent,
        exact_units=figures.exact_units,
        amount_cents=money.amount_cents,
        cumulative_cents=money.cumulative_cents,
        requested_on=requested_on,
        corrects_id=replacing.id if replacing else None,
    )
    session.add(invoice)
    return invoice


def create_invoice(
    store: Store,
    agreement_id: str,
    period_start: date | str,
    period_end: date | str,
    ratings: dict[str, Any] | None = None,
    requested_on: date | str | None = None,
    session: Session | None = None,
) -> Invoice:
    """Bill the timesheets of a period: regular hours x wage x rate, cumulative against the max."""
    start = v.clean_date(period_start, "period_start", "The period start")
    end = v.clean_date(period_end, "period_end", "The period end")
    if start is None or end is None or end < start:
        raise v.FieldError("period_end", "Enter a period whose end is on or after its start.")
    asked = v.clean_date(requested_on, "requested_on") if requested_on else date.today()
    ratings_json = _clean_ratings(ratings)
    with within(store, session) as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        if agreement.status not in BILLABLE:
            raise v.FieldError("status", "Invoices start once the agreement is active.")
        stop = billable_until(agreement.end_date, agreement.ended_on)
        if stop is not None and start > stop:
            raise v.FieldError(
                "period_start",
                f"Training ended on {stop:%m/%d/%Y}: no invoice for a period after it.",
            )
        rows = live_invoices(session, agreement_id)
        standing = effective(rows)
        clash = [r for r in standing if r.period_start <= end and start <= r.period_end]
        if clash:
            raise v.FieldError(
                "period_start",
                f"The period {clash[0].period_start:%m/%d/%Y}-{clash[0].period_end:%m/%d/%Y} is "
                "already invoiced: correct that invoice instead.",
            )
        invoice = _bill(
            session, agreement, start, end, standing, replacing=None, requested_on=asked
        )
        invoice.ratings_json = ratings_json
        session.add(invoice)
    return invoice


def correct(
    store: Store,
    invoice_id: str,
    reason: str,
    ratings: dict[str, Any] | None = None,
    requested_on: date | str | None = None,
) -> Invoice:
    """A new invoice for the same period, billed from today's timesheets, that replaces the
    one given; it asks for the difference (negative when less is owed)."""
    reason = v.clean_required(reason, "correction_reason", "The reason for the correction")
    asked = v.clean_date(requested_on, "requested_on") if requested_on else date.today()
    with store.transaction() as session:
        old = live(session, Invoice, invoice_id, "invoice")
        agreement = live(session, OjtAgreement, old.agreement_id, "OJT agreement")
        standing = effective(live_invoices(session, agreement.id))
        if old.id not in {r.id for r in standing}:
            raise v.FieldError(
                "corrects_id", "This invoice was corrected already: correct the newest one."
            )
        fixed = _bill(
            session,
            agreement,
            old.period_start,
            old.period_end,
            standing,
            replacing=old,
            requested_on=asked,
        )
        fixed.ratings_json = _clean_ratings(ratings) if ratings is not None else old.ratings_json
        fixed.correction_reason = reason
        session.add(fixed)
    return fixed


def set_ratings(store: Store, invoice_id: str, ratings: dict[str, Any]) -> None:
    """Progress ratings per skill, while the invoice is still a request."""
    ratings_json = _clean_ratings(ratings)
    with store.transaction() as session:
        invoice = _requested(session, invoice_id)
        invoice.ratings_json = ratings_json
        touch(session, invoice)


def _requested(session: Session, invoice_id: str) -> Invoice:
    invoice = live(session, Invoice, invoice_id, "invoice")
    if invoice.status != InvoiceStatus.REQUESTED:
        raise v.FieldError("status", "An approved invoice is history: make a correction instead.")
    return invoice


def approve(
    store: Store,
    invoice_id: str,
    on: date | str | None = None,
    session: Session | None = None,
) -> None:
    when = v.clean_date(on, "approved_on") if on else date.today()
    with within(store, session) as session:
        invoice = _requested(session, invoice_id)
        if when is not None and invoice.requested_on and when < invoice.requested_on:
            raise v.FieldError(
                "approved_on", "An invoice cannot be approved before it was requested."
            )
        invoice.status = InvoiceStatus.APPROVED.value
        invoice.approved_on = when
        touch(session, invoice)


def pay(
    store: Store,
    invoice_id: str,
    on: date | str | None = None,
    paid: Any = None,
    session: Session | None = None,
) -> None:
    """Record the payment (by default the amount asked for)."""
    when = v.clean_date(on, "paid_on") if on else date.today()
    with within(store, session) as session:
        invoice = live(session, Invoice, invoice_id, "invoice")
        if invoice.status != InvoiceStatus.APPROVED:
            raise v.FieldError("status", "Only an approved invoice can be paid.")
        if when is not None and invoice.approved_on and when < invoice.approved_on:
            raise v.FieldError("paid_on", "An invoice cannot be paid before it was approved.")
        amount = invoice.amount_cents
        if paid not in (None, ""):
            amount = _paid_cents(paid)
        invoice.status = InvoiceStatus.PAID.value
        invoice.paid_on = when
        invoice.paid_cents = amount
        touch(session, invoice)


def _paid_cents(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    negative = text.startswith("-")
    cents = v.clean_wage_cents(text.lstrip("-"), "paid_cents") or 0
    return -cents if negative else cents


def delete_requested(store: Store, invoice_id: str) -> None:
    """Withdraw the newest request of an agreement (an approved invoice is history)."""
    with store.transaction() as session:
        invoice = _requested(session, invoice_id)
        newest = max(
            live_invoices(session, invoice.agreement_id), key=lambda r: (r.created_at, r.id)
        )
        if newest.id != invoice.id:
            raise v.FieldError(
                "status", "A later invoice was made from this one: correct it instead."
            )
        soft_delete(session, invoice)


def ratings_of(invoice: Invoice) -> dict[str, str]:
    return json.loads(invoice.ratings_json or "{}")
