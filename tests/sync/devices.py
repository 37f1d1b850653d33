"""Several devices in one test: real stores in a temporary folder, changes carried in memory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from app.core import hlc
from app.store import journal
from app.store.engine import Store, open_store
from app.sync.changes import ApplyResult, Change, apply_changes, local_changes

YEAR_MS = 365 * 24 * 3_600_000
HOUR_MS = 3_600_000


def open_devices(folder: Path, count: int) -> list[Store]:
    return [open_store(folder / f"device-{n}.sqlite") for n in range(count)]


def changes_of(store: Store, after_seq: int = 0) -> list[Change]:
    return [c for _, c in local_changes(store, after_seq)]


def deliver(target: Store, changes: list[Change]) -> ApplyResult:
    with target.transaction() as session:
        return apply_changes(session, changes)


def sync_pair(a: Store, b: Store) -> None:
    """Both directions, everything each device made."""
    deliver(b, changes_of(a))
    deliver(a, changes_of(b))


def content(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, in id order: what must be identical on every device."""
    out = {}
    with store.engine.connect() as conn:
        for name, table in sorted(journal.synced_tables().items()):
            out[name] = [tuple(r) for r in conn.execute(select(table).order_by(table.c.id))]
    return out


def journal_ids(store: Store) -> set[tuple[str, int]]:
    with store.engine.connect() as conn:
        return {(r[0], int(r[1])) for r in conn.execute(text("SELECT device, hlc FROM change"))}


def conflicts(store: Store, kind: str | None = None) -> list[Any]:
    sql = "SELECT * FROM conflict" + (" WHERE kind = :k" if kind else "") + " ORDER BY id"
    with store.engine.connect() as conn:
        return list(conn.execute(text(sql), {"k": kind}))


def set_clock_ahead(store: Store, ms: int) -> None:
    """Make the device's clock run `ms` ahead (its stamps, not its wall clock)."""
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE sync_device SET clock = :c"),
            {"c": hlc.pack(hlc.wall_clock_ms() + ms)},
        )


@contextmanager
def wall_clock_off_by(monkeypatch: Any, ms: int) -> Iterator[None]:
    """Run the block as on a laptop whose wall clock is off by `ms`."""
    real = hlc.wall_clock_ms
    with monkeypatch.context() as patch:
        patch.setattr(hlc, "wall_clock_ms", lambda: real() + ms)
        yield
