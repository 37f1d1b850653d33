"""Rules that must hold for all inputs: periods tile the calendar, shares never divide by
zero, the outcome rate never counts a layoff."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.core import periods
from app.core.metrics import MetricDefinition, OutcomeRule, average, median_days, ratio
from app.core.retention import Span
from app.services.reports.metrics import outcome_pool

D = MetricDefinition("x", "X", "d", "c", "n", "p", "share", ())
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(DAYS)
def test_a_day_is_in_its_month_quarter_and_program_year(day):
    assert day in periods.month(day.year, day.month)
    assert day in periods.quarter(day.year, (day.month - 1) // 3 + 1)
    py = periods.program_year_of(day)
    assert day in py and py.start.month == 7 and py.start.day == 1
    assert (py.end - py.start).days + 1 in (365, 366)
    assert day in periods.last_12_months(day)


@given(st.lists(st.integers(0, 3), max_size=20), st.integers(0, 20))
def test_shares_are_between_0_and_1_or_no_data(flags, extra):
    pool = [f"r{n}" for n in range(len(flags))]
    hits = [p for p, f in zip(pool, flags, strict=True) if f] + [f"x{n}" for n in range(extra)]
    figure = ratio(D, hits, pool)
    if not pool:
        assert figure.value is None and figure.text() == "no data"
    else:
        assert 0 <= figure.value <= 1
        assert figure.numerator <= figure.denominator == len(pool)
    assert average(D, extra, []).value is None
    assert median_days(D, {}).text() == "no data"


@given(
    st.lists(
        st.tuples(
            st.integers(0, 400),
            st.one_of(st.none(), st.integers(0, 400)),
            st.sampled_from(["laid_off", "quit", "fired", "training_ended"]),
        ),
        max_size=15,
    )
)
def test_outcome_pool_never_holds_an_early_layoff(rows):
    today = date(2027, 1, 1)
    spans = {
        f"p{n}": Span(
            today - timedelta(days=age),
            None if ended is None else today - timedelta(days=age) + timedelta(days=ended),
            reason if ended is not None else "",
        )
        for n, (age, ended, reason) in enumerate(rows)
    }
    rule = OutcomeRule(90, frozenset({"laid_off"}))
    pool = outcome_pool(spans, rule, today)
    for pid in pool:
        s = spans[pid]
        assert s.measured_at(90, today)
        assert not (s.separation_reason == "laid_off" and not s.retained_at(90))
