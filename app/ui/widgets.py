"""Small widgets every page uses: a field that shows its own error, a notice bar with Undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: Called with (field, typed text); returns the value stored, or raises FieldError.
Commit = Callable[[str, str], Any]

ERROR_COLOR = "#b3261e"
_INVALID_STYLE = f"border: 2px solid {ERROR_COLOR}; border-radius: 3px; padding: 1px;"


def literal_label(text: str) -> str:
    """`text` for a tab, menu entry, button or check box, shown as written.

    Those widgets read a single "&" as the access-key marker and hide it ("Perez & Mitchell"
    would show as "Perez  Mitchell"); "&&" is how they show one "&".
    """
    return text.replace("&", "&&")


def display(value: Any) -> str:
    """How a stored value reads in an input box."""
    return "" if value is None else str(value)


class ErrorLabel(QLabel):
    """The reason a value was refused, shown right under its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setAccessibleName("Error")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class LineField(QWidget):
    """An input plus its error line. Each finished edit goes through `commit` at once.

    A value `commit` refuses (FieldError) stays in the box, flagged, and is never
    saved; the stored value is what the box held before.
    """

    committed = Signal(str, object)
    refused = Signal(str, str)

    def __init__(
        self,
        field: str,
        label: str,
        commit: Commit | None = None,
        multiline: bool = False,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.label = label
        self._commit = commit
        self._stored = ""
        self.error_message = ""
        self.multiline = multiline
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if multiline:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(64)
            self.edit.installEventFilter(self)
        else:
            self.edit = QLineEdit(self)
            self.edit.editingFinished.connect(self.finish)
            self.edit.setClearButtonEnabled(False)
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(label)
        self.error = ErrorLabel(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)

    # Reading and writing the box -------------------------------------------------
    def text(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Type into the box as a user would (tests and paste helpers)."""
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def set_value(self, value: Any) -> None:
        """Show a stored value; clears any error."""
        self._stored = display(value)
        self.set_text(self._stored)
        self.show_error("")

    def show_error(self, message: str) -> None:
        self.error_message = message
        self.error.show_message(message)
        self.edit.setStyleSheet(_INVALID_STYLE if message else "")
        self.edit.setAccessibleDescription(message)

    @property
    def dirty(self) -> bool:
        return self.text() != self._stored

    # Committing --------------------------------------------------------------------
    def finish(self) -> None:
        """The user is done with this field: validate and commit it, or flag it."""
        if self._commit is None:
            return
        text = self.text()
        if text == self._stored and not self.error_message:
            return
        from app.core.validation import FieldError

        try:
            stored = self._commit(self.field, text)
        except FieldError as exc:
            self.show_error(exc.message)
            self.refused.emit(self.field, exc.message)
            return
        self.set_value(stored)
        self.committed.emit(self.field, stored)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.finish()
        return super().eventFilter(watched, event)


class ChoiceField(QComboBox):
    """A combo of (label, value) pairs; `choice_made(value)` when the user picks one."""

    choice_made = Signal(object)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(label)
        self.activated.connect(lambda i: self.choice_made.emit(self.itemData(i)))

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for label, value in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.select(current)

    def select(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class NoticeBar(QFrame):
    """A quiet bar above a page: "Employer deleted — Undo". Hides itself after a while."""

    def __init__(self, parent: QWidget | None = None, timeout_ms: int = 20_000) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet(
            "#noticeBar { background: #fff4ce; border: 1px solid #e0c46c; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.message = QLabel(self)
        self.message.setAccessibleName("Notice")
        self.action = QPushButton(self)
        self.action.setAccessibleName("Undo")
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.setFlat(True)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.dismiss)
        self.action.clicked.connect(self.trigger)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def show_notice(
        self, text: str, action: str = "", callback: Callable[[], None] | None = None
    ) -> None:
        self.message.setText(text)
        self.action.setText(action)
        self.action.setAccessibleName(action or "Action")
        self.action.setVisible(bool(action and callback))
        self._callback = callback
        self.show()
        self._timer.start()

    def trigger(self) -> None:
        callback, self._callback = self._callback, None
        self.dismiss()
        if callback is not None:
            callback()

    def dismiss(self) -> None:
        self._timer.stop()
        self._callback = None
        self.hide()

    @property
    def pending(self) -> bool:
        return self._callback is not None


def heading(text: str, parent: QWidget | None = None, size: int = 15) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(f"font-size: {size}px; font-weight: 600;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SearchField(QLineEdit):
    """A search box that reports what was typed once typing pauses, not on every key.

    `search_changed(text)` comes `delay_ms` after the last key typed; `flush()` sends
    it at once (what a test or an Enter key wants).
    """

    search_changed = Signal(str)

    def __init__(
        self, placeholder: str, name: str, parent: QWidget | None = None, delay_ms: int = 200
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(name)
        self.setClearButtonEnabled(True)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(delay_ms)
        self.pause.timeout.connect(self.flush)
        self.textEdited.connect(lambda _text: self.pause.start())

    def flush(self) -> None:
        self.pause.stop()
        self.search_changed.emit(self.text())
