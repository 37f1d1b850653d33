"""Changes from colleagues' computers set aside instead of applied, and why."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from app.services.team.quarantine import QuarantinedChange, quarantined
from app.ui.context import AppContext
from app.ui.models import Column, RowTableModel, local_datetime
from app.ui.sync.worker import short_device


class QuarantineModel(RowTableModel):
    """One row per set-aside change: from which computer, what it changed, why not."""

    columns: ClassVar = (
        Column("From computer", lambda q: f"Computer {short_device(q.device_id)}"),
        Column("File", lambda q: str(q.segment), key=lambda q: q.segment, align_right=True),
        Column("Change", lambda q: q.what),
        Column("Why it was set aside", lambda q: q.reason),
        Column(
            "When",
            lambda q: local_datetime(q.quarantined_at),
            key=lambda q: q.quarantined_at.timestamp(),
        ),
    )

    def row_id(self, row: QuarantinedChange) -> str:
        return f"{row.device_id}|{row.segment}|{row.what}|{row.reason}"

    def tooltip(self, row: QuarantinedChange, column: int) -> str | None:
        return f"{row.reason}\nDevice {row.device_id}, file {row.segment}"


class QuarantinePanel(QWidget):
    """The list of set-aside changes; empty most of the time."""

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        rows = quarantined(self.context.store)
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, min(self.view.columnWidth(3), 420))
        self.view.resizeRowsToContents()
        self.intro.setText(
            f"{len(rows)} change(s) from other computers broke a rule and were set aside; "
            "everything else from those computers was applied. Ask the person at that "
            "computer to check the record named here."
            if rows
            else "No change from another computer has been set aside."
        )

    @property
    def count(self) -> int:
        return self.model.rowCount()


__all__ = ["QuarantineModel", "QuarantinePanel"]
