"""Retention, tenure, quick let-gos and the fit signal: worked examples and properties."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.retention import (
    FitLevel,
    RetentionRules,
    RulesError,
    Span,
    figures,
    fit_signal,
    median_tenure,
    ojt_record,
    retention_at,
    rules_from_mapping,
)

TODAY = date(2026, 6, 1)
RULES = RetentionRules()


def span(hired_days_ago: int, lasted: int | None = None, reason: str = "laid_off", ojt=False):
    """A placement hired `hired_days_ago` days before TODAY that lasted `lasted` days (None: still on)."""
    hire = TODAY - timedelta(days=hired_days_ago)
    if lasted is None:
        return Span(hire, ojt=ojt)
    return Span(hire, hire + timedelta(days=lasted), reason, ojt)


# (placements, day, measured, retained)
RETENTION_CASES = [
    ([], 30, 0, 0),
    ([span(10)], 30, 0, 0),  # too young to measure
    ([span(30)], 30, 1, 1),  # exactly old enough, still working
    ([span(29)], 30, 0, 0),
    ([span(100, 5)], 30, 1, 0),  # let go after 5 days
    ([span(20, 5)], 30, 0, 0),  # let go early but too young: left out (see the rule)
    ([span(100, 30)], 30, 1, 1),  # lasted exactly 30 days
    ([span(100, 29)], 30, 1, 0),
    ([span(200), span(200, 40), span(200, 100), span(50)], 90, 3, 2),
    ([span(200), span(200, 40), span(200, 100), span(50)], 30, 4, 4),
    ([span(200), span(200, 40), span(200, 100), span(50)], 180, 3, 1),
    ([span(-5)], 30, 0, 0),  # hire date in the future: not counted
]


@pytest.mark.parametrize(("spans", "day", "measured", "retained"), RETENTION_CASES)
def test_retention_at(spans, day, measured, retained) -> None:
    rate = retention_at(spans, day, TODAY)
    assert (rate.measured, rate.retained) == (measured, retained)
    assert rate.value == (retained / measured if measured else None)


@pytest.mark.parametrize(
    ("spans", "median"),
    [
        ([], None),
        ([span(10)], 10.0),
        ([span(100, 5), span(40)], 22.5),
        ([span(100, 5), span(40), span(300, 200)], 40.0),
        ([span(-3)], None),
        ([span(10, 50)], 10.0),  # a separation date after today counts up to today
    ],
)
def test_median_tenure(spans, median) -> None:
    assert median_tenure(spans, TODAY) == median


@pytest.mark.parametrize(
    ("spans", "quick"),
    [
        ([span(100, 10, "laid_off")], 1),
        ([span(100, 30, "fired")], 1),  # the limit itself counts
        ([span(100, 31, "fired")], 0),
        ([span(100, 10, "quit")], 0),  # the person's choice, not the employer's
        ([span(100, 10, "training_ended"), span(100, 3, "laid_off"), span(100)], 2),
    ],
)
def test_short_turnarounds(spans, quick) -> None:
    assert figures(spans, TODAY, RULES).short_turnarounds == quick


def test_short_turnaround_limit_and_reasons_are_configurable() -> None:
    rules = replace(RULES, short_turnaround_days=60, short_turnaround_reasons=frozenset({"quit"}))
    spans = [span(100, 45, "quit"), span(100, 45, "fired")]
    assert figures(spans, TODAY, rules).short_turnarounds == 1


# (placements, level, words that must appear in the reasons)
FIT_CASES = [
    ([], FitLevel.UNKNOWN, "No placements yet"),
    ([span(200), span(200)], FitLevel.UNKNOWN, "2 of 3 placements needed"),
    ([span(200), span(200), span(150), span(95)], FitLevel.GOOD, "90-day retention 100% (4 of 4)"),
    (
        [span(200), span(200), span(150), span(200, 60, "quit")],
        FitLevel.GOOD,
        "90-day retention 75% (3 of 4)",
    ),
    ([span(200), span(200), span(200, 60, "quit")], FitLevel.WATCH, "67% (2 of 3)"),
    ([span(200), span(200, 60, "quit"), span(200, 70, "quit")], FitLevel.POOR, "33% (1 of 3)"),
    ([span(200), span(200), span(200), span(15, 7)], FitLevel.WATCH, "1 person hired and let go"),
    ([span(20, 7), span(40, 10)], FitLevel.POOR, "2 hired and let go within 30 days"),
    (
        [span(300, 60, "training_ended", ojt=True), span(300, 80, "laid_off", ojt=True), span(300)],
        FitLevel.POOR,
        "2 of 2 OJT participants",
    ),
]


@pytest.mark.parametrize(("spans", "level", "words"), FIT_CASES)
def test_fit_signal(spans, level, words) -> None:
    signal = fit_signal(spans, TODAY, RULES)
    assert signal.level == level
    assert any(words in reason for reason in signal.reasons), signal.reasons


@pytest.mark.parametrize(
    ("spans", "failed", "decided", "pattern"),
    [
        ([], 0, 0, False),
        ([span(300, 60, "fired", ojt=True)], 1, 1, False),  # one is not a pattern
        ([span(300, 60, "fired", ojt=True), span(20, 10, "fired", ojt=True)], 2, 2, True),
        (
            [
                span(300, 60, "fired", ojt=True),
                span(300, 60, "quit", ojt=True),
                span(300, ojt=True),
            ],
            1,
            3,
            False,
        ),
        (
            [
                span(300, 60, "fired", ojt=True),
                span(300, 30, "laid_off", ojt=True),
                *[span(300, ojt=True) for _ in range(3)],
            ],
            2,
            5,
            False,  # 2 of 5 is below the 50% share
        ),
        ([span(300, 60, "fired"), span(300, 60, "fired")], 0, 0, False),  # not OJT
        ([span(300, 120, "fired", ojt=True), span(300, 100, "fired", ojt=True)], 0, 2, False),
    ],
)
def test_ojt_pattern(spans, failed, decided, pattern) -> None:
    record = ojt_record(spans, TODAY, RULES)
    assert (record.failed, record.decided, record.pattern) == (failed, decided, pattern)
    assert fit_signal(spans, TODAY, RULES).ojt_pattern is pattern


# Properties ---------------------------------------------------------------------------

spans_st = st.builds(
    lambda ago, lasted, reason, ojt: span(ago, lasted, reason, ojt),
    st.integers(-30, 800),
    st.none() | st.integers(0, 900),
    st.sampled_from(["laid_off", "quit", "fired", "training_ended"]),
    st.booleans(),
)
days_st = st.sampled_from([1, 7, 30, 60, 90, 180, 365])


@given(st.lists(spans_st, max_size=30), days_st)
def test_rates_lie_between_zero_and_one(spans, day) -> None:
    rate = retention_at(spans, day, TODAY)
    assert 0 <= rate.retained <= rate.measured <= len(spans)
    if rate.value is not None:
        assert 0.0 <= rate.value <= 1.0
    figs = figures(spans, TODAY, RULES)
    assert all(0.0 <= (r.value or 0.0) <= 1.0 for r in figs.rates)
    assert 0 <= figs.short_turnarounds <= figs.placements


@given(st.lists(spans_st, max_size=30), days_st, st.integers(0, 900), st.booleans())
def test_adding_a_longer_placement_never_lowers_retention(spans, day, extra, still_on) -> None:
    before = retention_at(spans, day, TODAY)
    longest = max((s.tenure_days(TODAY) for s in spans if s.started(TODAY)), default=0)
    tenure = longest + extra
    hire = TODAY - timedelta(days=tenure)
    longer = Span(hire) if still_on else Span(hire, TODAY, "laid_off")
    after = retention_at([*spans, longer], day, TODAY)
    if before.value is not None:
        assert after.value is not None
        assert after.value >= before.value


@given(st.lists(spans_st, min_size=1, max_size=30), days_st, st.integers(1, 400))
def test_a_later_separation_never_lowers_retention(spans, day, later) -> None:
    index = 0
    first = spans[index]
    stretched = (
        replace(first, separation_date=first.separation_date + timedelta(days=later))
        if first.separation_date
        else first
    )
    before = retention_at(spans, day, TODAY)
    after = retention_at([stretched, *spans[1:]], day, TODAY)
    assert after.measured == before.measured
    assert after.retained >= before.retained


@settings(max_examples=50)
@given(st.lists(spans_st, max_size=25), st.randoms(use_true_random=False))
def test_order_of_placements_is_irrelevant(spans, rnd: random.Random) -> None:
    shuffled = list(spans)
    rnd.shuffle(shuffled)
    assert figures(shuffled, TODAY, RULES) == figures(spans, TODAY, RULES)
    assert fit_signal(shuffled, TODAY, RULES) == fit_signal(spans, TODAY, RULES)


@given(st.lists(spans_st, max_size=25))
def test_signal_always_has_a_reason(spans) -> None:
    signal = fit_signal(spans, TODAY, RULES)
    assert signal.reasons and all(r.strip() for r in signal.reasons)
    if signal.ojt_pattern:
        assert signal.level == FitLevel.POOR


# Rules from forms/ --------------------------------------------------------------------


def test_rules_defaults_from_empty_mapping() -> None:
    assert rules_from_mapping({}) == RetentionRules()


@pytest.mark.parametrize(
    ("data", "section", "key"),
    [
        ({"retention": {"days": []}}, "retention", "days"),
        ({"retention": {"days": [30, "x"]}}, "retention", "days"),
        ({"retention": {"judge_day": 45}}, "retention", "judge_day"),
        ({"retention": {"short_turnaround_days": 0}}, "retention", "short_turnaround_days"),
        (
            {"retention": {"short_turnaround_reasons": ["sacked"]}},
            "retention",
            "short_turnaround_reasons",
        ),
        ({"fit": {"watch_below": 1.5}}, "fit", "watch_below"),
        ({"fit": {"poor_below": 0.9}}, "fit", "poor_below"),
        ({"fit": {"min_measured": True}}, "fit", "min_measured"),
        ({"ojt": {"judge_day": "ninety"}}, "ojt", "judge_day"),
    ],
)
def test_rules_refuse_values_that_make_no_sense(data, section, key) -> None:
    with pytest.raises(RulesError) as caught:
        rules_from_mapping(data)
    assert (caught.value.section, caught.value.key) == (section, key)
