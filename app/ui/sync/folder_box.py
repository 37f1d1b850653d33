"""The team's shared folder: path, network user and password, and where that password is kept.

Every sentence about the password says where it really goes: the keyring when this
computer has a secure one (`app.secrets.is_secure`), else this session only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app import secrets
from app.sync.smb import is_unc
from app.ui.widgets import ERROR_COLOR

NO_KEYRING_NOTICE = (
    secrets.session_only_notice("the share password") + " You will be asked for it again next time."
)
#: Password placeholders, as true as the keyring behind them.
KEPT_IN_KEYRING = "kept in this computer's keyring"
KEPT_FOR_SESSION = "kept only until Employer Desk closes (no secure keyring)"


def password_placeholder() -> str:
    """Where a password typed now will be kept, in a few words."""
    return KEPT_IN_KEYRING if secrets.is_secure() else KEPT_FOR_SESSION


class FolderBox(QWidget):
    """The folder fields of the Team panel; `values` reads them, `use_button` applies them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName("Shared folder")
        self.folder.setPlaceholderText(r"\\server\share\folder, or a folder on this computer")
        self.folder.textChanged.connect(self.typed)
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.setAccessibleName("Choose a folder on this computer or a mapped drive")
        self.choose_button.clicked.connect(self.choose_folder)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.folder, 1)
        row_layout.addWidget(self.choose_button)
        self.smb_user = QLineEdit(self)
        self.smb_user.setAccessibleName("Network user name")
        self.smb_user.setPlaceholderText(r"OFFICE\jdoe (only for \\server paths)")
        self.smb_password = QLineEdit(self)
        self.smb_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smb_password.setAccessibleName("Network password")
        self.smb_password.setPlaceholderText(password_placeholder())
        self.keyring_note = QLabel(NO_KEYRING_NOTICE, self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet(f"color: {ERROR_COLOR};")
        self.keyring_note.setAccessibleName("Keyring notice")
        self.use_button = QPushButton("Use this folder", self)
        self.use_button.setAccessibleName("Use this folder for the team")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Folder", row)
        form.addRow("Network &user", self.smb_user)
        form.addRow("Pass&word", self.smb_password)
        form.addRow(self.keyring_note)
        form.addRow("", self.use_button)
        for widget in (self.smb_user, self.smb_password):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.folder)

    def typed(self, text: str) -> None:
        """A network path enables the user and password, and says where a password goes."""
        smb = is_unc(text)
        self.smb_user.setEnabled(smb)
        self.smb_password.setEnabled(smb)
        self.smb_password.setPlaceholderText(password_placeholder())
        self.keyring_note.setVisible(smb and not secrets.is_secure())

    def choose_folder(self) -> None:
        start = self.folder.text() if Path(self.folder.text()).is_dir() else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "The team's shared folder", start)
        if chosen:
            self.folder.setText(chosen)

    def values(self) -> tuple[str, str, str | None] | None:
        """(folder, network user, password or None), or None when no folder is typed."""
        folder = self.folder.text().strip()
        if not folder:
            return None
        smb = is_unc(folder)
        user = self.smb_user.text().strip() if smb else ""
        password = self.smb_password.text() if smb and self.smb_password.text() else None
        return folder, user, password


__all__ = [
    "KEPT_FOR_SESSION",
    "KEPT_IN_KEYRING",
    "NO_KEYRING_NOTICE",
    "FolderBox",
    "password_placeholder",
]
