"""The conflict log as the Sync page uses it: list, use the losing value instead, dismiss."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.validation import FieldError
from app.services.employers import employers
from app.services.team import conflicts
from app.sync.changes import device_id
from tests.sync.devices import changes_of, content, deliver, open_devices, sync_pair


@pytest.fixture
def pair(tmp_path: Path):
    stores = open_devices(tmp_path, 2)
    yield stores
    for s in stores:
        s.close()


def _conflicting_notes(a, b) -> str:
    eid = employers.create_employer(a, {"legal_name": "Ogden Metal Works"}).id
    sync_pair(a, b)
    employers.update_employer_field(a, eid, "notes", "Needs 3 welders")
    employers.update_employer_field(b, eid, "notes", "Needs 2 welders and a forklift driver")
    sync_pair(a, b)
    return eid


def test_the_losing_value_is_listed_with_who_won(pair) -> None:
    a, b = pair
    eid = _conflicting_notes(a, b)
    [entry] = conflicts.list_conflicts(a)
    assert (entry.table, entry.row_id, entry.column) == ("employer", eid, "notes")
    assert entry.lost_value == "Needs 3 welders"
    assert entry.won_value == "Needs 2 welders and a forklift driver"
    assert entry.lost_device == device_id(a) and entry.won_device == device_id(b)
    assert entry.label == "Changed on two computers at once"
    assert conflicts.count_open(a) == 1
    assert conflicts.list_conflicts(a, table="employer", row_id=eid) == [entry]


def test_use_this_value_instead_makes_a_new_edit_that_syncs(pair) -> None:
    a, b = pair
    eid = _conflicting_notes(a, b)
    [entry] = conflicts.list_conflicts(a)
    before = len(changes_of(a))
    conflicts.use_value(a, entry.id)
    assert employers.get_employer(a, eid).notes == "Needs 3 welders"
    mine = changes_of(a)[before:]
    assert "notes" in [c.column for c in mine]
    assert conflicts.count_open(a) == 0
    assert [c.resolved for c in conflicts.list_conflicts(a, include_resolved=True)] == [True]
    sync_pair(a, b)
    assert employers.get_employer(b, eid).notes == "Needs 3 welders"
    assert content(a) == content(b)


def test_dismiss_keeps_the_current_value(pair) -> None:
    a, b = pair
    eid = _conflicting_notes(a, b)
    [entry] = conflicts.list_conflicts(a)
    conflicts.dismiss(a, entry.id)
    assert conflicts.list_conflicts(a) == []
    assert employers.get_employer(a, eid).notes == "Needs 2 welders and a forklift driver"


def test_using_an_edit_made_after_a_delete_restores_the_record(pair) -> None:
    a, b = pair
    eid = employers.create_employer(a, {"legal_name": "Lake Street Cafe"}).id
    sync_pair(a, b)
    employers.delete_employer(a, eid)
    employers.update_employer_field(b, eid, "notes", "Opening a second location")
    deliver(a, changes_of(b))
    [entry] = conflicts.list_conflicts(a)
    assert entry.kind == "edited_deleted" and entry.lost_value == "Opening a second location"
    conflicts.use_value(a, entry.id)
    restored = employers.get_employer(a, eid)
    assert restored.deleted_at is None and restored.notes == "Opening a second location"
    sync_pair(a, b)
    assert employers.get_employer(b, eid).deleted_at is None


def test_a_vanished_entry_is_reported_in_words(pair) -> None:
    a, _ = pair
    with pytest.raises(FieldError, match="no longer in the log"):
        conflicts.use_value(a, 999)
