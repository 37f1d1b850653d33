"""The conflict log: values that lost to an edit made on another computer, and putting one back."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError
from app.services.team import conflicts
from app.services.team.computers import computer_labels
from app.services.team.record_labels import field_title, record_labels
from app.sync.changes import device_id
from app.ui.context import AppContext
from app.ui.sync.models import ConflictModel, ConflictView, shown_value
from app.ui.sync.worker import SyncController
from app.ui.widgets import ErrorLabel

#: Widest a column starts (px): long values are cut in the table and shown in full below it.
MAX_COLUMN = 230


class ConflictsPanel(QWidget):
    """Open conflicts (and those resolved here), newest first."""

    def __init__(
        self, context: AppContext, controller: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.controller = controller
        self._resolved_here: set[int] = set()
        intro = QLabel(
            "When two computers changed the same field before syncing, the later change is "
            "kept everywhere and the other value is listed here. Choose a row and "
            "<b>Use this value instead</b> to put the losing value back (on every computer).",
            self,
        )
        intro.setWordWrap(True)
        self.model = ConflictModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Conflict log")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.view.doubleClicked.connect(lambda _i: self.use_selected())
        self.use_button = QPushButton("&Use this value instead", self)
        self.use_button.setAccessibleName("Use the value that lost instead of the value kept")
        self.use_button.clicked.connect(self.use_selected)
        self.dismiss_button = QPushButton("&Keep the current value", self)
        self.dismiss_button.setAccessibleName("Keep the current value and close this conflict")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.show_resolved = QCheckBox("Show &resolved", self)
        self.show_resolved.setAccessibleName("Show resolved conflicts too")
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.count_text = QLabel(self)
        self.count_text.setAccessibleName("Open conflicts")
        self.error = ErrorLabel(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("The chosen conflict in full")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_text)
        buttons.addWidget(self.show_resolved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        controller.sync_done.connect(lambda _o: self.refresh())
        context.signals.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, table: str) -> None:
        if table in ("conflict", "sync"):
            self.refresh()

    def refresh(self) -> None:
        """Reload the log (open entries, those resolved here, or all of them)."""
        store = self.context.store
        selected = self.selected()
        entries = conflicts.list_conflicts(store, include_resolved=True)
        if not self.show_resolved.isChecked():
            entries = [e for e in entries if not e.resolved or e.id in self._resolved_here]
        labels = record_labels(store, [(e.table, e.row_id) for e in entries])
        me = device_id(store)
        names = computer_labels(store)
        self.model.set_rows(
            [ConflictView(e, labels[(e.table, e.row_id)], me, names) for e in entries]
        )
        self._fit_columns()
        n = sum(1 for e in entries if not e.resolved)
        self.count_text.setText(
            "No open conflicts" if n == 0 else f"{n} open conflict{'s' if n != 1 else ''}"
        )
        if selected is not None:
            row = self.model.row_of(str(selected.id))
            if row >= 0:
                self.view.selectRow(row)
        self._selection_changed()

    def _fit_columns(self) -> None:
        """Columns as wide as their text, long values capped so every column stays in view."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN))

    def selected(self) -> ConflictView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_conflict(self, conflict_id: int) -> None:
        row = self.model.row_of(str(conflict_id))
        if row >= 0:
            self.view.selectRow(row)

    def _selection_changed(self) -> None:
        view = self.selected()
        open_row = view is not None and not view.conflict.resolved
        self.use_button.setEnabled(open_row)
        self.dismiss_button.setEnabled(open_row)
        if view is None:
            self.detail.setText("")
            return
        c = view.conflict
        self.detail.setText(
            f"<b>{escape(view.record)}</b>, {escape(field_title(c.column))} "
            f"({escape(c.label.lower())}).<br>Kept: {escape(shown_value(c.won_value))}"
            f"<br>Lost: {escape(shown_value(c.lost_value))}"
        )

    def _resolve(self, action) -> bool:  # noqa: ANN001
        view = self.selected()
        if view is None or view.conflict.resolved:
            return False
        try:
            action(self.context.store, view.id)
        except FieldError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.show_message("")
        self._resolved_here.add(view.id)
        self.refresh()
        self.context.signals.data_changed.emit(view.conflict.table)
        self.controller.refresh_local()
        return True

    def use_selected(self) -> None:
        """Put the losing value back as a new edit here; it reaches the others at the next sync."""
        if self._resolve(conflicts.use_value):
            self.controller.sync_now()

    def dismiss_selected(self) -> None:
        self._resolve(conflicts.dismiss)


__all__ = ["ConflictsPanel"]
