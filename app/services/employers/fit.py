"""Employer fit as every page applies it: the team's placement history plus a BSR's override.

`fit_of` answers for one employer (employer page, eligibility, referrals, rotation);
`fit_all` for the employer list, from the cached placement map and one small query
on the overrides. Recording or withdrawing an override writes a synced row, so the
decision, its reason, who and when reach the whole team with the next sync.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.core.fit import EmployerFit, Override, check_override, employer_fit, standing
from app.core.ids import utcnow
from app.core.retention import FitLevel, FitSignal
from app.services.people import retention

if TYPE_CHECKING:  # `fit_all` also serves the list at start, read before SQLModel is imported
    from app.core.models import FitOverride
    from app.store.engine import Store

CHICAGO = ZoneInfo("America/Chicago")

__all__ = [
    "EmployerFit",
    "FitLevel",
    "OverrideRow",
    "fit_all",
    "fit_of",
    "history",
    "record_override",
    "withdraw_override",
]

_OVERRIDES_SQL = """
    SELECT o.employer_id, o.level, o.reason, coalesce(s.name, ''), o.decided_at, o.id,
           o.deleted_at
    FROM fit_override o LEFT JOIN staff s ON s.id = o.staff_id
    {where}
"""


@dataclass(frozen=True)
class OverrideRow:
    """One recorded decision, standing or withdrawn, for the employer page's history."""

    id: str
    override: Override
    withdrawn: bool


def _when(raw: str | datetime) -> datetime:
    when = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo("UTC"))


def local_day(when: datetime) -> str:
    """The Chicago day of a UTC time, as the pages show dates."""
    return when.astimezone(CHICAGO).strftime("%b %d, %Y").replace(" 0", " ")


def _override(row: tuple) -> Override:
    return Override(FitLevel(row[1]), row[2], row[3], _when(row[4]))


def _rows(store: Store, where: str, params: dict | None = None) -> list[OverrideRow]:
    found = store.raw_rows(_OVERRIDES_SQL.format(where=where), params or {})
    return [OverrideRow(r[5], _override(r), r[6] is not None) for r in found]


def _combine(signal: FitSignal | None, override: Override | None) -> EmployerFit:
    return employer_fit(signal, override, local_day(override.decided_at) if override else "")


def history(store: Store, employer_id: str) -> list[OverrideRow]:
    """Every override recorded for this employer, newest first (withdrawn ones marked)."""
    rows = _rows(store, "WHERE o.employer_id = :e", {"e": employer_id})
    return sorted(rows, key=lambda r: r.override.decided_at, reverse=True)


def standing_override(store: Store, employer_id: str) -> Override | None:
    return standing(r.override for r in history(store, employer_id) if not r.withdrawn)


def fit_of(store: Store, employer_id: str, today: date | None = None) -> EmployerFit:
    """The fit every page applies to this employer, with its reasons."""
    signal = retention.employer_fit(store, employer_id, today)
    has_history = signal.figures.placements > 0
    return _combine(signal if has_history else None, standing_override(store, employer_id))


_cache_lock = threading.Lock()
_cache: dict[str, tuple[dict[str, FitSignal], tuple, dict[str, EmployerFit]]] = {}


def fit_all(store: Store, today: date | None = None) -> dict[str, EmployerFit]:
    """Employer id -> fit, for employers with placements or an override (others: no fit yet).

    The placement map is kept by `retention.fit_map` until placements change; overrides
    are a handful of rows read in one indexed query. The combined map is rebuilt only
    when either moved, so a list reload costs two small queries.
    """
    signals = retention.fit_map(store, today)
    raw = store.raw_rows(_OVERRIDES_SQL.format(where="WHERE o.deleted_at IS NULL"))
    marks = tuple((r[5], r[3]) for r in raw)
    with _cache_lock:
        cached = _cache.get(str(store.path))
        if cached is not None and cached[0] is signals and cached[1] == marks:
            return cached[2]
    by_employer: dict[str, list[Override]] = {}
    for r in raw:
        by_employer.setdefault(r[0], []).append(_override(r))
    result = {e: _combine(s, None) for e, s in signals.items() if s.figures.placements}
    for employer_id, overrides in by_employer.items():
        result[employer_id] = _combine(signals.get(employer_id), standing(overrides))
    with _cache_lock:
        _cache[str(store.path)] = (signals, marks, result)
    return result


def record_override(
    store: Store,
    employer_id: str,
    level: str,
    reason: str,
    staff_id: str | None,
    now: datetime | None = None,
) -> FitOverride:
    """Record a BSR's decision on this employer's fit; the reason is required."""
    from app.core import validation as v
    from app.core.models import Employer, FitOverride
    from app.services import records

    try:
        chosen, cleaned = check_override(level, reason)
    except ValueError as exc:
        field = "reason" if "why" in str(exc) else "level"
        raise v.FieldError(field, str(exc)) from exc
    row = FitOverride(
        employer_id=employer_id,
        level=chosen.value,
        reason=cleaned,
        staff_id=staff_id,
        decided_at=now or utcnow(),
    )
    with store.transaction() as session:
        records.live(session, Employer, employer_id)
        session.add(row)
    return row


def withdraw_override(store: Store, employer_id: str) -> int:
    """Let the placement history decide again: every standing override is withdrawn
    (kept, marked deleted, so the team still sees it was once set). Returns how many."""
    from sqlmodel import select

    from app.core.models import FitOverride
    from app.services import records

    with store.transaction() as session:
        rows = list(
            session.exec(
                select(FitOverride).where(
                    FitOverride.employer_id == employer_id,
                    FitOverride.deleted_at.is_(None),  # type: ignore[union-attr]
                )
            )
        )
        for row in rows:
            records.soft_delete(session, row)
    return len(rows)
