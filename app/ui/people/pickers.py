"""Choosing an employer or a participant by typing part of the name (search as you type)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app.services.employers import employers
from app.services.people import participants
from app.ui.context import AppContext

MAX_SHOWN = 25


class SearchPicker(QComboBox):
    """An editable combo: typing searches, the list offers matches, choosing one emits its id."""

    picked = Signal(str)

    def __init__(
        self,
        label: str,
        search: Callable[[str], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(label)
        self.lineEdit().setPlaceholderText("Type part of a name…")
        self.lineEdit().setAccessibleName(label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.lineEdit().textEdited.connect(lambda _t: self._timer.start())
        self.activated.connect(self._activated)

    def run_search(self, typed: str | None = None) -> None:
        """Fill the list with matches for what is typed (tests call it with the text)."""
        typed = self.lineEdit().text() if typed is None else typed
        results = self._search(typed)[:MAX_SHOWN] if typed.strip() else []
        self.blockSignals(True)
        self.clear()
        for label, value in results:
            self.addItem(label, value)
        self.setCurrentIndex(-1)
        self.lineEdit().setText(typed)
        self.blockSignals(False)
        if results and self.isVisible():
            self.showPopup()

    def _activated(self, index: int) -> None:
        value = self.itemData(index)
        if value:
            self.picked.emit(value)

    def choose(self, value: str, label: str) -> None:
        """Select a known record (from code, or when opening a form for a given record)."""
        index = self.findData(value)
        if index < 0:
            self.addItem(label, value)
            index = self.count() - 1
        self.setCurrentIndex(index)
        self.picked.emit(value)

    def value(self) -> str | None:
        index = self.currentIndex()
        if index < 0 or self.itemText(index) != self.currentText():
            return None
        return self.itemData(index)


def employer_picker(context: AppContext, parent: QWidget | None = None) -> SearchPicker:
    def search(typed: str) -> list[tuple[str, str]]:
        rows = employers.list_rows(context.store, employers.EmployerFilter(text=typed))
        return [(r.name, r.id) for r in rows[:MAX_SHOWN]]

    return SearchPicker("Employer", search, parent)


def participant_picker(context: AppContext, parent: QWidget | None = None) -> SearchPicker:
    def search(typed: str) -> list[tuple[str, str]]:
        rows = participants.list_rows(context.store, typed)
        return [(f"{r.name}  ·  {r.phone or r.email}", r.id) for r in rows[:MAX_SHOWN]]

    return SearchPicker("Participant", search, parent)
