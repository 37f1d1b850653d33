"""Offices and programs do not double when a second computer joins the team."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app import forms
from app.core.ids import reference_id
from app.core.models import Office, Program
from app.services.agency.org import ensure_reference_data, offices, programs
from app.services.employers import employers
from app.store import reference
from app.sync.changes import local_changes
from tests.sync.devices import changes_of, conflicts, content, deliver, open_devices, sync_pair


@pytest.fixture
def pair(tmp_path: Path):
    stores = open_devices(tmp_path, 3)
    yield stores
    for s in stores:
        s.close()


def per_code(store, table: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for row_id, code in conn.execute(text(f"SELECT id, code FROM {table} ORDER BY id")):
            out.setdefault(code, []).append(row_id)
    return out


def assert_one_row_per_code(store) -> None:
    config = forms.AGENCY.load()
    for table, items in (("office", config.offices), ("program", config.programs)):
        rows = per_code(store, table)
        assert sorted(rows) == sorted(i["code"] for i in items)
        assert rows == {code: [reference_id(table, code)] for code in rows}


def test_two_stores_seeded_apart_then_synced_hold_one_row_per_code(pair) -> None:
    a, b, _ = pair
    ensure_reference_data(a)
    ensure_reference_data(b)
    sync_pair(a, b)
    for store in (a, b):
        assert_one_row_per_code(store)
        ensure_reference_data(store)  # the next start changes nothing
        assert_one_row_per_code(store)
    assert content(a) == content(b)
    assert conflicts(a) == [] and conflicts(b) == []
    assert [o.code for o in offices(a)] == [o.code for o in offices(b)]


def _seed_the_old_way(store) -> None:
    """What earlier versions did: the same codes under new random ids, journaled."""
    config = forms.AGENCY.load()
    with store.transaction() as session:
        for item in config.offices:
            session.add(Office(code=item["code"], name=item["name"]))
        for item in config.programs:
            session.add(Program(code=item["code"], name=item["name"]))


def test_rows_made_twice_by_older_versions_fold_into_one_and_links_follow(pair) -> None:
    """Two computers of an older version seeded and linked employers to their own copies;
    a third, current one syncs with both: one row per code, every link on it."""
    old_a, old_b, new = pair
    _seed_the_old_way(old_a)
    _seed_the_old_way(old_b)
    first_a = per_code(old_a, "office")["little-village"][0]
    first_b = per_code(old_b, "office")["malcolm-x"][0]
    on_a = employers.create_employer(old_a, {"legal_name": "Pilsen Press", "office_id": first_a})
    on_b = employers.create_employer(old_b, {"legal_name": "Austin Awnings", "office_id": first_b})

    ensure_reference_data(new)
    deliver(new, changes_of(old_a))
    deliver(new, changes_of(old_b))
    assert_one_row_per_code(new)
    links = {
        e.id: e.office_id
        for e in (employers.get_employer(new, on_a.id), employers.get_employer(new, on_b.id))
    }
    assert links == {
        on_a.id: reference_id("office", "little-village"),
        on_b.id: reference_id("office", "malcolm-x"),
    }
    assert sorted(p.code for p in programs(new)) == sorted(
        p["code"] for p in forms.AGENCY.load().programs
    )

    # An older computer still sending a link to its own copy, after the copy was folded away.
    late = employers.create_employer(old_a, {"legal_name": "Late Lamps", "office_id": first_a})
    deliver(new, changes_of(old_a))
    assert employers.get_employer(new, late.id).office_id == reference_id(
        "office", "little-village"
    )


def test_a_batch_with_only_a_late_link_to_a_folded_copy_is_repointed(pair) -> None:
    """A batch that brings no office row (so only its own links are checked) still
    re-points a link to a copy folded away earlier, by the code the journal holds."""
    old_a, _old_b, new = pair
    _seed_the_old_way(old_a)
    first_a = per_code(old_a, "office")["little-village"][0]
    ensure_reference_data(new)
    deliver(new, changes_of(old_a))
    assert_one_row_per_code(new)
    before = max(seq for seq, _ in local_changes(old_a))
    late = employers.create_employer(old_a, {"legal_name": "Late Lamps", "office_id": first_a})
    batch = changes_of(old_a, before)
    assert batch and all(c.table == "employer" for c in batch)
    deliver(new, batch)
    assert employers.get_employer(new, late.id).office_id == reference_id(
        "office", "little-village"
    )


def test_links_are_looked_up_by_the_journal_index_not_a_scan(tmp_path: Path) -> None:
    """After every applied batch, links to offices and programs the store lacks are looked
    up in the journal; SQLite must read them through the partial index, never the whole
    journal (a join would otherwise slow down with every batch)."""
    (store,) = open_devices(tmp_path, 1)
    try:
        with store.engine.connect() as conn:
            plan = conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {reference.journal_rows_sql(2)}", ("office", "a", "b")
            ).all()
    finally:
        store.close()
    details = " ".join(str(row[-1]) for row in plan)
    assert "USING INDEX ix_change_reference_row" in details, details
    assert "SCAN change" not in details, details
