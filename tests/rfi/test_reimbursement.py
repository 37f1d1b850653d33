"""OJT reimbursement: the sliding scale, regular hours only, the per-trainee cap."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import forms
from app.core.reimbursement import estimate
from app.forms import FormsFileError


@pytest.mark.parametrize(
    ("employees", "rate"),
    [(0, 75), (1, 75), (50, 75), (51, 60), (250, 60), (251, 50), (10_000, 50)],
)
def test_sliding_scale_by_worksite_employees(employees: int, rate: int) -> None:
    assert forms.REIMBURSEMENT.load().rate_percent(employees) == rate


def test_overtime_is_never_reimbursed() -> None:
    result = estimate(forms.REIMBURSEMENT.load(), 30, 2000, [45, 40, 38])
    assert result.regular_hours == 118
    assert result.overtime_hours_left_out == 5
    assert result.wages_cents == 118 * 2000
    assert result.reimbursement_cents == 118 * 2000 * 75 // 100


def test_cap_per_trainee() -> None:
    result = estimate(forms.REIMBURSEMENT.load(), 10, 4000, [40] * 26)
    assert result.capped
    assert (
        result.reimbursement_cents == forms.REIMBURSEMENT.load().per_trainee_cap_cents == 1_000_000
    )


def test_cents_round_down() -> None:
    result = estimate(forms.REIMBURSEMENT.load(), 100, 1675, [0.25])
    assert result.wages_cents == 418  # 4.1875 dollars, rounded down
    assert result.reimbursement_cents == 250  # 60% of 418 = 250.8


@given(
    employees=st.integers(0, 5000),
    wage=st.integers(0, 10_000),
    weeks=st.lists(st.floats(0, 80, allow_nan=False), max_size=30),
    extra=st.floats(0, 40, allow_nan=False),
)
def test_more_hours_never_pay_less_and_never_past_the_cap(
    employees: int, wage: int, weeks: list[float], extra: float
) -> None:
    scale = forms.REIMBURSEMENT.load()
    base = estimate(scale, employees, wage, weeks)
    more = estimate(scale, employees, wage, [*weeks, extra])
    assert 0 <= base.reimbursement_cents <= more.reimbursement_cents <= scale.per_trainee_cap_cents


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("rate_percent = 60", "rate_percent = 160", "band 2: key 'rate_percent' must be 0 to 100"),
        ("up_to_employees = 250", "up_to_employees = 40", "above the band before"),
        ("per_trainee_cap_cents = 1000000", "per_trainee_cap_cents = -1", "per_trainee_cap_cents"),
        ("[ojt]", "[ojt", "not valid TOML"),
    ],
)
def test_broken_scale_is_refused(forms_folder: Path, old: str, new: str, says: str) -> None:
    path = forms_folder / "reimbursement.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.REIMBURSEMENT.load()
    assert says in str(caught.value)
    assert caught.value.line is not None
