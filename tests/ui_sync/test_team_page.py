"""The Sync page on two real stores and a real folder: create, export, join, edit, sync."""

from __future__ import annotations

from pathlib import Path

from app import secrets
from app.services.employers import employers
from app.services.team import team as team_service
from app.sync import keys as team_keys
from app.sync.changes import device_id
from app.ui.sync.dialogs import ExportDialog, JoinDialog
from app.ui.sync.folder_box import KEPT_FOR_SESSION, KEPT_IN_KEYRING, NO_KEYRING_NOTICE
from app.ui.sync.team_panel import summary_line
from app.ui.sync.worker import SyncState
from tests.ui_sync.conftest import PASSPHRASE, settle, sync_through


def test_create_export_join_then_an_edit_on_a_reaches_b(qtbot, team_pages, share) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    row_a, row_b = team_service.team(a), team_service.team(b)
    assert row_a is not None and row_b is not None
    assert row_a.team_id == row_b.team_id and row_b.folder == str(share)
    # Each device folder is on the share.
    devices = {p.name for p in (share / "employer-desk" / "v1" / "devices").iterdir()}
    assert {device_id(a), device_id(b)} <= devices

    eid = employers.create_employer(a, {"legal_name": "Ogden Metal Works"}).id
    employers.update_employer_field(a, eid, "notes", "Needs 3 welders by March")
    out_a = sync_through(qtbot, page_a)
    assert out_a.summary.published > 0 and out_a.reachable
    assert "Sent" in page_a.team.report_text.text()
    out_b = sync_through(qtbot, page_b)
    assert out_b.summary.applied > 0
    got = employers.get_employer(b, eid)
    assert got is not None and got.notes == "Needs 3 welders by March"
    # The page says what happened, in numbers, and lists both computers.
    assert summary_line(out_b.summary) in page_b.team.report_text.text()
    assert "received" in page_b.team.report_text.text()
    assert page_b.team.devices.rowCount() == 2
    shown = [page_b.team.devices.index(r, 0).data() for r in range(page_b.team.devices.rowCount())]
    assert any(text.endswith("(this computer)") for text in shown)
    assert page_b.team.device_text.toolTip() == f"Device id {device_id(b)}"
    assert device_id(b) not in page_b.team.device_text.text()  # named, not numbered
    assert "reachable" in page_b.team.reach_text.text()
    assert page_b.controller.state() is SyncState.SYNCED


def test_create_team_needs_a_folder_and_says_so(qtbot, stores, make_page) -> None:
    a, _ = stores
    page = make_page(a)
    page.team.folder.setText("")
    page.team.create_button.click()
    assert "Choose the team's shared folder" in page.team.message.text()
    assert team_service.team(a) is None
    assert not page.controller.busy


def test_create_team_on_a_missing_folder_fails_plainly(qtbot, stores, make_page, tmp_path) -> None:
    a, _ = stores
    page = make_page(a)
    page.team.folder.setText(str(tmp_path / "no-such-share"))
    with qtbot.waitSignal(page.controller.job_failed, timeout=30_000) as got:
        page.team.create_button.click()
    assert got.args[0] == "create"
    settle(qtbot, page.controller)
    assert "cannot be reached" in page.team.message.text()
    assert team_service.team(a) is None
    assert page.team.create_button.isEnabled()


def test_join_with_a_wrong_passphrase_is_refused(
    qtbot, stores, share, make_page, tmp_path, monkeypatch
) -> None:
    from tests.ui_sync.conftest import create_team_on, export_key_from

    a, b = stores
    page_a, page_b = make_page(a), make_page(b)
    create_team_on(qtbot, page_a, share)
    key_file = export_key_from(qtbot, page_a, tmp_path / "k.edkey", monkeypatch)
    monkeypatch.setattr(
        JoinDialog, "ask", classmethod(lambda cls, parent=None: (key_file, "not-the-phrase"))
    )
    page_b.team.folder.setText(str(share))
    with qtbot.waitSignal(page_b.controller.job_failed, timeout=30_000):
        page_b.team.join_button.click()
    settle(qtbot, page_b.controller)
    assert page_b.team.message.isVisible() or page_b.team.message.text()
    assert "passphrase" in page_b.team.message.text().lower()
    assert team_service.team(b) is None


def test_export_dialog_checks_the_passphrase_twice(qtbot, tmp_path) -> None:
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.out.setText(str(tmp_path / "k.edkey"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE + "x")
    dialog.accept()
    assert "differ" in dialog.error.text() and dialog.result() == 0
    dialog.again.setText(PASSPHRASE)
    dialog.passphrase.setText("short")
    dialog.again.setText("short")
    dialog.accept()
    assert "at least" in dialog.error.text()
    dialog.out.setText(str(tmp_path / "missing" / "k.edkey"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    dialog.accept()
    assert "does not exist" in dialog.error.text()
    dialog.out.setText(str(tmp_path / "k.edkey"))
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.values() == (tmp_path / "k.edkey", PASSPHRASE)


def test_join_dialog_needs_an_existing_file_and_a_passphrase(qtbot, tmp_path) -> None:
    dialog = JoinDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Choose the key file" in dialog.error.text()
    dialog.key_file.setText(str(tmp_path / "nope.edkey"))
    dialog.accept()
    assert "no file" in dialog.error.text()
    key = tmp_path / "k.edkey"
    key.write_text("{}")
    dialog.key_file.setText(str(key))
    dialog.accept()
    assert "passphrase" in dialog.error.text()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == 1


def test_network_path_without_a_secure_keyring_is_told_and_kept_for_the_session(
    qtbot, stores, make_page, monkeypatch
) -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from app.sync import smb

    a, _ = stores
    page = make_page(a)
    page.team.folder.setText(r"\\fileserver\bsr\employer-desk")
    assert page.team.smb_user.isEnabled() and page.team.smb_password.isEnabled()
    assert not page.team.keyring_note.isVisible()  # the test keyring is a secure one
    assert page.team.smb_password.placeholderText() == KEPT_IN_KEYRING
    assert "kept in this computer's keyring" in JoinDialog(page).intro.text()
    keyring.set_keyring(FailKeyring())
    page.team.folder.setText(r"\\fileserver\bsr\employer-desk2")
    assert page.team.keyring_note.isVisible()
    assert page.team.keyring_note.text() == NO_KEYRING_NOTICE
    # No sentence still claims a keyring this computer does not have.
    assert page.team.smb_password.placeholderText() == KEPT_FOR_SESSION
    assert "keyring" not in KEPT_FOR_SESSION.replace("no secure keyring", "")
    join_text = JoinDialog(page).intro.text()
    assert "kept in this computer's keyring" not in join_text
    assert "only until Employer Desk closes" in join_text
    # The password is then held in memory only, and still reaches the transport.
    assert smb.save_password("OFFICE\\ana", "fileserver", "s3cret!") is False
    assert smb.load_password("OFFICE\\ana", "fileserver") == "s3cret!"
    page.team.folder.setText(str(Path.home()))
    assert not page.team.smb_user.isEnabled()


def test_a_store_without_the_key_says_what_waits_for_it(qtbot, team_pages, memory_keyring):
    page_a, page_b = team_pages
    b = page_b.context.store
    row = team_service.team(b)
    memory_keyring.secrets.clear()
    secrets.forget_session()
    out = sync_through(qtbot, page_b)
    assert not out.has_key
    assert page_b.controller.state() is SyncState.NO_KEY
    assert "missing on this computer" in page_b.team.key_wait_text.text()
    assert row is not None and team_keys.custody(row.team_id) is None
    page_b.team.load()
    assert "does not have the team key" in page_b.team.key_text.text()
