"""The Reports page's charts: each a list of points, each point with the records behind it.

Monthly points are the metrics themselves computed for each month, so a bar and
the figure it adds up to can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import text

from app.core import metrics as m
from app.core.periods import month
from app.services.reports import ojt_figures
from app.services.reports.definitions import load_definitions
from app.services.reports.metrics import SECTIONS, Scope, activity_by_staff, compute
from app.store.engine import Store


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    text: str
    record_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Series:
    """One set of bars (or a line): named by its metric, so its definition goes with it."""

    metric_id: str
    name: str
    points: tuple[Point, ...]
    definition: str = ""
    unit: str = "count"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    series: tuple[Series, ...]
    kind: str = "bars"  # "bars": one bar per point and series; "hbars": labels on the left
    empty_text: str = "no data"

    @property
    def has_data(self) -> bool:
        return any(p.value is not None and p.value > 0 for s in self.series for p in s.points)


def _monthly(
    store: Store, scope: Scope, metric_ids: tuple[str, ...], section: str
) -> dict[str, list[Point]]:
    defs = load_definitions()
    out: dict[str, list[Point]] = {k: [] for k in metric_ids}
    for first in [d for d in scope.period.months() if d <= scope.today]:
        span = month(first.year, first.month)
        start, end = max(span.start, scope.period.start), min(span.end, scope.period.end)
        sub = replace(scope, period=replace(span, start=start, end=end))
        figures = compute(store, sub, defs, sections=(section,))
        for key in metric_ids:
            f = figures[key]
            out[key].append(Point(f"{first:%b %y}", f.value, f.detail(), f.record_ids))
    return out


def _series(metric_id: str, points: list[Point]) -> Series:
    d = load_definitions()[metric_id]
    return Series(metric_id, d.name, tuple(points), d.text(), d.unit)


def reach_chart(store: Store, scope: Scope) -> Chart:
    data = _monthly(store, scope, ("registered", "came", "walk_ins"), "reach")
    return Chart(
        "reach",
        "Job seekers at events held, by month",
        tuple(_series(k, v) for k, v in data.items()),
        empty_text="No events held in this period",
    )


def placements_chart(store: Store, scope: Scope) -> Chart:
    data = _monthly(store, scope, ("placements", "retention_90"), "placements")
    return Chart(
        "placements",
        "Placements by month of hire; retention at 90 days",
        tuple(_series(k, v) for k, v in data.items()),
        empty_text="No placements in this period",
    )


def eligibility_chart(store: Store, scope: Scope) -> Chart:
    data = _monthly(store, scope, ("days_to_eligibility",), "pipeline")
    return Chart(
        "eligibility",
        "Days from RFI to eligibility told (median)",
        tuple(_series(k, v) for k, v in data.items()),
        empty_text="No eligibility told in this period",
    )


def ojt_month_chart(store: Store, scope: Scope) -> Chart:
    points = [
        Point(label, cents / 100, m.dollars(cents), ids)
        for label, cents, ids in ojt_figures.reimbursed_by_month(store, scope)
    ]
    return Chart(
        "ojt_month",
        "OJT dollars reimbursed, by month",
        (_series("ojt_reimbursed", points),),
        empty_text=ojt_figures.empty_text(store),
    )


def ojt_employer_chart(store: Store, scope: Scope) -> Chart:
    points = [
        Point(name, cents / 100, m.dollars(cents), ids)
        for name, cents, ids in ojt_figures.reimbursed_by_employer(store, scope)
    ]
    return Chart(
        "ojt_employer",
        "OJT dollars reimbursed, by employer",
        (_series("ojt_reimbursed", points),),
        kind="hbars",
        empty_text=ojt_figures.empty_text(store),
    )


def activity_chart(store: Store, scope: Scope) -> Chart:
    per = activity_by_staff(store, scope)
    with store.engine.connect() as conn:
        names = dict(conn.execute(text("SELECT id, name FROM staff")).all())
    points = sorted(
        (
            Point(names.get(k, "Unknown"), float(len(v)), str(len(v)), tuple(v))
            for k, v in per.items()
        ),
        key=lambda p: -(p.value or 0),
    )
    return Chart(
        "activity",
        "BSR activity: employer contacts recorded",
        (_series("bsr_activity", points),),
        kind="hbars",
        empty_text="No activity recorded in this period",
    )


CHARTS = (
    reach_chart,
    placements_chart,
    ojt_month_chart,
    ojt_employer_chart,
    eligibility_chart,
    activity_chart,
)


def all_charts(store: Store, scope: Scope) -> list[Chart]:
    return [make(store, scope) for make in CHARTS]


__all__ = ["CHARTS", "SECTIONS", "Chart", "Point", "Series", "all_charts"]
