"""Snapshots start new devices quickly; pruning deletes only what everyone has passed."""

from __future__ import annotations

from pathlib import Path

from app.sync import snapshot
from app.sync.changes import device_id
from app.sync.engine import cursors, sync_once
from app.sync.folder import FolderTransport
from app.sync.segment import Kind
from tests.sync.helpers import KEYS, add_employer, content, device_dir, edit_employer, employer


def _busy_team(tmp_path: Path, make_store, share: Path):
    """Two devices that each published several segments and read each other."""
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    t = FolderTransport(share)
    ids = []
    for n in range(4):
        ids.append(add_employer(a, f"A{n}"))
        sync_once(a, t, KEYS, prune=False)
        eid = add_employer(b, f"B{n}")
        edit_employer(b, eid, city=f"City {n}")
        ids.append(eid)
        sync_once(b, t, KEYS, prune=False)
    edit_employer(a, ids[0], legal_name="A0 renamed")
    sync_once(a, t, KEYS, prune=False)
    sync_once(b, t, KEYS, prune=False)
    return a, b, t, ids


def test_new_device_starts_from_the_snapshot_then_pulls_later_segments(
    tmp_path, make_store
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a, b, t, ids = _busy_team(tmp_path, make_store, share)
    path = snapshot.publish_snapshot(b, t, KEYS)
    assert path == f"{device_id(b)}/snapshots/snap-0000000001.eds"
    later = add_employer(a, "After the snapshot")
    sync_once(a, t, KEYS, prune=False)
    segments_on_share = sum(
        len(t.listing(d, Kind.CHANGES).files) for d in (device_id(a), device_id(b))
    )

    fresh = make_store(tmp_path / "fresh.sqlite")
    t.stats.files_read = 0
    summary = sync_once(fresh, t, KEYS, prune=False)
    assert summary.snapshot_used == path
    assert summary.errors == [] and summary.waiting == []
    # One snapshot and only A's segment published after it; not every segment.
    assert summary.segments_read == 1
    assert summary.io.files_read < segments_on_share
    assert employer(fresh, later) is not None
    assert employer(fresh, ids[0]).legal_name == "A0 renamed"
    sync_once(b, t, KEYS, prune=False)
    assert content(fresh) == content(a) == content(b)
    # The snapshot's watermarks became the fresh device's cursors.
    marks = cursors(fresh)
    assert marks[device_id(b)].seq == len(t.listing(device_id(b), Kind.CHANGES).files)


def test_compaction_keeps_winners_and_logs_no_false_conflicts(tmp_path, make_store) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a, b, t, _ids = _busy_team(tmp_path, make_store, share)
    records = snapshot.build(a)
    meta, changes = records[0], records[1:]
    assert meta["watermarks"][device_id(b)]["seq"] == cursors(a)[device_id(b)].seq
    keys = [(c.table, c.row_id, c.column) for c in changes]
    assert len(keys) == len(set(keys)), "one change per field"
    fresh = make_store(tmp_path / "fresh.sqlite")
    snapshot.publish_snapshot(a, t, KEYS)
    sync_once(fresh, t, KEYS, prune=False)
    with fresh.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM conflict")).scalar() == 0
    assert content(fresh) == content(a)


def test_pruning_waits_for_every_device_and_the_snapshot(tmp_path, make_store) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a, b, t, _ids = _busy_team(tmp_path, make_store, share)
    mine = device_dir(share, device_id(a))
    before = sorted(p.name for p in mine.glob("seg-*.eds"))
    assert len(before) >= 4
    # B has read and told its cursors, but there is no snapshot yet: nothing goes.
    assert snapshot.prune(a, t, KEYS) == []
    snapshot.publish_snapshot(b, t, KEYS)
    sync_once(b, t, KEYS, prune=False)  # B's cursors file is current
    sync_once(a, t, KEYS, prune=False)  # A reads B's cursors
    pruned = snapshot.prune(a, t, KEYS)
    after = sorted(p.name for p in mine.glob("seg-*.eds"))
    assert pruned and len(after) < len(before)
    assert after[-1] == before[-1], "the latest segment always stays"
    # Only A's own files went; B's are all there.
    assert all(p.startswith(device_id(a)) for p in pruned)
    # A device joining now still gets everything.
    fresh = make_store(tmp_path / "fresh.sqlite")
    summary = sync_once(fresh, t, KEYS, prune=False)
    assert summary.waiting == [] and summary.errors == []
    assert content(fresh) == content(a)


def test_pruning_never_passes_a_device_that_has_not_read(tmp_path, make_store) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a, b, t, _ids = _busy_team(tmp_path, make_store, share)
    slow = make_store(tmp_path / "slow.sqlite")
    sync_once(slow, t, KEYS, prune=False)  # reads everything once, tells its cursors
    for n in range(3):
        add_employer(a, f"late {n}")
        sync_once(a, t, KEYS, prune=False)
    snapshot.publish_snapshot(a, t, KEYS)
    sync_once(b, t, KEYS, prune=False)
    sync_once(a, t, KEYS, prune=False)
    horizon = cursors(a)[device_id(slow)]
    import json

    slow_read = json.loads(horizon.peer_cursors)[device_id(a)]
    pruned = snapshot.prune(a, t, KEYS)
    seqs = [int(p.split("seg-")[1][:10]) for p in pruned]
    assert seqs and max(seqs) <= slow_read
    summary = sync_once(slow, t, KEYS, prune=False)
    assert summary.waiting == [] and content(slow) == content(a)
