"""The two small dialogs of team set-up: join with a key file, export the key file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import secrets
from app.sync.keys import MIN_PASSPHRASE
from app.ui.widgets import ErrorLabel

KEY_FILTER = "Team key files (*.edkey);;All files (*)"


def _file_row(parent: QWidget, edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


def _password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def key_file_field(parent: QWidget) -> tuple[QLineEdit, QPushButton]:
    """The key file's path and its "Choose…" button (a file dialog for .edkey files)."""
    edit = QLineEdit(parent)
    edit.setAccessibleName("Key file")
    edit.setPlaceholderText("team-key.edkey")
    browse = QPushButton("Choose…", parent)
    browse.setAccessibleName("Choose the key file")

    def choose() -> None:
        path, _ = QFileDialog.getOpenFileName(parent, "Team key file", "", KEY_FILTER)
        if path:
            edit.setText(path)

    browse.clicked.connect(choose)
    return edit, browse


class _KeyFileDialog(QDialog):
    """What both key dialogs share: the button row, the error line, checking before accepting."""

    error: ErrorLabel

    def _lay_out(self, intro: QLabel, form: QFormLayout, ok_text: str, ok_name: str) -> None:
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(ok_name)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def values(self) -> tuple[Path, str]:
        raise NotImplementedError

    def problem(self) -> str:
        raise NotImplementedError

    def accept(self) -> None:
        problem = self.problem()
        self.error.show_message(problem)
        if not problem:
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[Path, str] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()


def key_custody_sentence() -> str:
    """Where the team key will be kept once joined, as true as this computer's keyring."""
    if secrets.is_secure():
        return "The key is kept in this computer's keyring."
    return secrets.session_only_notice("the key")


class JoinDialog(_KeyFileDialog):
    """Key file and passphrase that another team member exported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join the team")
        self.setAccessibleName("Join the team")
        self.intro = intro = QLabel(
            "Choose the key file a team member exported for you (File name ends in .edkey) and "
            "type the passphrase they told you. " + key_custody_sentence(),
            self,
        )
        intro.setWordWrap(True)
        self.key_file, self.browse = key_file_field(self)
        self.passphrase = _password_edit(self, "Passphrase of the key file")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow("&Key file", _file_row(self, self.key_file, self.browse))
        form.addRow("&Passphrase", self.passphrase)
        self._lay_out(intro, form, "Join", "Join the team")

    def values(self) -> tuple[Path, str]:
        return Path(self.key_file.text().strip()), self.passphrase.text()

    def problem(self) -> str:
        path, passphrase = self.values()
        if not self.key_file.text().strip():
            return "Choose the key file."
        if not path.is_file():
            return f"There is no file {path}."
        if not passphrase:
            return "Type the passphrase of the key file."
        return ""


class ExportDialog(_KeyFileDialog):
    """Where to write the key file, and its passphrase typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the team key")
        self.setAccessibleName("Export the team key")
        intro = QLabel(
            "The key file lets another computer join the team. It is locked with a passphrase: "
            "give the file and the passphrase separately (say the passphrase, do not email it).",
            self,
        )
        intro.setWordWrap(True)
        self.out = QLineEdit(self)
        self.out.setAccessibleName("Save the key file as")
        self.out.setText(str(Path.home() / "team-key.edkey"))
        self.browse = QPushButton("Choose…", self)
        self.browse.setAccessibleName("Choose where to save the key file")
        self.browse.clicked.connect(self._browse)
        self.passphrase = _password_edit(self, "Passphrase")
        self.again = _password_edit(self, "Passphrase again")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow("&Save as", _file_row(self, self.out, self.browse))
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("&Again", self.again)
        self._lay_out(intro, form, "Export", "Export the key file")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the team key", self.out.text(), KEY_FILTER
        )
        if path:
            self.out.setText(path)

    def values(self) -> tuple[Path, str]:
        return Path(self.out.text().strip()), self.passphrase.text()

    def problem(self) -> str:
        path, passphrase = self.values()
        if not self.out.text().strip():
            return "Choose where to save the key file."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        if len(passphrase) < MIN_PASSPHRASE:
            return f"Use a passphrase of at least {MIN_PASSPHRASE} characters."
        if passphrase != self.again.text():
            return "The two passphrases differ: type the same one twice."
        return ""


__all__ = ["ExportDialog", "JoinDialog"]
