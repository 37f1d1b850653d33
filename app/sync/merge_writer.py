"""The writer of applying changes: what the merge step decided, as SQL.

Everything is written in bulk on the caller's connection, inside its
transaction: journal rows, field versions, the merged records (with the search
index kept current by `app.store.search.kept_current`), and the conflict log.

A join writes hundreds of thousands of rows, so the hot statements go to the
driver as plain SQL with positional parameters (`Connection.exec_driver_sql`:
errors still arrive as SQLAlchemy's, which the pull relies on), values bound by
the dialect's own processors, so what is stored is byte for byte what the ORM
would store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam

from app.core.ids import utcnow
from app.core.models.sync import ConflictRow
from app.store import codec, journal, journal_values, search
from app.store.batches import chunks, marks
from app.store.journal import ROW, Stamp
from app.sync.merge import FieldKey, MergeOutcome, RowWrite

CONFLICT = ConflictRow.__table__


def existing_rows(conn: Connection, table: Table, row_ids: list[str]) -> dict[str, Any]:
    """{id: deleted_at} of the rows among `row_ids` the table holds (deleted_at as stored)."""
    out: dict[str, Any] = {}
    for chunk in chunks(row_ids):
        rows = conn.exec_driver_sql(
            f'SELECT id, deleted_at FROM "{table.name}" WHERE id IN ({marks(len(chunk))})',
            tuple(chunk),
        )
        out.update(rows.fetchall())
    return out


def write(
    conn: Connection,
    tables: Mapping[str, Table],
    outcome: MergeOutcome,
    journal_rows: list[tuple[Any, ...]],
    seen_in_batch: set[tuple[FieldKey, Stamp]],
) -> int:
    """Write a batch's outcome; returns how many conflicts were logged.

    `journal_rows`: one tuple per change, `journal.JOURNAL_COLUMNS` then applied (1 or 0).
    """
    journal.insert_changes(conn, journal_rows)
    journal.set_versions(
        conn, [(k.table, k.row_id, k.column, s.hlc, s.device) for k, s in outcome.versions.items()]
    )
    indexed = search.INDEXED_TABLES
    touched = [
        search.Touched(w.table, w.row_id, w.exists, frozenset(w.values))
        for w in outcome.rows
        if w.table in indexed and (w.values or w.inserted)
    ]
    # The conflict log first: a value it looks up that the journal does not keep is read
    # from the stored row, as it was before this batch.
    logged = _write_conflicts(conn, outcome, seen_in_batch)
    with search.kept_current(conn, touched):
        _write_rows(conn, tables, outcome.rows)
    return logged


#: The group of inserted rows that hold every column of their table.
_WHOLE = frozenset(("*",))


def _write_rows(conn: Connection, tables: Mapping[str, Table], works: list[RowWrite]) -> None:
    inserts: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    widths = {name: len(table.c) for name, table in tables.items()}
    updates: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    wanted = {
        (stamp.device, stamp.hlc): column
        for w in works
        if not w.exists and w.inserted is not None
        for column, stamp in w.need.items()
    }
    fetched = _journal_values(conn, wanted)
    for work in works:
        if not work.exists:
            if work.inserted is None:
                continue  # edits that arrived before their record: kept in the journal
            if work.need:
                pending = {
                    column: _column_value(fetched.get((stamp.device, stamp.hlc)), column)
                    for column, stamp in work.need.items()
                    if (stamp.device, stamp.hlc) in fetched
                }
                row = {**work.inserted, **pending, **work.values}
            else:
                row = {**work.inserted, **work.values}
            row["id"] = work.row_id
            # Every key is a column of the table (the merge drops the others).
            whole = len(row) == widths[work.table]
            inserts[work.table][_WHOLE if whole else frozenset(row)].append(row)
        elif work.values:
            updates[work.table][frozenset(work.values)].append({**work.values, "id": work.row_id})
    for table_name, groups in inserts.items():
        table = tables[table_name]
        for columns, rows in groups.items():
            names = [c.name for c in table.c]
            if columns is _WHOLE:
                conn.exec_driver_sql(
                    f'INSERT INTO "{table_name}" ({", ".join(names)}) VALUES ({marks(len(names))})',
                    _bound(conn, table, names, rows),
                )
            else:  # some columns left to their defaults: SQLAlchemy knows them
                conn.execute(table.insert(), rows)
    for table_name, groups in updates.items():
        table = tables[table_name]
        for columns, rows in groups.items():
            names = sorted(columns)
            bound = _bound(conn, table, [*names, "id"], rows)
            sets = ", ".join(f"{name} = ?" for name in names)
            conn.exec_driver_sql(f'UPDATE "{table_name}" SET {sets} WHERE id = ?', bound)


_PROCESSORS: dict[tuple[str, str, str], Callable[[Any], Any] | None] = {}


def _processor(conn: Connection, table: Table, name: str) -> Callable[[Any], Any] | None:
    """The dialect's bind processor of a column (UTC datetimes as SQLite text...), once."""
    dialect = conn.dialect
    key = (dialect.name, str(table.name), name)
    if key not in _PROCESSORS:
        _PROCESSORS[key] = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return _PROCESSORS[key]


def _bound(
    conn: Connection, table: Table, names: list[str], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values of `names`, in that order, as the driver is to bind them."""
    processors = [
        (i, proc) for i, name in enumerate(names) if (proc := _processor(conn, table, name))
    ]
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    out = []
    for row in rows:
        values = pick(row)
        if processors:
            values = list(values)
            for i, proc in processors:
                if values[i] is not None:
                    values[i] = proc(values[i])
            values = tuple(values)
        out.append(values)
    return out


def _write_conflicts(
    conn: Connection, outcome: MergeOutcome, seen_in_batch: set[tuple[FieldKey, Stamp]]
) -> int:
    rows_involved = (
        {key.row_id for key, _seen in seen_in_batch}
        | {v.field.row_id for v in outcome.lost.values()}
        | {e.field.row_id for e in outcome.edited_deleted}
    )
    existing = _logged(conn, sorted(rows_involved))
    # A change made on top of a logged value settles that entry.
    settled = [
        entry
        for key, seen in seen_in_batch
        if (entry := existing.get(("lww", *key, seen.device, seen.hlc))) is not None
    ]
    if settled:
        conn.execute(
            CONFLICT.delete().where(CONFLICT.c.id.in_(bindparam("ids", expanding=True))),
            {"ids": settled},
        )
    candidates = [
        v
        for k, v in outcome.lost.items()
        if k not in seen_in_batch and ("lww", *v.field, v.loser.device, v.loser.hlc) not in existing
    ]
    seen_before = _seen_in_journal(conn, [v.loser for v in candidates])
    candidates = [v for v in candidates if (v.field, v.loser) not in seen_before]
    lookups: dict[tuple[str, int], FieldKey] = {}
    for v in candidates:
        if v.look_up_loser:
            lookups[(v.loser.device, v.loser.hlc)] = v.field
        if v.winner_value is None:
            lookups[(v.winner.device, v.winner.hlc)] = v.field
    for e in outcome.edited_deleted:
        lookups[(e.edit.device, e.edit.hlc)] = e.field
    raw_values = _journal_values(conn, lookups)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for v in candidates:
        col = v.field.column
        lost = (
            _field_of(raw_values.get((v.loser.device, v.loser.hlc)), col)
            if v.look_up_loser
            else codec.encode(v.loser_value)
        )
        if lost is None:
            continue
        won = (
            _field_of(raw_values.get((v.winner.device, v.winner.hlc)), col)
            if v.winner_value is None
            else codec.encode(v.winner_value)
        )
        if won == lost:
            continue  # the same value written twice (two computers seeding one office)
        rows.append(_conflict_row("lww", v.field, v.loser, lost, v.winner, won, now))
    for e in outcome.edited_deleted:
        if ("edited_deleted", *e.field, e.edit.device, e.edit.hlc) in existing:
            continue
        lost = _field_of(raw_values.get((e.edit.device, e.edit.hlc)), e.field.column)
        if lost is None:
            continue
        rows.append(_conflict_row("edited_deleted", e.field, e.edit, lost, e.delete, None, now))
    if rows:
        names = list(rows[0])
        conn.exec_driver_sql(
            f"INSERT INTO conflict ({', '.join(names)}) VALUES ({marks(len(names))})",
            _bound(conn, CONFLICT, names, rows),
        )
    return len(rows)


def _logged(conn: Connection, row_ids: list[str]) -> dict[tuple[Any, ...], int]:
    """{(kind, table, row, column, lost device, lost hlc): id} of the log entries about
    `row_ids`: every entry a batch can settle or repeat is about a row it touches, and
    reading only those (by the row index) keeps a long join from re-reading the whole
    log once per batch."""
    out: dict[tuple[Any, ...], int] = {}
    for chunk in chunks(row_ids):
        rows = conn.exec_driver_sql(
            "SELECT id, kind, tbl, row_id, col, lost_device, lost_hlc FROM conflict "
            f"WHERE row_id IN ({marks(len(chunk))})",
            tuple(chunk),
        )
        for entry, kind, tbl, row_id, col, lost_device, lost_hlc in rows:
            out[(kind, tbl, row_id, col, lost_device, int(lost_hlc))] = entry
    return out


def _conflict_row(
    kind: str, key: FieldKey, loser: Stamp, lost: str, winner: Stamp, won: str | None, now: Any
) -> dict[str, Any]:
    return {
        "kind": kind,
        "tbl": key.table,
        "row_id": key.row_id,
        "col": key.column,
        "lost_value": lost,
        "lost_hlc": loser.hlc,
        "lost_device": loser.device,
        "won_value": won,
        "won_hlc": winner.hlc,
        "won_device": winner.device,
        "recorded_at": now,
        "resolved": False,
        "resolved_at": None,
    }


def _column_value(found: tuple[str, str] | None, column: str) -> Any:
    """The Python value of `column` from a journal change (a whole row for inserts)."""
    if found is None:
        return None
    col, raw = found
    if col != ROW:
        return codec.decode(raw)
    plain = json.loads(raw)
    if isinstance(plain, dict):  # only the one field is decoded, not the whole record
        return codec.from_plain(plain.get(column))
    return codec.from_plain(plain)


def _field_of(found: tuple[str, str] | None, column: str) -> str | None:
    """The JSON of `column` from a journal change, or None when the journal lacks it."""
    if found is None:
        return None
    col, raw = found
    if col != ROW:
        return raw
    return codec.encode(_column_value(found, column))


def _by_device(ids: Iterable[tuple[str, int]]) -> Iterable[tuple[str, Sequence[int]]]:
    """(device, a chunk of its hlcs) for journal reads by a change's identity: one
    `device = ? AND hlc IN (...)` per chunk, which SQLite answers from the journal's
    (device, hlc) index."""
    grouped: dict[str, list[int]] = defaultdict(list)
    for device, hlc in ids:
        grouped[device].append(hlc)
    for device, hlcs in grouped.items():
        for chunk in chunks(sorted(set(hlcs))):
            yield device, chunk


def in_journal(conn: Connection, ids: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of these changes (device, hlc) the journal holds already.

    Asked by identity, not by a device's range of stamps: a segment's range may span
    thousands of changes already applied (edits shuffled among inserts), all of which
    a range read would bring back, batch after batch.
    """
    have: set[tuple[str, int]] = set()
    for device, chunk in _by_device(ids):
        rows = conn.exec_driver_sql(
            f"SELECT hlc FROM change WHERE device = ? AND hlc IN ({marks(len(chunk))})",
            (device, *chunk),
        )
        have.update((device, int(hlc)) for (hlc,) in rows)
    return have


def _journal_values(
    conn: Connection, ids: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str, str]]:
    """(column, raw JSON value) of journal changes, by (device, hlc)."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    stored: dict[tuple[str, int], tuple[str, str, str]] = {}
    for device, chunk in _by_device(ids):
        rows = conn.exec_driver_sql(
            "SELECT hlc, tbl, row_id, col, value FROM change "
            f"WHERE device = ? AND hlc IN ({marks(len(chunk))})",
            (device, *chunk),
        )
        for hlc, tbl, row_id, col, value in rows:
            if value is None:
                stored[(device, int(hlc))] = (tbl, row_id, col)
            else:
                out[(device, int(hlc))] = (col, value)
    if stored:
        # Looked up only as the stamp a field holds: its value is the stored field.
        values = journal_values.stored_values(conn, stored.values())
        for ident, key in stored.items():
            if key in values:
                out[ident] = (key[2], codec.encode(values[key]))
    return out


def _seen_in_journal(conn: Connection, stamps: list[Stamp]) -> set[tuple[FieldKey, Stamp]]:
    """(field, seen stamp) of journal changes made on top of these stamps."""
    out: set[tuple[FieldKey, Stamp]] = set()
    for device, chunk in _by_device((s.device, s.hlc) for s in stamps):
        rows = conn.exec_driver_sql(
            "SELECT tbl, row_id, col, seen_hlc FROM change WHERE seen_hlc > 0 "
            f"AND seen_device = ? AND seen_hlc IN ({marks(len(chunk))})",
            (device, *chunk),
        )
        for tbl, row_id, col, hlc in rows:
            out.add((FieldKey(tbl, row_id, col), Stamp(int(hlc), device)))
    return out


__all__ = ["existing_rows", "in_journal", "write"]
