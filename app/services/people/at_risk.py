"""Placed participants in trouble: absences or lateness the employer reported, or an employer
that stopped answering about them. Listed on Today with the BSR to tell, so help comes before
the job is lost (the agency's own worry: employers who do not report attendance problems)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from app import forms
from app.core.checkins import Attempt, CheckinRules, risk_reasons
from app.store.engine import Store


@dataclass(frozen=True)
class AtRisk:
    placement_id: str
    participant_id: str
    participant: str
    employer_id: str
    employer: str
    position_title: str
    reasons: tuple[str, ...]
    last_checked_on: date
    #: The BSR who should hear of it: the placement's, else the participant's, else the
    #: employer's owner; with a phone or email when the store has one.
    tell: str


_PEOPLE = """
    SELECT pl.id, pl.participant_id, coalesce(p.first_name || ' ' || p.last_name, ''),
           pl.employer_id, coalesce(e.legal_name, ''), pl.position_title,
           coalesce(st.name, ''), coalesce(nullif(st.phone, ''), st.email, '')
    FROM placement pl
    LEFT JOIN participant p ON p.id = pl.participant_id
    LEFT JOIN employer e ON e.id = pl.employer_id
    LEFT JOIN staff st ON st.id = coalesce(pl.staff_id, p.staff_id, e.owner_id)
    WHERE pl.deleted_at IS NULL AND pl.hire_date <= :today
      AND (pl.separation_date IS NULL OR pl.separation_date > :today)
      AND (:staff IS NULL OR coalesce(pl.staff_id, p.staff_id, e.owner_id) = :staff)
      AND EXISTS (SELECT 1 FROM progresscheckin c
                  WHERE c.placement_id = pl.id AND c.deleted_at IS NULL)
"""
_ATTEMPTS = """
    SELECT c.placement_id, c.checked_on, c.answered, c.absences, c.late_arrivals
    FROM progresscheckin c JOIN placement pl ON pl.id = c.placement_id
    WHERE c.deleted_at IS NULL AND pl.deleted_at IS NULL AND c.checked_on <= :today
"""


def at_risk(
    store: Store, today: date, staff_id: str | None = None, rules: CheckinRules | None = None
) -> list[AtRisk]:
    """Everyone still working whose check-ins show trouble, most reasons first."""
    rules = rules or forms.CHECKINS.load()
    params = {"today": today.isoformat(), "staff": staff_id}
    with store.engine.connect() as conn:
        people = conn.execute(text(_PEOPLE), params).all()
        attempts: dict[str, list[Attempt]] = {}
        for pid, when, answered, absences, late in conn.execute(text(_ATTEMPTS), params):
            attempts.setdefault(pid, []).append(
                Attempt(date.fromisoformat(when), bool(answered), absences, late)
            )
    found = []
    for pid, person_id, person, employer_id, employer, title, bsr, reach in people:
        mine = attempts.get(pid, [])
        reasons = risk_reasons(mine, rules)
        if not reasons:
            continue
        tell = f"{bsr} ({reach})" if bsr and reach else bsr or "No BSR assigned"
        last = max(a.checked_on for a in mine)
        found.append(
            AtRisk(pid, person_id, person, employer_id, employer, title, tuple(reasons), last, tell)
        )
    found.sort(
        key=lambda r: (-len(r.reasons), -r.last_checked_on.toordinal(), r.participant.casefold())
    )
    return found
