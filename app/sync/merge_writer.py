"""The writer of applying changes: what the merge step decided, as SQL.

Everything is written in bulk on the caller's connection, inside its
transaction: journal rows, field versions, the merged records (with the search
index kept current by `app.store.search.kept_current`), and the conflict log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, tuple_

from app.core.ids import utcnow
from app.core.models.sync import ConflictRow
from app.store import codec, journal, journal_values, search
from app.store.journal import CHANGE, ROW, Stamp
from app.sync.merge import FieldKey, MergeOutcome, RowWrite

CONFLICT = ConflictRow.__table__
_CHUNK = 400


def existing_rows(conn: Connection, table: Table, row_ids: list[str]) -> dict[str, Any]:
    """{id: deleted_at} of the rows among `row_ids` the table holds."""
    out: dict[str, Any] = {}
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        for row_id, deleted_at in conn.execute(
            select(table.c.id, table.c.deleted_at).where(table.c.id.in_(chunk))
        ):
            out[row_id] = deleted_at
    return out


def write(
    conn: Connection,
    tables: Mapping[str, Table],
    outcome: MergeOutcome,
    journal_rows: list[dict[str, Any]],
    seen_in_batch: set[tuple[FieldKey, Stamp]],
) -> int:
    """Write a batch's outcome; returns how many conflicts were logged."""
    if journal_rows:
        conn.execute(CHANGE.insert(), journal_rows)
    journal.upsert_versions(
        conn,
        [
            {"tbl": k.table, "row_id": k.row_id, "col": k.column, "hlc": s.hlc, "device": s.device}
            for k, s in outcome.versions.items()
        ],
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


def _write_rows(conn: Connection, tables: Mapping[str, Table], works: list[RowWrite]) -> None:
    inserts: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
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
            pending = {
                column: _column_value(fetched.get((stamp.device, stamp.hlc)), column)
                for column, stamp in work.need.items()
                if (stamp.device, stamp.hlc) in fetched
            }
            row = {**work.inserted, **pending, **work.values}
            row["id"] = work.row_id
            inserts[work.table][frozenset(row)].append(row)
        elif work.values:
            params = {f"v_{k}": v for k, v in work.values.items()}
            params["_id"] = work.row_id
            updates[work.table][frozenset(work.values)].append(params)
    for table_name, groups in inserts.items():
        table = tables[table_name]
        for rows in groups.values():
            conn.execute(table.insert(), rows)
    for table_name, groups in updates.items():
        table = tables[table_name]
        for columns, rows in groups.items():
            stmt = (
                table.update()
                .where(table.c.id == bindparam("_id"))
                .values({c: bindparam(f"v_{c}") for c in columns})
            )
            conn.execute(stmt, rows)


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
        conn.execute(CONFLICT.insert(), rows)
    return len(rows)


def _logged(conn: Connection, row_ids: list[str]) -> dict[tuple[Any, ...], int]:
    """{(kind, table, row, column, lost device, lost hlc): id} of the log entries about
    `row_ids`: every entry a batch can settle or repeat is about a row it touches, and
    reading only those (by the row index) keeps a long join from re-reading the whole
    log once per batch."""
    out: dict[tuple[Any, ...], int] = {}
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        for r in conn.execute(
            select(
                CONFLICT.c.id,
                CONFLICT.c.kind,
                CONFLICT.c.tbl,
                CONFLICT.c.row_id,
                CONFLICT.c.col,
                CONFLICT.c.lost_device,
                CONFLICT.c.lost_hlc,
            ).where(CONFLICT.c.row_id.in_(chunk))
        ):
            out[(r.kind, r.tbl, r.row_id, r.col, r.lost_device, int(r.lost_hlc))] = r.id
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
    value = codec.decode(raw)
    if col == ROW and isinstance(value, dict):
        return value.get(column)
    return value


def _field_of(found: tuple[str, str] | None, column: str) -> str | None:
    """The JSON of `column` from a journal change, or None when the journal lacks it."""
    if found is None:
        return None
    col, raw = found
    if col != ROW:
        return raw
    return codec.encode(_column_value(found, column))


def _journal_values(
    conn: Connection, ids: Mapping[tuple[str, int], Any]
) -> dict[tuple[str, int], tuple[str, str]]:
    """(column, raw JSON value) of journal changes, by (device, hlc)."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    stored: dict[tuple[str, int], tuple[str, str, str]] = {}
    keys = list(ids)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        rows = conn.execute(
            select(
                CHANGE.c.device,
                CHANGE.c.hlc,
                CHANGE.c.tbl,
                CHANGE.c.row_id,
                CHANGE.c.col,
                CHANGE.c.value,
            ).where(tuple_(CHANGE.c.device, CHANGE.c.hlc).in_(chunk))
        )
        for dev, hlc, tbl, row_id, col, value in rows:
            if value is None:
                stored[(dev, int(hlc))] = (tbl, row_id, col)
            else:
                out[(dev, int(hlc))] = (col, value)
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
    keys = list({(s.device, s.hlc) for s in stamps})
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        rows = conn.execute(
            select(
                CHANGE.c.tbl, CHANGE.c.row_id, CHANGE.c.col, CHANGE.c.seen_device, CHANGE.c.seen_hlc
            ).where(
                CHANGE.c.seen_hlc > 0,
                tuple_(CHANGE.c.seen_device, CHANGE.c.seen_hlc).in_(chunk),
            )
        )
        for tbl, row_id, col, dev, hlc in rows:
            out.add((FieldKey(tbl, row_id, col), Stamp(int(hlc), dev)))
    return out


__all__ = ["existing_rows", "write"]
