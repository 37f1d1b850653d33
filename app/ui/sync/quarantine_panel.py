"""Changes from colleagues' computers set aside instead of applied, and why; dismissing them.

Dismissing asks first, naming what is dropped (computer, table, record, reason). The
question is a window-modal box opened without a nested event loop: the answer
arrives through its `finished` signal, and `dismissed` tells the page afterwards.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.team.quarantine import QuarantinedChange, UnknownChange, dismiss, quarantined
from app.ui.context import AppContext
from app.ui.models import Column, RowTableModel, local_datetime


def _dismissed(q: QuarantinedChange) -> str:
    if q.dismissed_at is None:
        return ""
    return f"by {q.dismissed_by}, {local_datetime(q.dismissed_at)}"


class QuarantineModel(RowTableModel):
    """One row per set-aside change: from which computer, what it changed, why not."""

    columns: ClassVar = (
        Column("From computer", lambda q: q.sender[0].upper() + q.sender[1:]),
        Column("File", lambda q: str(q.segment), key=lambda q: q.segment, align_right=True),
        Column("Change", lambda q: q.what),
        Column("Why it was set aside", lambda q: q.reason),
        Column(
            "When",
            lambda q: local_datetime(q.quarantined_at),
            key=lambda q: q.quarantined_at.timestamp(),
        ),
        Column("Dismissed", _dismissed),
    )

    def row_id(self, row: QuarantinedChange) -> str:
        return str(row.id)

    def foreground(self, row: QuarantinedChange, column: int) -> QColor | None:
        return QColor("#777") if row.dismissed else None

    def tooltip(self, row: QuarantinedChange, column: int) -> str | None:
        return f"{row.reason}\nDevice {row.device_id}, file {row.segment}"


class QuarantinePanel(QWidget):
    """The list of set-aside changes; empty most of the time."""

    #: How many changes were dismissed, once the person confirmed.
    dismissed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model = QuarantineModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Changes set aside")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.dismiss_button = QPushButton("&Dismiss…", self)
        self.dismiss_button.setAccessibleName("Dismiss the selected set-aside change")
        self.dismiss_button.setToolTip(
            "After looking at it: the change is never applied and stays listed as dismissed"
        )
        self.dismiss_button.clicked.connect(self.ask_dismiss)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Set aside message")
        #: The open confirmation, while one is asked.
        self.confirmation: QMessageBox | None = None
        self._asked: list[QuarantinedChange] = []
        actions = QHBoxLayout()
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        layout.addLayout(actions)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self.refresh()

    def refresh(self) -> None:
        rows = quarantined(self.context.store)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, min(self.view.columnWidth(3), 420))
        self.view.resizeRowsToContents()
        waiting = sum(1 for q in rows if not q.dismissed)
        gone = len(rows) - waiting
        later = f" {gone} dismissed change(s) stay listed, greyed." if gone else ""
        if waiting:
            text = (
                f"{waiting} change(s) from other computers broke a rule and were set aside; "
                "everything else from those computers was applied. Ask the person at that "
                "computer to check the record named here, then dismiss the change." + later
            )
        elif gone:
            text = "Every set-aside change has been dismissed." + later
        else:
            text = "No change from another computer has been set aside."
        self.intro.setText(text)
        self._enable()

    @property
    def count(self) -> int:
        """Set-aside changes not yet dismissed (what the tab's number counts)."""
        return sum(1 for q in self.model.rows() if not q.dismissed)

    def selected(self) -> list[QuarantinedChange]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.row_at(r) for r in sorted(rows)]

    def select(self, change_id: int) -> None:
        """Select the row of this set-aside change (keyboard users and tests alike)."""
        row = self.model.row_of(str(change_id))
        if row >= 0:
            self.view.selectRow(row)

    def _enable(self) -> None:
        self.dismiss_button.setEnabled(any(not q.dismissed for q in self.selected()))

    def ask_dismiss(self) -> None:
        """Ask, naming what is dropped; the answer arrives through the box's `finished`."""
        chosen = [q for q in self.selected() if not q.dismissed]
        if not chosen or self.confirmation is not None:
            return
        self._asked = chosen
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Dismiss set-aside change")
        box.setText(
            f"Dismiss {len(chosen)} set-aside change(s)? They are never applied here, and "
            "stay listed as dismissed, with your name and the time."
        )
        box.setInformativeText("\n\n".join(q.dropping() for q in chosen))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Dismiss")
        box.button(QMessageBox.StandardButton.No).setText("Keep")
        box.finished.connect(self._answered)
        self.confirmation = box
        box.open()

    def _answered(self, _result: int) -> None:
        box, self.confirmation = self.confirmation, None
        if box is None:
            return
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        asked, self._asked = self._asked, []
        if not yes:
            return
        try:
            done = dismiss(self.context.store, [q.id for q in asked])
        except UnknownChange as exc:
            self.message.setText(str(exc))
            self.refresh()
            return
        self.message.setText(f"Dismissed {done} change(s); they stay listed here.")
        self.refresh()
        self.dismissed.emit(done)


__all__ = ["QuarantineModel", "QuarantinePanel"]
