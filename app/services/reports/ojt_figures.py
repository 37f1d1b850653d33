"""OJT money in the reports: read from the OJT area's totals (app.services.ojt.totals), never
recomputed here, so the Reports page, the sheets and `ojt list` always agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text

from app.core import metrics as m
from app.core.periods import month
from app.services.ojt import totals as ojt_totals
from app.store.engine import Store

if TYPE_CHECKING:
    from app.services.reports.metrics import Scope
    from app.services.reports.records import RecordTable

NO_AGREEMENTS = "No OJT agreements are on file yet."


def _has_agreements(store: Store) -> bool:
    with store.engine.connect() as conn:
        return bool(
            conn.execute(
                text("SELECT EXISTS (SELECT 1 FROM ojt_agreement WHERE deleted_at IS NULL)")
            ).scalar()
        )


def empty_text(store: Store) -> str:
    return "No OJT reimbursed in this period" if _has_agreements(store) else NO_AGREEMENTS


def _period(scope: Scope) -> ojt_totals.Period:
    return ojt_totals.Period(scope.period.start, min(scope.period.end, scope.today))


def _only(scope: Scope) -> ojt_totals.Only:
    """The report's filters as the agreements they keep: job center, program and BSR."""
    f = scope.filters
    return ojt_totals.Only(f.office_id or None, f.program or None, f.staff_id or None)


def scoped_totals(store: Store, scope: Scope) -> ojt_totals.Totals:
    """The totals of the agreements the filters keep, over the period up to today."""
    return ojt_totals.agency(store, _period(scope), _only(scope))


def ojt_figures(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    """OJT reimbursed (paid) and committed (approved, not yet paid) in the scope."""
    if not _has_agreements(store):
        return [
            m.Figure(defs["ojt_reimbursed"], None, note=NO_AGREEMENTS),
            m.Figure(defs["ojt_committed"], None, note=NO_AGREEMENTS),
        ]
    t = scoped_totals(store, scope)
    ids = tuple(sorted(t.agreements))
    return [
        m.Figure(
            defs["ojt_reimbursed"],
            t.reimbursed_cents / 100,
            float(t.reimbursed_cents),
            float(t.invoices_paid),
            ids,
        ),
        m.Figure(
            defs["ojt_committed"],
            t.committed_cents / 100,
            float(t.committed_cents),
            float(t.invoices_committed),
            ids,
        ),
    ]


def reimbursed_by_month(store: Store, scope: Scope) -> list[tuple[str, int, tuple[str, ...]]]:
    """(month label, cents paid, agreement ids) per month of the period up to today."""
    if not _has_agreements(store):
        return []
    out = []
    for first in [d for d in scope.period.months() if d <= scope.today]:
        span = month(first.year, first.month)
        period = ojt_totals.Period(
            max(span.start, scope.period.start), min(span.end, scope.period.end)
        )
        t = ojt_totals.agency(store, period, _only(scope))
        out.append((f"{first:%b %y}", t.reimbursed_cents, tuple(sorted(t.agreements))))
    return out


def reimbursed_by_employer(store: Store, scope: Scope) -> list[tuple[str, int, tuple[str, ...]]]:
    """(employer name, cents paid, agreement ids), largest first."""
    if not _has_agreements(store):
        return []
    per = ojt_totals.totals(store, "employer", _period(scope), _only(scope))
    names = employer_names(store, list(per))
    rows = [
        (names.get(k, "Employer"), t.reimbursed_cents, tuple(sorted(t.agreements)))
        for k, t in per.items()
        if t.reimbursed_cents
    ]
    return sorted(rows, key=lambda r: -r[1])


def employer_names(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    query = text("SELECT id, legal_name FROM employer WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    with store.engine.connect() as conn:
        return dict(conn.execute(query, {"ids": ids}).all())


_AGREEMENTS_SQL = """
    SELECT a.id, coalesce(em.legal_name, a.employer_legal_name),
        pa.first_name || ' ' || pa.last_name, a.position_title, a.status, a.start_date
    FROM ojt_agreement a LEFT JOIN employer em ON em.id = a.employer_id
    LEFT JOIN participant pa ON pa.id = a.participant_id
    WHERE a.id IN :ids ORDER BY a.start_date
"""


def record_table(store: Store, ids: tuple[str, ...] | list[str]) -> RecordTable:
    """The OJT agreements behind an OJT figure, with each one's all-time money."""
    from app.core.ojt_money import dollars
    from app.services.reports.records import RecordTable

    headers = ("Employer", "Trainee", "Position", "Status", "Start", "Paid, all time", "Owed")
    if not ids:
        return RecordTable(headers, [], [])
    money = ojt_totals.totals(store, "agreement")
    query = text(_AGREEMENTS_SQL).bindparams(bindparam("ids", expanding=True))
    with store.engine.connect() as conn:
        rows = conn.execute(query, {"ids": list(ids)}).all()
    out, order = [], []
    for aid, employer, person, position, status, start in rows:
        t = money.get(aid, ojt_totals.Totals())
        order.append(aid)
        out.append(
            (
                employer or "",
                person or "",
                position or "",
                str(status).replace("_", " "),
                str(start or ""),
                dollars(t.reimbursed_cents),
                dollars(t.committed_cents),
            )
        )
    return RecordTable(headers, out, order)
