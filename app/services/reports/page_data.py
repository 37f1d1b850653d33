"""What the Reports page shows, in one call per refresh: figures, charts, a headline."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.metrics import Figure
from app.services.agency import org
from app.services.reports.metrics import Scope, compute
from app.services.reports.records import RecordTable, record_table
from app.services.reports.series import CHARTS, Chart
from app.store.engine import Store

CHART_KEYS = ("reach", "placements", "ojt_month", "ojt_employer", "eligibility", "activity")


@dataclass(frozen=True)
class FilterChoices:
    offices: list[tuple[str, str]]
    programs: list[tuple[str, str]]
    staff: list[tuple[str, str]]


@dataclass(frozen=True)
class PageData:
    figures: dict[str, Figure]
    charts: list[Chart]
    headline: str
    headline_definition: str


def filter_choices(store: Store) -> FilterChoices:
    return FilterChoices(
        [(o.name, o.id) for o in org.offices(store)],
        [(p.name, p.code) for p in org.programs(store)],
        [(s.name, s.id) for s in org.staff(store)],
    )


def headline(scope: Scope, figures: dict[str, Figure]) -> str:
    came, held = figures["came"], figures["events_held"]
    outcome = figures["outcome_rate"]
    return (
        f"{scope.period.label}: {came.text()} job seekers came to {held.text()} events held · "
        f"{figures['placements'].text()} placements · successful outcome rate {outcome.detail()}"
        f" · OJT reimbursed {figures['ojt_reimbursed'].text()}"
    )


def load(store: Store, scope: Scope) -> PageData:
    figures = compute(store, scope)
    charts = [make(store, scope) for make in CHARTS]
    text = " ".join(figures[k].definition.text() for k in ("came", "outcome_rate"))
    return PageData(figures, charts, headline(scope, figures), text)


def records(store: Store, metric_id: str, ids: tuple[str, ...]) -> RecordTable:
    return record_table(store, metric_id, ids)


def employer_choices(store: Store) -> list[tuple[str, str]]:
    """Live employers by name, for picking whose impact sheet to print."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT legal_name, id FROM employer WHERE deleted_at IS NULL "
                "AND merged_into IS NULL ORDER BY legal_name COLLATE NOCASE"
            )
        ).all()
    return [(name, eid) for name, eid in rows]
