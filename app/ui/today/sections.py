"""The Today boxes: follow-ups due, employers gone quiet, employers stuck in a stage.

Each box is a list on its own model; Enter or a double-click opens the employer.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.agency import settings
from app.services.employers import employers, today
from app.ui.context import AppContext
from app.ui.models import RowTableModel
from app.ui.today.models import DueFollowUpsModel, QuietEmployersModel, StuckEmployersModel


class TodaySection(QWidget):
    """A titled list; `owner_id` narrows it to one BSR's employers (None: everyone's)."""

    title = ""
    empty_text = ""
    model_class: type[RowTableModel] = RowTableModel
    widths: tuple[int, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.owner_id: str | None = context.me_id
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        self.model = self.model_class(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(self.widths):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.top = QHBoxLayout()
        self.top.addWidget(self.heading)
        self.top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        context.signals.data_changed.connect(self._data_changed)

    def set_owner(self, owner_id: str | None) -> None:
        self.owner_id = owner_id
        self.refresh()

    def rows(self) -> list:
        raise NotImplementedError

    def describe(self, count: int) -> str:
        return ""

    def refresh(self) -> None:
        rows = self.rows()
        self.model.set_rows(rows)
        self.heading.setText(f"{self.title} ({len(rows)})")
        self.hint.setText(self.describe(len(rows)) if rows else self.empty_text)

    def _data_changed(self, table: str) -> None:
        if table in ("employer", "activity", "followup", "settings"):
            self.refresh()

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.context.signals.open_employer.emit(self.model.employer_at(row))  # type: ignore[attr-defined]


class FollowUpsDueSection(TodaySection):
    title = "Follow-ups due"
    empty_text = "Nothing due today. Follow-ups you add on an employer show up here on their date."
    model_class = DueFollowUpsModel
    widths = (100, 70, 220)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.done_button = QPushButton("Mark &done", self)
        self.done_button.setAccessibleName("Mark selected follow-up done")
        self.done_button.clicked.connect(self.mark_selected_done)
        self.top.addWidget(self.done_button)

    def rows(self) -> list:
        return today.follow_ups_due(self.context.store, date.today(), self.owner_id)

    def describe(self, count: int) -> str:
        overdue = sum(1 for r in self.model.rows() if r.overdue(date.today()))
        return f"{overdue} overdue (in red). Enter opens the employer." if overdue else ""

    def refresh(self) -> None:
        super().refresh()
        self.done_button.setEnabled(self.model.rowCount() > 0)

    def mark_selected_done(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        employers.set_follow_up_done(self.context.store, self.model.id_at(index.row()))
        self.context.signals.data_changed.emit("followup")
        self.context.signals.status_message.emit("Follow-up marked done.")
        return True


class QuietEmployersSection(TodaySection):
    title = "Not contacted lately"
    empty_text = "Every open employer has heard from you recently."
    model_class = QuietEmployersModel
    widths = (230, 120, 100)

    def rows(self) -> list:
        days = int(settings.get(self.context.store, settings.QUIET_DAYS))
        return today.quiet_employers(self.context.store, date.today(), days, self.owner_id)

    def describe(self, count: int) -> str:
        days = int(settings.get(self.context.store, settings.QUIET_DAYS))
        return f"No call, email or meeting logged for {days} days or more (change it in Settings)."


class StuckEmployersSection(TodaySection):
    title = "Stuck in a stage"
    empty_text = "No employer has been waiting in one stage for long."
    model_class = StuckEmployersModel
    widths = (230, 120, 100)

    def rows(self) -> list:
        days = int(settings.get(self.context.store, settings.STUCK_DAYS))
        return today.stuck_employers(self.context.store, date.today(), days, self.owner_id)

    def describe(self, count: int) -> str:
        days = int(settings.get(self.context.store, settings.STUCK_DAYS))
        return f"In the same pipeline stage for {days} days or more (change it in Settings)."
