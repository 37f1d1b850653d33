"""Item models of the Reports page: the figures, a chart's points, the records behind a figure."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.core.metrics import Figure
from app.services.reports.records import RecordTable
from app.services.reports.series import Point, Series
from app.ui.models import MUTED_COLOR, Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex


class FiguresModel(RowTableModel):
    """One row per metric; the definition is every cell's tooltip."""

    columns = (
        Column("Metric", lambda f: f.definition.name),
        Column("Value", lambda f: f.detail(), key=lambda f: f.value, align_right=True),
    )

    def row_id(self, row: Figure) -> str:
        return row.id

    def tooltip(self, row: Figure, column: int) -> str:
        note = f"\n\n{row.note}" if row.note else ""
        records = f"\n\nDouble-click to see the {len(row.record_ids)} records behind it."
        return row.definition.text() + note + (records if row.record_ids else "")

    def foreground(self, row: Figure, column: int) -> QColor | None:
        return MUTED_COLOR if row.value is None else None


class SeriesModel(RowTableModel):
    """A chart's points as a table (label, value shown): what the chart widget paints."""

    columns = (
        Column("Label", lambda p: p.label),
        Column("Value", lambda p: p.text, key=lambda p: p.value, align_right=True),
    )

    def __init__(self, series: Series, parent: Any = None) -> None:
        super().__init__(parent)
        self.series = series
        self.set_rows(list(series.points))

    def row_id(self, row: Point) -> str:
        return row.label

    def tooltip(self, row: Point, column: int) -> str:
        return f"{self.series.name}, {row.label}: {row.text}\n\n{self.series.definition}"


class RecordsModel(QAbstractTableModel):
    """The rows of a RecordTable (already plain text)."""

    def __init__(self, table: RecordTable, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = table

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.table.rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            row = self.table.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.table.headers)
        ):
            return self.table.headers[section]
        return None
