"""The folder transport: new files only, crash-safe names, debris named with its reason."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from app.sync.folder import FolderTransport
from app.sync.segment import Kind
from app.sync.transport import (
    AlreadyPublished,
    ShareClock,
    ShareUnreachable,
    classify,
    file_name,
)
from tests.sync.share_clock import HeldShareClock

DEV = "0190f3a2-7c1e-7d4e-9b1a-3c5d7e9f1a2b"
OTHER = "0190f3a2-7c1e-7d4e-9b1a-000000000002"


def devdir(root: Path, device: str = DEV) -> Path:
    return root / "employer-desk" / "v1" / "devices" / device


def test_publish_writes_the_layout_and_lists_it(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path)
    assert t.publish(DEV, Kind.CHANGES, 1, b"one") == f"{DEV}/seg-0000000001.eds"
    t.publish(DEV, Kind.CHANGES, 2, b"two")
    t.publish(DEV, Kind.SNAPSHOT, 1, b"snap")
    t.publish(DEV, Kind.CURSORS, 1, b"cur")
    assert (devdir(tmp_path) / "seg-0000000002.eds").read_bytes() == b"two"
    assert (devdir(tmp_path) / "snapshots" / "snap-0000000001.eds").read_bytes() == b"snap"
    assert t.listing(DEV, Kind.CHANGES).files == {1: "seg-0000000001.eds", 2: "seg-0000000002.eds"}
    assert t.listing(DEV, Kind.SNAPSHOT).files == {1: "snap-0000000001.eds"}
    assert t.listing(DEV, Kind.CURSORS).files == {1: "cursors-0000000001.eds"}
    assert t.read(DEV, Kind.CHANGES, 1) == b"one"
    assert t.devices() == ([DEV], [])
    # No temporary file is left beside the published ones.
    assert sorted(p.name for p in devdir(tmp_path).iterdir()) == [
        "cursors-0000000001.eds",
        "seg-0000000001.eds",
        "seg-0000000002.eds",
        "snapshots",
    ]
    assert t.stats.files_written == 4 and t.stats.files_read == 1


def test_publish_never_overwrites(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path)
    t.publish(DEV, Kind.CHANGES, 1, b"original")
    with pytest.raises(AlreadyPublished, match="another copy of this store"):
        t.publish(DEV, Kind.CHANGES, 1, b"impostor")
    assert (devdir(tmp_path) / file_name(Kind.CHANGES, 1)).read_bytes() == b"original"
    assert [p.name for p in devdir(tmp_path).iterdir()] == ["seg-0000000001.eds"]


def test_publish_without_hard_links_still_refuses_to_overwrite(tmp_path: Path, monkeypatch) -> None:
    """Filesystems without hard links (FAT, some SMB mounts) take the rename path."""
    import errno

    def no_link(*_a):
        raise OSError(errno.EPERM, "links not supported")

    monkeypatch.setattr(os, "link", no_link)
    t = FolderTransport(tmp_path)
    t.publish(DEV, Kind.CHANGES, 1, b"original")
    with pytest.raises(AlreadyPublished):
        t.publish(DEV, Kind.CHANGES, 1, b"impostor")
    assert (devdir(tmp_path) / file_name(Kind.CHANGES, 1)).read_bytes() == b"original"
    assert [p.name for p in devdir(tmp_path).iterdir()] == ["seg-0000000001.eds"]


DEBRIS = {
    ".seg-0000000003.eds.123-ab.tmp": "temporary file",
    "seg-0000000003.eds.tmp": "temporary file",
    "desktop.ini": "system file",
    "Thumbs.db": "system file",
    "seg-0000000002 (conflicted copy 2026-11-28).eds": "cloud sync client",
    "seg-0000000002-DESKTOP-7Q2LK.eds": "cloud sync client",
    "seg-0000000002 (1).eds": "cloud sync client",
    "seg-2.eds": "not an Employer Desk file",
    "notes.txt": "not an Employer Desk file",
}


def test_examine_lists_looks_and_reads_in_one_call(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path)
    assert t.examine(DEV, Kind.CHANGES, stat=[1], read=[1]).unreadable == {
        1: "missing from the share"
    }
    t.publish(DEV, Kind.CHANGES, 1, b"one")
    t.publish(DEV, Kind.CHANGES, 2, b"second")
    (devdir(tmp_path) / "seg-0000000002.eds.tmp").write_bytes(b"debris")
    t.stats.__init__()
    got = t.examine(DEV, Kind.CHANGES, stat=[1, 2, 3], read=[2, 3])
    assert sorted(got.listing.files) == [1, 2] and len(got.listing.skipped) == 1
    path = devdir(tmp_path) / "seg-0000000001.eds"
    assert got.stats[1] == (3, path.stat().st_mtime) and got.stats[2][0] == 6
    assert got.data == {2: b"second"} and got.unreadable == {3: "missing from the share"}
    assert (t.stats.listings, t.stats.files_statted, t.stats.files_read) == (1, 2, 1)


def test_listing_names_every_skipped_file_with_its_reason(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path)
    t.publish(DEV, Kind.CHANGES, 1, b"one")
    for name in DEBRIS:
        (devdir(tmp_path) / name).write_bytes(b"junk")
    (devdir(tmp_path) / "stray-folder").mkdir()
    listing = t.listing(DEV, Kind.CHANGES)
    assert listing.files == {1: "seg-0000000001.eds"}
    reasons = {Path(s.path).name: s.reason for s in listing.skipped}
    for name, reason in DEBRIS.items():
        assert reason in reasons[name], name
    assert "stray-folder" in reasons
    assert all(s.path.startswith(DEV + "/") for s in listing.skipped)


def test_devices_skips_what_is_not_a_device_folder(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path)
    t.publish(DEV, Kind.CHANGES, 1, b"x")
    t.publish(OTHER, Kind.CHANGES, 1, b"y")
    root = tmp_path / "employer-desk" / "v1" / "devices"
    (root / "desktop.ini").write_text("x")
    (root / f"{DEV} (conflicted copy)").mkdir()
    devices, skipped = t.devices()
    assert devices == sorted([DEV, OTHER])
    assert {s.path for s in skipped} == {"desktop.ini", f"{DEV} (conflicted copy)"}


def test_empty_share_has_no_devices(tmp_path: Path) -> None:
    assert FolderTransport(tmp_path).devices() == ([], [])
    assert FolderTransport(tmp_path).listing(DEV, Kind.CHANGES).files == {}


def test_missing_share_is_unreachable_and_never_created(tmp_path: Path) -> None:
    gone = tmp_path / "offline-share"
    t = FolderTransport(gone)
    assert not t.reachable()
    with pytest.raises(ShareUnreachable):
        t.devices()
    with pytest.raises(ShareUnreachable):
        t.publish(DEV, Kind.CHANGES, 1, b"x")
    assert not gone.exists()


def test_share_vanishing_between_calls(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    t = FolderTransport(share)
    t.publish(DEV, Kind.CHANGES, 1, b"x")
    assert t.listing(DEV, Kind.CHANGES).files
    shutil.rmtree(share)
    with pytest.raises(FileNotFoundError):
        t.read(DEV, Kind.CHANGES, 1)
    with pytest.raises(ShareUnreachable):
        t.devices()


def test_the_share_clock_waits_for_the_call_or_gives_up_at_its_bound() -> None:
    clock, done = ShareClock(), threading.Event()
    assert clock.wait(done, 0) is False  # a bound of nothing, and the call still running
    done.set()
    assert clock.wait(done, 3600) is True  # the call has ended: no wait at all
    clock.cut_to(0)  # quitting: the calls still to come give up at once
    assert clock.wait(threading.Event(), 3600) is False


def test_a_hanging_file_does_not_hang_the_caller(tmp_path: Path) -> None:
    """A FIFO whose writer never writes blocks its reader forever: the transport gives up
    when the bound runs out (the test's clock says when: once the reader is stuck)."""
    t = FolderTransport(tmp_path, timeout=0.5)
    t.clock = clock = HeldShareClock()
    t.publish(DEV, Kind.CHANGES, 1, b"x")
    fifo = devdir(tmp_path) / file_name(Kind.CHANGES, 2)
    os.mkfifo(fifo)
    assert 2 in t.listing(DEV, Kind.CHANGES).files
    writer: list[int] = []

    def hang_the_reader() -> None:
        writer.append(os.open(fifo, os.O_WRONLY))  # returns once the reader has opened it
        clock.expire()  # ...and the reader now waits for bytes that never come

    helper = threading.Thread(target=hang_the_reader, daemon=True)
    helper.start()
    try:
        with pytest.raises(ShareUnreachable, match="did not answer within 0.5 s"):
            t.read(DEV, Kind.CHANGES, 2)
    finally:
        helper.join()
        os.close(writer.pop())  # the stuck reader thread ends with the test
    assert clock.given_up == 1


@pytest.mark.parametrize(
    "name, expected",
    [
        ("seg-0000000001.eds", (Kind.CHANGES, 1)),
        ("cursors-0000000042.eds", (Kind.CURSORS, 42)),
        ("snap-0000000007.eds", (Kind.SNAPSHOT, 7)),
        ("SEG-0000000001.eds", "not an Employer Desk file"),
    ],
)
def test_classify(name: str, expected) -> None:
    assert classify(name) == expected


def test_calls_reuse_an_idle_share_thread_and_a_hung_one_is_never_reused(tmp_path: Path) -> None:
    """Share calls run one after another on one kept thread; once a call is given up on,
    its thread (still stuck) gets no more calls and the next call runs on a new one."""
    t = FolderTransport(tmp_path)
    t.clock = clock = HeldShareClock()
    ran_on: list[threading.Thread] = []
    release = threading.Event()

    def where() -> None:
        ran_on.append(threading.current_thread())

    t._guarded("one", where)
    t._guarded("two", where)
    assert ran_on[0] is ran_on[1]

    def hang() -> None:
        ran_on.append(threading.current_thread())
        clock.expire()
        release.wait()

    with pytest.raises(ShareUnreachable, match="did not answer"):
        t._guarded("hanging", hang)
    stuck = ran_on[-1]
    t._guarded("after", where)
    assert ran_on[-1] is not stuck and stuck.is_alive()
    release.set()
    stuck.join(timeout=30)
    assert not stuck.is_alive()  # given back nowhere: it ended once its call returned
    assert t.publish(DEV, Kind.CHANGES, 1, b"x") == f"{DEV}/seg-0000000001.eds"
    assert (
        t.written_at(DEV, Kind.CHANGES, 1)
        == (devdir(tmp_path) / "seg-0000000001.eds").stat().st_mtime
    )
