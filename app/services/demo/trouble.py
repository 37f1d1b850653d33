"""Demo people in trouble: a few of the demo BSR's working placements whose latest check-in
reported absences or lateness, so "People at risk" on Today has someone to act on."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from app import forms
from app.core.models import ProgressCheckIn
from app.services.agency import settings
from app.store.engine import Store

#: (absences, late arrivals, what the employer said) for each person in trouble.
REPORTS = (
    (3, 0, "Missed three shifts this month; no call ahead twice."),
    (1, 4, "Late four times in two weeks; says the bus connection is the problem."),
)


def write_trouble_demo(store: Store, today: date) -> int:
    """The latest check-in of the first working placements of the demo BSR reports trouble."""
    me = settings.get(store, settings.ME)
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT pl.id, pl.employer_id, pl.hire_date FROM placement pl"
                " JOIN participant p ON p.id = pl.participant_id"
                " WHERE pl.deleted_at IS NULL AND pl.separation_date IS NULL"
                " AND coalesce(pl.staff_id, p.staff_id) = :me AND pl.hire_date <= :since"
                " ORDER BY pl.hire_date DESC, pl.id LIMIT :n"
            ),
            {"me": me, "since": (today - timedelta(days=10)).isoformat(), "n": len(REPORTS)},
        ).all()
    scheduled = forms.CHECKINS.load().days
    with store.transaction() as session:
        for (placement_id, employer_id, hired), (absent, late, said) in zip(
            rows, REPORTS, strict=False
        ):
            days = (today - date.fromisoformat(str(hired))).days
            session.add(
                ProgressCheckIn(
                    placement_id=placement_id,
                    employer_id=employer_id,
                    day=max(d for d in scheduled if d <= max(days, scheduled[0])),
                    checked_on=today - timedelta(days=2),
                    answered=True,
                    attendance="Absences" if absent >= 3 else "Late arrivals",
                    absences=absent,
                    late_arrivals=late,
                    employer_said=said,
                    staff_id=me,
                )
            )
    return len(rows)
