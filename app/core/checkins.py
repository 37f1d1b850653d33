"""The progress check-in schedule for a placement: which days, which are due, which are late.

Pure: dates in, dates out. The schedule comes from forms/checkins.toml.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.core.forms_data import SectionError


@dataclass(frozen=True)
class CheckinRules:
    every_days: int = 7
    weekly_until_day: int = 30
    milestones: tuple[int, ...] = (60, 90, 180)
    overdue_after_days: int = 2
    attempts_in_a_row: int = 2
    risk_absences: int = 3
    risk_late_arrivals: int = 3
    risk_unanswered_in_a_row: int = 2
    subject: str = "Checking in on your new hires from {agency}"
    body: str = "Hello {contact},\n\n{people}\n\n{sender}\n"
    agency: str = "the American Job Center"

    @property
    def days(self) -> tuple[int, ...]:
        """Every check-in day after the hire date, in order (7, 14, 21, 28, 60, 90, 180)."""
        weekly = range(self.every_days, self.weekly_until_day + 1, self.every_days)
        return tuple(sorted(set(weekly) | set(self.milestones)))


class PointState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    NOT_NEEDED = "not_needed"

    @property
    def label(self) -> str:
        return {
            "done": "Done",
            "overdue": "Overdue",
            "due": "Due",
            "upcoming": "Upcoming",
            "not_needed": "Not needed (job ended)",
        }[self.value]


@dataclass(frozen=True)
class Point:
    day: int
    due_on: date
    state: PointState


def schedule(
    hire_date: date,
    separation_date: date | None,
    answered_days: Iterable[int],
    today: date,
    rules: CheckinRules,
) -> list[Point]:
    """Each check-in day with its date and state.

    A day is done once the employer answered for it (or for a later day: a
    90-day report also covers a missed 60-day one). Days after the job ended
    are not needed, and once it has ended no open day is chased any more: there
    is nobody left to ask about. A day is due from its date and overdue
    `overdue_after_days` later.
    """
    answered = set(answered_days)
    latest = max(answered, default=0)
    ended = separation_date is not None and separation_date <= today
    points = []
    for day in rules.days:
        due_on = hire_date + timedelta(days=day)
        if day in answered or day <= latest:
            state = PointState.DONE
        elif ended or (separation_date is not None and due_on > separation_date):
            state = PointState.NOT_NEEDED
        elif today >= due_on + timedelta(days=rules.overdue_after_days):
            state = PointState.OVERDUE
        elif today >= due_on:
            state = PointState.DUE
        else:
            state = PointState.UPCOMING
        points.append(Point(day, due_on, state))
    return points


def next_open(points: Iterable[Point]) -> Point | None:
    """The check-in to do next: the earliest not done and still needed."""
    for point in points:
        if point.state in (PointState.OVERDUE, PointState.DUE, PointState.UPCOMING):
            return point
    return None


def unanswered_streak(attempts: Iterable[tuple[date, bool]]) -> int:
    """How many of the latest attempts, newest backwards, went unanswered (date, answered).

    On a day with both a miss and an answer, the answer counts as the later one.
    """
    streak = 0
    for _when, answered in sorted(attempts, key=lambda a: (a[0], a[1]), reverse=True):
        if answered:
            break
        streak += 1
    return streak


@dataclass(frozen=True)
class Attempt:
    """One check-in of one placement, as the at-risk rule needs it."""

    checked_on: date
    answered: bool
    absences: int | None = None
    late_arrivals: int | None = None


def risk_reasons(attempts: Iterable[Attempt], rules: CheckinRules) -> list[str]:
    """Why a placed participant needs help now, in words; empty when nothing is wrong.

    The employer's latest report decides attendance (a later report with fewer absences
    clears an earlier one; of two reports on one day, the worse); unanswered check-ins count when they are the latest ones in
    a row, since silence is when trouble goes unseen.
    """
    attempts = list(attempts)
    reasons = []
    reports = [a for a in attempts if a.answered]
    if reports:
        day = max(a.checked_on for a in reports)
        # Two reports on one day: the worse figures count, so trouble is never hidden.
        absences = max((a.absences or 0 for a in reports if a.checked_on == day), default=0)
        late = max((a.late_arrivals or 0 for a in reports if a.checked_on == day), default=0)
        if absences >= rules.risk_absences:
            reasons.append(f"{absences} absences reported on {day.isoformat()}")
        if late >= rules.risk_late_arrivals:
            reasons.append(f"Late {late} times, reported on {day.isoformat()}")
    silent = unanswered_streak((a.checked_on, a.answered) for a in attempts)
    if silent >= rules.risk_unanswered_in_a_row:
        reasons.append(f"{silent} check-ins in a row unanswered")
    return reasons


class CheckinRulesError(SectionError):
    """A check-in rules value that cannot be used."""


def _whole(data: Mapping[str, Any], section: str, key: str, default: int, low: int) -> int:
    value = data.get(section, {}).get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise CheckinRulesError(section, key, f"must be a whole number of at least {low}")
    return value


def rules_from_mapping(data: Mapping[str, Any]) -> CheckinRules:
    """Build the schedule from parsed TOML, refusing values that make no sense."""
    for section in ("schedule", "no_answer", "at_risk", "email"):
        if not isinstance(data.get(section, {}), dict):
            raise CheckinRulesError(section, "", "must be a [section] of settings")
    milestones = data.get("schedule", {}).get("milestones", [60, 90, 180])
    if not isinstance(milestones, list) or any(
        not isinstance(d, int) or isinstance(d, bool) or d < 1 for d in milestones
    ):
        raise CheckinRulesError(
            "schedule", "milestones", "must be a list of whole numbers of days, like [60, 90, 180]"
        )
    email = data.get("email", {})
    texts = {}
    defaults = CheckinRules()
    for key in ("subject", "body", "agency"):
        value = email.get(key, getattr(defaults, key))
        if not isinstance(value, str) or not value.strip():
            raise CheckinRulesError("email", key, "must be some text")
        texts[key] = value
    for key in ("subject", "body"):
        try:
            texts[key].format(employer="", contact="", people="", sender="", agency="")
        except (KeyError, IndexError, ValueError) as exc:
            raise CheckinRulesError(
                "email",
                key,
                f"uses an unknown blank {exc}; use {{employer}}, {{contact}}, {{people}}, "
                "{{sender}} or {{agency}}",
            ) from exc
    rules = CheckinRules(
        every_days=_whole(data, "schedule", "every_days", 7, 1),
        weekly_until_day=_whole(data, "schedule", "weekly_until_day", 30, 0),
        milestones=tuple(sorted(set(milestones))),
        overdue_after_days=_whole(data, "schedule", "overdue_after_days", 2, 0),
        attempts_in_a_row=_whole(data, "no_answer", "attempts_in_a_row", 2, 1),
        risk_absences=_whole(data, "at_risk", "absences_at_least", 3, 1),
        risk_late_arrivals=_whole(data, "at_risk", "late_arrivals_at_least", 3, 1),
        risk_unanswered_in_a_row=_whole(data, "at_risk", "unanswered_in_a_row", 2, 1),
        **texts,
    )
    if not rules.days:
        raise CheckinRulesError("schedule", "milestones", "the schedule has no check-in days")
    return rules
