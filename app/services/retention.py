"""Retention and fit per employer, from the store's placements and forms/retention.toml.

`employer_fit` is what other areas call (the OJT eligibility rule reads
`FitSignal.ojt_pattern`); `fit_map` gives every employer's signal from one
query, cached until a placement changes, for the employer list.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.core.forms_file import FORMS_DIR, FormsFileError, read_toml
from app.core.retention import (
    FitLevel,
    FitSignal,
    RetentionRules,
    RulesError,
    Span,
    fit_signal,
    rules_from_mapping,
)
from app.store.engine import Store

RULES_FILE = "retention.toml"

__all__ = [
    "FitLevel",
    "FitSignal",
    "employer_fit",
    "fit_map",
    "load_rules",
    "spans_for_employer",
]

_rules_cache: dict[Path, RetentionRules] = {}


def load_rules(path: Path | None = None) -> RetentionRules:
    """forms/retention.toml as rules; a bad value is refused with file, line and problem."""
    path = path or FORMS_DIR / RULES_FILE
    if path in _rules_cache:
        return _rules_cache[path]
    data, raw = read_toml(path)
    try:
        rules = rules_from_mapping(data)
    except RulesError as exc:
        line = _line_in_section(raw, exc.section, exc.key)
        raise FormsFileError(path, f"[{exc.section}] {exc.key} {exc.problem}", line) from exc
    _rules_cache[path] = rules
    return rules


def _line_in_section(raw: str, section: str, key: str) -> int | None:
    """The line assigning `key` inside `[section]` (the same key may live in two sections)."""
    inside = False
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[]").strip() == section
        elif inside and stripped.split("=", 1)[0].strip() == key and "=" in stripped:
            return number
    return None


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
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(_SPANS_SQL.format(where="AND employer_id = :e")), {"e": employer_id}
        ).all()
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
        spans_for_employer(store, employer_id), today or date.today(), rules or load_rules()
    )


_memo_lock = threading.Lock()
_memo: dict[tuple, FitSignal] = {}
_MEMO_LIMIT = 50_000


def fit_map(
    store: Store, today: date | None = None, rules: RetentionRules | None = None
) -> dict[str, FitSignal]:
    """Every employer with placements -> its signal (others have none: no placements yet).

    One query over placements; each employer's signal is remembered by its exact
    placement dates, so only employers whose placements changed (or a new day,
    or new rules) are judged again. Reading the rows each time, rather than
    trusting a change counter, keeps the map right after sync writes old rows.
    """
    today = today or date.today()
    rules = rules or load_rules()
    with store.engine.connect() as conn:
        rows = conn.execute(text(_SPANS_SQL.format(where=""))).all()
    by_employer: dict[str, list[Span]] = {}
    for row in rows:
        by_employer.setdefault(row[0], []).append(_span(row))
    result: dict[str, FitSignal] = {}
    with _memo_lock:
        if len(_memo) > _MEMO_LIMIT:
            _memo.clear()
        for employer_id, spans in by_employer.items():
            key = (today, rules, tuple(sorted(spans, key=_order)))
            signal = _memo.get(key)
            if signal is None:
                signal = _memo[key] = fit_signal(spans, today, rules)
            result[employer_id] = signal
    return result


def _order(span: Span) -> tuple:
    return (span.hire_date, span.separation_date or date.max, span.separation_reason, span.ojt)
