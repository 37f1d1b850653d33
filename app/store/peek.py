"""A read-only look at a store already at this version's schema: what the first screen shows.

Opening the full store (SQLModel and the table mappings, the integrity check, the
migrations check, the journal) takes a second or more at 10,000 employers; a plain
SQLite connection opened read-only reads the employer list in a fraction of that. So
the window reads its first list through this, while the full store opens behind it.

Only a store at exactly the migration heads this version ships is read here. Anything
else (a new file, one to migrate, a newer one, not ours, locked, unreadable) gives None,
and the full open, which explains every problem in the user's words, decides.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.store import health, migrate
from app.store.health import SQLITE_HEADER

#: How long a read waits on a store another program holds: the full open reports that.
_TIMEOUT_S = 0.2


class ReadOnlyStore:
    """A store opened read-only with plain sqlite3: `raw_rows` as `Store.raw_rows` gives them."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    def raw_rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        return self._conn.execute(sql, dict(params or {})).fetchall()

    def setting(self, key: str) -> Any:
        """A value kept in this machine's settings (None when not set)."""
        found = self.raw_rows("SELECT value FROM local_setting WHERE key = :k", {"k": key})
        return json.loads(found[0][0]) if found else None

    def close(self) -> None:
        self._conn.close()


def open_read_only(path: Path) -> ReadOnlyStore | None:
    """The store at `path` opened read-only, or None unless it is ours and needs no migration.

    Never writes, nor adds files beside it: the read-only connection the health checks use
    (a WAL store with no -wal file is read as immutable; nothing else in this process writes
    to it until this read is over, see `app.ui.launch.start_window`).
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        if not header.startswith(SQLITE_HEADER):
            return None
        conn = health.read_only(path, header, timeout=_TIMEOUT_S)
    except (OSError, sqlite3.Error):
        return None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            raise LookupError("not a store at this version")
        revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        if revisions != migrate.script_heads():
            raise LookupError("the store needs migrating, or is newer")
    except (sqlite3.Error, LookupError):
        conn.close()
        return None
    return ReadOnlyStore(path, conn)
