"""The team key: keyring custody, session-only custody, and passphrase-wrapped key files."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from app import secrets
from app.sync import keys
from app.sync.segment import key_id_of

TEAM = "0190f3a2-0000-7000-8000-000000000001"
PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def _clean_session():
    secrets.forget_session()
    yield
    secrets.forget_session()


def test_key_goes_to_the_keyring(memory_keyring) -> None:
    key = keys.new_key()
    assert keys.save_key(TEAM, key) is keys.Custody.KEYRING
    stored = memory_keyring.secrets[(keys.SERVICE, f"team-key:{TEAM}")]
    assert base64.b64decode(stored) == key
    secrets.forget_session()
    assert keys.load_key(TEAM) == key
    assert keys.custody(TEAM) is keys.Custody.KEYRING


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_no_secure_keyring_keeps_the_key_for_the_session_only(
    backend, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keyring.set_keyring(backend())
    key = keys.new_key()
    assert keys.save_key(TEAM, key) is keys.Custody.SESSION_ONLY
    assert keys.load_key(TEAM) == key
    assert keys.custody(TEAM) is keys.Custody.SESSION_ONLY
    assert "only until Employer Desk closes" in keys.SESSION_ONLY_NOTICE
    secrets.forget_session()  # the app closed
    assert keys.load_key(TEAM) is None
    assert keys.custody(TEAM) is None
    # Nothing was written anywhere near us.
    assert list(tmp_path.iterdir()) == []


def test_a_keyring_that_errors_falls_back_to_session(memory_keyring, monkeypatch) -> None:
    def broken(*_a):
        raise keyring.errors.KeyringError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", broken)
    monkeypatch.setattr(memory_keyring, "get_password", broken)
    key = keys.new_key()
    assert keys.save_key(TEAM, key) is keys.Custody.SESSION_ONLY
    assert keys.load_key(TEAM) == key


def test_key_file_round_trip(tmp_path: Path) -> None:
    key = keys.new_key()
    path = keys.export_key_file(tmp_path / "team.key", PASS, team_id=TEAM, key=key)
    text = path.read_text()
    assert base64.b64encode(key).decode() not in text
    assert key.hex() not in text
    assert (path.stat().st_mode & 0o077) == 0
    got = keys.import_key_file(path, PASS)
    assert (got.team_id, got.key, got.key_id) == (TEAM, key, key_id_of(key))


def test_wrong_passphrase_is_told_plainly(tmp_path: Path) -> None:
    path = keys.export_key_file(tmp_path / "team.key", PASS, team_id=TEAM, key=keys.new_key())
    with pytest.raises(keys.WrongPassphrase, match="does not open this key file"):
        keys.import_key_file(path, PASS + "!")


def test_export_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "team.key"
    path.write_text("keep me")
    with pytest.raises(keys.TeamKeyError, match="already exists"):
        keys.export_key_file(path, PASS, team_id=TEAM, key=keys.new_key())
    assert path.read_text() == "keep me"


def test_short_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(keys.TeamKeyError, match="at least 8"):
        keys.export_key_file(tmp_path / "k", "short", team_id=TEAM, key=keys.new_key())
    assert not (tmp_path / "k").exists()


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: "not json {", "not an Employer Desk key file"),
        (lambda d: json.dumps({"format": "other"}), "not an Employer Desk key file"),
        (lambda d: json.dumps({**d, "version": 9}), "newer Employer Desk"),
        (lambda d: json.dumps({**d, "nonce": "%%%"}), "damaged"),
        (lambda d: json.dumps({k: v for k, v in d.items() if k != "kdf"}), "damaged"),
        (lambda d: json.dumps({**d, "key_id": "00000000"}), "does not open"),
    ],
)
def test_damaged_key_files(tmp_path: Path, mutate, message: str) -> None:
    path = keys.export_key_file(tmp_path / "team.key", PASS, team_id=TEAM, key=keys.new_key())
    path.write_text(mutate(json.loads(path.read_text())))
    with pytest.raises(keys.TeamKeyError, match=message):
        keys.import_key_file(path, PASS)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(keys.BadKeyFile, match="does not exist"):
        keys.import_key_file(tmp_path / "nope.key", PASS)
