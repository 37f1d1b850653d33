"""Joining the team from the first-run dialog: the shared folder, the key file, its passphrase.

A new BSR's first start can end with the team's data on their computer: the
folder and the key are checked and saved with the existing team services, and
the automatic sync that runs once the window is open brings the records in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.services.team import team as team_service
from app.store.engine import Store
from app.sync.smb import is_unc
from app.ui.sync.dialogs import _file_row, _password_edit, key_file_field
from app.ui.widgets import ErrorLabel


class JoinTeamBox(QGroupBox):
    """The three things a team member gives a newcomer; `join(store)` uses them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your team", parent)
        self.setAccessibleName("Join my team")
        intro = QLabel(
            "Choose the team's shared folder and the key file a team member exported for you "
            "(its name ends in .edkey), and type the passphrase they told you.",
            self,
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName("Shared folder")
        self.folder.setPlaceholderText(r"\\server\share\EmployerDesk")
        self.choose_folder_button = QPushButton("Choose…", self)
        self.choose_folder_button.setAccessibleName("Choose the shared folder")
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.key_file, self.choose_key_button = key_file_field(self)
        self.passphrase = _password_edit(self, "Passphrase of the key file")
        self.error = ErrorLabel(self)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Shared &folder", _file_row(self, self.folder, self.choose_folder_button))
        form.addRow("&Key file", _file_row(self, self.key_file, self.choose_key_button))
        form.addRow("Pass&phrase", self.passphrase)
        form.addRow(self.error)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "The team's shared folder", str(Path.home())
        )
        if chosen:
            self.folder.setText(chosen)

    def problem(self) -> tuple[QWidget, str] | None:
        """The first field that is missing or wrong, and what to do about it."""
        folder = self.folder.text().strip()
        key = self.key_file.text().strip()
        if not folder:
            return self.folder, "Choose the team's shared folder."
        if not is_unc(folder) and not Path(folder).is_dir():
            return self.folder, f"There is no folder {folder}: is the network drive connected?"
        if not key:
            return self.key_file, "Choose the key file a team member gave you."
        if not Path(key).is_file():
            return self.key_file, f"There is no file {key}."
        if not self.passphrase.text():
            return self.passphrase, "Type the passphrase of the key file."
        return None

    def join(self, store: Store) -> bool:
        """Join the team (the key goes to the keyring); False, with the reason shown, if not."""
        found = self.problem()
        if found is not None:
            widget, message = found
            self.error.show_message(message)
            widget.setFocus()
            return False
        try:
            notice = team_service.join_team(
                store,
                self.folder.text().strip(),
                Path(self.key_file.text().strip()),
                self.passphrase.text(),
            )
        except team_service.TeamError as exc:
            self.error.show_message(str(exc))
            self.passphrase.setFocus()
            return False
        self.error.show_message("")
        self.joined_message = f"Joined the team. {notice.message}"
        return True
