"""Progress check-ins: the schedule per placement, the log of what employers said,
and the Today lists of overdue check-ins and employers who do not answer.

Employers going quiet is how absences go unnoticed until it is too late to help,
so both lists come with a check-in email ready to send.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.core import validation as v
from app.core.checkins import (
    CheckinRules,
    CheckinRulesError,
    Point,
    PointState,
    next_open,
    rules_from_mapping,
    schedule,
    unanswered_streak,
)
from app.core.forms_file import FORMS_DIR, FormsFileError, read_toml
from app.core.models import Placement, ProgressCheckIn
from app.store.engine import Store

RULES_FILE = "checkins.toml"
_rules_cache: dict[Path, CheckinRules] = {}


def load_rules(path: Path | None = None) -> CheckinRules:
    """forms/checkins.toml as rules; a bad value is refused with file, line and problem."""
    path = path or FORMS_DIR / RULES_FILE
    if path in _rules_cache:
        return _rules_cache[path]
    data, raw = read_toml(path)
    try:
        rules = rules_from_mapping(data)
    except CheckinRulesError as exc:
        line = _line_in_section(raw, exc.section, exc.key)
        raise FormsFileError(
            path, f"[{exc.section}] {exc.key} {exc.problem}".strip(), line
        ) from exc
    _rules_cache[path] = rules
    return rules


def _line_in_section(raw: str, section: str, key: str) -> int | None:
    inside = False
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[]").strip() == section
            if inside and not key:
                return number
        elif inside and "=" in stripped and stripped.split("=", 1)[0].strip() == key:
            return number
    return None


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
    rules = rules or load_rules()
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
        placement = session.get(Placement, placement_id)
        if placement is None or placement.deleted_at is not None:
            raise KeyError(f"No such placement: {placement_id}")
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
    rules = rules or load_rules()
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


@dataclass(frozen=True)
class _Open:
    placement_id: str
    participant_id: str
    participant: str
    employer_id: str
    employer: str
    position_title: str
    hire_date: date
    separation_date: date | None
    owner_id: str | None


def _open_placements(store: Store, today: date, rules: CheckinRules) -> list[_Open]:
    """Live placements that may still need a check-in (not ended before their first one)."""
    sql = """
        SELECT pl.id, pl.participant_id, coalesce(p.first_name || ' ' || p.last_name, ''),
               pl.employer_id, coalesce(e.legal_name, ''), pl.position_title, pl.hire_date,
               pl.separation_date, coalesce(pl.staff_id, p.staff_id, e.owner_id)
        FROM placement pl
        LEFT JOIN participant p ON p.id = pl.participant_id
        LEFT JOIN employer e ON e.id = pl.employer_id
        WHERE pl.deleted_at IS NULL AND pl.hire_date <= :today
    """
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {"today": today.isoformat()}).all()
    return [
        _Open(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            date.fromisoformat(r[6]),
            date.fromisoformat(r[7]) if r[7] else None,
            r[8],
        )
        for r in rows
    ]


def _attempts(store: Store) -> dict[str, list[tuple[date, bool, int]]]:
    """placement id -> [(checked_on, answered, day)] for every logged attempt."""
    sql = """
        SELECT placement_id, checked_on, answered, day FROM progresscheckin
        WHERE deleted_at IS NULL
    """
    found: dict[str, list[tuple[date, bool, int]]] = defaultdict(list)
    with store.engine.connect() as conn:
        for r in conn.execute(text(sql)):
            found[r[0]].append((date.fromisoformat(r[1]), bool(r[2]), r[3]))
    return found


def overdue_check_ins(
    store: Store, today: date, staff_id: str | None = None, rules: CheckinRules | None = None
) -> list[OverdueCheckIn]:
    """One line per placement whose next check-in is overdue, the longest overdue first.

    `staff_id` keeps the BSR's own: placements they made, people assigned to
    them, or employers they own.
    """
    rules = rules or load_rules()
    attempts = _attempts(store)
    found = []
    for p in _open_placements(store, today, rules):
        if staff_id and p.owner_id != staff_id:
            continue
        answered = [day for _when, ok, day in attempts.get(p.placement_id, []) if ok]
        points = schedule(p.hire_date, p.separation_date, answered, today, rules)
        point = next_open(points)
        if point is None or point.state != PointState.OVERDUE:
            continue
        found.append(
            OverdueCheckIn(
                p.placement_id,
                p.participant_id,
                p.participant,
                p.employer_id,
                p.employer,
                p.position_title,
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
    unanswered, while someone placed there is still working."""
    rules = rules or load_rules()
    attempts = _attempts(store)
    by_employer: dict[str, list[tuple[date, bool]]] = defaultdict(list)
    working: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    owners: dict[str, set[str | None]] = defaultdict(set)
    for p in _open_placements(store, today, rules):
        names[p.employer_id] = p.employer
        owners[p.employer_id].add(p.owner_id)
        if p.separation_date is None or p.separation_date > today:
            working[p.employer_id] += 1
        by_employer[p.employer_id].extend(
            (when, ok) for when, ok, _day in attempts.get(p.placement_id, [])
        )
    found = []
    for employer_id, tries in by_employer.items():
        if not working[employer_id] or (staff_id and staff_id not in owners[employer_id]):
            continue
        streak = unanswered_streak(tries)
        if streak >= rules.attempts_in_a_row:
            last = max(when for when, _ok in tries)
            found.append(
                SilentEmployer(employer_id, names[employer_id], streak, last, working[employer_id])
            )
    found.sort(key=lambda s: (-s.unanswered, s.last_tried_on, s.employer.casefold()))
    return found


# The check-in email ------------------------------------------------------------------------


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
    rules = rules or load_rules()
    people = [
        p
        for p in _open_placements(store, today, rules)
        if p.employer_id == employer_id and (p.separation_date is None or p.separation_date > today)
    ]
    if not people:
        raise v.FieldError("employer_id", "Nobody placed with this employer is working there now.")
    employer = people[0].employer
    recipient = _recipient(store, employer_id)
    lines = "\n".join(
        f"  - {p.participant}, {p.position_title or 'new hire'}, started {p.hire_date:%B} {p.hire_date.day}, {p.hire_date.year}"
        for p in sorted(people, key=lambda p: (p.hire_date, p.participant))
    )
    blanks: dict[str, Any] = {
        "employer": employer,
        "contact": recipient.name.split()[0] if recipient else "there",
        "people": lines,
        "sender": sender_name or "Business Services",
        "agency": rules.agency,
    }
    message = EmailMessage()
    message["Subject"] = rules.subject.format(**blanks)
    if recipient is not None:
        message["To"] = formataddr((recipient.name, recipient.email))
    if sender_email:
        message["From"] = formataddr((sender_name, sender_email))
    message["Message-ID"] = make_msgid(domain="employer-desk.local")
    message["X-Unsent"] = "1"  # opens as a draft to edit and send in Outlook
    message.set_content(rules.body.format(**blanks))
    return message


def write_draft(message: EmailMessage, folder: Path, stem: str) -> Path:
    """Save the draft as an .eml file the mail program opens (a new name each time)."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in stem).strip() or "check-in"
    target = folder / f"{safe}.eml"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{safe} ({n}).eml"
    tmp = target.with_suffix(".eml.tmp")
    tmp.write_bytes(bytes(message))
    tmp.replace(target)
    return target
