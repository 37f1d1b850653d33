"""The kiosk's form for a walk-in: the few fields that matter, in typing order."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError
from app.services.events.checkin import PersonInput


class WalkInForm(QWidget):
    """The few fields that matter, in typing order; Enter in any box saves."""

    submitted = Signal()
    cancelled = Signal()

    def __init__(self, programs: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel("New here? Tell us who you are")
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        layout.addWidget(title)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText("phone number or email address")
        self.zip_code = QLineEdit(self)
        self.zip_code.setMaxLength(10)
        self.age = QComboBox(self)
        self.age.addItem("Adult", "adult")
        self.age.addItem("Youth (16-24)", "youth")
        self.program = QComboBox(self)
        self.program.addItem("Not sure", "")
        for code, name in programs:
            self.program.addItem(name, code)
        self.needs_help = QCheckBox("Needs help with an application", self)
        for label, widget in (
            ("Name", self.name),
            ("Phone or email", self.contact),
            ("ZIP code", self.zip_code),
            ("Age group", self.age),
            ("Program interest", self.program),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.needs_help.setAccessibleName("Needs help with an application")
        form.addRow("", self.needs_help)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e; font-size: 13pt;")
        self.error.setAccessibleName("Error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save = QPushButton("Check in  (Enter)", self)
        self.save.setAccessibleName("Check in walk-in")
        self.cancel = QPushButton("Back  (Esc)", self)
        self.cancel.setAccessibleName("Back to search")
        buttons.addWidget(self.save)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save.clicked.connect(self.submitted)
        self.cancel.clicked.connect(self.cancelled)
        for edit in (self.name, self.contact, self.zip_code):
            edit.returnPressed.connect(self.submitted)
        for widget in (self.age, self.program, self.needs_help):
            widget.installEventFilter(self)
        QWidget.setTabOrder(self.name, self.contact)
        QWidget.setTabOrder(self.contact, self.zip_code)
        QWidget.setTabOrder(self.zip_code, self.age)
        QWidget.setTabOrder(self.age, self.program)
        QWidget.setTabOrder(self.program, self.needs_help)
        QWidget.setTabOrder(self.needs_help, self.save)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        """Enter saves from the combo boxes and the check box too."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def start(self, name: str) -> None:
        for edit in (self.name, self.contact, self.zip_code):
            edit.clear()
        self.name.setText(name)
        self.age.setCurrentIndex(0)
        self.program.setCurrentIndex(0)
        self.needs_help.setChecked(False)
        self.error.clear()
        (self.contact if name else self.name).setFocus()

    def person(self) -> PersonInput:
        contact = self.contact.text().strip()
        is_email = "@" in contact
        return PersonInput(
            name=self.name.text(),
            phone="" if is_email else contact,
            email=contact if is_email else "",
            zip_code=self.zip_code.text(),
            age_group=self.age.currentData(),
            programs=(self.program.currentData(),) if self.program.currentData() else (),
            needs_application_help=self.needs_help.isChecked(),
        )

    def show_error(self, err: FieldError) -> None:
        self.error.setText(err.message)
        target = {"name": self.name, "phone": self.contact, "email": self.contact}.get(
            err.field, self.zip_code if err.field == "zip_code" else self.name
        )
        target.setFocus()
        target.selectAll()


__all__ = ["WalkInForm"]
