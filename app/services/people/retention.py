"""Retention and fit per employer, from the store's placements and forms/retention.toml.

`employer_fit` is what other areas call (the OJT eligibility rule reads
`FitSignal.ojt_pattern`); `fit_map` gives every employer's signal from one
query, cached until a placement changes, for the employer list.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app import forms
from app.core.retention import (
    FitLevel,
    FitSignal,
    RetentionRules,
    Span,
    fit_signal,
)

if TYPE_CHECKING:  # the list at start reads fits through a plain SQLite connection
    from app.store.engine import Store

__all__ = [
    "FitLevel",
    "FitSignal",
    "employer_fit",
    "fit_map",
    "spans_for_employer",
]


_SPANS_SQL = """
    SELECT employer_id, hire_date, separation_date, separation_reason, ojt
    FROM placement WHERE deleted_at IS NULL {where}
"""


def _span(row: tuple) -> Span:
    return Span(
        hire_date=date.fromisoformat(row[1]),
        separation_date=date.fromisoformat(row[2]) if row[2] else None,
        separation_reason=row[3] or "",
        ojt=bool(row[4]),
    )


def spans_for_employer(store: Store, employer_id: str) -> list[Span]:
    rows = store.raw_rows(_SPANS_SQL.format(where="AND employer_id = :e"), {"e": employer_id})
    return [_span(r) for r in rows]


def employer_fit(
    store: Store,
    employer_id: str,
    today: date | None = None,
    rules: RetentionRules | None = None,
) -> FitSignal:
    """How well this employer keeps the people placed there, with reasons.

    `signal.ojt_pattern` answers the OJT rule (20 CFR 680.700): a pattern of
    failing to keep OJT participants employed.
    """
    return fit_signal(
        spans_for_employer(store, employer_id),
        today or date.today(),
        rules or forms.RETENTION.load(),
    )


_FINGERPRINT_SQL = """
    SELECT count(*), max(updated_at), total(julianday(hire_date)),
           total(julianday(separation_date)), total(length(separation_reason)), total(ojt),
           total(deleted_at IS NULL), total(unicode(substr(employer_id, -1)) * julianday(hire_date))
    FROM placement
"""
_map_lock = threading.Lock()
_map_cache: dict[Path, tuple[tuple, dict[str, FitSignal]]] = {}


def fit_map(
    store: Store, today: date | None = None, rules: RetentionRules | None = None
) -> dict[str, FitSignal]:
    """Every employer with placements -> its signal (others have none: no placements yet).

    Kept per store and reused while a one-row summary of the placement table
    (count, latest edit, sums over every date, reason, OJT flag, deletion and
    employer link) is unchanged, so the employer list pays one aggregate query
    per reload. The summary moves with any change that alters a figure, also
    rows that sync writes with older edit times.
    """
    today = today or date.today()
    rules = rules or forms.RETENTION.load()
    key = (today, rules, *store.raw_rows(_FINGERPRINT_SQL)[0])
    with _map_lock:
        cached = _map_cache.get(store.path)
        if cached is not None and cached[0] == key:
            return cached[1]
    by_employer: dict[str, list[Span]] = {}
    for row in store.raw_rows(_SPANS_SQL.format(where="")):
        by_employer.setdefault(row[0], []).append(_span(row))
    result = {e: fit_signal(spans, today, rules) for e, spans in by_employer.items()}
    with _map_lock:
        _map_cache[store.path] = (key, result)
    return result
