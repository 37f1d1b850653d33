"""The Follow-ups tab: what was promised to this employer and by when; ticked off when done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import FollowUp
from app.core.validation import FieldError
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.dates import date_edit_format
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, short_date
from app.ui.widgets import LineField


def due_text(f: FollowUp, today: date | None = None) -> str:
    today = today or date.today()
    text = short_date(f.due_on)
    if f.done:
        return text
    if f.due_on < today:
        return f"{text} (overdue)"
    if f.due_on == today:
        return f"{text} (today)"
    return text


class FollowUpModel(RowTableModel):
    """Follow-ups with a Done box; ticking it asks for the change through `done_toggled`."""

    done_toggled = Signal(str, bool)

    columns = (
        Column("Done", lambda f: "Done" if f.done else "Open", key=lambda f: f.done),
        Column("Due", due_text, key=lambda f: f.due_on),
        Column("What", lambda f: f.what),
    )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            row = self.row_at(index.row())
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.done_toggled.emit(self.id_at(index.row()), checked)
            return True
        return False

    def foreground(self, row: FollowUp, column: int) -> Any:
        if row.done:
            return MUTED_COLOR
        if row.due_on < date.today():
            return OVERDUE_COLOR
        return None

    def bold(self, row: FollowUp, column: int) -> bool:
        return not row.done and row.due_on < date.today() and column == 1


class FollowUpsSection(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setAccessibleName("Due date")
        self.what = LineField(
            "what", "What to do", None, placeholder="What to do by then", parent=self
        )
        self.add_button = QPushButton("&Add follow-up", self)
        self.add_button.setAccessibleName("Add follow-up")
        self.add_button.clicked.connect(self.add)
        self.what.edit.returnPressed.connect(self.add)  # type: ignore[union-attr]
        self.done_button = QPushButton("&Mark done", self)
        self.done_button.setAccessibleName("Mark selected follow-up done")
        self.done_button.clicked.connect(self.mark_selected_done)
        form = QHBoxLayout()
        form.addWidget(QLabel("Due", self))
        form.addWidget(self.due)
        form.addWidget(self.what, 1)
        form.addWidget(self.add_button)
        self.model = FollowUpModel(self)
        self.model.done_toggled.connect(self.set_done)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Follow-ups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 80)
        self.table.setColumnWidth(1, 160)
        bottom = QHBoxLayout()
        bottom.addWidget(self.done_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.context.signals.data_changed.connect(self._data_changed)
        self.setEnabled(False)
        self._reset_form()

    def _reset_form(self) -> None:
        self.due.setDate(QDate(date.today() + timedelta(days=7)))
        self.what.set_value("")

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.setEnabled(employer_id is not None)
        self._reset_form()
        self.refresh()

    def refresh(self) -> None:
        rows = (
            employers.follow_ups(self.context.store, self.employer_id) if self.employer_id else []
        )
        self.model.set_rows(rows)

    def _data_changed(self, table: str) -> None:
        if table == "followup":
            self.refresh()

    def add(self) -> bool:
        if self.employer_id is None:
            return False
        try:
            employers.add_follow_up(
                self.context.store,
                self.employer_id,
                self.due.date().toPython(),
                self.what.text(),
                staff_id=self.context.me_id,
            )
        except FieldError as exc:
            self.what.show_error(exc.message)
            self.what.setFocus()
            return False
        self._reset_form()
        self.context.signals.data_changed.emit("followup")
        self.context.signals.data_changed.emit("employer")
        return True

    def set_done(self, follow_up_id: str, done: bool = True) -> None:
        employers.set_follow_up_done(self.context.store, follow_up_id, done)
        self.context.signals.data_changed.emit("followup")
        self.context.signals.data_changed.emit("employer")

    def mark_selected_done(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.set_done(self.model.id_at(index.row()), True)
