"""A small form dialog: labelled fields, each with its own error line, and a Save that
either succeeds or shows what is wrong under the field concerned (nothing half-saved)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError
from app.services.records import NotFound
from app.ui.dates import input_date
from app.ui.widgets import ErrorLabel

#: The text of a typed date field (M/D/YYYY), as app.ui.dates writes it.
date_text = input_date


class FormDialog(QDialog):
    """Subclasses add fields in __init__ and implement `submit()`, which saves or raises."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.rows: dict[str, QWidget] = {}
        self.hidden_rows: set[str] = set()
        self.result_value: Any = None
        self.form = QFormLayout()
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.general_error)
        self.body.addWidget(self.buttons)

    # Building ---------------------------------------------------------------------------
    def add(self, field: str, label: str, widget: QWidget) -> QWidget:
        widget.setAccessibleName(label.replace("&", ""))
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLabel(holder)
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        self.fields[field] = widget
        self.errors[field] = error
        self.rows[field] = holder
        return widget

    def set_row_visible(self, field: str, visible: bool) -> None:
        """Show a field (with its caption) only when the case needs it."""
        self.form.setRowVisible(self.rows[field], visible)
        if visible:
            self.hidden_rows.discard(field)
        else:
            self.hidden_rows.add(field)

    def row_visible(self, field: str) -> bool:
        return field not in self.hidden_rows

    def add_line(self, field: str, label: str, value: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setPlaceholderText(placeholder)
        self.add(field, label, edit)
        return edit

    def add_text(self, field: str, label: str, value: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(value, self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(56)
        self.add(field, label, edit)
        return edit

    def add_date(self, field: str, label: str, value: date | None = None) -> QLineEdit:
        return self.add_line(field, label, date_text(value), "M/D/YYYY")

    def add_check(self, field: str, label: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(label.replace("&", ""), self)
        box.setChecked(checked)
        box.setAccessibleName(label.replace("&", ""))
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(box)
        error = ErrorLabel(holder)
        column.addWidget(error)
        self.form.addRow("", holder)
        self.fields[field] = box
        self.errors[field] = error
        return box

    def add_choice(
        self, field: str, label: str, choices: Sequence[tuple[str, Any]], value: Any = None
    ) -> QComboBox:
        combo = QComboBox(self)
        for text, data in choices:
            combo.addItem(text, data)
        if value is not None:
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.add(field, label, combo)
        return combo

    # Reading -------------------------------------------------------------------------------
    def text(self, field: str) -> str:
        widget = self.fields[field]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def choice(self, field: str) -> Any:
        widget = self.fields[field]
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def checked(self, field: str) -> bool:
        widget = self.fields[field]
        assert isinstance(widget, QCheckBox)
        return widget.isChecked()

    def set_text(self, field: str, value: str) -> None:
        widget = self.fields[field]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.setEditText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(value)

    # Saving -----------------------------------------------------------------------------------
    def show_error(self, field: str, message: str) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.general_error.show_message("")
        target = self.errors.get(field)
        if target is not None:
            target.show_message(message)
            self.fields[field].setFocus()
        else:
            self.general_error.show_message(message)

    def error_text(self) -> str:
        """Every message showing now (tests and screen readers read it)."""
        shown = [e.text() for e in self.errors.values() if e.isVisibleTo(self) and e.text()]
        if self.general_error.text() and self.general_error.isVisibleTo(self):
            shown.append(self.general_error.text())
        return " ".join(shown)

    def submit(self) -> Any:
        raise NotImplementedError

    def save(self) -> bool:
        """Save and close, or show the problem and stay open."""
        try:
            self.result_value = self.submit()
        except FieldError as exc:
            self.show_error(exc.field, exc.message)
            return False
        except NotFound as exc:
            self.show_error("", f"{exc} Close and try again.")
            return False
        self.accept()
        return True
