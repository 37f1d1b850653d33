"""Inserting many new records at once, journaled exactly as `session.add_all` + flush would.

An import creates tens of thousands of employers and contacts. Through the ORM
each one costs an instrumented object, a unit-of-work entry, a per-row journal
entry built attribute by attribute and a parameter set compiled by SQLAlchemy:
about 1 ms a record. Here the rows go straight to the driver's `executemany`,
with SQLAlchemy's own bind processors (so stored values are byte-for-byte what
the ORM would store), and the journal gets the same change and field-version
rows capture would write: one change per record, column "*", the whole row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Connection, Table

from app.store import codec, journal

_PLAIN = frozenset((str, int, float, bool, type(None)))
_Default = tuple[str, Any, bool | None]
_DEFAULTS: dict[str, list[_Default]] = {}


def _model_defaults(table: Table) -> list[_Default]:
    """(column, default, is_factory) for every column of a synced table, from its model."""
    found = _DEFAULTS.get(table.name)
    if found is None:
        model = _model_of(table)
        found = []
        for column in table.columns:
            info = model.model_fields[column.name]
            if info.default_factory is not None:
                found.append((column.name, info.default_factory, True))
            elif info.default is PydanticUndefined:
                found.append((column.name, None, None))
            else:
                found.append((column.name, info.default, False))
        _DEFAULTS[table.name] = found
    return found


def _model_of(table: Table) -> Any:
    from sqlmodel import SQLModel

    for mapper in SQLModel._sa_registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise KeyError(f"{table.name} is not a mapped table")


def complete_rows(table: Table, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every column of every row: given values, else the model's default or default factory.

    A column with no default that a row leaves out is an error, as for the model.
    """
    defaults = _model_defaults(table)
    out = []
    for given in rows:
        row: dict[str, Any] = {}
        for name, default, factory in defaults:
            if name in given:
                row[name] = given[name]
            elif factory:
                row[name] = default()
            elif factory is False:
                row[name] = default
            else:
                raise TypeError(f"{table.name} needs a value for {name}")
        out.append(row)
    return out


def _encode_row(row: Mapping[str, Any], plain: Callable[[Any], Any]) -> str:
    """The journal's JSON for a whole row (the same text `codec.encode` gives)."""
    return json.dumps(
        {k: v if type(v) in _PLAIN else plain(v) for k, v in row.items()},
        separators=(",", ":"),
        ensure_ascii=False,
    )


def insert_records(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert new records of a synced table and journal each as one insert; returns the count.

    `rows` must be complete (see `complete_rows`) and their ids new. Runs inside the
    caller's transaction, so a rollback removes the records and their journal together.
    """
    if not rows:
        return 0
    columns = [c.name for c in table.columns]
    dialect = conn.dialect
    # The dialect's own processors: what the ORM binds (UTC datetimes as SQLite text...).
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    ]
    cache: dict[int, Any] = {}

    def bound(value: Any, proc: Callable[[Any], Any] | None) -> Any:
        if proc is None or value is None:
            return value
        key = id(value)  # many rows share one `now`: convert it once
        hit = cache.get(key)
        if hit is None or hit[0] is not value:
            hit = (value, proc(value))
            cache[key] = hit
        return hit[1]

    params = [
        tuple(bound(row[c], p) for c, p in zip(columns, processors, strict=True)) for row in rows
    ]
    raw = conn.connection.driver_connection
    assert raw is not None
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    raw.executemany(sql, params)
    _journal_inserts(conn, table.name, rows)
    return len(rows)


def _journal_inserts(conn: Connection, table_name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    state = journal.load_device(conn)
    me = state.device_id
    now = state.clock.now
    plain_cache: dict[int, tuple[Any, Any]] = {}

    def plain(value: Any) -> Any:
        hit = plain_cache.get(id(value))
        if hit is None or hit[0] is not value:
            hit = (value, codec.to_plain(value))
            plain_cache[id(value)] = hit
        return hit[1]

    changes = []
    versions = []
    for row in rows:
        stamp = now()
        row_id = row["id"]
        changes.append(
            (stamp, me, table_name, row_id, journal.ROW, _encode_row(row, plain), 0, "", 1)
        )
        versions.append((table_name, row_id, journal.ROW, stamp, me))
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(
        "INSERT INTO change (hlc, device, tbl, row_id, col, value, seen_hlc, seen_device, applied)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        changes,
    )
    raw.executemany(
        "INSERT INTO field_version (tbl, row_id, col, hlc, device) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, device = excluded.device",
        versions,
    )
    journal.save_clock(conn, state.clock)


__all__ = ["complete_rows", "insert_records"]
