"""First run on a new computer: "Join my team" with the shared folder and a key file exported
by a team member, so the new BSR's first sync brings the team's records in."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.agency import settings
from app.services.employers import employers
from app.services.team import team as team_service
from app.sync import keys as team_keys
from app.sync.keys import Custody
from app.ui.context import AppContext
from app.ui.launch import open_user_store
from app.ui.profile_dialog import FirstRunDialog

PASSPHRASE = "first-run passphrase"


@pytest.fixture
def team_share(tmp_path: Path, memory_keyring):
    """A colleague's store in a team with one employer published to a real shared folder,
    and the key file they exported; this computer's keyring holds nothing of it."""
    share = tmp_path / "share"
    share.mkdir()
    colleague = open_user_store(tmp_path / "colleague.sqlite")
    team_service.create_team(colleague, str(share))
    employers.create_employer(colleague, {"legal_name": "Lakeview Bakery Supply"})
    summary = team_service.sync_now(colleague)
    assert summary.published >= 1
    key_file = team_service.export_key(colleague, tmp_path / "team.edkey", PASSPHRASE)
    team_id = team_service.team(colleague).team_id
    colleague.close()
    memory_keyring.secrets.clear()
    return share, key_file, team_id


@pytest.fixture
def new_store(tmp_path: Path):
    opened = open_user_store(tmp_path / "new-computer.sqlite")
    yield opened
    opened.close()


def fill_profile(dialog: FirstRunDialog) -> None:
    form = dialog.form
    form.name.set_text("Rosa Delgado")
    form.email.set_text("rdelgado@example.org")
    form.phone.set_text("312 555 0123")
    form.office.setCurrentIndex(form.office.findText("Little Village"))


def test_starting_alone_is_the_default_and_hides_the_team_fields(qtbot, new_store):
    dialog = FirstRunDialog(AppContext(store=new_store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.alone.isChecked() and not dialog.join_box.isVisible()
    dialog.team.setChecked(True)
    assert dialog.join_box.isVisible()
    dialog.alone.setChecked(True)
    fill_profile(dialog)
    dialog.start_button.click()
    assert dialog.result() == 1
    assert team_service.team(new_store) is None


def test_joining_the_team_at_first_run_brings_the_team_data(qtbot, new_store, team_share):
    share, key_file, team_id = team_share
    context = AppContext(store=new_store)
    dialog = FirstRunDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_profile(dialog)
    dialog.team.setChecked(True)
    box = dialog.join_box
    box.folder.setText(str(share))
    box.key_file.setText(str(key_file))
    box.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(context.signals.status_message) as said:
        dialog.start_button.click()
    assert dialog.result() == 1
    assert "Joined the team" in said.args[0]
    assert settings.me(new_store).name == "Rosa Delgado"
    joined = team_service.team(new_store)
    assert joined.team_id == team_id and joined.folder == str(share)
    assert team_keys.custody(team_id) is Custody.KEYRING
    # The first sync (run by the window once it opens) brings the colleague's records.
    team_service.sync_now(new_store)
    names = [row.name for row in employers.list_rows(new_store)]
    assert "Lakeview Bakery Supply" in names


@pytest.mark.parametrize(
    ("folder", "key", "passphrase", "says"),
    [
        ("", "key", PASSPHRASE, "shared folder"),
        ("missing", "key", PASSPHRASE, "There is no folder"),
        ("share", "", PASSPHRASE, "key file"),
        ("share", "key", "", "passphrase"),
        ("share", "key", "not the passphrase", "passphrase"),
    ],
)
def test_a_wrong_team_field_keeps_the_dialog_open_and_joins_nothing(
    qtbot, new_store, team_share, tmp_path, folder, key, passphrase, says
):
    share, key_file, _ = team_share
    dialog = FirstRunDialog(AppContext(store=new_store))
    qtbot.addWidget(dialog)
    dialog.show()
    fill_profile(dialog)
    dialog.team.setChecked(True)
    box = dialog.join_box
    box.folder.setText({"share": str(share), "missing": str(tmp_path / "nope"), "": ""}[folder])
    box.key_file.setText(str(key_file) if key else "")
    box.passphrase.setText(passphrase)
    dialog.start_button.click()
    assert dialog.result() == 0 and dialog.isVisible()
    assert says.lower() in box.error.text().lower()
    assert team_service.team(new_store) is None
    assert settings.me(new_store) is None


def test_opening_a_key_file_starts_the_first_run_on_joining(qtbot, new_store, team_share):
    """What double-clicking a .edkey file does: `employer-desk --key-file FILE`."""
    from app.cli import build_parser

    _, key_file, _ = team_share
    args = build_parser().parse_args(["--key-file", str(key_file)])
    dialog = FirstRunDialog(AppContext(store=new_store), key_file=args.key_file)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.team.isChecked() and dialog.join_box.isVisible()
    assert dialog.join_box.key_file.text() == str(key_file)
