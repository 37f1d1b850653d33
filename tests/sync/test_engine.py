"""Publish and pull between real stores through a real folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.models import SyncCursor, SyncTeam
from app.store.engine import copy_store, open_store
from app.sync import segment as seg
from app.sync.changes import device_id, local_changes
from app.sync.engine import cursors, publish, pull, sync_once
from app.sync.folder import FolderTransport
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from tests.sync.helpers import (
    KEYS,
    add_employer,
    content,
    device_dir,
    edit_employer,
    employer,
    share_files,
)


@pytest.fixture
def two(tmp_path: Path, make_store):
    return make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")


def test_two_devices_exchange_edits(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "Hermosa Bakery", city="Chicago")
    s1 = sync_once(a, t, KEYS)
    assert s1.published >= 1 and s1.errors == [] and s1.published_ok and s1.pulled_ok
    s2 = sync_once(b, t, KEYS)
    assert s2.applied >= 1 and s2.errors == []
    assert employer(b, eid).legal_name == "Hermosa Bakery"
    edit_employer(b, eid, city="Cicero")
    sync_once(b, t, KEYS)
    s3 = sync_once(a, t, KEYS)
    assert s3.applied == 1
    assert employer(a, eid).city == "Cicero"
    assert content(a) == content(b)
    # A sync with nothing new writes nothing new.
    before = share_files(share)
    quiet = sync_once(a, t, KEYS)
    assert quiet.published == 0 and quiet.applied == 0
    assert share_files(share) == before


def test_segments_chain_and_number_per_device(share: Path, two) -> None:
    a, _ = two
    t = FolderTransport(share)
    for n in range(3):
        add_employer(a, f"Employer {n}")
        assert publish(a, t, KEYS).changes == 1
    me = device_id(a)
    files = [device_dir(share, me) / f"seg-{n:010d}.eds" for n in (1, 2, 3)]
    decoded = [seg.decode(f.read_bytes(), KEYS.by_id()) for f in files]
    assert [d.seq for d in decoded] == [1, 2, 3]
    assert decoded[0].header.prev_hash == seg.ZERO_HASH
    assert decoded[1].header.prev_hash == seg.digest(files[0].read_bytes())
    assert decoded[2].header.prev_hash == seg.digest(files[1].read_bytes())
    assert all(d.device == me for d in decoded)


def test_pull_waits_at_a_gap_then_applies_when_it_arrives(share: Path, two, tmp_path: Path) -> None:
    a, b = two
    t = FolderTransport(share)
    ids = []
    for n in range(3):
        ids.append(add_employer(a, f"Employer {n}"))
        publish(a, t, KEYS)
    held = tmp_path / "held.eds"
    second = device_dir(share, device_id(a)) / "seg-0000000002.eds"
    shutil.move(second, held)
    got = pull(b, t, KEYS)
    assert got.segments == 1
    assert employer(b, ids[0]) is not None
    assert employer(b, ids[1]) is None and employer(b, ids[2]) is None
    assert any("segment 2 is not on the share yet" in w for w in got.waiting)
    assert cursors(b)[device_id(a)].seq == 1
    shutil.move(held, second)
    got = pull(b, t, KEYS)
    assert got.segments == 2 and got.waiting == []
    assert all(employer(b, i) is not None for i in ids)


def _in_team(store, key_id: str) -> None:
    with store.transaction() as session:
        session.add(SyncTeam(team_id="t", folder="x", key_id=key_id))


def test_without_the_key_segments_wait_untouched(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "Pilsen Foods")
    publish(a, t, KEYS)
    before = share_files(share)
    _in_team(b, KEYS.current_id)  # b joined this team but holds no key of it yet
    got = pull(b, t, TeamKeys(None))
    assert got.segments == 0
    assert any(f"waiting for the team key {seg.key_id_of(KEYS.current)}" in w for w in got.waiting)
    assert employer(b, eid) is None
    assert share_files(share) == before
    assert pull(b, t, KEYS).segments == 1
    assert employer(b, eid).legal_name == "Pilsen Foods"


def test_another_teams_segment_is_named_as_such(share: Path, two) -> None:
    """A file made with a key that is not this team's is not "waiting for the team key"."""
    a, b = two
    t = FolderTransport(share)
    add_employer(a, "Other Team Employer")
    publish(a, t, KEYS)
    other = TeamKeys(bytes(32))
    _in_team(b, other.current_id)
    got = pull(b, t, other)
    assert got.segments == 0 and got.waiting == []
    [skip] = got.skipped
    assert "another team's key" in skip.reason and KEYS.current_id in skip.reason
    assert "waiting for the team key" not in skip.reason


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda d: d[: len(d) // 2], "cut short"),
        (lambda d: d[:-1] + bytes([d[-1] ^ 1]), "fails authentication"),
        (lambda d: bytes(len(d)), "all zero bytes"),
        (lambda d: b"PK\x03\x04 a zip file, not ours", "not an Employer Desk segment"),
    ],
)
def test_damaged_segment_is_skipped_whole_and_later_ones_wait(share, two, damage, reason) -> None:
    a, b = two
    t = FolderTransport(share)
    first = add_employer(a, "First")
    publish(a, t, KEYS)
    second = add_employer(a, "Second")
    publish(a, t, KEYS)
    third = add_employer(a, "Third")
    publish(a, t, KEYS)
    path = device_dir(share, device_id(a)) / "seg-0000000002.eds"
    good = path.read_bytes()
    path.write_bytes(damage(good))
    got = pull(b, t, KEYS)
    assert employer(b, first) is not None
    assert employer(b, second) is None and employer(b, third) is None
    assert [s.path.split("/")[-1] for s in got.skipped] == ["seg-0000000002.eds"]
    assert reason in got.skipped[0].reason
    assert cursors(b)[device_id(a)].seq == 1
    # The file is put right (a cloud client finishing its copy): the rest follows.
    path.write_bytes(good)
    assert pull(b, t, KEYS).segments == 2
    assert employer(b, third) is not None


def test_renumbered_segment_is_refused(share: Path, two) -> None:
    """A valid file put at another place in the sequence breaks the chain: not applied."""
    a, b = two
    t = FolderTransport(share)
    add_employer(a, "One")
    publish(a, t, KEYS)
    folder = device_dir(share, device_id(a))
    shutil.copy(folder / "seg-0000000001.eds", folder / "seg-0000000002.eds")
    got = pull(b, t, KEYS)
    assert got.segments == 1
    assert "another device or place" in got.skipped[0].reason


def test_debris_is_reported_in_the_summary(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    add_employer(a, "One")
    sync_once(a, t, KEYS)
    folder = device_dir(share, device_id(a))
    (folder / "desktop.ini").write_text("[.ShellClassInfo]")
    (folder / "seg-0000000001 (conflicted copy 2026-11-28).eds").write_bytes(b"x")
    (folder / ".seg-0000000002.eds.77-ab.tmp").write_bytes(b"half")
    summary = sync_once(b, t, KEYS)
    reasons = {s.path.split("/")[-1]: s.reason for s in summary.skipped}
    assert reasons["desktop.ini"] == "system file"
    assert "conflicted copy" in reasons["seg-0000000001 (conflicted copy 2026-11-28).eds"]
    assert "temporary file" in reasons[".seg-0000000002.eds.77-ab.tmp"]
    assert summary.applied >= 1


def test_apply_and_cursor_move_together(share: Path, two, monkeypatch) -> None:
    """A failure inside apply leaves neither the rows nor the cursor moved."""
    import app.sync.reading as engine

    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "One")
    publish(a, t, KEYS)
    real = engine.apply_changes

    def failing(session, changes):
        real(session, changes)
        raise RuntimeError("power cut")

    monkeypatch.setattr(engine, "apply_changes", failing)
    with pytest.raises(RuntimeError):
        pull(b, t, KEYS)
    assert employer(b, eid) is None
    assert device_id(a) not in cursors(b)
    monkeypatch.setattr(engine, "apply_changes", real)
    assert pull(b, t, KEYS).segments == 1
    assert employer(b, eid) is not None


def test_cloned_store_gets_a_new_id_and_loses_nothing(
    share: Path, tmp_path: Path, make_store
) -> None:
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    t = FolderTransport(share)
    base = add_employer(a, "Shared Before Copy")
    sync_once(a, t, KEYS)
    a.close()
    copy_store(tmp_path / "a.sqlite", tmp_path / "c.sqlite")  # the laptop image is copied
    a = open_store(tmp_path / "a.sqlite")
    c = open_store(tmp_path / "c.sqlite")
    assert device_id(a) == device_id(c)
    original_id = device_id(a)
    from_a = add_employer(a, "Made On A")
    from_c = add_employer(c, "Made On C")
    sa = sync_once(a, t, KEYS)
    published_by_a = share_files(share)
    sc = sync_once(c, t, KEYS)
    # The copy noticed, took a new id, and overwrote nothing.
    assert sc.cloned_from == original_id and sc.device_id != original_id
    assert device_id(c) == sc.device_id
    assert any("copy of another computer" in n for n in sc.notes)
    after = share_files(share)
    for path, data in published_by_a.items():
        assert after[path] == data
    assert sa.cloned_from is None
    # Everyone ends with everything.
    for _ in range(2):
        for s in (a, b, c):
            sync_once(s, t, KEYS)
    for s in (a, b, c):
        for eid in (base, from_a, from_c):
            assert employer(s, eid) is not None, (s.path.name, eid)
    assert content(a) == content(b) == content(c)
    for s in (a, b, c):
        s.close()


def test_interrupted_publish_is_adopted_not_republished(share: Path, two, monkeypatch) -> None:
    """The file reached the share but the process died before logging it."""
    import app.sync.engine as engine

    a, b = two
    t = FolderTransport(share)
    add_employer(a, "One")

    def die(*_a, **_k):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(engine, "_record", die)
    with pytest.raises(KeyboardInterrupt):
        publish(a, t, KEYS)
    monkeypatch.undo()
    me = device_id(a)
    assert (device_dir(share, me) / "seg-0000000001.eds").exists()
    result = publish(a, t, KEYS)
    assert result.cloned_from is None and result.device_id == me
    assert result.adopted == [f"{me}/seg-0000000001.eds"] and result.changes == 0
    assert sorted(p.name for p in device_dir(share, me).iterdir()) == ["seg-0000000001.eds"]
    add_employer(a, "Two")
    assert publish(a, t, KEYS).changes == 1
    assert pull(b, t, KEYS).segments == 2


def test_publish_carries_all_new_local_changes(share: Path, two) -> None:
    a, _ = two
    t = FolderTransport(share)
    for n in range(5):
        add_employer(a, f"E{n}")
    pending = local_changes(a)
    result = publish(a, t, KEYS)
    assert result.changes == len(pending) and len(result.files) == 1
    got = seg.decode(t.read(device_id(a), Kind.CHANGES, 1), KEYS.by_id())
    assert [(r["device"], r["hlc"]) for r in got.records] == [c.id for _, c in pending]


def test_unreachable_share_does_nothing_and_says_so(tmp_path: Path, two) -> None:
    a, _ = two
    add_employer(a, "One")
    summary = sync_once(a, FolderTransport(tmp_path / "offline"), KEYS)
    assert summary.nothing_done
    assert summary.errors and "cannot be reached" in summary.errors[0]
    with a.session() as session:
        assert session.get(SyncCursor, "x") is None


def test_cancel_between_segments_keeps_what_is_applied(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    ids = []
    for n in range(3):
        ids.append(add_employer(a, f"E{n}"))
        publish(a, t, KEYS)
    seen: list[int] = []
    summary = sync_once(
        b, t, KEYS, on_segment=lambda _d, seq: seen.append(seq), should_stop=lambda: len(seen) >= 1
    )
    assert summary.stopped and seen == [1]
    assert employer(b, ids[0]) is not None and employer(b, ids[1]) is None
    rest = sync_once(b, t, KEYS)
    assert not rest.stopped and rest.segments_read == 2


def test_our_last_file_replaced_on_the_share_is_published_again(share: Path, two) -> None:
    """The file at our last sequence is not the one we wrote, and holds none of our changes.

    That is no copy of this store (a copy's file holds changes made under our id):
    the id stays, and the edit the replaced file held still reaches the team.
    """
    a, b = two
    t = FolderTransport(share)
    one = add_employer(a, "One")
    publish(a, t, KEYS)
    old = device_id(a)
    path = device_dir(share, old) / "seg-0000000001.eds"
    impostor = seg.encode(
        kind=Kind.CHANGES, device=old, seq=1, prev_hash=seg.ZERO_HASH, key=KEYS.current, records=[]
    )
    path.write_bytes(impostor)
    two_id = add_employer(a, "Two")
    result = publish(a, t, KEYS)
    assert result.cloned_from is None and device_id(a) == old
    assert path.read_bytes() == impostor, "never overwritten"
    assert result.changes == 1
    assert not any("copy" in n for n in result.notes)
    assert any("published again" in n for n in result.notes)
    sync_once(b, t, KEYS)
    assert employer(b, one).legal_name == "One"
    assert employer(b, two_id).legal_name == "Two"
