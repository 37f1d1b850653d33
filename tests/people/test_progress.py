"""Check-in schedule, the log, and the Today lists with a frozen clock; the check-in email."""

from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest

from app import forms
from app.core.checkins import CheckinRules, PointState, rules_from_mapping, schedule
from app.core.validation import FieldError
from app.forms import FormsFileError
from app.services.people import placements, progress
from tests.people import helpers

RULES = CheckinRules()
HIRE = date(2026, 3, 2)


def test_schedule_days_from_the_forms_file() -> None:
    rules = forms.CHECKINS.load()
    assert rules.days == (7, 14, 21, 28, 60, 90, 180)
    assert rules_from_mapping({"schedule": {"every_days": 10, "milestones": [45]}}).days == (
        10,
        20,
        30,
        45,
    )


@pytest.mark.parametrize(
    ("today", "answered", "separation", "states"),
    [
        (HIRE, [], None, "UUUUUUU"),
        (HIRE + timedelta(days=7), [], None, "DUUUUUU"),  # due on its day
        (HIRE + timedelta(days=9), [], None, "OUUUUUU"),  # overdue 2 days later
        (HIRE + timedelta(days=30), [7, 14], None, "XXOOUUU"),  # 28 + 2 days: overdue
        (HIRE + timedelta(days=100), [7, 90], None, "XXXXXXU"),  # a later answer covers earlier
        (HIRE + timedelta(days=17), [7], HIRE + timedelta(days=20), "XONNNNN"),  # ends soon
        # Laid off on day 20, seven weeks ago: nothing is chased any more.
        (HIRE + timedelta(days=69), [7], HIRE + timedelta(days=20), "XNNNNNN"),
    ],
)
def test_schedule_states(today, answered, separation, states) -> None:
    code = {
        PointState.DONE: "X",
        PointState.OVERDUE: "O",
        PointState.DUE: "D",
        PointState.UPCOMING: "U",
        PointState.NOT_NEEDED: "N",
    }
    points = schedule(HIRE, separation, answered, today, RULES)
    assert "".join(code[p.state] for p in points) == states
    assert points[0].due_on == date(2026, 3, 9)


def test_bad_schedule_file_names_line(forms_folder: Path) -> None:
    path = forms_folder / "checkins.toml"
    path.write_text("[schedule]\nevery_days = 7\nmilestones = [60, 'ninety']\n", encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.CHECKINS.load()
    assert caught.value.line == 3 and "milestones" in str(caught.value)
    path.write_text('[email]\nsubject = "Hi {name}"\n', encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.CHECKINS.load()
    assert caught.value.line == 2 and "unknown blank" in str(caught.value)


def test_log_rules(store) -> None:
    employer = helpers.employer(store)
    pid = helpers.placement(store, employer, HIRE)
    today = HIRE + timedelta(days=10)
    with pytest.raises(FieldError, match="scheduled days"):
        progress.log_check_in(store, pid, 8, today, True, attendance="ok", today=today)
    with pytest.raises(FieldError, match="what the employer reported"):
        progress.log_check_in(store, pid, 7, today, True, today=today)
    with pytest.raises(FieldError, match="still to come"):
        progress.log_check_in(store, pid, 7, today + timedelta(days=1), False, today=today)
    with pytest.raises(FieldError):
        progress.log_check_in(store, pid, 7, today, True, absences="two", today=today)
    entry = progress.log_check_in(
        store,
        pid,
        7,
        today,
        True,
        attendance="Good",
        absences="1",
        late_arrivals=0,
        performance="Learning fast",
        bsr_action="Thanked the supervisor",
        today=today,
    )
    assert (entry.absences, entry.late_arrivals) == (1, 0)
    assert [c.id for c in progress.log_for(store, pid)] == [entry.id]
    states = [p.state for p in progress.schedule_for(store, pid, today)]
    assert states[:2] == [PointState.DONE, PointState.UPCOMING]


def test_today_lists_with_a_frozen_clock(store) -> None:
    today = date(2026, 6, 1)
    quiet = helpers.employer(store, "Quiet Warehouse", contact_email="hr@quiet.example")
    fine = helpers.employer(store, "Fine Bakery")
    late = helpers.placement(store, quiet, today - timedelta(days=40))  # 28-day one overdue
    helpers.placement(store, quiet, today - timedelta(days=3))  # nothing due yet
    ok = helpers.placement(store, fine, today - timedelta(days=16))
    ended = helpers.placement(store, fine, today - timedelta(days=50))
    placements.record_separation(store, ended, today - timedelta(days=45), "quit", today=today)
    progress.log_check_in(
        store, ok, 14, today - timedelta(days=1), True, attendance="Fine", today=today
    )
    for days_ago in (20, 12):
        progress.log_check_in(store, late, 21, today - timedelta(days=days_ago), False, today=today)

    overdue = progress.overdue_check_ins(store, today)
    assert [(o.employer, o.day, o.days_late) for o in overdue] == [("Quiet Warehouse", 7, 33)]
    assert overdue[0].placement_id == late
    silent = progress.silent_employers(store, today)
    assert [(s.employer, s.unanswered, s.people) for s in silent] == [("Quiet Warehouse", 2, 2)]
    # A day later nothing new is due for the bakery; the quiet employer is still listed.
    assert [
        o.placement_id for o in progress.overdue_check_ins(store, today + timedelta(days=1))
    ] == [late]
    # The employer answers: off both lists (a later answer covers the missed earlier days).
    progress.log_check_in(store, late, 28, today, True, employer_said="Two absences", today=today)
    assert progress.overdue_check_ins(store, today) == []
    assert progress.silent_employers(store, today) == []
    # The lists are the BSR's own when asked.
    assert (
        progress.overdue_check_ins(store, today + timedelta(days=60), staff_id="someone-else") == []
    )


def test_check_in_email_draft(store, tmp_path: Path) -> None:
    today = date(2026, 6, 1)
    employer = helpers.employer(store, "Quiet Warehouse", contact_email="hr@quiet.example")
    helpers.placement(store, employer, date(2026, 4, 20), position_title="Picker")
    left = helpers.placement(store, employer, date(2026, 4, 1))
    placements.record_separation(store, left, date(2026, 4, 10), "fired", today=today)
    message = progress.draft_check_in_email(
        store, employer, today, sender_name="Rosa Diaz", sender_email="rdiaz@agency.example"
    )
    path = progress.write_draft(message, tmp_path, "Check-in Quiet Warehouse")
    assert path.name == "Check-in Quiet Warehouse.eml"
    assert progress.write_draft(message, tmp_path, "Check-in Quiet Warehouse").name.endswith(
        "(2).eml"
    )
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["To"] == "Dana Ruiz <hr@quiet.example>"
    assert parsed["From"] == "Rosa Diaz <rdiaz@agency.example>"
    body = parsed.get_content()
    assert "Hello Dana" in body and "Quiet Warehouse" in body
    assert "Picker, started April 20, 2026" in body
    assert body.count("  - ") == 1  # the person no longer working there is not asked about
    assert body.rstrip().endswith("Rosa Diaz")
    nobody = helpers.employer(store, "Empty Co")
    with pytest.raises(FieldError):
        progress.draft_check_in_email(store, nobody, today)


def test_sql_lists_agree_with_the_schedule_rule_on_random_histories(store) -> None:
    """The Today queries narrow and count in SQLite; the pure rules must say the same."""
    import random

    from sqlmodel import select

    from app.core.checkins import next_open, unanswered_streak
    from app.core.models import Placement, ProgressCheckIn

    rng = random.Random(5)
    today = date(2026, 6, 1)
    bosses = [helpers.employer(store, f"Employer {n}") for n in range(6)]
    for _ in range(40):
        employer = rng.choice(bosses)
        hire = today - timedelta(days=rng.randint(0, 260))
        pid = helpers.placement(store, employer, hire)
        if rng.random() < 0.3:
            end = hire + timedelta(days=rng.randint(0, 120))
            if end <= today:
                placements.record_separation(store, pid, end, "quit", today=today)
        for day in RULES.days:
            when = hire + timedelta(days=day + rng.randint(-2, 3))
            if when > today or rng.random() < 0.3:
                continue
            answered = rng.random() < 0.5
            progress.log_check_in(
                store,
                pid,
                day,
                when,
                answered,
                employer_said="ok" if answered else "",
                today=today,
                rules=RULES,
            )
    with store.session() as session:
        rows = list(session.exec(select(Placement)))
        logs = list(session.exec(select(ProgressCheckIn)))
    expected_overdue = set()
    attempts: dict[str, list] = {}
    working: dict[str, int] = {}
    for p in rows:
        mine = [c for c in logs if c.placement_id == p.id]
        point = next_open(
            schedule(
                p.hire_date, p.separation_date, [c.day for c in mine if c.answered], today, RULES
            )
        )
        if point is not None and point.state == PointState.OVERDUE:
            expected_overdue.add((p.id, point.day))
        attempts.setdefault(p.employer_id, []).extend((c.checked_on, c.answered) for c in mine)
        if p.separation_date is None or p.separation_date > today:
            working[p.employer_id] = working.get(p.employer_id, 0) + 1
    expected_silent = {
        (e, unanswered_streak(tries))
        for e, tries in attempts.items()
        if working.get(e) and unanswered_streak(tries) >= RULES.attempts_in_a_row
    }
    got = progress.overdue_check_ins(store, today, rules=RULES)
    assert {(o.placement_id, o.day) for o in got} == expected_overdue
    assert expected_overdue  # the random history does hold overdue check-ins
    silent = progress.silent_employers(store, today, rules=RULES)
    assert {(s.employer_id, s.unanswered) for s in silent} == expected_silent
    assert expected_silent  # and employers that stopped answering
