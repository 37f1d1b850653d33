"""A read-only table view set up the same way everywhere in the people area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.models import RowTableModel


def table_view(model: RowTableModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def selected_id(view: QTableView) -> str | None:
    index = view.currentIndex()
    model = view.model()
    if not index.isValid() or not isinstance(model, RowTableModel):
        return None
    return model.id_at(index.row())


def select_id(view: QTableView, row_id: str | None) -> bool:
    model = view.model()
    if row_id is None or not isinstance(model, RowTableModel):
        return False
    row = model.row_of(row_id)
    if row < 0:
        return False
    view.selectRow(row)
    view.setCurrentIndex(model.index(row, 0))
    return True
