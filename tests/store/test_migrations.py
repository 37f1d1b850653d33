"""Stores made by earlier schemas upgrade at open, keep their data and leave a backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from app.services.employers import employers
from app.store import migrate
from app.store.engine import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FROZEN = ["store-0001.sqlite"]


@pytest.mark.parametrize("name", FROZEN)
def test_frozen_store_upgrades_and_keeps_data(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    before = sqlite3.connect(path)
    names_before = sorted(r[0] for r in before.execute("SELECT legal_name FROM employer"))
    before.close()
    assert names_before, "the frozen store must hold data to prove it survives"

    store = open_store(path)
    try:
        assert not migrate.pending(store.engine)
        names_after = sorted(r.name for r in employers.list_rows(store))
        assert names_after == names_before
        # Search works on upgraded stores too.
        first_word = names_before[0].split()[0]
        assert employers.list_rows(store, employers.EmployerFilter(text=first_word))
    finally:
        store.close()
    if migrate.script_heads() != {"0001_first_schema"}:
        backups = list(tmp_path.glob("*.before-migration-*"))
        assert len(backups) == 1
        copy = sqlite3.connect(backups[0])
        assert sorted(r[0] for r in copy.execute("SELECT legal_name FROM employer")) == names_before
        copy.close()


def test_fresh_store_schema_matches_models(store) -> None:
    """Every table and column the code declares exists after migrating: no drift."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_open_does_not_back_up_a_current_store(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    open_store(path).close()
    open_store(path).close()
    assert not list(tmp_path.glob("*.before-migration-*"))


def test_store_uses_wal_and_foreign_keys(store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
