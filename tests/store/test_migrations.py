"""Stores made by earlier schemas upgrade at open, keep their data and leave a backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from app.core.ids import reference_id
from app.services.employers import employers
from app.store import migrate
from app.store.engine import make_engine, open_store
from tests.fixtures.make_stores import RELEASES, fixture_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: A store of every released schema (tests/fixtures/README.md says how they were made).
FROZEN = sorted(p.name for p in FIXTURES.glob("store-*.sqlite"))
#: Tables the store keeps for itself, or SQLite and the search index fill.
NOT_DATA = ("sqlite_", "employer_search", "alembic_version", "search_pause")
#: Offices and programs: one row per code after 0010, links re-pointed (see app.store.reference).
REFERENCE = {"office": "office_id", "program": "program_id"}


def read_rows(path: Path) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every data table, by id (or by all its values when it has none); links to
    offices and programs as the code of the row they point at, since ids of those change."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(NOT_DATA)
        ]
        codes = {
            table: dict(conn.execute(f"SELECT id, code FROM {table}").fetchall())
            for table in REFERENCE
            if table in names
        }
        out: dict[str, dict[Any, dict[str, Any]]] = {}
        for name in names:
            rows = {}
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                values = dict(row)
                for table, link in REFERENCE.items():
                    if values.get(link) is not None:
                        values[link] = codes[table].get(values[link], values[link])
                if name in REFERENCE:
                    values.pop("id")
                    key: Any = values["code"]
                else:
                    key = values["id"] if "id" in values else tuple(sorted(values.items()))
                rows.setdefault(key, values)  # a code seeded twice: the rows are alike
            out[name] = rows
        return out
    finally:
        conn.close()


def test_every_released_schema_is_frozen() -> None:
    known = {r.revision for r in ScriptDirectory.from_config(migrate.config()).walk_revisions()}
    shipped = [revision for group in RELEASES for revision in group]
    assert set(shipped) <= known
    assert [fixture_name(n) for n in range(1, len(RELEASES) + 1)] == FROZEN
    assert all((FIXTURES / name).stat().st_size < 300_000 for name in FROZEN)


@pytest.mark.parametrize("name", FROZEN)
def test_frozen_store_upgrades_and_keeps_data(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    before = read_rows(path)
    assert before["employer"], "the frozen store must hold data to prove it survives"
    names_before = sorted(v["legal_name"] for v in before["employer"].values())
    engine = make_engine(path)
    behind = migrate.pending(engine)
    engine.dispose()

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
    after = read_rows(path)
    for table, rows in before.items():
        kept = {key: after[table].get(key) for key in rows}
        for key, values in rows.items():
            assert kept[key] is not None, (table, key)
            # Columns added since keep their defaults; every column the store had is unchanged.
            assert {c: kept[key][c] for c in values} == values, (table, key)
    for table in REFERENCE:
        if table in before:  # one row per code, under the code's id
            with sqlite3.connect(path) as conn:
                rows = conn.execute(f"SELECT id, code FROM {table}").fetchall()
            conn.close()
            assert sorted(rows) == sorted((reference_id(table, c), c) for c in before[table])

    backups = list(tmp_path.glob("*.before-migration-*"))
    assert len(backups) == (1 if behind else 0)  # the newest release may be today's schema
    if behind:
        assert read_rows(backups[0]) == before


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


def test_revisions_read_from_the_scripts_match_alembic(tmp_path: Path) -> None:
    """Opening a store reads revisions without Alembic; it must see what Alembic sees."""
    script = ScriptDirectory.from_config(migrate.config())
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert migrate.script_heads() == set(script.get_heads())
    for revision in script.walk_revisions():
        assert set(migrate.revision_graph()[revision.revision]) == set(revision._all_down_revisions)
    store = open_store(tmp_path / "fresh.sqlite")
    try:
        assert migrate.current_heads(store.engine) == set(script.get_heads())
    finally:
        store.close()
