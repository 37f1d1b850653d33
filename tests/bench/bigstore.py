"""Large generated stores for benchmarks, written with bulk inserts (sqlite3 executemany)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.ids import utcnow
from app.services.demo.dataset import activity_rows, build_team, employer_rows
from app.store.engine import Store, open_store


def _sql_value(value: Any) -> Any:
    if hasattr(value, "isoformat") and hasattr(value, "tzinfo"):
        # Stored the way SQLAlchemy stores UTC datetimes in SQLite.
        return value.replace(tzinfo=None).isoformat(sep=" ")
    return value


def bulk_insert(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    batch: list[tuple] = []
    columns: list[str] = []
    for row in rows:
        if not columns:
            columns = list(row)
        batch.append(tuple(_sql_value(row[c]) for c in columns))
        if len(batch) >= 20_000:
            count += _flush(conn, table, columns, batch)
            batch = []
    if batch:
        count += _flush(conn, table, columns, batch)
    return count


def _flush(conn: sqlite3.Connection, table: str, columns: list[str], batch: list[tuple]) -> int:
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)
    return len(batch)


def build(path: Path, employers: int, activities_per_employer: int = 0, seed: int = 7) -> Store:
    """A store with `employers` employers and `activities_per_employer` activities each."""
    store = open_store(path)
    rng = random.Random(seed)
    team = build_team(store)
    now = utcnow()
    rows = list(employer_rows(rng, employers, team, now))
    conn = sqlite3.connect(path)
    try:
        with conn:
            bulk_insert(conn, "employer", rows)
            if activities_per_employer:
                bulk_insert(
                    conn,
                    "activity",
                    (
                        a
                        for row in rows
                        for a in activity_rows(rng, row, activities_per_employer, now)
                    ),
                )
    finally:
        conn.close()
    return store
