"""OJT money in the reports: read from the OJT area's totals, never recomputed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import metrics as m
from app.store.engine import Store

if TYPE_CHECKING:
    from app.services.reports.metrics import Scope

NOT_KEPT = "OJT records are not kept in this version of Employer Desk."


def _totals():
    try:
        from app.services.ojt import totals
    except ImportError:
        return None
    return totals


def empty_text(store: Store) -> str:
    return NOT_KEPT if _totals() is None else "No OJT reimbursed in this period"


def ojt_figures(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    """OJT reimbursed (paid) and committed (approved, not yet paid) in the scope."""
    if _totals() is None:
        return [
            m.Figure(defs["ojt_reimbursed"], None, note=NOT_KEPT),
            m.Figure(defs["ojt_committed"], None, note=NOT_KEPT),
        ]
    raise NotImplementedError


def reimbursed_by_month(store: Store, scope: Scope) -> list[tuple[str, int, tuple[str, ...]]]:
    """(month label, cents, record ids) per month of the period."""
    if _totals() is None:
        return []
    raise NotImplementedError


def reimbursed_by_employer(store: Store, scope: Scope) -> list[tuple[str, int, tuple[str, ...]]]:
    """(employer name, cents, record ids), largest first."""
    if _totals() is None:
        return []
    raise NotImplementedError


def record_table(store: Store, ids):  # noqa: ANN001, ANN201
    """The OJT records behind an OJT figure."""
    from app.services.reports.records import RecordTable

    if _totals() is None:
        return RecordTable(("Record",), [], [])
    raise NotImplementedError
