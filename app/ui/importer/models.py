"""Item models for the import wizard: the column mapping, and read-only row tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.importing.mapping import TARGETS

_Index = QModelIndex | QPersistentModelIndex


class MappingModel(QAbstractTableModel):
    """One line per spreadsheet column: its header, sample values, and the field it fills (editable)."""

    HEADERS = ("Column in the file", "Imported as", "Example values")
    TARGET = 1

    def __init__(
        self, headers: Sequence[str], samples: Sequence[str], mapping: Sequence[str]
    ) -> None:
        super().__init__()
        self._headers = list(headers)
        self._samples = list(samples)
        self._mapping = list(mapping)

    @property
    def mapping(self) -> tuple[str, ...]:
        return tuple(self._mapping)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 3
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._headers):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return self._headers[row]
            if col == self.TARGET:
                return TARGETS[self._mapping[row]]
            if col == 2:
                return self._samples[row]
        if role == Qt.ItemDataRole.EditRole and col == self.TARGET:
            return self._mapping[row]
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.TARGET:
            return f"{self._headers[row]} imported as {TARGETS[self._mapping[row]]}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.TARGET else base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        if value not in TARGETS:
            return False
        self._mapping[index.row()] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class RowsModel(QAbstractTableModel):
    """Read-only rows of text (preview, duplicates, rejected rows), optionally with a tick box first."""

    def __init__(
        self, columns: Sequence[str], rows: Sequence[Sequence[Any]] = (), checkable: bool = False
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows = [list(r) for r in rows]
        self._checkable = checkable
        self._checked = [False] * len(self._rows)

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._checked = [False] * len(self._rows)
        self.endResetModel()

    def checked_rows(self) -> list[int]:
        return [i for i, c in enumerate(self._checked) if c]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._rows[row][col] if col < len(self._rows[row]) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and col == 0:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self._checkable and index.isValid() and index.column() == 0):
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if hasattr(value, "value") else value
        self._checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
