"""A table model over a plain list of rows, sortable in place; every list in the app builds on it.

Rows are read in one service call and held in memory, so a 10,000-row list
costs one query, and the view asks only for the cells it paints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.ui.dates import LOCAL_TZ, local_date, shown_date, shown_datetime  # noqa: F401

ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_COLOR = QColor("#b3261e")
MUTED_COLOR = QColor("#6b6b6b")

_Index = QModelIndex | QPersistentModelIndex


#: Table cells show dates through app.ui.dates (the locale's short format), by these names.
short_date = shown_date
local_datetime = shown_datetime


@dataclass(frozen=True)
class Column:
    """One column: its title, the text shown, and the sort key (the text, folded, if None)."""

    title: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any] | None = None
    align_right: bool = False


def _sort_key(value: Any) -> tuple[bool, Any]:
    if isinstance(value, str):
        value = value.casefold()
    return (value is None or value == "", value if value is not None else 0)


class RowTableModel(QAbstractTableModel):
    """Rows (any objects) in columns; `row_id(row)` is what ID_ROLE returns."""

    columns: ClassVar[Sequence[Column]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # Subclasses adjust these --------------------------------------------------------
    def row_id(self, row: Any) -> str:
        return str(row.id)

    def foreground(self, row: Any, column: int) -> QColor | None:
        return None

    def bold(self, row: Any, column: int) -> bool:
        return False

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    # Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.columns[column].text(row)
        if role == ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.foreground(row, column)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.FontRole and self.bold(row, column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in old]
        self._apply_sort()
        position = {id(row): n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(position[id(r)], c) for r, c in held])
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        spec = self.columns[column]
        getter = spec.key or spec.text
        self._rows.sort(
            key=lambda r: _sort_key(getter(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )

    # Rows ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (keeping the chosen sort); views re-select by id afterwards."""
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def id_at(self, row: int) -> str:
        return self.row_id(self._rows[row])

    def row_of(self, row_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if self.row_id(r) == row_id), -1)
