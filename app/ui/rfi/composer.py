"""The email composer: a template filled from the record, edited by the BSR, then saved as an
Outlook draft (.eml) or sent through the outbox when a mail server is set up."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import forms
from app.mail import outbox, smtp
from app.mail.message import Draft
from app.services.rfi import mail as mail_service
from app.ui.context import AppContext
from app.ui.widgets import ERROR_COLOR


class FileOpener:
    """Opens a saved draft in the default mail program; a class so tests can replace `open`."""

    @classmethod
    def open(cls, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class OutboxWorker(QObject):
    """Sends what waits in the outbox off the interface thread; reports back on it.

    Parented to the app-wide signals object, so it outlives the composer that started it.
    """

    finished = Signal(object)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context.signals)
        self.context = context
        self.done = False
        self.finished.connect(self._report)

    def start(self) -> None:
        threading.Thread(target=self._run, name="outbox", daemon=True).start()

    def _run(self) -> None:
        try:
            result = mail_service.flush_outbox(self.context.store)
        except Exception as exc:  # noqa: BLE001 - reported to the BSR, never lost silently
            result = outbox.FlushResult(
                0, -1, 0, f"The outbox could not be sent ({type(exc).__name__})."
            )
        self.finished.emit(result)

    def _report(self, result: outbox.FlushResult) -> None:
        self.done = True
        if result.error:
            message = f"Email kept in the outbox: {result.error}"
        else:
            message = f"Sent {result.sent} email{'s' if result.sent != 1 else ''}."
        self.context.signals.data_changed.emit("activity")
        self.context.signals.status_message.emit(message)
        self.deleteLater()


class ComposerDialog(QDialog):
    """One email to one employer. `done_with` tells the page what happened (saved/queued)."""

    finished_email = Signal(str)

    def __init__(
        self, context: AppContext, employer_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id = employer_id
        self.saved_path: Path | None = None
        self.setWindowTitle("Write email")
        self.setAccessibleName("Write email")
        self.resize(720, 600)
        self.template = QComboBox(self)
        self.template.setAccessibleName("Email template")
        for key, template in forms.EMAILS.load().items():
            self.template.addItem(template.name, key)
        self.to = QLineEdit(self)
        self.to.setAccessibleName("To")
        self.cc = QLineEdit(self)
        self.cc.setAccessibleName("Cc")
        self.subject = QLineEdit(self)
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Message")
        self.body.setTabChangesFocus(True)
        self.attachments = QListWidget(self)
        self.attachments.setAccessibleName("Attachments")
        self.attachments.setFixedHeight(72)
        self.remove_attachment = QPushButton("Remove attachment", self)
        self.remove_attachment.setAccessibleName("Remove selected attachment")
        self.remove_attachment.clicked.connect(self._remove_attachment)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")

        self.save_button = QPushButton("Save &draft for Outlook", self)
        self.save_button.setAccessibleName("Save draft for Outlook")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_draft)
        self.send_button = QPushButton("&Send", self)
        self.send_button.setAccessibleName("Send")
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton("Cancel", self)
        cancel.setAccessibleName("Cancel")
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Template", self.template)
        form.addRow("&To", self.to)
        form.addRow("&Cc", self.cc)
        form.addRow("S&ubject", self.subject)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attachments, 1)
        attach_row.addWidget(self.remove_attachment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(QLabel("Attachments", self))
        layout.addLayout(attach_row)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self.draft: Draft | None = None
        index = self.template.findData(kind)
        self.template.setCurrentIndex(max(index, 0))
        self.template.currentIndexChanged.connect(lambda _i: self.fill())
        self.fill()
        self._show_sending_state()

    # Filling ----------------------------------------------------------------
    def fill(self) -> None:
        """(Re)compose from the chosen template and the record."""
        kind = self.template.currentData()
        self.draft = self._compose(kind)
        self.to.setText(", ".join(self.draft.to))
        self.cc.setText(", ".join(self.draft.cc))
        self.subject.setText(self.draft.subject)
        self.body.setPlainText(self.draft.body)
        self.attachments.clear()
        for item in self.draft.attachments:
            row = QListWidgetItem(f"{item.filename}  ({len(item.data) // 1024 + 1} kB)")
            self.attachments.addItem(row)
        if not self.draft.to:
            self._problem("The employer has no contact with an email address: type one in To.")
        else:
            self.problem.hide()

    # What the email is and where it goes (a resume's composer writes its own) ----------
    def _compose(self, kind: str) -> Draft:
        return mail_service.compose(self.context.store, self.employer_id, kind)

    def _write_draft(self, draft: Draft) -> Path:
        return mail_service.save_draft(self.context.store, draft)

    def _queue(self, draft: Draft) -> None:
        mail_service.queue(self.context.store, draft)

    def _show_sending_state(self) -> None:
        config = mail_service.smtp_settings(self.context.store)
        secure, sentence = smtp.password_storage()
        if config is None:
            self.send_button.setEnabled(False)
            self.send_button.setToolTip("No mail server is set up: save a draft for Outlook.")
            self.status.setText("Saves an email that Outlook opens ready to send.")
        else:
            self.send_button.setEnabled(True)
            extra = "" if secure else f" {sentence}"
            self.status.setText(
                f"Send goes out through {config.host} (held in the outbox while offline).{extra}"
            )

    def _remove_attachment(self) -> None:
        row = self.attachments.currentRow()
        if self.draft is not None and 0 <= row < len(self.draft.attachments):
            del self.draft.attachments[row]
            self.attachments.takeItem(row)

    def _problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def current_draft(self) -> Draft:
        """The draft with the BSR's edits."""
        assert self.draft is not None
        self.draft.to = [a.strip() for a in self.to.text().split(",") if a.strip()]
        self.draft.cc = [a.strip() for a in self.cc.text().split(",") if a.strip()]
        self.draft.subject = self.subject.text().strip()
        self.draft.body = self.body.toPlainText()
        self.draft.kind = self.template.currentData()
        return self.draft

    # Actions ----------------------------------------------------------------
    def save_draft(self) -> Path | None:
        try:
            path = self._write_draft(self.current_draft())
        except (ValueError, OSError) as exc:
            self._problem(f"The draft was not saved: {exc}")
            return None
        self.saved_path = path
        self._after("activity", f"Draft saved: {path.name}. Outlook opens it ready to send.")
        FileOpener.open(path)
        self.finished_email.emit("drafted")
        self.accept()
        return path

    def send(self) -> bool:
        try:
            self._queue(self.current_draft())
        except ValueError as exc:
            self._problem(str(exc))
            return False
        self._after("activity", "Email queued; sending in the background.")
        self.sender_worker = OutboxWorker(self.context)
        self.sender_worker.start()
        self.finished_email.emit("queued")
        self.accept()
        return True

    def _after(self, table: str, message: str) -> None:
        self.context.signals.data_changed.emit(table)
        self.context.signals.data_changed.emit("employer")
        self.context.signals.status_message.emit(message)
