"""Bulk inserts store and journal exactly what `session.add` + flush would, and search still finds them."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.core.models import Contact, Employer
from app.store import bulk, codec, search
from app.store.engine import Store, open_store
from app.store.search import search_employer_ids
from app.sync.changes import local_changes

EMPLOYER = Employer.__table__  # type: ignore[attr-defined]
CONTACT = Contact.__table__  # type: ignore[attr-defined]
WHEN = datetime(2026, 3, 4, 15, 16, 17, 123456, tzinfo=UTC)
_EXAMPLES = itertools.count()


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _values(n: int, name: str, notes: str) -> tuple[dict[str, Any], dict[str, Any]]:
    employer = {
        "id": f"0190e000-0000-7000-8000-{n:012d}",
        "legal_name": name,
        "street": "5801 W Chicago Ave",
        "main_phone": "(773) 555-0100",
        "notes": notes,
        "employees_total": n,
        "created_at": WHEN,
        "updated_at": WHEN,
        "stage_changed_at": WHEN,
    }
    contact = {
        "id": f"0190e000-0000-7000-9000-{n:012d}",
        "employer_id": employer["id"],
        "name": f"Ana Rivera {n}",
        "phone": "(312) 555-0142",
        "is_primary": True,
        "created_at": WHEN,
        "updated_at": WHEN,
    }
    return employer, contact


def _through_orm(
    store: Store, employers: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> None:
    with store.transaction() as session:
        session.add_all([Employer(**e) for e in employers] + [Contact(**c) for c in contacts])


def _through_bulk(
    store: Store, employers: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> None:
    with store.transaction() as session:
        conn = session.connection()
        before = search.last_rowid(conn)
        with search.paused(conn):
            bulk.insert_records(conn, CONTACT, contacts)
            bulk.insert_records(conn, EMPLOYER, employers)
        search.refresh_new(conn, before)


def _compare(tmp_path: Path, template: Path, names: list[str], notes: list[str], tag: str) -> None:
    pairs = [
        _values(n, name, note) for n, (name, note) in enumerate(zip(names, notes, strict=True))
    ]
    employers = [e for e, _ in pairs]
    contacts = [c for _, c in pairs]
    stores = {}
    for kind, write in (("orm", _through_orm), ("bulk", _through_bulk)):
        path = tmp_path / f"{tag}-{kind}.sqlite"
        shutil.copyfile(template, path)  # a new store, without migrating it once more
        store = open_store(path)
        write(store, employers, contacts)
        store.close()
        stores[kind] = path
    for table in ("employer", "contact"):
        orm = _rows(stores["orm"], f"SELECT * FROM {table} ORDER BY id")
        fast = _rows(stores["bulk"], f"SELECT * FROM {table} ORDER BY id")
        assert fast == orm
    journal = "SELECT tbl, row_id, col, value, seen_hlc, seen_device, applied FROM change ORDER BY tbl, row_id"
    orm_changes = _rows(stores["orm"], journal)
    fast_changes = _rows(stores["bulk"], journal)
    assert [r[:3] + r[4:] for r in fast_changes] == [r[:3] + r[4:] for r in orm_changes]
    # Neither copies the record into the journal: both read back the stored row.
    assert {r[3] for r in fast_changes} == {r[3] for r in orm_changes} == {None}
    published = {}
    for kind, path in stores.items():
        store = open_store(path)
        published[kind] = sorted(
            (c.table, c.row_id, codec.encode(c.value)) for _n, c in local_changes(store)
        )
        store.close()
    assert published["bulk"] == published["orm"]
    assert all(value != "null" for _t, _r, value in published["bulk"])
    versions = "SELECT tbl, row_id, col FROM field_version ORDER BY tbl, row_id, col"
    assert _rows(stores["bulk"], versions) == _rows(stores["orm"], versions)
    index = "SELECT name, people, place, phone, notes FROM employer_search ORDER BY rowid"
    assert _rows(stores["bulk"], index) == _rows(stores["orm"], index)


def test_bulk_rows_journal_and_index_equal_the_orm(tmp_path: Path, migrated_template: Path) -> None:
    names = ["Pilsen Bakery", "Midway Logistics", "ÁNGEL'S TAQUERÍA"]
    _compare(
        tmp_path,
        migrated_template,
        names,
        ["", "Dock on Kedzie\nAsk for Luis", '🙂 "quoted"'],
        "fixed",
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=60)), min_size=1, max_size=4
    )
)
def test_bulk_equals_orm_for_any_text(
    tmp_path: Path, migrated_template: Path, rows: list[tuple[str, str]]
) -> None:
    tag = f"h{next(_EXAMPLES)}"
    _compare(tmp_path, migrated_template, [r[0] for r in rows], [r[1] for r in rows], tag)


def test_bulk_records_are_found_by_search(store: Store) -> None:
    employer, contact = _values(7, "Hermosa Tortilleria", "")
    _through_bulk(store, [employer], [contact])
    with store.engine.connect() as conn:
        assert search_employer_ids(conn, "hermosa") == [employer["id"]]
        assert search_employer_ids(conn, "5550142") == [employer["id"]]  # the contact's phone
        assert search_employer_ids(conn, "ana rivera") == [employer["id"]]


def test_pause_lasts_only_inside_the_block_and_rolls_back(store: Store) -> None:
    employer, contact = _values(1, "Kedzie Metal Works", "")
    with store.engine.connect() as conn:
        journaled = conn.execute(text("SELECT count(*) FROM change")).scalar_one()
    try:
        with store.transaction() as session:
            conn = session.connection()
            with search.paused(conn):
                bulk.insert_records(conn, EMPLOYER, [employer])
                assert conn.execute(text("SELECT count(*) FROM employer_search")).scalar_one() == 0
            raise RuntimeError("cancel")
    except RuntimeError:
        pass
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM employer")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM change")).scalar_one() == journaled
        assert conn.execute(text(f"SELECT count(*) FROM {search.PAUSE_TABLE}")).scalar_one() == 0
    # Outside a pause, an ordinary edit is indexed by the triggers as before.
    with store.transaction() as session:
        session.add(Employer(**employer))
    with store.engine.connect() as conn:
        assert search_employer_ids(conn, "kedzie metal") == [employer["id"]]


def test_refresh_reindexes_given_employers(store: Store) -> None:
    employer, contact = _values(3, "Calumet Fulfillment", "")
    _through_orm(store, [employer], [])
    with store.transaction() as session:
        conn = session.connection()
        with search.paused(conn):
            bulk.insert_records(conn, CONTACT, [contact])
        with store.engine.connect() as other:
            assert search_employer_ids(other, "ana rivera") == []
        search.refresh(conn, [employer["id"]])
        assert search_employer_ids(conn, "ana rivera") == [employer["id"]]
        assert search_employer_ids(conn, "calumet") == [employer["id"]]


def test_bulk_inserts_reach_sync_and_refuse_rows_missing_a_required_value(store: Store) -> None:
    from app.sync.changes import local_changes

    before = len(local_changes(store))
    employer, _contact = _values(9, "Ogden Provisions", "")
    _through_bulk(store, [employer], [])
    fresh = local_changes(store)[before:]
    assert [(c.table, c.row_id) for _seq, c in fresh] == [("employer", employer["id"])]
    with store.transaction() as session, pytest.raises(TypeError, match="legal_name"):
        bulk.insert_records(session.connection(), EMPLOYER, [{"street": "1 Main St"}])


def test_roomy_cache_is_given_back(store: Store) -> None:
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with bulk.roomy_cache(conn, mebibytes=64):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
