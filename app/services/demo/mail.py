"""Demo emails from employers: questions of the last three months, most answered the same or
the next business day, a few waiting now, so "Replies owed" and its figure look real."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlmodel import select

from app.core.ids import new_id
from app.core.models import Activity, Employer
from app.store.engine import Store

QUESTIONS = (
    "Asked whether the OJT reimbursement covers part-time trainees.",
    "Wants to know when the next hiring event at the job center is.",
    "Sent two new openings for the second shift.",
    "Asked for the WOTC paperwork for last week's hire.",
    "Asked whether referred candidates can start on a Monday.",
    "Wants to reschedule the workplace tour.",
)
REPLIES = (
    "Answered by email with the details.",
    "Called back and answered the question.",
)


def write_mail_demo(store: Store, seed: int, now: datetime) -> int:
    """Emails received from some employers, each answered later or still owed; returns how many."""
    rng = random.Random(seed + 41)
    with store.transaction() as session:
        chosen = list(
            session.exec(
                select(Employer).where(Employer.owner_id.is_not(None)).order_by(Employer.id)
            )  # type: ignore[union-attr]
        )
        rng.shuffle(chosen)
        written = 0
        for n, employer in enumerate(chosen[:40]):
            waiting = n < 6  # the newest few are still owed a reply
            ago = (
                timedelta(hours=rng.randint(2, 40))
                if waiting
                else timedelta(days=rng.randint(3, 90))
            )
            received = now - ago
            session.add(_activity(employer, "email_received", rng.choice(QUESTIONS), received))
            written += 1
            if not waiting:
                hours = rng.choice([1, 2, 3, 5, 20, 26, 70])
                kind = rng.choice(["email", "email", "call"])
                answer = received + timedelta(hours=hours)
                session.add(_activity(employer, kind, rng.choice(REPLIES), answer))
    return written


def _activity(employer: Employer, kind: str, summary: str, when: datetime) -> Activity:
    return Activity(
        id=new_id(),
        employer_id=employer.id,
        kind=kind,
        occurred_at=when,
        staff_id=employer.owner_id,
        summary=summary,
        created_at=when,
        updated_at=when,
    )
