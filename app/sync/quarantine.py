"""Changes that break a rule are set aside, not allowed to block a device's stream.

A change can be correctly encrypted and still unusable: a required field set to
NULL, a value of the wrong type, a value larger than the protocol allows, a stamp
far in the future (it would win every later edit of that field). Such a change
goes to `sync_quarantine` with its device and reason; the rest of its segment is
applied and the device's cursor moves on. Limits are in docs/sync-protocol.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session, col, func, select

from app.core import hlc as hlc_mod
from app.core.models.team_sync import SyncQuarantine
from app.store.journal import ROW
from app.sync.changes import Change
from app.sync.clock_check import describe

#: The largest value one field may carry, as encoded JSON.
MAX_VALUE_BYTES = 1 << 20
#: A change stamped further ahead of this computer's clock than this is quarantined.
MAX_AHEAD_MS = 30 * 24 * 3_600_000
#: How much of a quarantined change is kept when it is huge.
KEEP_BYTES = 4096

_TYPES: dict[str, tuple[type, ...]] = {
    "AutoString": (str,),
    "String": (str,),
    "Boolean": (bool, int),
    "Integer": (int,),
    "BigInteger": (int,),
    "Float": (int, float),
    "Date": (date,),
    "UTCDateTime": (datetime,),
    "DateTime": (datetime,),
    "LargeBinary": (bytes,),
}


@dataclass(frozen=True)
class Rejected:
    """A record of a segment that was not applied, and why."""

    record: dict[str, Any]
    reason: str
    change: Change | None = None


@dataclass(frozen=True, slots=True)
class _Column:
    """What `problem` checks of one column, worked out once per table."""

    name: str
    #: NULL refused (a tombstone's `deleted_at` is always allowed to be NULL).
    not_null: bool
    #: A new record cannot lack it.
    required: bool
    #: The Python types a value may have (None: any).
    allowed: tuple[type, ...] | None


_COLUMNS: dict[Table, dict[str, _Column]] = {}


def _columns(table: Table) -> dict[str, _Column]:
    found = _COLUMNS.get(table)
    if found is None:
        found = _COLUMNS[table] = {
            c.name: _Column(
                c.name,
                not c.nullable and c.name != "deleted_at",
                not c.nullable and c.default is None and c.server_default is None,
                _TYPES.get(type(c.type).__name__),
            )
            for c in table.c
        }
    return found


def _type_problem(table: Table, c: _Column, value: Any) -> str | None:
    if value is None:
        return f"{table.name}.{c.name} cannot be empty (NULL)" if c.not_null else None
    allowed = c.allowed
    if allowed is None or isinstance(value, allowed):
        return None
    if isinstance(value, bool) and bool not in allowed and int in allowed:
        return None
    return f"{table.name}.{c.name} holds {type(value).__name__}, not {allowed[0].__name__}"


def problem(change: Change, tables: dict[str, Table], now_ms: int) -> str | None:
    """Why this change cannot be applied, or None. Unknown tables and columns are not
    problems (a newer version made them; they are kept in the journal)."""
    ahead = hlc_mod.physical_ms(change.hlc) - now_ms
    if ahead > MAX_AHEAD_MS:
        when = datetime.fromtimestamp(min(hlc_mod.physical_ms(change.hlc) / 1000, 253402214400))
        return (
            f"stamped {when:%Y-%m-%d}, {describe(ahead)} ahead of this computer's clock and "
            "the share's: it would win over every later edit (check that computer's date)"
        )
    size = len(change.encoded_value())  # as it travelled, when read from a segment
    if size > MAX_VALUE_BYTES:
        return (
            f"a value of {size:,} bytes, larger than the {MAX_VALUE_BYTES:,} bytes "
            "one field may carry"
        )
    table = tables.get(change.table)
    if table is None:
        return None
    columns = _columns(table)
    if change.column == ROW:
        value = change.value
        if not isinstance(value, dict) or value.get("id") != change.row_id:
            return f"a new {change.table} record that is not a record of id {change.row_id}"
        for name, c in columns.items():
            if name in value:
                found = _type_problem(table, c, value[name])
                if found:
                    return found
            elif c.required:
                return f"a new {change.table} record without {name}"
        return None
    c = columns.get(change.column)
    if c is None:
        return None
    if change.column == "id":
        return f"an edit of {change.table}.id (ids never change)"
    return _type_problem(table, c, change.value)


def kept_text(record: dict[str, Any]) -> str:
    text_ = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    if len(text_) > KEEP_BYTES:
        return text_[:KEEP_BYTES] + f"... ({len(text_):,} characters in all)"
    return text_


def keep(session: Session, device: str, seq: int, rejected: list[Rejected]) -> None:
    """Store rejected records in the caller's transaction (with the segment's cursor)."""
    for r in rejected:
        c = r.change
        session.add(
            SyncQuarantine(
                device_id=device,
                seq=seq,
                hlc=c.hlc if c else 0,
                tbl=c.table if c else "",
                row_id=c.row_id if c else "",
                col=c.column if c else "",
                record=kept_text(r.record),
                reason=r.reason,
            )
        )


def count(session: Session) -> int:
    """Set-aside changes nobody has dismissed yet: these make `sync` ask for attention."""
    return int(
        session.exec(
            select(func.count())
            .select_from(SyncQuarantine)
            .where(col(SyncQuarantine.dismissed_at).is_(None))
        ).one()
    )


def dismiss(session: Session, ids: list[int], by: str, when: datetime) -> list[SyncQuarantine]:
    """Mark these set-aside changes dismissed (kept, never applied); returns those marked now.

    Unknown ids raise KeyError before anything changes; an already dismissed one keeps
    its first who and when.
    """
    rows = {i: session.get(SyncQuarantine, i) for i in ids}
    unknown = sorted(i for i, r in rows.items() if r is None)
    if unknown:
        raise KeyError(unknown)
    marked = []
    for row in rows.values():
        assert row is not None
        if row.dismissed_at is None:
            row.dismissed_at, row.dismissed_by = when, by
            session.add(row)
            marked.append(row)
    return marked


def listed(session: Session, limit: int = 500) -> list[SyncQuarantine]:
    """Newest first."""
    return list(
        session.exec(
            select(SyncQuarantine).order_by(col(SyncQuarantine.id).desc()).limit(limit)
        ).all()
    )


__all__ = [
    "MAX_AHEAD_MS",
    "MAX_VALUE_BYTES",
    "Rejected",
    "count",
    "dismiss",
    "keep",
    "listed",
    "problem",
]
