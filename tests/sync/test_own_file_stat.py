"""Our older files on the share are looked at by size and time stamp, read in turn all the same.

Real folder, real files: damage that moves a file's size or time stamp is found on the
next sync; damage made with care to keep both (the time set back with os.utime) is
found by the hash taken in turn; an untouched older file is not read on every sync.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.sync import own_folder
from app.sync.changes import device_id
from app.sync.engine import publish, sync_once
from app.sync.folder import FolderTransport
from tests.sync.helpers import KEYS, add_employer, device_dir, edit_employer, employer

FILES = 6


def _six_files(a, t: FolderTransport) -> str:
    """An employer and five edits, one segment each, stamped a second apart (as the
    share's clock would have them when edits are not made within one of its ticks);
    then a sync that publishes nothing, so every file but the latest has been read once
    and its size and time kept."""
    eid = add_employer(a, "Stat Kept Supply")
    sync_once(a, t, KEYS)
    for n in range(FILES - 1):
        edit_employer(a, eid, city=f"City {n}")
        sync_once(a, t, KEYS)
    folder = device_dir(t.root, device_id(a))
    start = folder.stat().st_mtime_ns - FILES * 1_000_000_000
    for seq in range(1, FILES + 1):
        stamp = start + seq * 1_000_000_000
        os.utime(folder / f"seg-{seq:010d}.eds", ns=(stamp, stamp))
    sync_once(a, t, KEYS)
    return eid


def _flip_keeping_size(path: Path) -> os.stat_result:
    """A flipped bit in the middle of the file; returns the stat from before."""
    before = path.stat()
    data = path.read_bytes()
    at = len(data) // 2
    path.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1 :])
    return before


def _told(a, t: FolderTransport, name: str) -> bool:
    return any(name in n and "published again" in n for n in sync_once(a, t, KEYS).notes)


def test_an_untouched_older_file_is_looked_at_not_read(share: Path, make_store, tmp_path):
    a = make_store(tmp_path / "a.sqlite")
    t = FolderTransport(share)
    eid = _six_files(a, t)
    edit_employer(a, eid, city="One more")
    t.stats.__init__()
    publish(a, t, KEYS)
    # The latest (read on every sync) and one older file in turn, out of six.
    assert t.stats.files_read == 1 + own_folder.HASH_PER_SYNC
    assert t.stats.files_statted == FILES


@pytest.mark.parametrize("damage", ["bit flipped, time moved", "cut short, time set back"])
def test_damage_that_moves_size_or_time_is_found_on_the_next_sync(
    share: Path, make_store, tmp_path, monkeypatch, damage: str
) -> None:
    """Found by the look alone (no file is hashed in turn here)."""
    monkeypatch.setattr(own_folder, "HASH_PER_SYNC", 0)
    a, b = make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")
    t = FolderTransport(share)
    eid = _six_files(a, t)
    name = "seg-0000000002.eds"
    path = device_dir(share, device_id(a)) / name
    if damage.startswith("bit"):
        before = _flip_keeping_size(path)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    else:
        before = path.stat()
        path.write_bytes(path.read_bytes()[:-7])
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _told(a, t, name)
    assert not _told(a, t, name), "told once"
    sync_once(b, t, KEYS)
    assert employer(b, eid).city == f"City {FILES - 2}"


def test_damage_keeping_size_and_time_is_found_by_the_hash_in_turn(
    share: Path, make_store, tmp_path
) -> None:
    """A flipped bit with the time stamp set back: size and time match what was kept, so
    only the hash taken in turn (one older file a sync) finds it, within as many syncs
    as there are older files."""
    a, b = make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")
    t = FolderTransport(share)
    eid = _six_files(a, t)
    me = device_id(a)
    name = "seg-0000000003.eds"
    path = device_dir(share, me) / name
    before = _flip_keeping_size(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime) == (before.st_size, before.st_mtime)
    told = [_told(a, t, name) for _ in range(FILES - 1)]
    assert told.count(True) == 1, told
    assert device_id(a) == me, "a damaged file is no copied store"
    got = sync_once(b, t, KEYS)
    assert got.blocked == []
    assert employer(b, eid).city == f"City {FILES - 2}"


def test_damage_to_the_latest_keeping_size_and_time_is_found_at_once(
    share: Path, make_store, tmp_path
) -> None:
    """The latest file is read and hashed on every sync, whatever its size and time say."""
    a = make_store(tmp_path / "a.sqlite")
    t = FolderTransport(share)
    _six_files(a, t)
    name = f"seg-{FILES:010d}.eds"
    path = device_dir(share, device_id(a)) / name
    before = _flip_keeping_size(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _told(a, t, name)


def test_a_file_stamped_in_the_same_tick_as_the_latest_is_read_until_the_clock_moves(
    share: Path, make_store, tmp_path, monkeypatch
) -> None:
    """On a share whose clock ticks coarsely, a file written within the latest's tick could
    change without a new time stamp: its size and time are not trusted, it is read."""
    monkeypatch.setattr(own_folder, "HASH_PER_SYNC", 0)
    a = make_store(tmp_path / "a.sqlite")
    t = FolderTransport(share)
    _six_files(a, t)
    folder = device_dir(share, device_id(a))
    tick = (folder / f"seg-{FILES:010d}.eds").stat().st_mtime_ns
    name = "seg-0000000004.eds"
    os.utime(folder / name, ns=(tick, tick))
    sync_once(a, t, KEYS)  # looked at, read (not trusted), found as written
    _flip_keeping_size(folder / name)
    os.utime(folder / name, ns=(tick, tick))
    assert _told(a, t, name)
