"""Fit from the store: what the OJT rule and the employer list read."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app import forms
from app.core.ids import utcnow
from app.core.models import Employer, Placement
from app.core.retention import FitLevel
from app.forms import FormsFileError
from app.services.people import retention

TODAY = date(2026, 6, 1)


def _employer(store, name: str) -> str:
    with store.transaction() as session:
        employer = Employer(legal_name=name)
        session.add(employer)
    return employer.id


def _place(store, employer_id, hired_days_ago, lasted=None, reason="", ojt=False, deleted=False):
    hire = TODAY - timedelta(days=hired_days_ago)
    with store.transaction() as session:
        session.add(
            Placement(
                participant_id="p",
                employer_id=employer_id,
                hire_date=hire,
                separation_date=hire + timedelta(days=lasted) if lasted is not None else None,
                separation_reason=reason,
                ojt=ojt,
                deleted_at=utcnow() if deleted else None,
            )
        )


def test_employer_fit_reads_live_placements(store) -> None:
    steady = _employer(store, "Steady Foods")
    churn = _employer(store, "Churn Logistics")
    for _ in range(3):
        _place(store, steady, 200)
    _place(store, steady, 200, 10, "fired", deleted=True)  # deleted: not counted
    _place(store, churn, 300, 20, "training_ended", ojt=True)
    _place(store, churn, 250, 45, "laid_off", ojt=True)
    _place(store, churn, 250)

    good = retention.employer_fit(store, steady, TODAY)
    assert good.level == FitLevel.GOOD
    assert good.figures.placements == 3
    poor = retention.employer_fit(store, churn, TODAY)
    assert poor.level == FitLevel.POOR
    assert poor.ojt_pattern
    assert poor.figures.rate(90).text() == "33% (1 of 3)"
    none = retention.employer_fit(store, _employer(store, "New Co"), TODAY)
    assert none.level == FitLevel.UNKNOWN and not none.ojt_pattern


def test_fit_map_matches_employer_fit_and_follows_changes(store) -> None:
    a = _employer(store, "A")
    b = _employer(store, "B")
    for _ in range(3):
        _place(store, a, 200)
    _place(store, b, 100, 5, "fired")
    first = retention.fit_map(store, TODAY)
    assert set(first) == {a, b}
    assert first[a] == retention.employer_fit(store, a, TODAY)
    assert first[b].level == FitLevel.WATCH
    _place(store, b, 90, 3, "laid_off")
    second = retention.fit_map(store, TODAY)
    assert second[b].level == FitLevel.POOR
    assert retention.fit_map(store, TODAY) is second  # nothing changed: not judged again
    # A row written the way sync applies it (plain SQL, its old edit time kept) still counts.
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE placement SET separation_date = date(hire_date, '+10 day'), "
                "separation_reason = 'fired' WHERE employer_id = :a"
            ),
            {"a": a},
        )
    third = retention.fit_map(store, TODAY)
    assert third is not second
    assert third[a].level == FitLevel.POOR


def test_rules_file_errors_name_file_line_and_problem(forms_folder: Path) -> None:
    path = forms_folder / "retention.toml"
    path.write_text(
        "[retention]\ndays = [30, 90]\njudge_day = 90\n\n[ojt]\njudge_day = -4\n", encoding="utf-8"
    )
    with pytest.raises(FormsFileError) as caught:
        forms.RETENTION.load()
    assert caught.value.line == 6
    assert "retention.toml, line 6" in str(caught.value)
    assert "judge_day" in str(caught.value)
    path.write_text("[retention\n", encoding="utf-8")
    with pytest.raises(FormsFileError, match="retention.toml, line 1"):
        forms.RETENTION.load()


def test_shipped_rules_file_loads() -> None:
    rules = forms.RETENTION.load()
    assert rules.days == (30, 90, 180)
    assert rules.short_turnaround_days == 30
