"""A device's own files damaged on the share, bad changes, oversized files, true messages."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core import hlc
from app.sync import segment as seg
from app.sync.changes import device_id
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from app.sync.segment import Kind
from app.sync.transport import FileTooLarge
from tests.sync.helpers import KEYS, add_employer, device_dir, edit_employer, employer


@pytest.fixture
def two(tmp_path: Path, make_store):
    return make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :]


@pytest.mark.parametrize("where", ["header", "body", "last byte"])
def test_a_flipped_bit_in_our_latest_segment_loses_no_edit(share: Path, two, where: str) -> None:
    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "Bit Flip Bakery")
    sync_once(a, t, KEYS)
    for n in range(5):
        edit_employer(a, eid, city=f"City {n}", notes=f"edit {n}")
    assert sync_once(a, t, KEYS).published >= 10
    me = device_id(a)
    latest = device_dir(share, me) / "seg-0000000002.eds"
    data = latest.read_bytes()
    at = {"header": 14, "body": len(data) // 2, "last byte": len(data) - 1}[where]
    latest.write_bytes(_flip(data, at))
    for _ in range(2):
        sync_once(a, t, KEYS)
        sync_once(b, t, KEYS)
    assert device_id(a) == me, "a damaged file is no copied store"
    assert employer(b, eid).city == "City 4" and employer(b, eid).notes == "edit 4"


def test_damage_is_told_in_true_words(share: Path, two) -> None:
    a, _b = two
    t = FolderTransport(share)
    add_employer(a, "One")
    sync_once(a, t, KEYS)
    path = device_dir(share, device_id(a)) / "seg-0000000001.eds"
    path.write_bytes(_flip(path.read_bytes(), 100))
    notes = sync_once(a, t, KEYS).notes
    assert not any("copy of another computer" in n or "Nothing was lost" in n for n in notes)
    [note] = [n for n in notes if "seg-0000000001.eds" in n]
    assert "fails authentication" in note and "published again" in note
    assert "device id stays" in note
    # Told once: the next sync finds nothing new to repair.
    assert not any("published again" in n for n in sync_once(a, t, KEYS).notes)


def _three_segments(a, t) -> str:
    """An employer (segment 1), five edits (segment 2), one more edit (segment 3)."""
    eid = add_employer(a, "Older File Foods")
    sync_once(a, t, KEYS)
    for n in range(5):
        edit_employer(a, eid, city=f"City {n}", notes=f"edit {n}")
    sync_once(a, t, KEYS)
    edit_employer(a, eid, main_phone="312-555-0199")
    sync_once(a, t, KEYS)
    return eid


def test_a_flipped_bit_in_an_older_segment_is_found_by_its_own_device(share: Path, two) -> None:
    """Damage to a file that is not our latest, before any reader got stuck on it: the own
    device finds it by its hash, publishes its edits again, and one sync each brings
    them to another device."""
    a, b = two
    t = FolderTransport(share)
    eid = _three_segments(a, t)
    me = device_id(a)
    older = device_dir(share, me) / "seg-0000000002.eds"
    data = older.read_bytes()
    older.write_bytes(_flip(data, len(data) // 2))
    notes = sync_once(a, t, KEYS).notes
    [note] = [n for n in notes if "seg-0000000002.eds" in n]
    assert "fails authentication" in note and "device id stays" in note
    assert "10 change(s) from those files were published again" in note
    assert not any("seg-0000000001.eds" in n or "seg-0000000003.eds" in n for n in notes)
    assert device_id(a) == me
    got = sync_once(b, t, KEYS)
    assert got.blocked == [] and got.waiting == []
    assert any("seg-0000000002.eds" in n and "so it is skipped" in n for n in got.notes)
    found = employer(b, eid)
    assert found is not None and found.legal_name == "Older File Foods"
    assert (found.city, found.notes, found.main_phone) == ("City 4", "edit 4", "312-555-0199")
    # Told once: the next sync of A finds nothing new to repair.
    assert not any("published again" in n for n in sync_once(a, t, KEYS).notes)


@pytest.mark.parametrize("damaged", [1, 3])
def test_older_files_are_checked_in_turn_when_there_are_many(
    share: Path, two, monkeypatch, damaged: int
) -> None:
    """With room for one older file a sync, damage to any of three older files is found
    within three syncs (the checks go round), then repaired for the team."""
    from app.sync import own_folder

    monkeypatch.setattr(own_folder, "VERIFY_PER_SYNC", 1)
    a, b = two
    t = FolderTransport(share)
    eid = _three_segments(a, t)
    edit_employer(a, eid, city="Final City")
    sync_once(a, t, KEYS)  # segment 4: the latest, checked on every sync
    name = f"seg-{damaged:010d}.eds"
    path = device_dir(share, device_id(a)) / name
    path.write_bytes(_flip(path.read_bytes(), 40))
    told = [any(name in n for n in sync_once(a, t, KEYS).notes) for _ in range(3)]
    assert told.count(True) == 1, told
    got = sync_once(b, t, KEYS)
    assert got.blocked == []
    found = employer(b, eid)
    assert found is not None and (found.city, found.notes) == ("Final City", "edit 4")
    assert found.main_phone == "312-555-0199"


@pytest.mark.parametrize(
    "stray",
    [
        b"garbage dropped by someone",
        b"EDESKSEG" + os.urandom(200),
        "authentic-empty",
        "other-device",
    ],
)
def test_a_file_dropped_at_our_next_number_is_not_a_copy(share: Path, two, stray) -> None:
    a, b = two
    t = FolderTransport(share)
    first = add_employer(a, "First")
    sync_once(a, t, KEYS)
    me = device_id(a)
    if stray == "authentic-empty":
        stray = seg.encode(
            kind=Kind.CHANGES,
            device=me,
            seq=2,
            prev_hash=seg.ZERO_HASH,
            key=KEYS.current,
            records=[],
        )
    elif stray == "other-device":
        other = "01900000-0000-7000-8000-000000000001"
        stray = seg.encode(
            kind=Kind.CHANGES,
            device=other,
            seq=2,
            prev_hash=seg.ZERO_HASH,
            key=KEYS.current,
            records=[],
        )
    (device_dir(share, me) / "seg-0000000002.eds").write_bytes(stray)
    second = add_employer(a, "Second")
    s = sync_once(a, t, KEYS)
    assert s.cloned_from is None and device_id(a) == me
    assert any("did not write" in n for n in s.notes)
    got = sync_once(b, t, KEYS)
    assert employer(b, first) is not None and employer(b, second) is not None
    assert got.blocked == []


def test_a_real_copy_is_still_told_apart(share: Path, tmp_path: Path, make_store) -> None:
    """A copy's authentic file holds changes made under our id that we never made."""
    from app.store.engine import copy_store, open_store

    a = make_store(tmp_path / "a.sqlite")
    add_employer(a, "Before")
    sync_once(a, FolderTransport(share), KEYS)
    a.close()
    copy_store(tmp_path / "a.sqlite", tmp_path / "c.sqlite")
    a, c = open_store(tmp_path / "a.sqlite"), open_store(tmp_path / "c.sqlite")
    old = device_id(a)
    add_employer(a, "On A")
    add_employer(c, "On C")
    sync_once(a, FolderTransport(share), KEYS)
    sc = sync_once(c, FolderTransport(share), KEYS)
    assert sc.cloned_from == old and device_id(c) != old
    assert any("copy of another computer" in n for n in sc.notes)
    a.close()
    c.close()


# --- one bad change never blocks a device ---------------------------------------------


def _publish_records(share: Path, device: str, seq: int, prev: bytes, records: list) -> bytes:
    data = seg.encode(
        kind=Kind.CHANGES, device=device, seq=seq, prev_hash=prev, key=KEYS.current, records=records
    )
    folder = device_dir(share, device)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seg-{seq:010d}.eds").write_bytes(data)
    return seg.digest(data)


def _bad_changes(a, eid: str) -> list[dict]:
    """Correctly encrypted changes that each break a rule."""
    me = device_id(a)
    now = hlc.pack(hlc.wall_clock_ms())
    base = {"device": me, "table": "employer", "row_id": eid}
    return [
        {**base, "hlc": now + 10, "column": "legal_name", "value": None},
        {**base, "hlc": now + 20, "column": "created_at", "value": "not a date"},
        {**base, "hlc": now + 30, "column": "notes", "value": "x" * (50 << 20)},
        {
            **base,
            "hlc": hlc.pack(hlc.wall_clock_ms() + 200 * 365 * 86_400_000),
            "column": "city",
            "value": "Year 2226",
        },
    ]


def test_bad_changes_are_set_aside_and_the_rest_applied(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "Steady Works", city="Chicago")
    sync_once(a, t, KEYS)
    me = device_id(a)
    with a.session() as s:
        last = s.execute(text("SELECT digest FROM sync_published WHERE seq = 1")).scalar_one()
    good = {
        "device": me,
        "table": "employer",
        "row_id": eid,
        "hlc": hlc.pack(hlc.wall_clock_ms()) + 99,
        "column": "city",
        "value": "Cicero",
    }
    digest = _publish_records(share, me, 2, bytes.fromhex(last), [*_bad_changes(a, eid), good])
    after = {**good, "hlc": good["hlc"] + 1, "column": "notes", "value": "after the bad ones"}
    _publish_records(share, me, 3, digest, [after])
    summary = sync_once(b, t, KEYS)
    assert employer(b, eid).city == "Cicero"
    assert employer(b, eid).notes == "after the bad ones"
    assert len(summary.quarantined) == 4 and summary.quarantined_total == 4
    assert summary.applied == 1 + 1 + 1  # the insert, the good edit, the later edit
    assert summary.needs_attention and summary.errors == []
    with b.session() as s:
        rows = s.execute(text("SELECT device_id, reason FROM sync_quarantine")).all()
    assert {r[0] for r in rows} == {me}
    reasons = " | ".join(r[1] for r in rows)
    assert "cannot be empty" in reasons and "not datetime" in reasons
    assert "larger than" in reasons and "about 200 years ahead" in reasons


# --- bounded memory -----------------------------------------------------------------------


def test_a_huge_file_on_the_share_is_never_read(share: Path, two) -> None:
    a, b = two
    t = FolderTransport(share)
    eid = add_employer(a, "Before The Debris")
    sync_once(a, t, KEYS)
    me = device_id(a)
    huge = device_dir(share, me) / "seg-0000000002.eds"
    size = 3 << 30
    with huge.open("wb") as fh:  # sparse: costs no disk
        fh.truncate(size)
    tracemalloc.start()
    try:
        first = sync_once(b, t, KEYS)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size // 100, f"peak {peak:,} bytes for a {size:,}-byte file"
    assert employer(b, eid) is not None
    [skip] = [s for s in first.skipped if "seg-0000000002" in s.path]
    assert "larger than" in skip.reason
    again = sync_once(b, t, KEYS)
    assert not any("seg-0000000002" in s.path for s in again.skipped), "shown once"
    with pytest.raises(FileTooLarge):
        t.read(me, Kind.CHANGES, 2)


# --- messages that are true -----------------------------------------------------------


def test_garbage_after_the_magic_is_damage_not_a_newer_version() -> None:
    with pytest.raises(seg.DamagedHeader) as got:
        seg.decode(b"EDESKSEG" + bytes([0x22, 0x15]) + os.urandom(300), KEYS.by_id())
    assert "format version" not in got.value.reason and "damaged" in got.value.reason
    newer = b"EDESKSEG\x00\x03\x01" + os.urandom(300)
    with pytest.raises(seg.UnsupportedVersion, match="newer Employer Desk"):
        seg.decode(newer, KEYS.by_id())
