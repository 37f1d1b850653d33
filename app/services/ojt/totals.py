"""OJT money totals for reports: reimbursed and committed, per agreement, employer, program, job
center and agency-wide, for any period.

Definitions (whole cents, live records only)
--------------------------------------------
- **Reimbursed** in a period: the amounts paid (`paid_cents`) of invoices whose
  payment date falls in the period. Corrections count with their own sign, so
  an overpayment given back lowers the total.
- **Committed** in a period: the amounts (`amount_cents`) of invoices approved
  in the period and not yet paid at the period's end: money the agency owes.
- A period is `Period(start, end)`, both days included; `None` leaves that side
  open, so `Period()` is "all time" (and committed is then "owed today").
- Programs are the agreement's funding program (agency program code, like
  "wioa-adult"); job centers are the agreement's office.

API: `totals(store, by, period)` with `by` one of "agreement", "employer",
"program", "office", returning {key: Totals}; `agency(store, period)` returns
one Totals; `reimbursed_by_agreement(store)` gives all-time paid per agreement
(the OJT list shows it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy import text

from app.store.engine import Store

GROUPS = {
    "agreement": "a.id",
    "employer": "a.employer_id",
    "program": "a.program_code",
    "office": "coalesce(a.office_id, '')",
    "agency": "''",
}
Group = Literal["agreement", "employer", "program", "office"]


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    def holds(self, day: date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def after_end(self, day: date | None) -> bool:
        return day is None or (self.end is not None and day > self.end)


@dataclass
class Totals:
    reimbursed_cents: int = 0
    committed_cents: int = 0
    invoices_paid: int = 0
    invoices_committed: int = 0
    agreements: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {
            "reimbursed_cents": self.reimbursed_cents,
            "committed_cents": self.committed_cents,
            "invoices_paid": self.invoices_paid,
            "invoices_committed": self.invoices_committed,
            "agreements": len(self.agreements),
        }


@dataclass(frozen=True)
class Only:
    """Agreements to count: of one job center, one funding program and/or one BSR (None: any)."""

    office_id: str | None = None
    program_code: str | None = None
    staff_id: str | None = None


_SQL = """
    SELECT {key}, a.id, i.status, i.amount_cents, i.paid_cents, i.approved_on, i.paid_on
    FROM ojt_invoice i JOIN ojt_agreement a ON a.id = i.agreement_id
    WHERE i.deleted_at IS NULL AND a.deleted_at IS NULL AND i.status != 'requested'
      AND (:office IS NULL OR coalesce(a.office_id, '') = :office)
      AND (:program IS NULL OR a.program_code = :program)
      AND (:staff IS NULL OR a.staff_id = :staff)
"""


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def totals(
    store: Store, by: Group, period: Period = Period(), only: Only = Only()
) -> dict[str, Totals]:
    """Reimbursed and committed per group (see the module's definitions)."""
    if by not in GROUPS or by == "agency":
        raise ValueError(
            f"Totals are grouped by one of: {', '.join(g for g in GROUPS if g != 'agency')}."
        )
    return _totals(store, GROUPS[by], period, only)


def agency(store: Store, period: Period = Period(), only: Only = Only()) -> Totals:
    """The agency-wide totals for the period (of the agreements `only` keeps)."""
    return _totals(store, GROUPS["agency"], period, only).get("", Totals())


def _totals(store: Store, key: str, period: Period, only: Only) -> dict[str, Totals]:
    params = {"office": only.office_id, "program": only.program_code, "staff": only.staff_id}
    with store.engine.connect() as conn:
        rows = conn.execute(text(_SQL.format(key=key)), params).all()
    result: dict[str, Totals] = {}
    for group, agreement_id, status, amount, paid, approved_on, paid_on in rows:
        approved, paid_day = _day(approved_on), _day(paid_on)
        entry = result.setdefault(group, Totals())
        if status == "paid" and period.holds(paid_day):
            entry.reimbursed_cents += paid if paid is not None else amount
            entry.invoices_paid += 1
            entry.agreements.add(agreement_id)
        if period.holds(approved) and period.after_end(paid_day):
            entry.committed_cents += amount
            entry.invoices_committed += 1
            entry.agreements.add(agreement_id)
    return {k: t for k, t in result.items() if t.agreements}


def reimbursed_by_agreement(store: Store) -> dict[str, int]:
    """All-time reimbursed cents per agreement id."""
    return {k: t.reimbursed_cents for k, t in totals(store, "agreement").items()}
