"""Files only the user can read: the data folder 0700 and every file written in it 0600."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from app.mail.message import Draft, to_message, write_eml
from app.services.employers import employers
from app.services.rfi import rfi_documents
from app.store import health, private
from app.store.engine import backup_file, open_store
from app.store.paths import default_store_path, user_data_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps %APPDATA% private")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that does not exist yet, under a folder anyone may read."""
    os.chmod(tmp_path, 0o755)
    folder = tmp_path / "EmployerDesk"
    monkeypatch.setenv("EMPLOYER_DESK_HOME", str(folder))
    return folder


def test_new_store_folder_and_every_store_file_are_private(home: Path) -> None:
    store = open_store(default_store_path())
    try:
        employers.create_employer(store, {"legal_name": "Private Pallets Inc"})
        files = [p for p in home.iterdir() if p.is_file()]
        assert {p.name for p in files} >= {
            "employer-desk.sqlite",
            "employer-desk.sqlite-wal",
            "employer-desk.sqlite-shm",
        }
        assert mode(home) == 0o700
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
        backup = backup_file(store.path)
        assert backup is not None and mode(backup) == 0o600
    finally:
        store.close()
    assert mode(home.parent) == 0o755  # the folder above is not ours to change


def test_an_older_open_data_folder_is_tightened(home: Path) -> None:
    """Stores written 0644 in a 0755 folder by earlier versions become private at open."""
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    path = default_store_path()
    shutil.copy(FIXTURES / "store-0001.sqlite", path)
    os.chmod(path, 0o644)
    open_store(path).close()
    assert mode(home) == 0o700
    assert {p.name: mode(p) for p in home.iterdir()} == {p.name: 0o600 for p in home.iterdir()}
    assert len(list(home.glob("*.before-migration-*"))) == 1


def test_a_folder_the_user_chose_keeps_its_mode_but_the_store_is_private(
    home: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "shared"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    open_store(chosen / "mine.sqlite").close()
    assert mode(chosen) == 0o755
    assert mode(chosen / "mine.sqlite") == 0o600


def test_restored_backup_is_private(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    backup = tmp_path / "s.before-migration-20260101T000000Z.sqlite"
    shutil.copy(FIXTURES / "store-0001.sqlite", backup)
    os.chmod(backup, 0o644)
    path.write_bytes(b"")
    health.restore_backup(path, backup)
    assert mode(path) == 0o600


def test_drafts_resumes_forms_and_logs_in_the_data_folder_are_private(home: Path, store) -> None:
    from app.ui.errors import write_log

    employer = employers.create_employer(store, {"legal_name": "Form Filling Co"})
    drafts = user_data_dir() / "Email drafts"
    draft = Draft(kind="follow_up", employer_id=None, to=["a@example.com"], subject="Hi", body="x")
    eml = write_eml(to_message(draft), drafts, "Hi")
    pdf = rfi_documents.write_form(store, employer.id, user_data_dir() / "forms" / "rfi.pdf")
    private.write_bytes(user_data_dir() / "note.bin", b"x")
    try:
        raise ValueError("boom")
    except ValueError:
        log = write_log(*sys.exc_info())
    for folder in (drafts, pdf.parent, log.parent, user_data_dir()):
        assert mode(folder) == 0o700, folder
    for path in (eml, pdf, log, user_data_dir() / "note.bin"):
        assert mode(path) == 0o600, path
