"""Dates, wages, hours and fixed choices typed by BSRs: stored right or refused with a reason."""

from __future__ import annotations

from datetime import date

import pytest

from app.core import validation as v


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2026-05-04", date(2026, 5, 4)), ("5/4/2026", date(2026, 5, 4)), (" ", None), ("", None)],
)
def test_clean_date(typed, stored) -> None:
    assert v.clean_date(typed, "hire_date") == stored


@pytest.mark.parametrize("typed", ["2/30/2026", "tomorrow", "2026-13-01", "5-4-26"])
def test_clean_date_refuses(typed) -> None:
    with pytest.raises(v.FieldError) as caught:
        v.clean_date(typed, "hire_date", "The hire date")
    assert caught.value.field == "hire_date"
    assert "The hire date" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("18.50", 1850), ("$18.5", 1850), ("20", 2000), ("1,200.07", 120007), ("", None)],
)
def test_clean_wage_cents(typed, cents) -> None:
    assert v.clean_wage_cents(typed) == cents


@pytest.mark.parametrize("typed", ["0", "eighteen", "18.505", "-3"])
def test_clean_wage_refuses(typed) -> None:
    with pytest.raises(v.FieldError):
        v.clean_wage_cents(typed)


@pytest.mark.parametrize(("typed", "hours"), [("40", 40.0), ("37.5", 37.5), ("", None)])
def test_clean_hours(typed, hours) -> None:
    assert v.clean_hours(typed) == hours


@pytest.mark.parametrize("typed", ["0", "81", "full"])
def test_clean_hours_refuses(typed) -> None:
    with pytest.raises(v.FieldError):
        v.clean_hours(typed)


def test_clean_choice_takes_value_or_label() -> None:
    choices = {"youth": "Youth (16-24)", "adult": "Adult"}
    assert v.clean_choice("adult", choices, "age_group", "Age group") == "adult"
    assert v.clean_choice("youth (16-24)", choices, "age_group", "Age group") == "youth"
    with pytest.raises(v.FieldError, match="Youth \\(16-24\\), Adult"):
        v.clean_choice("senior", choices, "age_group", "Age group")
