"""Mail settings (server, password in the keyring, drafts folder) and sending what waits.

File menu entries: "Mail server and drafts…" and "Send waiting emails". The
outbox is also tried shortly after start and every few minutes while the app runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.mail import outbox, smtp
from app.services.agency import settings
from app.services.rfi import mail as mail_service
from app.ui.context import AppContext
from app.ui.rfi.composer import OutboxWorker
from app.ui.widgets import ERROR_COLOR

RETRY_MS = 5 * 60 * 1000
FIRST_TRY_MS = 15 * 1000


class MailSettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Mail server and drafts")
        self.setAccessibleName("Mail server and drafts")
        store = context.store
        config = mail_service.smtp_settings(store)
        self.use_server = QCheckBox("Send through the agency's mail server", self)
        self.use_server.setAccessibleName("Send through the mail server")
        self.use_server.setChecked(config is not None)
        self.host = QLineEdit(config.host if config else "", self)
        self.host.setAccessibleName("Mail server")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(config.port if config else 587)
        self.port.setAccessibleName("Port")
        self.security = QComboBox(self)
        self.security.setAccessibleName("Security")
        for value, label in (
            ("starttls", "STARTTLS (port 587)"),
            ("ssl", "SSL (port 465)"),
            ("none", "None"),
        ):
            self.security.addItem(label, value)
        self.security.setCurrentIndex(
            max(0, self.security.findData(config.security if config else "starttls"))
        )
        self.username = QLineEdit(config.username if config else "", self)
        self.username.setAccessibleName("User name")
        self.from_address = QLineEdit(config.from_address if config else "", self)
        self.from_address.setAccessibleName("Send as (email address)")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText(
            "unchanged" if config and smtp.get_password(config) else ""
        )
        secure, sentence = smtp.password_storage()
        self.keyring_note = QLabel(sentence, self)
        self.keyring_note.setWordWrap(True)
        if not secure:
            self.keyring_note.setStyleSheet(f"color: {ERROR_COLOR};")
            self.password.setEnabled(False)
        self.drafts = QLineEdit(str(mail_service.drafts_folder(store)), self)
        self.drafts.setAccessibleName("Drafts folder")
        browse = QPushButton("Browse…", self)
        browse.setAccessibleName("Choose drafts folder")
        browse.clicked.connect(self._browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.use_server)
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Security", self.security)
        form.addRow("User name", self.username)
        form.addRow("Send as", self.from_address)
        form.addRow("Password", self.password)
        form.addRow(self.keyring_note)
        drafts_row = QHBoxLayout()
        drafts_row.addWidget(self.drafts, 1)
        drafts_row.addWidget(browse)
        form.addRow("Drafts folder", drafts_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.use_server.toggled.connect(self._enable)
        self._enable(self.use_server.isChecked())

    def _enable(self, on: bool) -> None:
        for w in (self.host, self.port, self.security, self.username, self.from_address):
            w.setEnabled(on)
        self.password.setEnabled(on and smtp.password_storage()[0])

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for email drafts", self.drafts.text()
        )
        if chosen:
            self.drafts.setText(chosen)

    def save(self) -> bool:
        store = self.context.store
        folder = self.drafts.text().strip()
        if folder:
            settings.put(store, mail_service.DRAFTS_FOLDER, str(Path(folder)))
        config = None
        if self.use_server.isChecked():
            if not self.host.text().strip():
                self.problem.setText("Type the mail server's name, like smtp.office365.com.")
                self.problem.show()
                return False
            config = smtp.SmtpSettings(
                host=self.host.text().strip(),
                port=self.port.value(),
                security=self.security.currentData(),
                username=self.username.text().strip(),
                from_address=self.from_address.text().strip(),
            )
        try:
            message = mail_service.save_smtp_settings(store, config, self.password.text() or None)
        except smtp.NoSecureKeyring as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return False
        self.context.signals.data_changed.emit("settings")
        self.context.signals.status_message.emit(message)
        self.accept()
        return True


def open_mail_settings(context: AppContext, window: QWidget) -> None:
    MailSettingsDialog(context, window).exec()


def send_waiting(context: AppContext, window: QWidget) -> OutboxWorker | None:
    """Try the outbox now (File menu); says plainly when there is nothing or no server."""
    store = context.store
    if mail_service.smtp_settings(store) is None:
        context.signals.status_message.emit("No mail server is set up: emails are saved as drafts.")
        return None
    if not outbox.waiting(store):
        context.signals.status_message.emit("No email is waiting to be sent.")
        return None
    worker = OutboxWorker(context)
    worker.start()
    return worker


class OutboxScheduler(QObject):
    """Tries the outbox soon after start and every few minutes: emails queued offline go out
    by themselves once the laptop is back on the network."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context.signals)
        self.context = context
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.busy: OutboxWorker | None = None
        QTimer.singleShot(FIRST_TRY_MS, self.tick)
        self.timer.start(RETRY_MS)

    def tick(self) -> None:
        store = self.context.store
        if self.busy is not None and not self.busy.done:
            return
        self.busy = None
        if mail_service.smtp_settings(store) is None:
            return
        if not outbox.waiting(store):
            return
        self.busy = OutboxWorker(self.context)
        self.busy.start()

    @property
    def sending(self) -> bool:
        return self.busy is not None and not self.busy.done


def ensure_scheduler(context: AppContext) -> OutboxScheduler:
    existing = context.signals.findChild(OutboxScheduler)
    return existing if existing is not None else OutboxScheduler(context)
