"""The fit rule: placement history decides unless a BSR's override stands; always with reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.fit import (
    OVERRIDE_LEVELS,
    REFUSAL,
    Override,
    check_override,
    employer_fit,
    refusal,
    standing,
)
from app.core.retention import FitLevel, RetentionRules, Span, fit_signal

TODAY = date(2026, 11, 2)
RULES = RetentionRules()
WHEN = datetime(2026, 10, 1, 15, tzinfo=UTC)


def churn() -> list[Span]:
    """Six people let go within 30 days: the demo's poor fit."""
    return [
        Span(TODAY - timedelta(days=120 + n), TODAY - timedelta(days=110 + n), "laid_off")
        for n in range(6)
    ]


def test_history_alone_decides_with_its_reasons() -> None:
    fit = employer_fit(fit_signal(churn(), TODAY, RULES), None)
    assert fit.poor and fit.measured is FitLevel.POOR and fit.override is None
    assert "6 hired and let go within 30 days." in fit.reasons
    assert refusal(fit) == REFUSAL


def test_no_placements_is_too_early_to_tell() -> None:
    fit = employer_fit(None, None)
    assert fit.level is FitLevel.UNKNOWN and fit.reasons == ("No placements yet.",)
    assert refusal(fit) is None


def test_an_override_decides_and_keeps_the_figures_it_overrules() -> None:
    override = Override(FitLevel.GOOD, "New owner since June; steady crew.", "Rosa Diaz", WHEN)
    fit = employer_fit(fit_signal(churn(), TODAY, RULES), override, "Oct 1, 2026")
    assert fit.level is FitLevel.GOOD and fit.measured is FitLevel.POOR and fit.overridden
    assert fit.reasons[0] == (
        "Set to Good fit by Rosa Diaz on Oct 1, 2026: New owner since June; steady crew."
    )
    assert "Placements: 6 hired and let go within 30 days." in fit.reasons
    assert refusal(fit) is None


def test_the_latest_override_stands() -> None:
    old = Override(FitLevel.POOR, "Heard of layoffs.", "A", WHEN)
    new = Override(FitLevel.WATCH, "Better now.", "B", WHEN + timedelta(days=3))
    assert standing([new, old]) is new
    assert standing([]) is None


@pytest.mark.parametrize(
    ("level", "reason", "words"),
    [("unknown", "Because I know them well.", "Choose"), ("good", " ok ", "why")],
)
def test_an_override_needs_a_level_and_a_reason(level: str, reason: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        check_override(level, reason)


overrides = st.builds(
    Override,
    level=st.sampled_from(OVERRIDE_LEVELS),
    reason=st.text(min_size=1, max_size=20),
    decided_by=st.text(max_size=8),
    decided_at=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
    ),
)
spans = st.lists(
    st.builds(
        lambda hire, lasted, reason: Span(
            TODAY - timedelta(days=hire),
            None if lasted is None else TODAY - timedelta(days=hire) + timedelta(days=lasted),
            reason if lasted is not None else "",
        ),
        st.integers(0, 400),
        st.one_of(st.none(), st.integers(0, 400)),
        st.sampled_from(["laid_off", "quit", "fired"]),
    ),
    max_size=12,
)


@given(spans, st.lists(overrides, max_size=4))
def test_the_level_is_the_standing_override_or_else_the_history(history, decided) -> None:
    signal = fit_signal(history, TODAY, RULES) if history else None
    found = standing(decided)
    assert standing(list(reversed(decided))) == found  # order-free: every laptop agrees
    fit = employer_fit(signal, found)
    measured = signal.level if signal else FitLevel.UNKNOWN
    assert fit.measured is measured
    assert fit.level is (found.level if found else measured)
    assert fit.reasons  # never a verdict without a reason
    assert (refusal(fit) is not None) == (fit.level is FitLevel.POOR)
