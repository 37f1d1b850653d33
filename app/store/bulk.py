"""Inserting many new records at once, journaled exactly as `session.add_all` + flush would.

An import creates tens of thousands of employers and contacts. Through the ORM
each one costs an instrumented object, a unit-of-work entry, a per-row journal
entry built attribute by attribute and a parameter set compiled by SQLAlchemy:
about 1 ms a record. Here the rows go straight to the driver's `executemany`,
with SQLAlchemy's own bind processors (so stored values are byte-for-byte what
the ORM would store), and the journal gets the same change and field-version
rows capture would write: one change per record, column "*", whose value is the
stored row's (see `app.store.journal`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Connection, Table

from app.store import codec, journal

_PLAIN = frozenset((str, int, float, bool, type(None)))


class _Shape:
    """A synced table's columns, defaults and bind processors, worked out once."""

    def __init__(self, table: Table, dialect: Any) -> None:
        model = _model_of(table)
        self.columns = [c.name for c in table.columns]
        self.template: dict[str, Any] = {}
        self.factories: list[tuple[str, Callable[[], Any]]] = []
        self.required: list[str] = []
        for name in self.columns:
            info = model.model_fields[name]
            if info.default_factory is not None:
                self.factories.append((name, info.default_factory))
            elif info.default is PydanticUndefined:
                self.required.append(name)
            else:
                self.template[name] = info.default
        # The dialect's own processors: what the ORM binds (UTC datetimes as SQLite text...).
        self.processors = [
            (i, proc)
            for i, name in enumerate(self.columns)
            if (proc := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        ]
        self.sql = (
            f"INSERT INTO {table.name} ({', '.join(self.columns)}) "
            f"VALUES ({', '.join('?' for _ in self.columns)})"
        )

    def complete(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every column: the given value, else the model's default or default factory."""
        row = {**self.template, **given}
        for name, factory in self.factories:
            if name not in given:
                row[name] = factory()
        for name in self.required:
            if name not in given:
                raise TypeError(f"a new record needs a value for {name}")
        return row


_SHAPES: dict[tuple[str, str], _Shape] = {}


def _shape(table: Table, dialect: Any) -> _Shape:
    key = (table.name, dialect.name)
    found = _SHAPES.get(key)
    if found is None:
        found = _SHAPES[key] = _Shape(table, dialect)
    return found


def _model_of(table: Table) -> Any:
    from sqlmodel import SQLModel

    for mapper in SQLModel._sa_registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise KeyError(f"{table.name} is not a mapped table")


class _Memo:
    """Converts a value once per distinct object: most rows share one `now`."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert
        self.seen: dict[int, tuple[Any, Any]] = {}

    def __call__(self, value: Any) -> Any:
        hit = self.seen.get(id(value))
        if hit is None or hit[0] is not value:
            hit = self.seen[id(value)] = (value, self.convert(value))
        return hit[1]


def insert_records(conn: Connection, table: Table, given: Sequence[Mapping[str, Any]]) -> int:
    """Insert new records of a synced table and journal each as one insert; returns the count.

    Each row holds some columns; the others get the model's defaults. Ids must be new.
    Runs inside the caller's transaction, so a rollback removes the records and their
    journal together.
    """
    if not given:
        return 0
    shape = _shape(table, conn.dialect)
    rows = [shape.complete(g) for g in given]
    pick = itemgetter(*shape.columns)
    memos = [(i, _Memo(proc)) for i, proc in shape.processors]
    params = []
    for row in rows:
        values = list(pick(row))
        for i, memo in memos:
            if values[i] is not None:
                values[i] = memo(values[i])
        params.append(values)
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(shape.sql, params)
    _journal_inserts(
        conn, str(table.name), rows
    )  # a plain str: the driver adapts subclasses slowly
    return len(rows)


@contextmanager
def roomy_cache(conn: Connection, mebibytes: int = 128) -> Iterator[None]:
    """A bigger page cache for one bulk write: index pages stay in memory instead of
    being spilled and read back (SQLite's default is 2 MiB). Restored afterwards."""
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(mebibytes) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _encode_row(row: Mapping[str, Any], plain: Callable[[Any], Any]) -> str:
    """The journal's JSON for a whole row (decodes to what `codec.encode` of the row gives)."""
    return codec.compact_json({k: v if type(v) in _PLAIN else plain(v) for k, v in row.items()})


def _journal_inserts(conn: Connection, table_name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    state = journal.load_device(conn)
    me = state.device_id
    now = state.clock.now
    plain = _Memo(codec.to_plain)
    changes = []
    versions = []
    keep = journal.keeps_values(table_name)
    for row in rows:
        stamp = now()
        row_id = row["id"]
        value = _encode_row(row, plain) if keep else None
        changes.append((stamp, me, table_name, row_id, journal.ROW, value, 0, "", 1))
        versions.append((table_name, row_id, journal.ROW, stamp, me))
    journal.insert_changes(conn, changes)
    journal.set_versions(conn, versions)
    journal.save_clock(conn, state.clock)


__all__ = ["insert_records", "roomy_cache"]
