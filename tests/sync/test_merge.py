"""Merge rules, one case at a time, on real stores: each rule in both delivery orders."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core import hlc
from app.core.models import Activity, Employer
from app.services.employers import employers
from app.store import codec
from app.sync.changes import Change, apply_changes, apply_pending, device_id
from tests.sync.devices import (
    HOUR_MS,
    YEAR_MS,
    changes_of,
    conflicts,
    content,
    deliver,
    journal_ids,
    open_devices,
    set_clock_ahead,
    sync_pair,
    wall_clock_off_by,
)


@pytest.fixture
def trio(tmp_path: Path):
    stores = open_devices(tmp_path, 3)
    yield stores
    for s in stores:
        s.close()


def _shared_employer(a, b, **values) -> str:
    employer = employers.create_employer(a, {"legal_name": "Cermak Foods", **values})
    sync_pair(a, b)
    return employer.id


def _get(store, employer_id: str) -> Employer:
    found = employers.get_employer(store, employer_id)
    assert found is not None
    return found


def _deliver_in_order(order: str, a, b) -> None:
    if order == "a_first":
        deliver(b, changes_of(a))
        deliver(a, changes_of(b))
    else:
        deliver(a, changes_of(b))
        deliver(b, changes_of(a))


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_last_writer_wins_per_column_and_the_loser_is_logged(trio, order: str) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    employers.update_employer_field(a, eid, "main_phone", "312-555-0101")
    employers.update_employer_field(b, eid, "main_phone", "773-555-0102")  # later stamp
    employers.update_employer_field(a, eid, "website", "cermakfoods.com")  # other column
    _deliver_in_order(order, a, b)
    for store in (a, b):
        row = _get(store, eid)
        assert row.main_phone == "(773) 555-0102"
        assert row.website == "cermakfoods.com"
        lost = [c for c in conflicts(store, "lww") if c.col == "main_phone"]
        assert [codec.decode(c.lost_value) for c in lost] == ["(312) 555-0101"]
        assert codec.decode(lost[0].won_value) == "(773) 555-0102"
        assert lost[0].lost_device == device_id(a)
    assert content(a) == content(b)


def test_equal_stamps_are_ordered_by_device_id(trio) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    ahead = hlc.pack(hlc.wall_clock_ms() + HOUR_MS)
    for store in (a, b):
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE sync_device SET clock = :c"), {"c": ahead})
    employers.update_employer_field(a, eid, "notes", "from a")
    employers.update_employer_field(b, eid, "notes", "from b")
    assert changes_of(a)[-1].hlc == changes_of(b)[-1].hlc
    sync_pair(a, b)
    winner = "from a" if device_id(a) > device_id(b) else "from b"
    assert _get(a, eid).notes == _get(b, eid).notes == winner


def test_an_edit_made_on_top_of_another_is_no_conflict_in_any_order(trio) -> None:
    a, b, c = trio
    eid = _shared_employer(a, b)
    employers.update_employer_field(a, eid, "notes", "first")
    deliver(b, changes_of(a))
    employers.update_employer_field(b, eid, "notes", "second, knowing the first")
    everything = changes_of(a) + changes_of(b)
    deliver(c, list(reversed(everything)))
    sync_pair(a, b)
    for store in trio:
        assert _get(store, eid).notes == "second, knowing the first"
        assert conflicts(store) == []


def test_an_edit_that_arrives_before_its_record_waits_for_it(trio) -> None:
    a, b, c = trio
    eid = _shared_employer(a, b)
    employers.update_employer_field(b, eid, "industry", "Bakery")
    deliver(c, changes_of(b))  # the edit first: no record yet
    assert employers.get_employer(c, eid) is None
    deliver(c, changes_of(a))
    assert _get(c, eid).industry == "Bakery"
    assert _get(c, eid).legal_name == "Cermak Foods"
    assert content(c) == content(b)


def test_applying_twice_or_in_pieces_changes_nothing_more(trio) -> None:
    a, b, c = trio
    eid = _shared_employer(a, b)
    employers.add_contact(a, eid, {"name": "Rosa Garcia", "role": "HR"})
    employers.update_employer_field(a, eid, "notes", "Prefers email")
    employers.update_employer_field(b, eid, "notes", "Call after 3pm")
    batch = changes_of(a) + changes_of(b)
    first = deliver(c, batch)
    before = (content(c), journal_ids(c), len(conflicts(c)))
    again = deliver(c, batch)
    assert again.duplicates == len(batch) and again.applied == 0 and again.conflicts == 0
    shuffled = batch * 2
    random.Random(4).shuffle(shuffled)
    for start in range(0, len(shuffled), 3):
        deliver(c, shuffled[start : start + 3])
    assert (content(c), journal_ids(c), len(conflicts(c))) == before
    assert first.applied > 0


def test_insert_only_records_are_never_overwritten(trio) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    activity = employers.log_activity(a, eid, "call", "Asked about second shift")
    sync_pair(a, b)
    forged = Change(
        hlc=hlc.pack(hlc.wall_clock_ms() + 1000),
        device=device_id(b),
        table="activity",
        row_id=activity.id,
        column="summary",
        value="Rewritten",
        seen_hlc=changes_of(a)[-1].hlc,
        seen_device=device_id(a),
    )
    second_insert = Change(
        hlc=hlc.pack(hlc.wall_clock_ms() + 2000),
        device=device_id(b),
        table="activity",
        row_id=activity.id,
        column="*",
        value={**changes_of(a)[-1].value, "summary": "Inserted again"},
    )
    result = deliver(a, [forged, second_insert])
    assert result.older == 2 and result.applied == 0
    with a.session() as session:
        assert session.get(Activity, activity.id).summary == "Asked about second shift"


def test_a_delete_is_a_tombstone_and_a_later_undelete_wins(trio) -> None:
    a, b, c = trio
    eid = _shared_employer(a, b)
    employers.delete_employer(a, eid)
    sync_pair(a, b)
    assert _get(b, eid).deleted_at is not None
    assert not [r for r in employers.list_rows(b) if r.id == eid]
    employers.restore_employer(b, eid)
    deliver(c, list(reversed(changes_of(a) + changes_of(b))))
    sync_pair(a, b)
    for store in trio:
        assert _get(store, eid).deleted_at is None
    assert content(a) == content(b) == content(c)


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_delete_versus_edit_keeps_it_deleted_and_the_edit_recoverable(trio, order: str) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    employers.delete_employer(a, eid)
    employers.update_employer_field(b, eid, "notes", "Hiring 12 forklift drivers in March")
    _deliver_in_order(order, a, b)
    for store in (a, b):
        row = _get(store, eid)
        assert row.deleted_at is not None
        assert row.notes == "Hiring 12 forklift drivers in March"
    assert content(a) == content(b)
    logged = conflicts(a, "edited_deleted")
    assert [(c.col, codec.decode(c.lost_value)) for c in logged] == [
        ("notes", "Hiring 12 forklift drivers in March")
    ]
    assert [c.col for c in conflicts(b, "edited_deleted")] == ["notes"]
    employers.restore_employer(a, eid)
    assert _get(a, eid).notes == "Hiring 12 forklift drivers in March"


def test_a_stamp_two_hours_ahead_is_applied_flagged_and_does_not_drag_our_clock(trio) -> None:
    a, fast, _ = trio
    eid = _shared_employer(a, fast)
    set_clock_ahead(fast, 2 * HOUR_MS)
    employers.update_employer_field(fast, eid, "notes", "from the fast laptop")
    future = changes_of(fast)[-1].hlc
    result = deliver(a, changes_of(fast))
    assert result.flagged >= 2 and result.flagged_devices == {device_id(fast)}
    assert _get(a, eid).notes == "from the fast laptop"
    # Our own unrelated edits keep our clock.
    employers.update_employer_field(a, eid, "industry", "Bakery")
    assert changes_of(a)[-1].hlc < future
    # Editing the field the fast laptop wrote must still win everywhere.
    employers.update_employer_field(a, eid, "notes", "corrected at the office")
    assert changes_of(a)[-1].hlc > future
    sync_pair(a, fast)
    assert _get(a, eid).notes == _get(fast, eid).notes == "corrected at the office"
    assert content(a) == content(fast)


def test_a_device_twenty_years_behind_syncs_and_its_edits_on_top_still_win(
    trio, monkeypatch
) -> None:
    a, slow, c = trio
    eid = _shared_employer(a, slow)
    with wall_clock_off_by(monkeypatch, -20 * YEAR_MS):
        old = employers.create_employer(slow, {"legal_name": "Back To The Future LLC"})
        employers.update_employer_field(slow, eid, "notes", "seen and replaced")
        received = deliver(slow, changes_of(a))
    assert received.flagged == 0  # it already had them; duplicates are not observed
    result = deliver(a, changes_of(slow))
    assert result.flagged == 0
    deliver(c, changes_of(slow) + changes_of(a))
    for store in (a, c):
        assert _get(store, old.id).legal_name == "Back To The Future LLC"
        assert _get(store, eid).notes == "seen and replaced"
    sync_pair(a, slow)
    assert content(a) == content(slow) == content(c)


def test_the_slow_device_flags_the_team_stamps(trio, monkeypatch) -> None:
    a, slow, _ = trio
    employers.create_employer(a, {"legal_name": "Recent Co"})
    with wall_clock_off_by(monkeypatch, -20 * YEAR_MS):
        result = deliver(slow, changes_of(a))
    assert result.flagged == len(changes_of(a))
    assert content(slow)["employer"] == content(a)["employer"]


def test_changes_from_a_newer_version_are_kept_not_refused(trio) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    stamp = hlc.pack(hlc.wall_clock_ms())
    newer = [
        Change(stamp, device_id(b), "hiring_fair_booth", "x1", "*", {"id": "x1", "size": 3}),
        Change(stamp + 1, device_id(b), "employer", eid, "linkedin_url", "https://example.org"),
    ]
    malformed = [
        Change(stamp + 2, device_id(b), "employer", "e9", "*", "not a record"),
        Change(stamp + 3, device_id(b), "employer", "e9", "*", {"id": "e9", "city": "Chicago"}),
    ]
    result = deliver(a, newer + malformed)
    assert result.unknown == 4 and result.applied == 0
    assert {(device_id(b), stamp), (device_id(b), stamp + 1)} <= journal_ids(a)
    with a.engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM change WHERE applied = 0")).scalar_one()
    assert kept == 4


def test_pending_changes_apply_once_the_version_knows_them(trio) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b)
    # As left by an older version that did not know the column yet.
    change = Change(
        hlc.pack(hlc.wall_clock_ms() + 10),
        device_id(b),
        "employer",
        eid,
        "website",
        "https://x.org",
    )
    with a.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO change (hlc, device, tbl, row_id, col, value, seen_hlc, seen_device,"
                " applied) VALUES (:h, :d, 'employer', :r, 'website', :v, 0, '', 0)"
            ),
            {"h": change.hlc, "d": change.device, "r": eid, "v": codec.encode(change.value)},
        )
    with a.transaction() as session:
        result = apply_pending(session)
    assert result.applied == 1
    assert _get(a, eid).website == "https://x.org"
    with a.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM change WHERE applied = 0")).scalar() == 0


def test_applied_changes_are_not_captured_as_our_own(trio) -> None:
    a, b, _ = trio
    _shared_employer(a, b)
    assert changes_of(b) == []
    assert len(journal_ids(b)) == len(changes_of(a))


def test_search_follows_applied_changes(trio) -> None:
    a, b, _ = trio
    eid = _shared_employer(a, b, main_phone="312-555-0144")
    employers.add_contact(a, eid, {"name": "Guadalupe Ortiz", "role": "Plant manager"})
    sync_pair(a, b)
    assert [r.id for r in employers.list_rows(b, employers.EmployerFilter(text="guadalupe"))] == [
        eid
    ]
    assert [r.id for r in employers.list_rows(b, employers.EmployerFilter(text="5550144"))] == [eid]
    employers.update_employer_field(a, eid, "legal_name", "Pilsen Tortilleria")
    sync_pair(a, b)
    assert [r.id for r in employers.list_rows(b, employers.EmployerFilter(text="pilsen"))] == [eid]
    assert employers.list_rows(b, employers.EmployerFilter(text="cermak")) == []


def test_apply_runs_inside_the_callers_transaction(trio) -> None:
    a, b, _ = trio
    employers.create_employer(a, {"legal_name": "Rolled Back Inc."})
    with pytest.raises(RuntimeError), b.transaction() as session:
        apply_changes(session, changes_of(a))
        raise RuntimeError("the cursor could not be saved")
    assert journal_ids(b) == set()
    assert content(b)["employer"] == []


@pytest.mark.parametrize("collecting", [True, False])
def test_applying_leaves_the_cycle_collector_as_it_found_it(trio, collecting: bool) -> None:
    """A batch is applied with the cycle collector resting; it must be back as it was,
    after a batch that applied and after one the store refused."""
    a, b, _ = trio
    employers.create_employer(a, {"legal_name": "Cermak Foods"})
    was = gc.isenabled()
    try:
        if not collecting:
            gc.disable()
        deliver(b, changes_of(a))
        assert gc.isenabled() is collecting
        broken = Change(hlc.pack(hlc.wall_clock_ms()), "f" * 36, "employer", "x", "notes", object())
        with pytest.raises(TypeError), b.transaction() as session:
            apply_changes(session, [broken])
        assert gc.isenabled() is collecting
    finally:
        if was:
            gc.enable()
