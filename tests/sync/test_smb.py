"""The SMB transport against a real Samba server: the same rules as on a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.sync.segment import Kind
from app.sync.smb import SmbTransport, is_unc, load_password, parse_unc, save_password
from app.sync.transport import AlreadyPublished, ShareUnreachable

DEV = "0190f3a2-7c1e-7d4e-9b1a-3c5d7e9f1a2b"


@pytest.fixture
def smb(samba, request) -> SmbTransport:
    sub = request.node.name.replace("[", "_").replace("]", "")
    (samba.share_dir / sub).mkdir()
    t = SmbTransport(f"{samba.unc}\\{sub}", samba.user, samba.password, timeout=15)
    yield t
    t.close()
    shutil.rmtree(samba.share_dir / sub, ignore_errors=True)


def local(samba, t: SmbTransport) -> Path:
    return samba.share_dir.joinpath(*t.address.path)


def test_publish_list_read_over_smb(samba, smb: SmbTransport) -> None:
    assert smb.reachable()
    smb.publish(DEV, Kind.CHANGES, 1, b"one")
    smb.publish(DEV, Kind.CHANGES, 2, b"two")
    smb.publish(DEV, Kind.SNAPSHOT, 1, b"snap")
    on_disk = local(samba, smb) / "employer-desk" / "v1" / "devices" / DEV
    assert (on_disk / "seg-0000000002.eds").read_bytes() == b"two"
    assert (on_disk / "snapshots" / "snap-0000000001.eds").read_bytes() == b"snap"
    assert sorted(p.name for p in on_disk.iterdir()) == [
        "seg-0000000001.eds",
        "seg-0000000002.eds",
        "snapshots",
    ]
    assert smb.devices() == ([DEV], [])
    assert smb.listing(DEV, Kind.CHANGES).files == {
        1: "seg-0000000001.eds",
        2: "seg-0000000002.eds",
    }
    assert smb.read(DEV, Kind.CHANGES, 2) == b"two"
    smb.delete(DEV, Kind.CHANGES, 1)
    assert not (on_disk / "seg-0000000001.eds").exists()


def test_examine_lists_looks_and_reads_in_one_call_over_smb(samba, smb: SmbTransport) -> None:
    """Sizes and time stamps come with the listing; a file rewritten moves them."""
    smb.publish(DEV, Kind.CHANGES, 1, b"one")
    smb.publish(DEV, Kind.CHANGES, 2, b"second")
    got = smb.examine(DEV, Kind.CHANGES, stat=[1, 2, 3], read=[2, 3])
    assert sorted(got.listing.files) == [1, 2]
    assert {s: size for s, (size, _t) in got.stats.items()} == {1: 3, 2: 6}
    assert got.data == {2: b"second"} and got.unreadable == {3: "missing from the share"}
    assert smb.examine(DEV, Kind.CHANGES, stat=[1, 2], read=[]).stats == got.stats
    path = local(samba, smb) / "employer-desk" / "v1" / "devices" / DEV / "seg-0000000001.eds"
    path.write_bytes(b"one!")
    assert smb.examine(DEV, Kind.CHANGES, stat=[1], read=[]).stats[1][0] == 4


def test_smb_rename_never_overwrites(samba, smb: SmbTransport) -> None:
    smb.publish(DEV, Kind.CHANGES, 1, b"original")
    with pytest.raises(AlreadyPublished):
        smb.publish(DEV, Kind.CHANGES, 1, b"impostor")
    on_disk = local(samba, smb) / "employer-desk" / "v1" / "devices" / DEV
    assert (on_disk / "seg-0000000001.eds").read_bytes() == b"original"
    assert [p.name for p in on_disk.iterdir()] == ["seg-0000000001.eds"]


def test_smb_listing_reports_debris(samba, smb: SmbTransport) -> None:
    smb.publish(DEV, Kind.CHANGES, 1, b"x")
    on_disk = local(samba, smb) / "employer-desk" / "v1" / "devices" / DEV
    (on_disk / "desktop.ini").write_text("x")
    (on_disk / "seg-0000000001 (conflicted copy).eds").write_text("x")
    reasons = {s.path.split("/")[-1]: s.reason for s in smb.listing(DEV, Kind.CHANGES).skipped}
    assert reasons == {
        "desktop.ini": "system file",
        "seg-0000000001 (conflicted copy).eds": "duplicate made by a cloud sync client (conflicted copy)",
    }


def test_wrong_password_is_unreachable(samba) -> None:
    t = SmbTransport(samba.unc, samba.user, "not-the-password", timeout=10)
    assert not t.reachable()
    with pytest.raises(ShareUnreachable):
        t.devices()


def test_missing_share_folder_is_unreachable(samba) -> None:
    t = SmbTransport(f"\\\\127.0.0.1:{samba.port}\\noshare", samba.user, samba.password, timeout=10)
    with pytest.raises(ShareUnreachable):
        t.publish(DEV, Kind.CHANGES, 1, b"x")


def test_server_gone_is_unreachable_not_a_hang(samba) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t = SmbTransport(f"\\\\127.0.0.1:{port}\\team", "u", "p", timeout=5)
    assert not t.reachable()


def test_unc_parsing() -> None:
    a = parse_unc(r"\\fileserver\Shared\Employer Desk\team")
    assert (a.server, a.port, a.share, a.path) == (
        "fileserver",
        445,
        "Shared",
        ("Employer Desk", "team"),
    )
    assert parse_unc("//srv:4455/s").port == 4455
    assert is_unc(r"\\srv\s") and not is_unc("/mnt/share") and not is_unc(r"C:\share")
    with pytest.raises(ValueError, match="not a network path"):
        parse_unc("/mnt/share")


def test_password_lives_in_the_keyring(memory_keyring) -> None:
    assert save_password("bsr1", "FileServer", "pw")
    assert memory_keyring.secrets[("Employer Desk", "smb:bsr1@fileserver")] == "pw"
    assert load_password("bsr1", "fileserver") == "pw"
