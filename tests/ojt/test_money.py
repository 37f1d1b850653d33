"""OJT money rules: rate, maximum, regular hours per week, the one rounding rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.ojt_money import (
    UNITS_PER_CENT,
    DayWork,
    capped_cents,
    dollars,
    invoice_money,
    max_reimbursement_cents,
    period_figures,
    round_half_up,
    scale_rate,
)
from app.core.reimbursement import Band, OjtScale

SCALE = OjtScale((Band(50, 75), Band(250, 60), Band(None, 50)), 40, 1_000_000, "test")
MONDAY = date(2026, 3, 2)
FAR = date(2099, 1, 1)


def days(minutes: list[int], wage: int = 1800, start: date = MONDAY) -> list[DayWork]:
    return [DayWork(start + timedelta(days=i), m, wage) for i, m in enumerate(minutes)]


def figures(work: list[DayWork], rate: int = 75, limit: int = 1800, **kw):
    first = kw.pop("first", MONDAY)
    last = kw.pop("last", FAR)
    return period_figures(work, MONDAY, 40, rate, limit, first, last)


def test_rate_follows_the_sliding_scale() -> None:
    assert scale_rate(SCALE, 12) == 75
    assert scale_rate(SCALE, 50) == 75
    assert scale_rate(SCALE, 51) == 60
    assert scale_rate(SCALE, 900) == 50
    assert scale_rate(SCALE, None) is None


def test_round_half_up() -> None:
    assert round_half_up(5, 10) == 1
    assert round_half_up(4, 10) == 0
    assert round_half_up(15, 10) == 2
    assert round_half_up(-15, 10) == -2
    assert round_half_up(0, 7) == 0
    with pytest.raises(ValueError):
        round_half_up(1, 0)


def test_maximum_is_the_lower_of_rate_times_wage_times_hours_and_the_cap() -> None:
    # 75% x $18.00 x 480 h = $6,480.00
    assert max_reimbursement_cents(75, 1800, 480, 1_000_000) == 648_000
    # 75% x $25.00 x 1000 h = $18,750 > cap $10,000
    assert max_reimbursement_cents(75, 2500, 1000, 1_000_000) == 1_000_000
    # half a cent rounds up: 50% x 1 cent x 1 h
    assert max_reimbursement_cents(50, 1, 1, 100) == 1
    with pytest.raises(ValueError):
        max_reimbursement_cents(-1, 1800, 10, 100)


def test_overtime_past_forty_hours_a_week_is_left_out() -> None:
    # Mon-Sat, 9 hours each: 54 hours, 14 over.
    f = figures(days([540] * 6))
    assert f.regular_minutes == 40 * 60
    assert f.overtime_minutes == 14 * 60
    assert f.left_out_minutes == 14 * 60
    assert f.exact_units == 2400 * 1800 * 75
    # $18 x 40 h x 75% = $540.00
    assert capped_cents(f.exact_units, 10**9) == 54_000


def test_weeks_count_from_the_agreement_start() -> None:
    # Two weeks of 45 hours: each week loses 5 hours.
    f = figures(days([540] * 5 + [0, 0] + [540] * 5))
    assert f.regular_minutes == 80 * 60
    assert f.overtime_minutes == 10 * 60


def test_days_outside_the_agreement_and_raises_are_not_reimbursed() -> None:
    work = days([480] * 5, wage=2000)
    f = figures(work, last=MONDAY + timedelta(days=2))
    assert f.regular_minutes == 3 * 480
    assert f.left_out_minutes == 2 * 480
    # The agreement's wage ($18) counts, not the raise ($20).
    assert f.exact_units == 3 * 480 * 1800 * 75


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError):
        figures(days([-1]))


def test_invoice_asks_for_the_difference_of_cumulative_rounded_amounts() -> None:
    # 1 minute at $0.07 at 75%: 5.25 units-cents... exact = 1*7*75 = 525 units = 0.0875 cent
    first = invoice_money(0, 525, 10_000)
    assert first.amount_cents == 0
    # Cumulative 3000 units... add enough to pass half a cent.
    second = invoice_money(525, 2475, 10_000)  # 3000 units = 0.5 cent -> rounds up to 1
    assert second.amount_cents == 1 and second.cumulative_cents == 1


def test_cap_stops_the_cumulative_amount() -> None:
    a = invoice_money(0, 900 * UNITS_PER_CENT, 1000)
    b = invoice_money(900 * UNITS_PER_CENT, 300 * UNITS_PER_CENT, 1000)
    c = invoice_money(1200 * UNITS_PER_CENT, 300 * UNITS_PER_CENT, 1000)
    assert (a.amount_cents, b.amount_cents, c.amount_cents) == (900, 100, 0)
    # A correction downward gives money back only below the cap.
    d = invoice_money(1500 * UNITS_PER_CENT, -600 * UNITS_PER_CENT, 1000)
    assert d.amount_cents == -100 and d.cumulative_cents == 900


def test_dollars() -> None:
    assert dollars(123456) == "$1,234.56"
    assert dollars(-5) == "-$0.05"


# Properties -----------------------------------------------------------------------

minutes_lists = st.lists(st.integers(min_value=0, max_value=16 * 60), min_size=1, max_size=42)
wages = st.integers(min_value=1, max_value=6000)
rates = st.sampled_from([50, 60, 75, 90])


@given(minutes_lists, wages, rates, st.integers(min_value=0, max_value=2_000_000), st.data())
def test_cumulative_never_exceeds_the_maximum(
    minutes: list[int], wage: int, rate: int, max_cents: int, data: st.DataObject
) -> None:
    """However work is cut into invoices (and corrected), the running total stays <= max."""
    work = days(minutes, wage)
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(work)), max_size=6))))
    units_before = 0
    total = 0
    for a, b in zip([0, *cuts], [*cuts, len(work)], strict=True):
        units = figures(work[a:b], rate, wage).exact_units
        money = invoice_money(units_before, units, max_cents)
        units_before += units
        total += money.amount_cents
        assert 0 <= money.cumulative_cents <= max_cents
        assert total == money.cumulative_cents
    # A correction of any size keeps it within the maximum too.
    change = data.draw(st.integers(-units_before, 10**9))
    fix = invoice_money(units_before, change, max_cents)
    assert 0 <= total + fix.amount_cents <= max_cents


@given(minutes_lists, wages, rates, st.integers(0, 6), st.integers(1, 600))
def test_overtime_is_never_reimbursed(
    minutes: list[int], wage: int, rate: int, day: int, extra: int
) -> None:
    """No week yields more than 40 regular hours, and adding hours to a week already at 40
    changes nothing."""
    work = days(minutes, wage)
    f = figures(work, rate, wage)
    weeks = (len(work) + 6) // 7
    assert f.regular_minutes <= weeks * 40 * 60
    assert f.regular_minutes + f.overtime_minutes == f.total_minutes
    full = days([600] * 4 + [0, 0, 0], wage)  # exactly 40 hours Mon-Thu
    more = list(full)
    more[day] = DayWork(more[day].day, more[day].minutes + extra, wage)
    assert figures(more, rate, wage).exact_units == figures(full, rate, wage).exact_units


@given(minutes_lists, wages, rates, st.lists(st.integers(0, 6), max_size=5))
def test_rounding_is_exact_under_splitting(
    minutes: list[int], wage: int, rate: int, cut_weeks: list[int]
) -> None:
    """Stable means exact here: the invoices of any split of a period into pay periods (which
    start on the agreement's week boundaries) add up to the one unsplit invoice, to the cent
    (each invoice rounds the cumulative amount; see app.core.ojt_money)."""
    work = days(minutes, wage)
    whole = invoice_money(0, figures(work, rate, wage).exact_units, 10**12).amount_cents
    cuts = sorted({min(7 * c, len(work)) for c in cut_weeks})
    before = split_total = 0
    for a, b in zip([0, *cuts], [*cuts, len(work)], strict=True):
        units = figures(work[a:b], rate, wage).exact_units
        split_total += invoice_money(before, units, 10**12).amount_cents
        before += units
    assert split_total == whole
