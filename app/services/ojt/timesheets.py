"""Timesheets: the hours a trainee worked each day of a pay period and the wage paid.

Insert-only history: a correction is a new timesheet for the same period that
names the one it replaces; the newest one of each period is the one that counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from app.core import validation as v
from app.core.models import AgreementStatus, OjtAgreement, Timesheet
from app.core.ojt import billable_until, check_period, next_period_start
from app.core.ojt_money import (
    DayWork,
    PeriodFigures,
    capped_cents,
    invoice_money,
    period_figures,
)
from app.services.ojt import policy as ojt_policy
from app.services.records import live, within
from app.store.engine import Store


def clean_day_minutes(value: Any, day: date) -> int:
    """Hours typed for one day ("8", "7.5", "7:30", "" for none) as whole minutes."""
    field = f"hours_{day.isoformat()}"
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value * 60
    else:
        text = str(value).strip()
        if not text:
            return 0
        clock = re.fullmatch(r"(\d{1,2}):([0-5]\d)", text)
        try:
            minutes = (
                int(clock.group(1)) * 60 + int(clock.group(2)) if clock else round(float(text) * 60)
            )
        except ValueError:
            raise v.FieldError(
                field, f"Hours on {day:%a %m/%d}: enter a number like 8 or 7.5."
            ) from None
    if not 0 <= minutes <= 24 * 60:
        raise v.FieldError(field, f"Hours on {day:%a %m/%d} must be from 0 to 24.")
    return minutes


def _wage_paid(value: Any) -> int:
    wage = v.clean_wage_cents(value, "wage_paid_cents")
    if wage is None:
        raise v.FieldError("wage_paid_cents", "Enter the hourly wage paid, like 18.50.")
    return wage


def add_timesheet(
    store: Store,
    agreement_id: str,
    period_start: date | str,
    hours: Sequence[Any],
    wage_paid: Any,
    kind: str | None = None,
    replaces_id: str | None = None,
    entered_by: str | None = None,
    notes: str = "",
    session: Session | None = None,
) -> Timesheet:
    """Record one pay period's hours, day by day (one entry per day of the period)."""
    start = v.clean_date(period_start, "period_start", "The period start")
    if start is None:
        raise v.FieldError("period_start", "Enter the first day of the pay period.")
    wage = _wage_paid(wage_paid)
    with within(store, session) as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        kind, end, minutes = _period(agreement, start, hours, kind)
        current = current_in(session, agreement_id)
        clash = [t for t in current if t.period_start <= end and start <= t.period_end]
        if replaces_id:
            old = live(session, Timesheet, replaces_id, "timesheet")
            if old.agreement_id != agreement_id or old.id not in {t.id for t in current}:
                raise v.FieldError(
                    "replaces_id", "Only the newest timesheet of a period can be corrected."
                )
            clash = [t for t in clash if t.id != replaces_id]
        if clash:
            raise v.FieldError(
                "period_start",
                f"Hours from {clash[0].period_start:%m/%d/%Y} to {clash[0].period_end:%m/%d/%Y} "
                "are already recorded: correct that timesheet instead.",
            )
        sheet = Timesheet(
            agreement_id=agreement_id,
            period_start=start,
            period_end=end,
            period_kind=kind,
            minutes_json=json.dumps(minutes),
            wage_paid_cents=wage,
            replaces_id=replaces_id,
            entered_by=entered_by,
            notes=notes,
        )
        session.add(sheet)
    return sheet


def _period(
    agreement: OjtAgreement, start: date, hours: Sequence[Any], kind: str | None
) -> tuple[str, date, list[int]]:
    """The period's kind, last day and minutes per day, checked against the agreement."""
    if agreement.status == AgreementStatus.DRAFT or agreement.start_date is None:
        raise v.FieldError("status", "Timesheets start once the agreement is signed.")
    kind = kind or agreement.period_kind
    try:
        end = check_period(start, kind, agreement.start_date, ojt_policy.policy())
    except ValueError as exc:
        raise v.FieldError("period_start", str(exc)) from None
    length = (end - start).days + 1
    if len(hours) != length:
        raise v.FieldError("hours", f"A {kind} timesheet has {length} days of hours.")
    return kind, end, [clean_day_minutes(h, start + timedelta(days=i)) for i, h in enumerate(hours)]


def agreement_figures(agreement: OjtAgreement, days: Sequence[DayWork]) -> PeriodFigures:
    """The money rules for these days under the agreement's terms: weeks from its start,
    its regular hours, rate and wage, nothing after its end or separation."""
    assert agreement.start_date is not None
    return period_figures(
        days,
        anchor=agreement.start_date,
        regular_hours_per_week=agreement.regular_hours_per_week,
        rate_percent=agreement.rate_percent,
        wage_limit_cents=agreement.wage_cents,
        first_day=agreement.start_date,
        last_day=billable_until(agreement.end_date, agreement.ended_on) or date.max,
    )


@dataclass(frozen=True)
class SheetPreview:
    """What a timesheet being typed would earn back, before it is saved."""

    period_end: date
    total_minutes: int
    regular_minutes: int
    overtime_minutes: int
    #: Regular minutes outside the agreement's dates (before the start, after the end).
    outside_minutes: int
    #: Regular hours x wage (up to the agreement's) x rate, rounded once, within the maximum.
    amount_cents: int
    #: The maximum left before this sheet (what the agreement can still reimburse).
    left_cents: int


def preview(
    store: Store,
    agreement_id: str,
    period_start: date,
    hours: Sequence[Any],
    wage_paid: Any,
    kind: str | None = None,
    replaces_id: str | None = None,
) -> SheetPreview:
    """The reimbursable amount of a period as typed, by the same rules an invoice applies:
    regular hours only (overtime past the weekly regular hours is never reimbursed), the wage
    up to the agreement's, the rate, one rounding, and what is left of the maximum."""
    from app.services.ojt.invoices import effective, live_invoices

    wage = _wage_paid(wage_paid)
    with store.session() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        kind, end, minutes = _period(agreement, period_start, hours, kind)
        billed = effective(live_invoices(session, agreement_id))
    figures = agreement_figures(
        agreement,
        [DayWork(period_start + timedelta(days=i), m, wage) for i, m in enumerate(minutes)],
    )
    before = sum(
        r.exact_units for r in billed if not replaces_id or replaces_id not in r.timesheet_ids
    )
    money = invoice_money(before, figures.exact_units, agreement.max_reimbursement_cents)
    return SheetPreview(
        period_end=end,
        total_minutes=figures.total_minutes,
        regular_minutes=figures.regular_minutes,
        overtime_minutes=figures.overtime_minutes,
        outside_minutes=figures.left_out_minutes - figures.overtime_minutes,
        amount_cents=money.amount_cents,
        left_cents=agreement.max_reimbursement_cents
        - capped_cents(before, agreement.max_reimbursement_cents),
    )


def next_start(store: Store, agreement_id: str) -> date | None:
    """The first day of the next pay period to enter (None before the agreement is signed)."""
    with store.session() as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        sheets = current_in(session, agreement_id)
    if agreement.start_date is None:
        return None
    return next_period_start(agreement.start_date, sheets[-1].period_end if sheets else None)


def current_in(session: Session, agreement_id: str) -> list[Timesheet]:
    rows = list(
        session.exec(
            select(Timesheet).where(
                Timesheet.agreement_id == agreement_id,
                Timesheet.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        )
    )
    replaced = {t.replaces_id for t in rows if t.replaces_id}
    return sorted((t for t in rows if t.id not in replaced), key=lambda t: t.period_start)


def current_timesheets(store: Store, agreement_id: str) -> list[Timesheet]:
    """The timesheets that count (the newest of each period), in period order."""
    with store.session() as session:
        return current_in(session, agreement_id)


def history(store: Store, agreement_id: str) -> list[Timesheet]:
    """Every timesheet ever entered for the agreement, corrections included."""
    with store.session() as session:
        return list(
            session.exec(
                select(Timesheet)
                .where(Timesheet.agreement_id == agreement_id)
                .order_by(Timesheet.period_start, Timesheet.created_at)  # type: ignore[arg-type]
            )
        )


def day_work(sheet: Timesheet) -> list[DayWork]:
    """The sheet's days as (day, minutes, wage) for the money rules."""
    minutes = json.loads(sheet.minutes_json)
    return [
        DayWork(sheet.period_start + timedelta(days=i), int(m), sheet.wage_paid_cents)
        for i, m in enumerate(minutes)
    ]


def hours_per_day(sheet: Timesheet) -> list[float]:
    """Hours of each day of the period, for display and documents."""
    return [m / 60 for m in json.loads(sheet.minutes_json)]
