"""Faults: processes killed at each step, full disks, skewed clocks, a folder that vanishes.

Each test says what "nothing lost" means for its case and checks it: a segment
on the share is either absent or whole, a store is either as before or as after,
and running sync again finishes the job.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

import app.core.hlc as hlc
from app.store.engine import open_store
from app.sync import segment as seg
from app.sync.changes import device_id
from app.sync.engine import cursors, publish, pull, sync_once
from app.sync.folder import FolderTransport
from tests.sync.cli import ROOT
from tests.sync.helpers import KEYS, add_employer, content, device_dir, edit_employer, employer

HOUR_MS = 3600 * 1000
YEAR_MS = 365 * 24 * HOUR_MS


def child(step: str, store: Path, share: Path, offset_ms: int = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMPLOYER_DESK")}
    env.update(PYTHONPATH=str(ROOT), EMPLOYER_DESK_HOME=str(store.parent))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.sync.fault_child",
            step,
            str(store),
            str(share),
            str(offset_ms),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def summary_of(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def published_rows(path: Path) -> int:
    store = open_store(path)
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM sync_published")).scalar_one()
    finally:
        store.close()


@pytest.mark.parametrize(
    "step",
    ["publish-before-write", "publish-before-fsync", "publish-before-rename", "publish-before-log"],
)
def test_publisher_killed_at_each_step(step: str, share: Path, tmp_path: Path, make_store) -> None:
    a_path, b_path = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    a = make_store(a_path)
    eid = add_employer(a, "Killed Mid Publish")
    me = device_id(a)
    a.close()

    killed = child(step, a_path, share)
    assert killed.returncode == -9, killed.stderr

    folder = device_dir(share, me)
    final = folder / "seg-0000000001.eds"
    if step == "publish-before-log":
        # The file made it: it must be whole.
        assert seg.decode(final.read_bytes(), KEYS.by_id()).records
    else:
        assert not final.exists()
    # Anything else left behind is a temporary file, which readers ignore and report.
    leftovers = [p.name for p in folder.iterdir() if p != final] if folder.exists() else []
    assert all(n.endswith(".tmp") for n in leftovers), leftovers
    if step != "publish-before-log":
        # Killed while the temporary file was open: it is still there, empty or unsynced.
        assert len(leftovers) == 1
        size = (folder / leftovers[0]).stat().st_size
        assert (size == 0) == (step == "publish-before-write")
    # The store is as before: its log of published files is empty.
    assert published_rows(a_path) == 0

    b = make_store(b_path)
    early = pull(b, FolderTransport(share), KEYS)
    assert all("temporary file" in s.reason for s in early.skipped)
    assert len(early.skipped) == len(leftovers)

    # Running sync again finishes the job: published once, same device, nothing lost.
    again = summary_of(child("sync", a_path, share))
    assert again["errors"] == [] and again["cloned_from"] is None
    assert sorted(p.name for p in folder.glob("seg-*.eds")) == ["seg-0000000001.eds"]
    assert published_rows(a_path) == 1
    pull(b, FolderTransport(share), KEYS)
    assert employer(b, eid).legal_name == "Killed Mid Publish"


def test_applier_killed_mid_apply(share: Path, tmp_path: Path, make_store) -> None:
    a = make_store(tmp_path / "a.sqlite")
    ids = [add_employer(a, f"Employer {n}") for n in range(20)]
    sync_once(a, FolderTransport(share), KEYS)
    b_path = tmp_path / "b.sqlite"
    b = make_store(b_path)
    before = content(b)
    b.close()

    killed = child("apply-before-commit", b_path, share)
    assert killed.returncode == -9, killed.stderr

    b = open_store(b_path)
    assert content(b) == before, "the store is exactly as before the killed apply"
    assert device_id(a) not in cursors(b)
    b.close()
    again = summary_of(child("sync", b_path, share))
    assert again["applied"] >= 20 and again["errors"] == []
    b = open_store(b_path)
    assert all(employer(b, i) is not None for i in ids)
    assert cursors(b)[device_id(a)].seq == 1
    b.close()


def test_full_disk_while_publishing(share: Path, tmp_path: Path, make_store) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the segment write (EFBIG), as a full disk would."""
    a_path = tmp_path / "a.sqlite"
    a = make_store(a_path)
    eid = add_employer(a, "Disk Full Inc", notes="x" * 5000)
    me = device_id(a)
    a.close()
    result = summary_of(child("publish-disk-full", a_path, share))
    assert not result["published_ok"]
    assert any("File too large" in e for e in result["errors"]), result["errors"]
    folder = device_dir(share, me)
    assert not folder.exists() or list(folder.iterdir()) == [], "no partial or temporary file"
    assert published_rows(a_path) == 0
    again = summary_of(child("sync", a_path, share))
    assert again["published"] >= 1 and again["errors"] == []
    b = make_store(tmp_path / "b.sqlite")
    pull(b, FolderTransport(share), KEYS)
    assert employer(b, eid).notes == "x" * 5000


def test_full_disk_while_applying(share: Path, tmp_path: Path, make_store) -> None:
    a = make_store(tmp_path / "a.sqlite")
    eid = add_employer(a, "Arrives Later")
    sync_once(a, FolderTransport(share), KEYS)
    b_path = tmp_path / "b.sqlite"
    b = make_store(b_path)
    before = content(b)
    b.close()
    result = summary_of(child("apply-disk-full", b_path, share))
    assert any("could not be written" in e for e in result["errors"]), result["errors"]
    b = open_store(b_path)
    assert content(b) == before and device_id(a) not in cursors(b)
    b.close()
    again = summary_of(child("sync", b_path, share))
    assert again["applied"] >= 1 and again["errors"] == []
    b = open_store(b_path)
    assert employer(b, eid) is not None
    b.close()


def test_clock_two_hours_ahead(share: Path, tmp_path: Path, make_store, monkeypatch) -> None:
    """Applied and flagged; it does not drag our clock; our later edit still wins."""
    t = FolderTransport(share)
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    real = hlc.wall_clock_ms
    monkeypatch.setattr(hlc, "wall_clock_ms", lambda: real() + 2 * HOUR_MS)
    eid = add_employer(a, "Fast Clock Co", city="Berwyn")
    sync_once(a, t, KEYS)
    monkeypatch.setattr(hlc, "wall_clock_ms", real)

    got = sync_once(b, t, KEYS)
    assert employer(b, eid).city == "Berwyn"
    assert got.flagged_devices == [device_id(a)]
    assert any("clock far ahead" in n for n in got.notes)
    with b.engine.connect() as conn:
        b_clock = conn.execute(text("SELECT clock FROM sync_device")).scalar_one()
    assert hlc.physical_ms(b_clock) < real() + HOUR_MS, "our clock was not dragged along"

    edit_employer(b, eid, city="Chicago")  # seen after A's value: must win everywhere
    sync_once(b, t, KEYS)
    sync_once(a, t, KEYS)
    assert employer(a, eid).city == employer(b, eid).city == "Chicago"
    assert content(a) == content(b)


def test_clock_twenty_years_behind(share: Path, tmp_path: Path, make_store, monkeypatch) -> None:
    """A laptop set to 2006 loses concurrent edits (kept in the conflict log), then catches up."""
    t = FolderTransport(share)
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    eid = add_employer(b, "Slow Clock Co", city="Chicago")
    sync_once(b, t, KEYS)
    real = hlc.wall_clock_ms
    monkeypatch.setattr(hlc, "wall_clock_ms", lambda: real() - 20 * YEAR_MS)
    # A has never synced; its clock is 20 years behind. A concurrent edit on each side:
    a_only = add_employer(a, "Made In The Past")
    sync_once(a, t, KEYS)  # A receives B's employer, its clock moves up to B's stamps
    edit_employer(b, eid, city="Oak Park")
    monkeypatch.setattr(hlc, "wall_clock_ms", real)
    sync_once(b, t, KEYS)
    monkeypatch.setattr(hlc, "wall_clock_ms", lambda: real() - 20 * YEAR_MS)
    edit_employer(a, eid, city="Cicero")  # made after seeing B's insert, beside B's edit
    sync_once(a, t, KEYS)
    monkeypatch.setattr(hlc, "wall_clock_ms", real)
    sync_once(b, t, KEYS)
    sync_once(a, t, KEYS)
    # Everyone agrees, nothing made in the past is lost, and the losing value is logged.
    assert content(a) == content(b)
    assert employer(b, a_only) is not None
    city = employer(a, eid).city
    loser = "Oak Park" if city == "Cicero" else "Cicero"
    for s in (a, b):
        with s.engine.connect() as conn:
            lost = [
                r[0] for r in conn.execute(text("SELECT lost_value FROM conflict WHERE col='city'"))
            ]
        assert any(loser in v for v in lost), (s.path.name, lost)


def test_folder_vanishes_mid_sync(share: Path, tmp_path: Path, make_store) -> None:
    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    t = FolderTransport(share)
    ids = []
    for n in range(3):
        ids.append(add_employer(a, f"E{n}"))
        publish(a, t, KEYS)
    away = tmp_path / "unplugged"

    def unplug(_device: str, seq: int) -> None:
        if seq == 1:
            shutil.move(share, away)

    got = sync_once(b, t, KEYS, on_segment=unplug)
    # The first segment is in, whole, with its cursor; the rest waits; no exception.
    assert employer(b, ids[0]) is not None
    assert employer(b, ids[1]) is None and employer(b, ids[2]) is None
    assert cursors(b)[device_id(a)].seq == 1
    assert got.errors or got.waiting
    # Unreachable now: says so, changes nothing.
    later = sync_once(b, t, KEYS)
    assert later.nothing_done and "cannot be reached" in later.errors[0]
    shutil.move(away, share)
    final = sync_once(b, t, KEYS)
    assert final.errors == [] and final.segments_read == 2
    assert all(employer(b, i) is not None for i in ids)


def test_wrong_key_leaves_everything_untouched(share: Path, tmp_path: Path, make_store) -> None:
    from app.sync.keys import TeamKeys
    from tests.sync.helpers import share_files

    a = make_store(tmp_path / "a.sqlite")
    b = make_store(tmp_path / "b.sqlite")
    add_employer(a, "Secret Partner")
    sync_once(a, FolderTransport(share), KEYS)
    before_share, before_b = share_files(share), content(b)
    wrong = TeamKeys(os.urandom(32))
    got = sync_once(b, FolderTransport(share), wrong)
    assert got.applied == 0
    # B holds a key, just not the one these files were made with: another team's files.
    assert any("another team's key" in k.reason for k in got.skipped)
    assert content(b) == before_b
    # B published its own (empty) state under its own folder only; A's files are unchanged.
    after = share_files(share)
    assert {k: v for k, v in after.items() if device_id(a) in k} == before_share
