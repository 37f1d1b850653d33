"""Opening the store: one SQLite file, WAL, foreign keys on every connection, migrated."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

import app.core.models  # noqa: F401  (registers every table in the metadata)
from app.store import health, journal, migrate, private


@dataclass
class Store:
    """An open store: the file it lives in and the engine that reaches it."""

    path: Path
    engine: Engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error: all or nothing."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()

    def raw_rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        """Rows straight from SQLite's cursor, for queries that read tens of thousands of rows
        (no per-row result processing)."""
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            return raw.execute(sql, dict(params or {})).fetchall()


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    return engine


def backup_file(path: Path) -> Path | None:
    """Copy the store beside itself before a migration, using SQLite's online backup."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    target = health.backup_name(path, health.now_stamp())
    src = sqlite3.connect(path)
    try:
        private.touch(target)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_store(path: Path | str, check: health.QuickCheck | None = None) -> Store:
    """Open (creating if needed) and migrate the store at `path`; `health.StoreProblem`,
    in the user's words, when it cannot be.

    The file is looked at first, read-only: one that is not ours, from a newer
    version, or damaged is refused untouched. A backup copy is taken before any
    pending migration runs, so a failed upgrade never costs the BSR their data.
    The folder is made 0700 and the files 0600 (see `app.store.private`). `check` is the
    integrity check of the file already under way (`health.QuickCheck`), if any.
    """
    path = Path(path)
    engine: Engine | None = None
    try:
        revisions = health.inspect(path, check)
        at_heads = bool(revisions) and revisions == migrate.script_heads()
        if revisions and not at_heads:
            health.inspect_fully(path)  # never back up or migrate a damaged store
        private.private_folder(path.parent)
        private.touch(path)
        private.make_store_private(path)
        engine = make_engine(path)
        if not at_heads and migrate.pending(engine):
            if path.stat().st_size and migrate.current_heads(engine):
                backup_file(path)
            migrate.upgrade(engine)
        # Every synced write is journaled from the first open on, under this device's id.
        journal.install_capture()
        journal.ensure_device(engine)
    except Exception as exc:
        if engine is not None:
            engine.dispose()
        raise health.explain(path, exc) from exc
    return Store(path=path, engine=engine)


def copy_store(src: Path, dst: Path) -> None:
    """Copy a store file consistently (WAL included)."""
    private.private_folder(dst.parent)
    a = sqlite3.connect(src)
    try:
        private.touch(dst)
        b = sqlite3.connect(dst)
        try:
            a.backup(b)
        finally:
            b.close()
    finally:
        a.close()


__all__ = ["Store", "backup_file", "copy_store", "make_engine", "open_store"]
