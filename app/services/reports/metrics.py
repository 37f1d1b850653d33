"""Every metric of forms/metrics.toml computed from the store for a period and filters.

SQL here picks the records; the arithmetic (shares, medians, "no data") is in
app.core.metrics and app.core.retention, so the same rule gives the same figure
on the page, on the PDFs and on the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

from app.core import metrics as m
from app.core.models.events import event_held
from app.core.periods import Period
from app.core.retention import Span
from app.services.reports.definitions import load_definitions
from app.services.reports.ojt_figures import ojt_figures
from app.store.engine import Store

CHICAGO = ZoneInfo("America/Chicago")
EVENT_KINDS = ("hiring_event", "job_fair")
FOLLOW_UP_OUTCOMES = ("drafted:follow_up", "queued:follow_up")
TOLD_OUTCOMES = (
    "drafted:eligible",
    "queued:eligible",
    "drafted:not_eligible",
    "queued:not_eligible",
)


@dataclass(frozen=True)
class Scope:
    """What to measure: the period, the filters, and the day figures are judged on."""

    period: Period
    filters: m.Filters = m.Filters()
    as_of: date | None = None

    @property
    def today(self) -> date:
        return self.as_of or date.today()

    def params(self) -> dict[str, Any]:
        lo = datetime.combine(self.period.start, time(), tzinfo=CHICAGO).astimezone(UTC)
        hi = datetime.combine(self.period.end + timedelta(days=1), time(), tzinfo=CHICAGO)
        return {
            "lo": lo.replace(tzinfo=None),
            "hi": hi.astimezone(UTC).replace(tzinfo=None),
            "d0": self.period.start,
            "d1": min(self.period.end, self.today),
            "office": self.filters.office_id,
            "program": self.filters.program,
            "staff": self.filters.staff_id,
        }


def local_day(value: str | datetime) -> date:
    """A stored UTC timestamp as its Chicago calendar day."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.replace(tzinfo=when.tzinfo or UTC).astimezone(CHICAGO).date()


def _rows(store: Store, sql: str, params: Mapping[str, Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), dict(params)).all())


def _has_program(column: str) -> str:
    return (
        f"(:program IS NULL OR ',' || coalesce({column}, '') || ',' LIKE '%,' || :program || ',%')"
    )


# Events ---------------------------------------------------------------------------------

_EVENT_WHERE = f"""
    e.deleted_at IS NULL AND e.kind IN {EVENT_KINDS!r}
    AND e.starts_at >= :lo AND e.starts_at < :hi
    AND (:office IS NULL OR e.office_id = :office OR EXISTS (
        SELECT 1 FROM event_staff s JOIN staff st ON st.id = s.staff_id
        WHERE s.event_id = e.id AND s.deleted_at IS NULL AND st.office_id = :office))
    AND (:staff IS NULL OR EXISTS (SELECT 1 FROM event_staff s
        WHERE s.event_id = e.id AND s.deleted_at IS NULL AND s.staff_id = :staff))
"""
_EVENTS_SQL = f"""
    SELECT e.id, e.status, EXISTS (SELECT 1 FROM event_checkin c
        WHERE c.event_id = e.id AND c.deleted_at IS NULL) AS checked
    FROM event e WHERE {_EVENT_WHERE} ORDER BY e.starts_at
"""
_REGISTRATIONS_SQL = f"""
    SELECT r.id, r.event_id, r.walk_in,
        EXISTS (SELECT 1 FROM event_checkin c
            WHERE c.registration_id = r.id AND c.deleted_at IS NULL) AS came,
        r.participant_id IS NOT NULL AND EXISTS (SELECT 1 FROM event_checkin c2
            JOIN event e2 ON e2.id = c2.event_id
            WHERE c2.participant_id = r.participant_id AND c2.deleted_at IS NULL
              AND e2.deleted_at IS NULL AND e2.starts_at < e.starts_at) AS came_before
    FROM event_registration r JOIN event e ON e.id = r.event_id
    WHERE r.deleted_at IS NULL AND {_EVENT_WHERE} AND {_has_program("r.programs")}
"""


def held_event_ids(store: Store, scope: Scope) -> list[str]:
    """Events held in the period: done or running, or with someone checked in."""
    return [
        row[0]
        for row in _rows(store, _EVENTS_SQL, scope.params())
        if event_held(row[1], bool(row[2]))
    ]


def _reach(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    held = held_event_ids(store, scope)
    held_set = set(held)
    regs = [r for r in _rows(store, _REGISTRATIONS_SQL, scope.params()) if r[1] in held_set]
    came = [r[0] for r in regs if r[3]]
    return [
        m.count(defs["events_held"], held),
        m.count(defs["registered"], [r[0] for r in regs]),
        m.count(defs["came"], came),
        m.count(defs["walk_ins"], [r[0] for r in regs if r[3] and r[2]]),
        m.count(defs["returning"], [r[0] for r in regs if r[3] and r[4]]),
        m.average(defs["came_per_event"], len(came), held),
    ]


# Placements -----------------------------------------------------------------------------

_PLACEMENT_JOIN = f"""
    FROM placement p LEFT JOIN staff st ON st.id = p.staff_id
    LEFT JOIN employer em ON em.id = p.employer_id
    LEFT JOIN participant pa ON pa.id = p.participant_id
    WHERE p.deleted_at IS NULL
      AND (:staff IS NULL OR p.staff_id = :staff)
      AND (:office IS NULL OR coalesce(st.office_id, em.office_id) = :office)
      AND {_has_program("pa.programs")}
"""
_PLACEMENTS_SQL = f"""
    SELECT p.id, p.hire_date, p.separation_date, p.separation_reason, p.ojt
    {_PLACEMENT_JOIN} AND p.hire_date BETWEEN :d0 AND :d1
"""


def _span(row: Any) -> Span:
    return Span(
        hire_date=date.fromisoformat(str(row[1])),
        separation_date=date.fromisoformat(str(row[2])) if row[2] else None,
        separation_reason=row[3] or "",
        ojt=bool(row[4]),
    )


def placement_spans(store: Store, scope: Scope) -> dict[str, Span]:
    return {row[0]: _span(row) for row in _rows(store, _PLACEMENTS_SQL, scope.params())}


def outcome_pool(spans: Mapping[str, Span], rule: m.OutcomeRule, today: date) -> list[str]:
    """Placements that count in the outcome rate: old enough, and not ended early for a
    reason outside the worker's control."""
    return [
        pid
        for pid, s in spans.items()
        if s.measured_at(rule.day, today)
        and not (s.separation_reason in rule.excluded and not s.retained_at(rule.day))
    ]


def _placements(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    spans = placement_spans(store, scope)
    today = scope.today
    figures = [m.count(defs["placements"], list(spans))]
    for day in (30, 90, 180):
        pool = [pid for pid, s in spans.items() if s.measured_at(day, today)]
        hits = [pid for pid in pool if spans[pid].retained_at(day)]
        figures.append(m.ratio(defs[f"retention_{day}"], hits, pool))
    rule = defs.outcome
    pool = outcome_pool(spans, rule, today)
    excluded = sum(1 for s in spans.values() if s.measured_at(rule.day, today)) - len(pool)
    note = f"{excluded} left out: ended through no fault of the worker." if excluded else ""
    hits = [pid for pid in pool if spans[pid].retained_at(rule.day)]
    figures.append(m.ratio(defs["outcome_rate"], hits, pool, note))
    return figures


_CHECKINS_SQL = f"""
    SELECT pc.id, pc.answered FROM progresscheckin pc JOIN placement p ON p.id = pc.placement_id
    {_PLACEMENT_JOIN.replace("FROM placement p", "", 1)}
      AND pc.deleted_at IS NULL AND pc.checked_on BETWEEN :d0 AND :d1
"""


def _checkins(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    rows = _rows(store, _CHECKINS_SQL, scope.params())
    return [m.ratio(defs["checkin_response"], [r[0] for r in rows if r[1]], [r[0] for r in rows])]


# Employer pipeline ----------------------------------------------------------------------

_FIRST_ACTIVITY = """(SELECT min(a.occurred_at) FROM activity a WHERE a.employer_id = em.id
    AND a.deleted_at IS NULL AND {cond})"""
_PIPELINE_SQL = f"""
    SELECT em.id,
        {_FIRST_ACTIVITY.format(cond="a.kind IN ('meeting_in_person', 'meeting_virtual')")},
        {_FIRST_ACTIVITY.format(cond=f"a.kind = 'email' AND a.outcome IN {FOLLOW_UP_OUTCOMES!r}")},
        (SELECT min(r.received_on) FROM rfi_answer r
            WHERE r.employer_id = em.id AND r.deleted_at IS NULL),
        {_FIRST_ACTIVITY.format(cond=f"a.kind = 'email' AND a.outcome IN {TOLD_OUTCOMES!r}")}
    FROM employer em
    WHERE em.deleted_at IS NULL AND em.merged_into IS NULL
      AND (:office IS NULL OR em.office_id = :office)
      AND (:staff IS NULL OR em.owner_id = :staff)
"""


def pipeline_days(store: Store, scope: Scope) -> tuple[dict[str, int], dict[str, int]]:
    """Per employer: days first meeting -> RFI sent, and RFI received -> eligibility told,
    for steps whose second date falls in the period."""
    to_rfi: dict[str, int] = {}
    to_told: dict[str, int] = {}
    for emp, met, sent, received, told in _rows(store, _PIPELINE_SQL, scope.params()):
        if met and sent:
            a, b = local_day(met), local_day(sent)
            if b >= a and b in scope.period:
                to_rfi[emp] = (b - a).days
        if received and told:
            a, b = date.fromisoformat(str(received)), local_day(told)
            if b >= a and b in scope.period:
                to_told[emp] = (b - a).days
    return to_rfi, to_told


def _pipeline(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    to_rfi, to_told = pipeline_days(store, scope)
    return [
        m.median_days(defs["days_to_rfi"], to_rfi),
        m.median_days(defs["days_to_eligibility"], to_told),
    ]


_ACTIVITY_SQL = """
    SELECT a.id, a.staff_id FROM activity a JOIN staff st ON st.id = a.staff_id
    WHERE a.deleted_at IS NULL AND a.occurred_at >= :lo AND a.occurred_at < :hi
      AND (:staff IS NULL OR a.staff_id = :staff)
      AND (:office IS NULL OR st.office_id = :office)
"""


def activity_by_staff(store: Store, scope: Scope) -> dict[str, list[str]]:
    """BSR id -> ids of the activities they recorded in the period."""
    out: dict[str, list[str]] = {}
    for activity_id, staff_id in _rows(store, _ACTIVITY_SQL, scope.params()):
        out.setdefault(staff_id, []).append(activity_id)
    return out


def _activity(store: Store, scope: Scope, defs: m.MetricDefinitions) -> list[m.Figure]:
    ids = [a for per in activity_by_staff(store, scope).values() for a in per]
    return [m.count(defs["bsr_activity"], ids)]


# All together ---------------------------------------------------------------------------


SECTIONS = {
    "reach": _reach,
    "placements": _placements,
    "ojt": ojt_figures,
    "pipeline": _pipeline,
    "checkins": _checkins,
    "activity": _activity,
}


def compute(
    store: Store,
    scope: Scope,
    defs: m.MetricDefinitions | None = None,
    sections: tuple[str, ...] = tuple(SECTIONS),
) -> dict[str, m.Figure]:
    """Every defined metric of the chosen sections for the scope, in the file's order."""
    defs = defs or load_definitions()
    figures = [f for name in sections for f in SECTIONS[name](store, scope, defs)]
    by_id = {f.id: _with_ignored(f, scope.filters) for f in figures}
    return {d.id: by_id[d.id] for d in defs if d.id in by_id}


def _with_ignored(figure: m.Figure, filters: m.Filters) -> m.Figure:
    ignored = filters.ignored_by(figure.definition)
    if not ignored:
        return figure
    words = ", ".join({"office": "job center", "bsr": "BSR"}.get(k, k) for k in ignored)
    note = " ".join(p for p in (figure.note, f"The {words} filter does not apply here.") if p)
    return m.Figure(
        figure.definition,
        figure.value,
        figure.numerator,
        figure.denominator,
        figure.record_ids,
        note,
    )
