"""Journal values: an insert stored as its record is kept by the stored row; values published
and covered by a snapshot of ours are dropped; what a publish, a waiting edit or an office
still needs is kept, and the team converges as before."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from app.core.ids import new_id
from app.store import codec
from app.sync import own_folder, snapshot
from app.sync.changes import Change, apply_changes, device_id, local_changes
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from tests.sync.helpers import KEYS, add_employer, content, edit_employer, employer


def _values(store, where: str = "1") -> list[tuple]:  # noqa: ANN001
    with store.engine.connect() as conn:
        return conn.execute(
            text(f"SELECT device, tbl, row_id, col, value FROM change WHERE {where} ORDER BY seq")
        ).all()


def _team(tmp_path: Path, make_store):  # noqa: ANN001, ANN202
    share = tmp_path / "share"
    share.mkdir()
    t = FolderTransport(share)
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    ids = []
    for n in range(3):
        ids.append(add_employer(a, f"A{n}"))
        edit_employer(a, ids[-1], city=f"A city {n}")
        sync_once(a, t, KEYS, prune=False)
        ids.append(add_employer(b, f"B{n}"))
        edit_employer(b, ids[-1], notes=f"B note {n}")
        sync_once(b, t, KEYS, prune=False)
    sync_once(a, t, KEYS, prune=False)
    return a, b, t, ids


def test_published_covered_values_go_the_rest_stay(tmp_path, make_store) -> None:
    a, b, t, ids = _team(tmp_path, make_store)
    # Not yet published: must stay to be published.
    edit_employer(b, ids[1], city="Unpublished City")
    # An edit of a record not here yet: waits in the journal with its value.
    waiting = Change(10**15, device_id(a), "employer", new_id(), "city", "Waiting City", 0, "")
    with b.transaction() as session:
        apply_changes(session, [waiting])
    before = _values(b, "value IS NOT NULL")
    assert any(r.col == "city" and r.device == device_id(a) for r in before)

    snapshot.publish_snapshot(b, t, KEYS)

    kept = {(r.tbl, r.row_id, r.col): r.value for r in _values(b, "value IS NOT NULL")}
    assert codec.decode(kept[("employer", ids[1], "city")]) == "Unpublished City"
    assert codec.decode(kept[("employer", waiting.row_id, "city")]) == "Waiting City"
    assert all(tbl in ("office", "program") or (tbl, rid, col) in {
        ("employer", ids[1], "city"), ("employer", waiting.row_id, "city")
    } for tbl, rid, col in kept)  # fmt: skip
    dropped = [r for r in _values(b, "value IS NULL")]
    assert {(r.device, r.col) for r in dropped} >= {
        (device_id(a), "*"), (device_id(a), "city"), (device_id(b), "notes")
    }  # fmt: skip
    # Offices and programs keep theirs.
    assert not [r for r in dropped if r.tbl in ("office", "program")]

    # What a repair of our old files would publish again: the values as they stand.
    seqs = set(range(1, 4))
    again = own_folder.changes_of_files(b, device_id(b), seqs)
    assert again and all(c.value is not None for c in again)
    notes = {c.row_id: c.value for c in again if c.column == "notes"}
    assert notes == {ids[1]: "B note 0", ids[3]: "B note 1", ids[5]: "B note 2"}

    # The unpublished edit still goes out, and a new laptop joins from the snapshot.
    sync_once(b, t, KEYS, prune=False)
    assert not [c for _n, c in local_changes(b, 0) if c.value is None and c.column != "*"]
    sync_once(a, t, KEYS, prune=False)
    assert employer(a, ids[1]).city == "Unpublished City"
    fresh = make_store(tmp_path / "fresh.sqlite")
    summary = sync_once(fresh, t, KEYS, prune=False)
    assert summary.snapshot_used and summary.errors == []
    sync_once(a, t, KEYS, prune=False)
    sync_once(b, t, KEYS, prune=False)
    sync_once(fresh, t, KEYS, prune=False)
    assert content(fresh) == content(a) == content(b)


def test_a_conflict_against_a_pruned_value_logs_the_value_it_held(tmp_path, make_store) -> None:
    a, b, t, ids = _team(tmp_path, make_store)
    snapshot.publish_snapshot(b, t, KEYS)
    pruned = _values(b, f"row_id = '{ids[0]}' AND col = 'city' AND value IS NULL")
    assert pruned, "a's edit of the city, applied here, was dropped"
    with b.engine.connect() as conn:
        held = conn.execute(
            text("SELECT hlc FROM change WHERE row_id = :r AND col = 'city'"), {"r": ids[0]}
        ).scalar_one()
    # A third computer's edit of the same field, made without having seen a's value.
    late = Change(held + 1, new_id(), "employer", ids[0], "city", "C city", 1, "elsewhere")
    with b.transaction() as session:
        result = apply_changes(session, [late])
    assert result.conflicts == 1
    with b.engine.connect() as conn:
        lost, won = conn.execute(text("SELECT lost_value, won_value FROM conflict")).one()
    assert (codec.decode(lost), codec.decode(won)) == ("A city 0", "C city")
    assert employer(b, ids[0]).city == "C city"


def test_an_applied_insert_is_kept_by_its_stored_row_unless_it_carries_more(
    tmp_path, make_store
) -> None:
    store = make_store(tmp_path / "s.sqlite")
    device, first, second = new_id(), new_id(), new_id()
    known = Change(
        10**15, device, "employer", first, "*",
        {"id": first, "legal_name": "Brighton Park Tamales", "city": "Chicago"},
    )  # fmt: skip
    newer = Change(
        10**15 + 1, device, "employer", second, "*",
        {"id": second, "legal_name": "Back of the Yards Press", "shoe_size": 9},
    )  # fmt: skip
    with store.transaction() as session:
        apply_changes(session, [known, newer])
    raw = {r.row_id: r.value for r in _values(store, "col = '*' AND tbl = 'employer'")}
    assert raw[known.row_id] is None
    assert codec.decode(raw[newer.row_id])["shoe_size"] == 9  # a newer version's field: kept
    with store.engine.connect() as conn:
        from app.sync.changes import journal_changes

        relayed = {c.row_id: c.value for _n, c in journal_changes(conn)}
    assert relayed[known.row_id]["legal_name"] == "Brighton Park Tamales"
    assert relayed[known.row_id]["city"] == "Chicago"
