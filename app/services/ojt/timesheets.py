"""Timesheets: the hours a trainee worked each day of a pay period and the wage paid.

Insert-only history: a correction is a new timesheet for the same period that
names the one it replaces; the newest one of each period is the one that counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from app.core import validation as v
from app.core.models import AgreementStatus, OjtAgreement, Timesheet
from app.core.ojt import check_period
from app.core.ojt_money import DayWork
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
    wage = v.clean_wage_cents(wage_paid, "wage_paid_cents")
    if wage is None:
        raise v.FieldError("wage_paid_cents", "Enter the hourly wage paid, like 18.50.")
    rules = ojt_policy.policy()
    with within(store, session) as session:
        agreement = live(session, OjtAgreement, agreement_id, "OJT agreement")
        if agreement.status == AgreementStatus.DRAFT or agreement.start_date is None:
            raise v.FieldError("status", "Timesheets start once the agreement is signed.")
        kind = kind or agreement.period_kind
        try:
            end = check_period(start, kind, agreement.start_date, rules)
        except ValueError as exc:
            raise v.FieldError("period_start", str(exc)) from None
        length = (end - start).days + 1
        if len(hours) != length:
            raise v.FieldError("hours", f"A {kind} timesheet has {length} days of hours.")
        minutes = [clean_day_minutes(h, start + timedelta(days=i)) for i, h in enumerate(hours)]
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
