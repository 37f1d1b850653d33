"""OJT money: the rate from the scale, the maximum, and what each invoice asks for.

Everything is whole numbers: hours are minutes, money is cents, and the exact
reimbursable amount of a stretch of work is kept in *units* of 1/6000 of a
cent (minutes x wage cents x rate percent; 60 minutes x 100 percent = 6000).

The one rounding rule
---------------------
An invoice rounds the agreement's *cumulative* exact amount once, half up to
the cent, caps it at the agreement's maximum, and asks for the difference from
the cumulative rounded amount before it:

    amount = capped(units_before + units_this) - capped(units_before)
    capped(u) = min(round_half_up(u / 6000), max_reimbursement_cents)

So the invoices of an agreement always add up to the rounded (and capped)
exact total of all the work they bill: splitting a period into several
invoices, or joining periods into one, changes no cent of the total, and the
cumulative amount never passes the maximum. A correction replaces the units of
the invoice it corrects and asks for the difference the same way (which may be
negative). Regular hours only: per 7-day week of the agreement, minutes past
`regular_hours_per_week` (counted in the order worked) are overtime and are
never reimbursed; days outside the agreement's dates are not reimbursed either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.reimbursement import OjtScale

#: Units per cent: 60 minutes in an hour x 100 percent.
UNITS_PER_CENT = 60 * 100


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator to the nearest whole number, halves away from zero."""
    if denominator <= 0:
        raise ValueError("The denominator must be positive.")
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def scale_rate(scale: OjtScale, employees_at_site: int | None) -> int | None:
    """The scale's rate for a worksite of this size; None when the size is not known."""
    if employees_at_site is None:
        return None
    return scale.rate_percent(employees_at_site)


def max_reimbursement_cents(
    rate_percent: int, wage_cents: int, training_hours: int, cap_cents: int
) -> int:
    """The lower of rate x wage x training hours (rounded half up to the cent) and the cap."""
    if min(rate_percent, wage_cents, training_hours, cap_cents) < 0:
        raise ValueError("Rate, wage, training hours and cap cannot be negative.")
    return min(round_half_up(rate_percent * wage_cents * training_hours, 100), cap_cents)


@dataclass(frozen=True)
class DayWork:
    """Minutes worked on one day and the hourly wage paid for them."""

    day: date
    minutes: int
    wage_cents: int


@dataclass(frozen=True)
class PeriodFigures:
    """What a stretch of days earns back before rounding."""

    regular_minutes: int
    overtime_minutes: int
    #: Minutes not reimbursed: overtime, and regular minutes outside the agreement's dates.
    left_out_minutes: int
    total_minutes: int
    exact_units: int


def week_of(day: date, anchor: date) -> int:
    """The index of the 7-day week of the agreement that holds `day` (weeks start on `anchor`)."""
    return (day - anchor).days // 7


def period_figures(
    days: Iterable[DayWork],
    anchor: date,
    regular_hours_per_week: int,
    rate_percent: int,
    wage_limit_cents: int,
    first_day: date,
    last_day: date,
) -> PeriodFigures:
    """Regular minutes per week (in the order worked), overtime, and the exact units.

    `anchor` is the agreement's start date (weeks count from it); only days from
    `first_day` to `last_day` are reimbursed; each day's wage counts up to
    `wage_limit_cents` (the agreement's wage: a raise is not reimbursed).
    """
    allowance = regular_hours_per_week * 60
    used: dict[int, int] = {}
    regular = overtime = left_out = total = units = 0
    for work in sorted(days, key=lambda w: w.day):
        if work.minutes < 0 or work.wage_cents < 0:
            raise ValueError("Minutes and wages cannot be negative.")
        week = week_of(work.day, anchor)
        before = used.get(week, 0)
        in_week = min(work.minutes, max(0, allowance - before))
        used[week] = before + work.minutes
        total += work.minutes
        overtime += work.minutes - in_week
        if first_day <= work.day <= last_day:
            regular += in_week
            units += in_week * min(work.wage_cents, wage_limit_cents) * rate_percent
            left_out += work.minutes - in_week
        else:
            left_out += work.minutes
    return PeriodFigures(regular, overtime, left_out, total, units)


def capped_cents(units: int, max_cents: int) -> int:
    """The cumulative exact amount, rounded half up once, never above the maximum."""
    return max(0, min(round_half_up(units, UNITS_PER_CENT), max_cents))


@dataclass(frozen=True)
class InvoiceMoney:
    amount_cents: int
    cumulative_cents: int


def invoice_money(units_before: int, units_change: int, max_cents: int) -> InvoiceMoney:
    """What one invoice (or correction, with a negative or positive change) asks for."""
    before = capped_cents(units_before, max_cents)
    after = capped_cents(units_before + units_change, max_cents)
    return InvoiceMoney(after - before, after)


def dollars(cents: int) -> str:
    """$1,234.56 (negative amounts as -$12.00), for messages and documents."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{part:02d}"
