"""Progress check-ins: the schedule per placement, the log of what employers said,
and the Today lists of overdue check-ins and employers who do not answer.

Employers going quiet is how absences go unnoticed until it is too late to help,
so both lists come with a check-in email ready to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app import forms
from app.core import validation as v
from app.core.checkins import (
    CheckinRules,
    Point,
    PointState,
    next_open,
    schedule,
)
from app.core.models import Placement, ProgressCheckIn
from app.mail.message import Draft, to_message, write_eml
from app.services import records
from app.store.engine import Store

# The log -------------------------------------------------------------------------------


def log_check_in(
    store: Store,
    placement_id: str,
    day: int,
    checked_on: date | str,
    answered: bool,
    attendance: str = "",
    absences: str | int | None = None,
    late_arrivals: str | int | None = None,
    performance: str = "",
    employer_said: str = "",
    bsr_action: str = "",
    staff_id: str | None = None,
    today: date | None = None,
    rules: CheckinRules | None = None,
) -> ProgressCheckIn:
    """Append one check-in attempt: what the employer reported (or that nobody answered)
    and what the BSR did about it. Never rewritten afterwards."""
    rules = rules or forms.CHECKINS.load()
    when = v.clean_date(checked_on, "checked_on", "The date of the check-in")
    if when is None:
        raise v.FieldError("checked_on", "Enter the date of the check-in.")
    if when > (today or date.today()):
        raise v.FieldError("checked_on", "A check-in cannot be logged for a date still to come.")
    if day not in rules.days:
        raise v.FieldError("day", f"Choose one of the scheduled days: {list(rules.days)}.")
    absent = v.clean_count(absences, "absences")
    late = v.clean_count(late_arrivals, "late_arrivals")
    said = (attendance.strip(), performance.strip(), employer_said.strip())
    if answered and not any(said) and absent is None and late is None:
        raise v.FieldError("employer_said", "Write down what the employer reported.")
    with store.transaction() as session:
        placement = records.live(session, Placement, placement_id)
        if when < placement.hire_date:
            raise v.FieldError("checked_on", "A check-in cannot come before the hire date.")
        entry = ProgressCheckIn(
            placement_id=placement_id,
            employer_id=placement.employer_id,
            day=day,
            checked_on=when,
            answered=answered,
            attendance=attendance.strip() if answered else "",
            absences=absent if answered else None,
            late_arrivals=late if answered else None,
            performance=performance.strip() if answered else "",
            employer_said=employer_said.strip() if answered else "",
            bsr_action=bsr_action.strip(),
            staff_id=staff_id,
        )
        session.add(entry)
    return entry


def log_for(store: Store, placement_id: str) -> list[ProgressCheckIn]:
    """The placement's check-ins, newest first."""
    from sqlmodel import select

    with store.session() as session:
        return list(
            session.exec(
                select(ProgressCheckIn)
                .where(
                    ProgressCheckIn.placement_id == placement_id,
                    ProgressCheckIn.deleted_at.is_(None),  # type: ignore[union-attr]
                )
                .order_by(ProgressCheckIn.checked_on.desc(), ProgressCheckIn.created_at.desc())  # type: ignore[attr-defined]
            )
        )


def schedule_for(
    store: Store, placement_id: str, today: date, rules: CheckinRules | None = None
) -> list[Point]:
    rules = rules or forms.CHECKINS.load()
    with store.session() as session:
        placement = session.get(Placement, placement_id)
    if placement is None:
        raise KeyError(placement_id)
    answered = [c.day for c in log_for(store, placement_id) if c.answered]
    return schedule(placement.hire_date, placement.separation_date, answered, today, rules)


# Today ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueCheckIn:
    placement_id: str
    participant_id: str
    participant: str
    employer_id: str
    employer: str
    position_title: str
    day: int
    due_on: date
    days_late: int


@dataclass(frozen=True)
class SilentEmployer:
    employer_id: str
    employer: str
    unanswered: int
    last_tried_on: date
    people: int


_OWNER = "coalesce(pl.staff_id, p.staff_id, e.owner_id)"


def overdue_check_ins(
    store: Store, today: date, staff_id: str | None = None, rules: CheckinRules | None = None
) -> list[OverdueCheckIn]:
    """One line per placement whose next check-in is overdue, the longest overdue first.

    SQLite narrows the placements to those that can have one overdue (hired long
    enough ago, not answered through the last day, still working: a job that ended
    is no longer chased); the schedule rule then decides for each. Only the latest answered day
    matters, since an answer covers every earlier day. `staff_id` keeps the
    BSR's own: placements they made, people assigned to them, employers they own.
    """
    rules = rules or forms.CHECKINS.load()
    first, last = rules.days[0], rules.days[-1]
    sql = f"""
        SELECT pl.id, pl.participant_id, coalesce(p.first_name || ' ' || p.last_name, ''),
               pl.employer_id, coalesce(e.legal_name, ''), pl.position_title, pl.hire_date,
               pl.separation_date,
               (SELECT max(c.day) FROM progresscheckin c
                 WHERE c.placement_id = pl.id AND c.answered = 1 AND c.deleted_at IS NULL)
                 AS done_day
        FROM placement pl
        LEFT JOIN participant p ON p.id = pl.participant_id
        LEFT JOIN employer e ON e.id = pl.employer_id
        WHERE pl.deleted_at IS NULL AND pl.hire_date <= :latest_hire
          AND (pl.separation_date IS NULL OR pl.separation_date > :today)
          AND (:staff IS NULL OR {_OWNER} = :staff)
          AND (done_day IS NULL OR done_day < :last)
    """
    params = {
        "latest_hire": (today - timedelta(days=first + rules.overdue_after_days)).isoformat(),
        "today": today.isoformat(),
        "last": last,
        "staff": staff_id,
    }
    found = []
    for r in store.raw_rows(sql, params):
        hire = date.fromisoformat(r[6])
        separation = date.fromisoformat(r[7]) if r[7] else None
        points = schedule(hire, separation, [r[8]] if r[8] else [], today, rules)
        point = next_open(points)
        if point is None or point.state != PointState.OVERDUE:
            continue
        found.append(
            OverdueCheckIn(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                point.day,
                point.due_on,
                (today - point.due_on).days,
            )
        )
    found.sort(key=lambda o: (o.due_on, o.employer.casefold(), o.participant.casefold()))
    return found


def silent_employers(
    store: Store, today: date, staff_id: str | None = None, rules: CheckinRules | None = None
) -> list[SilentEmployer]:
    """Employers whose latest check-in attempts (across everyone placed there) all went
    unanswered, while someone placed there is still working.

    The streak is counted in SQLite: attempts ranked newest first per employer
    (an answer on the same day as a miss counts first, in the employer's favour),
    and the streak is the rank of the newest answer, less one. It equals
    `app.core.checkins.unanswered_streak` on the same attempts.
    """
    rules = rules or forms.CHECKINS.load()
    sql = f"""
        WITH ranked AS (
            SELECT c.employer_id, c.checked_on, c.answered,
                   row_number() OVER (
                       PARTITION BY c.employer_id ORDER BY c.checked_on DESC, c.answered DESC
                   ) AS rn
            FROM progresscheckin c
            JOIN placement pl ON pl.id = c.placement_id AND pl.deleted_at IS NULL
            WHERE c.deleted_at IS NULL AND c.checked_on <= :today
        ),
        streaks AS (
            SELECT employer_id,
                   coalesce(min(CASE WHEN answered = 1 THEN rn END) - 1, count(*)) AS streak,
                   max(checked_on) AS last_tried
            FROM ranked GROUP BY employer_id
        )
        SELECT s.employer_id, coalesce(e.legal_name, ''), s.streak, s.last_tried,
               (SELECT count(*) FROM placement w
                 WHERE w.employer_id = s.employer_id AND w.deleted_at IS NULL
                   AND w.hire_date <= :today
                   AND (w.separation_date IS NULL OR w.separation_date > :today)) AS working
        FROM streaks s LEFT JOIN employer e ON e.id = s.employer_id
        WHERE s.streak >= :n AND working > 0
          AND (:staff IS NULL OR EXISTS (
                SELECT 1 FROM placement pl
                LEFT JOIN participant p ON p.id = pl.participant_id
                WHERE pl.employer_id = s.employer_id AND pl.deleted_at IS NULL
                  AND {_OWNER} = :staff))
    """
    params = {"today": today.isoformat(), "n": rules.attempts_in_a_row, "staff": staff_id}
    found = [
        SilentEmployer(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in store.raw_rows(sql, params)
    ]
    found.sort(key=lambda s: (-s.unanswered, s.last_tried_on, s.employer.casefold()))
    return found


# The check-in email ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    name: str
    position_title: str
    hire_date: date
    employer: str


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def _recipient(store: Store, employer_id: str) -> Recipient | None:
    sql = """
        SELECT name, email FROM contact
        WHERE employer_id = :e AND deleted_at IS NULL AND email != ''
        ORDER BY is_primary DESC, name LIMIT 1
    """
    with store.engine.connect() as conn:
        row = conn.execute(text(sql), {"e": employer_id}).first()
    return Recipient(row[0], row[1]) if row else None


def draft_check_in_email(
    store: Store,
    employer_id: str,
    today: date,
    sender_name: str = "",
    sender_email: str = "",
    rules: CheckinRules | None = None,
) -> EmailMessage:
    """The check-in email for an employer, naming each person still working there."""
    rules = rules or forms.CHECKINS.load()
    sql = """
        SELECT coalesce(p.first_name || ' ' || p.last_name, ''), pl.position_title,
               pl.hire_date, coalesce(e.legal_name, '')
        FROM placement pl
        LEFT JOIN participant p ON p.id = pl.participant_id
        LEFT JOIN employer e ON e.id = pl.employer_id
        WHERE pl.employer_id = :e AND pl.deleted_at IS NULL AND pl.hire_date <= :today
          AND (pl.separation_date IS NULL OR pl.separation_date > :today)
        ORDER BY pl.hire_date, 1
    """
    people = [
        _Person(r[0], r[1], date.fromisoformat(r[2]), r[3])
        for r in store.raw_rows(sql, {"e": employer_id, "today": today.isoformat()})
    ]
    if not people:
        raise v.FieldError("employer_id", "Nobody placed with this employer is working there now.")
    employer = people[0].employer
    recipient = _recipient(store, employer_id)
    lines = "\n".join(
        f"  - {p.name}, {p.position_title or 'new hire'}, "
        f"started {p.hire_date:%B} {p.hire_date.day}, {p.hire_date.year}"
        for p in people
    )
    blanks: dict[str, Any] = {
        "employer": employer,
        "contact": recipient.name.split()[0] if recipient else "there",
        "people": lines,
        "sender": sender_name or "Business Services",
        "agency": rules.agency,
    }
    draft = Draft(
        kind="check_in",
        employer_id=employer_id,
        to=[formataddr((recipient.name, recipient.email))] if recipient else [],
        subject=rules.subject.format(**blanks),
        body=rules.body.format(**blanks),
        sender_name=sender_name,
        sender_email=sender_email,
    )
    return to_message(draft)


def write_draft(message: EmailMessage, folder: Path, stem: str) -> Path:
    """Save the draft as an .eml file the mail program opens (a new name each time)."""
    return write_eml(message, folder, stem)
