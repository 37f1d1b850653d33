"""The same publish/pull scenarios through a folder and through a real Samba server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.store.engine import copy_store, open_store
from app.sync import snapshot
from app.sync.changes import device_id
from app.sync.engine import cursors, sync_once
from app.sync.folder import FolderTransport
from app.sync.smb import SmbTransport
from tests.sync import cli
from tests.sync.helpers import KEYS, add_employer, content, device_dir, edit_employer, employer


@pytest.fixture(params=["folder", "smb"])
def medium(request, tmp_path: Path):
    """(make a transport, the folder on disk that the share shows) for each medium."""
    if request.param == "folder":
        share = tmp_path / "share"
        share.mkdir()
        yield (lambda: FolderTransport(share)), share
        return
    samba = request.getfixturevalue("samba")
    sub = f"t-{tmp_path.name}"
    on_disk = samba.share_dir / sub
    on_disk.mkdir()
    made: list[SmbTransport] = []

    def make() -> SmbTransport:
        t = SmbTransport(f"{samba.unc}\\{sub}", samba.user, samba.password, timeout=20)
        made.append(t)
        return t

    yield make, on_disk
    for t in made:
        t.close()
    shutil.rmtree(on_disk, ignore_errors=True)


def test_exchange_edits(medium, tmp_path: Path, make_store) -> None:
    make, _disk = medium
    a, b = make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")
    eid = add_employer(a, "South Loop Logistics")
    assert sync_once(a, make(), KEYS).published >= 1
    assert sync_once(b, make(), KEYS).applied >= 1
    edit_employer(b, eid, city="Summit")
    sync_once(b, make(), KEYS)
    s = sync_once(a, make(), KEYS)
    assert s.errors == [] and employer(a, eid).city == "Summit"
    assert content(a) == content(b)


def test_damaged_file_and_debris(medium, tmp_path: Path, make_store) -> None:
    make, disk = medium
    a, b = make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")
    add_employer(a, "One")
    sync_once(a, make(), KEYS)
    add_employer(a, "Two")
    sync_once(a, make(), KEYS)
    folder = device_dir(disk, device_id(a))
    second = folder / "seg-0000000002.eds"
    good = second.read_bytes()
    second.write_bytes(good[: len(good) - 7])
    (folder / "desktop.ini").write_text("x")
    s = sync_once(b, make(), KEYS)
    reasons = {p.path.split("/")[-1]: p.reason for p in s.skipped}
    assert "cut short" in reasons["seg-0000000002.eds"]
    assert reasons["desktop.ini"] == "system file"
    assert cursors(b)[device_id(a)].seq == 1
    second.write_bytes(good)
    assert sync_once(b, make(), KEYS).segments_read == 1


def test_clone_never_overwrites(medium, tmp_path: Path, make_store) -> None:
    make, disk = medium
    a = make_store(tmp_path / "a.sqlite")
    add_employer(a, "Before")
    sync_once(a, make(), KEYS)
    a.close()
    copy_store(tmp_path / "a.sqlite", tmp_path / "c.sqlite")
    a, c = open_store(tmp_path / "a.sqlite"), open_store(tmp_path / "c.sqlite")
    x = add_employer(a, "On A")
    y = add_employer(c, "On C")
    sync_once(a, make(), KEYS)
    before = {p: p.read_bytes() for p in disk.rglob("*.eds")}
    sc = sync_once(c, make(), KEYS)
    assert sc.cloned_from is not None
    assert all(p.read_bytes() == data for p, data in before.items())
    sync_once(a, make(), KEYS)
    assert employer(a, y) is not None and employer(c, x) is not None
    a.close()
    c.close()


def test_snapshot_and_prune(medium, tmp_path: Path, make_store) -> None:
    make, _disk = medium
    a, b = make_store(tmp_path / "a.sqlite"), make_store(tmp_path / "b.sqlite")
    for n in range(3):
        add_employer(a, f"A{n}")
        sync_once(a, make(), KEYS)
        sync_once(b, make(), KEYS)
    snapshot.publish_snapshot(a, make(), KEYS)
    sync_once(b, make(), KEYS)
    s = sync_once(a, make(), KEYS)
    assert s.pruned, "A's old segments are passed by B and by the snapshot"
    fresh = make_store(tmp_path / "fresh.sqlite")
    f = sync_once(fresh, make(), KEYS)
    assert f.snapshot_used and f.waiting == [] and f.errors == []
    assert content(fresh) == content(a)


def test_cli_over_smb(samba, tmp_path: Path) -> None:
    """team create / join / sync with a \\\\server\\share path and a user, no mount."""
    sub = f"cli-{tmp_path.name}"
    (samba.share_dir / sub).mkdir()
    folder = f"{samba.unc}\\{sub}"
    a_home, b_home = tmp_path / "a", tmp_path / "b"
    a_store, b_store = a_home / "a.sqlite", b_home / "b.sqlite"
    pw = {"EMPLOYER_DESK_SMB_PASSWORD": samba.password, "EMPLOYER_DESK_PASSPHRASE": "smb-team-pass"}
    r = cli.run(
        a_home,
        "--store",
        str(a_store),
        "team",
        "create",
        "--folder",
        folder,
        "--smb-user",
        samba.user,
        **pw,
    )
    assert r.returncode == 0, r.stderr
    key = tmp_path / "k.edkey"
    r = cli.run(a_home, "--store", str(a_store), "team", "export-key", "--out", str(key), **pw)
    assert r.returncode == 0, r.stderr
    r = cli.run(
        b_home,
        "--store",
        str(b_store),
        "team",
        "join",
        "--folder",
        folder,
        "--key-file",
        str(key),
        "--smb-user",
        samba.user,
        **pw,
    )
    assert r.returncode == 0, r.stderr
    s = open_store(a_store)
    eid = add_employer(s, "Over SMB")
    s.close()
    r = cli.run(a_home, "--store", str(a_store), "sync")
    assert r.returncode == 0, r.stderr + r.stdout
    r = cli.run(b_home, "--store", str(b_store), "sync")
    assert r.returncode == 0, r.stderr + r.stdout
    s = open_store(b_store)
    assert employer(s, eid).legal_name == "Over SMB"
    s.close()
    # The files really are on the Samba share's disk.
    assert list((samba.share_dir / sub / "employer-desk" / "v1" / "devices").glob("*/seg-*.eds"))
    shutil.rmtree(samba.share_dir / sub, ignore_errors=True)
