"""The team and sync commands, run as real subprocesses on real stores and a real folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.services.team.team import set_folder
from app.store.engine import open_store
from tests.sync import cli
from tests.sync.helpers import add_employer, content, employer

PASS = "lakeshore-2026-desk"


@pytest.fixture(scope="module")
def made_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Laptop A created the team, laptop B joined it with an exported key file, through the
    real commands; done once per module, each test works on its own copy (`team`)."""
    tmp_path = tmp_path_factory.mktemp("team")
    share = tmp_path / "share"
    share.mkdir()
    a_home, b_home = tmp_path / "a", tmp_path / "b"
    a_store, b_store = a_home / "a.sqlite", b_home / "b.sqlite"
    r = cli.run(a_home, "--store", str(a_store), "team", "create", "--folder", str(share))
    assert r.returncode == 0, r.stderr
    assert "kept in this computer's keyring" in r.stdout
    key_file = tmp_path / "team.edkey"
    r = cli.run(
        a_home,
        "--store",
        str(a_store),
        "team",
        "export-key",
        "--out",
        str(key_file),
        EMPLOYER_DESK_PASSPHRASE=PASS,
    )
    assert r.returncode == 0, r.stderr
    r = cli.run(
        b_home,
        "--store",
        str(b_store),
        "team",
        "join",
        "--folder",
        str(share),
        "--key-file",
        str(key_file),
        EMPLOYER_DESK_PASSPHRASE=PASS,
    )
    assert r.returncode == 0, r.stderr
    assert "Joined team" in r.stdout
    return tmp_path


@pytest.fixture
def team(made_team: Path, tmp_path: Path):
    """This test's copy of the team (share, both computers' homes and stores, key file),
    with both stores pointed at the copied share as a moved team folder would be."""
    root = tmp_path / "team"
    shutil.copytree(made_team, root)
    share = root / "share"
    a_home, b_home = root / "a", root / "b"
    a_store, b_store = a_home / "a.sqlite", b_home / "b.sqlite"
    for path in (a_store, b_store):
        store = open_store(path)
        try:
            set_folder(store, str(share))
        finally:
            store.close()
    return share, (a_home, a_store), (b_home, b_store), root / "team.edkey"


def test_create_join_sync_end_to_end(team) -> None:
    share, (a_home, a_store), (b_home, b_store), _key = team
    s = open_store(a_store)
    eid = add_employer(s, "Little Village Foods")
    s.close()
    r = cli.run(a_home, "--store", str(a_store), "sync")
    assert r.returncode == 0, r.stderr
    assert "Published:" in r.stdout and "Conflicts: 0" in r.stdout
    published = int(r.stdout.split("Published: ")[1].split()[0])
    assert published >= 1
    r = cli.run(b_home, "--store", str(b_store), "sync")
    assert r.returncode == 0, r.stderr
    applied = int(r.stdout.split("Applied: ")[1].split()[0])
    assert applied >= 1
    a, b = open_store(a_store), open_store(b_store)
    try:
        assert employer(b, eid).legal_name == "Little Village Foods"
        # B's own reference rows (offices, programs) travel back too.
        r = cli.run(b_home, "--store", str(b_store), "sync")
        r = cli.run(a_home, "--store", str(a_store), "sync")
        assert r.returncode == 0
        a.close()
        a = open_store(a_store)
        assert content(a) == content(b)
    finally:
        a.close()
        b.close()


def test_sync_prints_every_skipped_file_with_its_reason(team) -> None:
    share, (a_home, a_store), (b_home, b_store), _key = team
    cli.run(a_home, "--store", str(a_store), "sync")
    devices = share / "employer-desk" / "v1" / "devices"
    folder = next(devices.iterdir())
    (folder / "Thumbs.db").write_bytes(b"x")
    (folder / "seg-0000000001-LAPTOP7.eds").write_bytes(b"x")
    r = cli.run(b_home, "--store", str(b_store), "sync")
    assert r.returncode == 0, r.stderr
    assert f"{folder.name}/Thumbs.db: system file" in r.stdout
    assert (
        f"{folder.name}/seg-0000000001-LAPTOP7.eds: duplicate made by a cloud sync client"
        in r.stdout
    )
    assert "Skipped files: 2" in r.stdout


def test_sync_fails_only_when_nothing_could_be_done(team, tmp_path: Path) -> None:
    _share, (a_home, a_store), _b, _key = team
    r = cli.run(a_home, "--store", str(a_store), "sync", "--folder", str(tmp_path / "unplugged"))
    assert r.returncode != 0
    assert "nothing could be synced" in r.stderr and "cannot be reached" in r.stderr


def test_join_with_the_wrong_passphrase_is_refused_plainly(team, tmp_path: Path) -> None:
    share, _a, _b, key_file = team
    home = tmp_path / "c"
    r = cli.run(
        home,
        "--store",
        str(home / "c.sqlite"),
        "team",
        "join",
        "--folder",
        str(share),
        "--key-file",
        str(key_file),
        EMPLOYER_DESK_PASSPHRASE="not the passphrase",
    )
    assert r.returncode != 0
    assert "passphrase does not open this key file" in r.stderr
    keyring_file = home / "test-keyring.json"
    assert not keyring_file.exists() or json.loads(keyring_file.read_text()) == {}


def test_without_a_keyring_the_key_is_never_written_to_disk(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    home = tmp_path / "nokeyring"
    store = home / "s.sqlite"
    key_file = tmp_path / "team.edkey"
    r = cli.run(
        home,
        "--store",
        str(store),
        "team",
        "create",
        "--folder",
        str(share),
        "--export-key",
        str(key_file),
        keyring_backend="keyring.backends.fail.Keyring",
        EMPLOYER_DESK_PASSPHRASE=PASS,
    )
    assert r.returncode == 0, r.stderr
    assert "no secure keyring" in r.stdout and "only until Employer Desk closes" in r.stdout
    # The key is in no file under this user's folders except the passphrase-wrapped one.
    from app.sync.keys import import_key_file

    key = import_key_file(key_file, PASS).key
    for path in [*home.rglob("*"), *share.rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            assert key not in data and key.hex().encode() not in data, path
            import base64

            assert base64.b64encode(key) not in data, path
    # A later run without the key cannot sync, and says why; with the key file it can.
    r = cli.run(
        home, "--store", str(store), "sync", keyring_backend="keyring.backends.fail.Keyring"
    )
    assert r.returncode != 0 and "does not have the team key" in r.stderr
    r = cli.run(
        home,
        "--store",
        str(store),
        "sync",
        "--key-file",
        str(key_file),
        keyring_backend="keyring.backends.fail.Keyring",
        EMPLOYER_DESK_PASSPHRASE=PASS,
    )
    assert r.returncode == 0, r.stderr
    assert "Published:" in r.stdout


def test_status_lists_devices(team) -> None:
    _share, (a_home, a_store), (b_home, b_store), _key = team
    cli.run(a_home, "--store", str(a_store), "sync")
    cli.run(b_home, "--store", str(b_store), "sync")
    r = cli.run(b_home, "--store", str(b_store), "team", "status")
    assert r.returncode == 0, r.stderr
    assert "Folder: reachable" in r.stdout and "Team key: keyring" in r.stdout
    assert "(this device)" in r.stdout and r.stdout.count("last seen") == 2


def test_sync_exits_non_zero_while_a_change_is_set_aside(team) -> None:
    """A bad change from a colleague: the rest applies, no "Error:", and exit code 3."""
    from app.core import hlc
    from app.sync import segment as seg
    from app.sync.changes import device_id
    from app.sync.keys import import_key_file
    from app.sync.segment import Kind
    from tests.sync.helpers import device_dir

    share, (a_home, a_store), (b_home, b_store), key_file = team
    s = open_store(a_store)
    eid = add_employer(s, "Exit Code Works")
    me = device_id(s)
    s.close()
    assert cli.run(a_home, "--store", str(a_store), "sync").returncode == 0
    key = import_key_file(key_file, PASS).key
    first = (device_dir(share, me) / "seg-0000000001.eds").read_bytes()
    bad = {
        "device": me,
        "table": "employer",
        "row_id": eid,
        "column": "legal_name",
        "value": None,
        "hlc": hlc.pack(hlc.wall_clock_ms()) + 5,
    }
    data = seg.encode(
        kind=Kind.CHANGES, device=me, seq=2, prev_hash=seg.digest(first), key=key, records=[bad]
    )
    (device_dir(share, me) / "seg-0000000002.eds").write_bytes(data)
    r = cli.run(b_home, "--store", str(b_store), "sync")
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Error:" not in r.stdout
    assert "change(s) from 2 segment(s)" in r.stdout
    assert "Set aside (quarantined): 1 change(s) in this sync" in r.stdout
    status = cli.run(b_home, "--store", str(b_store), "team", "status")
    assert "legal_name cannot be empty" in status.stdout and me in status.stdout
    b = open_store(b_store)
    assert employer(b, eid).legal_name == "Exit Code Works"
    b.close()
    # Until someone dismisses it, every sync asks for attention.
    assert cli.run(b_home, "--store", str(b_store), "sync").returncode == 3
    number = status.stdout.split("  #")[1].split()[0]
    r = cli.run(b_home, "--store", str(b_store), "team", "dismiss")
    assert r.returncode != 0 and "by number, or give --all" in r.stderr
    r = cli.run(b_home, "--store", str(b_store), "team", "dismiss", "99999")
    assert r.returncode != 0 and "no set-aside change numbered 99999" in r.stderr
    r = cli.run(b_home, "--store", str(b_store), "team", "dismiss", number)
    assert r.returncode == 0, r.stderr
    # Named as that computer named itself (person and computer name), its id beside.
    assert f"Dismissing #{number}: The change from " in r.stdout
    assert f"(device {me}, file " in r.stdout
    assert "to Employer: Exit Code Works: Legal name" in r.stdout
    assert "Dismissed 1 change(s)" in r.stdout
    r = cli.run(b_home, "--store", str(b_store), "sync")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 not yet dismissed" in r.stdout
    status = cli.run(b_home, "--store", str(b_store), "team", "status")
    assert "set aside (quarantined): 0, dismissed: 1" in status.stdout
    assert "dismissed by " in status.stdout and "legal_name cannot be empty" in status.stdout
