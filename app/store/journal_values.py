"""Reading back the journal values kept by the stored rows (see `app.store.journal`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from app.store.batches import chunks
from app.store.journal import ROW, synced_tables


def stored_values(
    conn: Connection, wanted: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], Any]:
    """(table, row id, column) -> the stored value, column "*" the whole row: the values of
    journal rows that do not keep their own. Rows not stored (yet) are left out."""
    keys = list(dict.fromkeys(wanted))
    by_table: dict[str, set[str]] = defaultdict(set)
    for table_name, row_id, _col in keys:
        by_table[table_name].add(row_id)
    tables = synced_tables()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for table_name, ids in by_table.items():
        table = tables.get(table_name)
        if table is None:
            continue
        for chunk in chunks(sorted(ids)):
            for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                rows[(table_name, row["id"])] = dict(row)
    out: dict[tuple[str, str, str], Any] = {}
    for key in keys:
        row = rows.get((key[0], key[1]))
        if row is not None:
            out[key] = row if key[2] == ROW else row.get(key[2])
    return out


__all__ = ["stored_values"]
