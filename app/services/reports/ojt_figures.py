"""OJT money in the reports: read from the OJT area's totals, never recomputed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import metrics as m
from app.store.engine import Store

if TYPE_CHECKING:
    from app.services.reports.metrics import Scope

NOT_KEPT = "OJT records are not kept in this version of Employer Desk."


def ojt_figures(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    """OJT reimbursed (paid) and committed (approved, not yet paid) in the scope."""
    try:
        from app.services.ojt import totals  # noqa: F401
    except ImportError:
        return [
            m.Figure(defs["ojt_reimbursed"], None, note=NOT_KEPT),
            m.Figure(defs["ojt_committed"], None, note=NOT_KEPT),
        ]
    raise NotImplementedError
