"""The employer list's table view, as the Employers page and the list shown at start use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.employers.model import EmployerTableModel


def employer_table(model: EmployerTableModel, parent: QWidget) -> QTableView:
    """A sortable, row-selecting, read-only table over `model`, columns at their widths."""
    table = QTableView(parent)
    table.setObjectName("employerTable")
    table.setModel(model)
    table.setAccessibleName("Employers")
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setHighlightSections(False)
    table.setSortingEnabled(True)
    for column, width in enumerate(EmployerTableModel.WIDTHS):
        table.setColumnWidth(column, width)
    return table


def count_text(shown: int, filtered: bool, limit: int | None = None) -> str:
    """The line beside the filters saying how many employers the list shows."""
    if limit is not None and shown >= limit:
        return f"Best {limit:,} matches: keep typing to narrow"
    noun = "employer" if shown == 1 else "employers"
    return f"{shown:,} {noun}" + (" found" if filtered else "")
