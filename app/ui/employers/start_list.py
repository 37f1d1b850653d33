"""The employer list shown at start, before the store is open.

`app.ui.launch.StartListReader` reads it (`app.services.employers.start_list`) in a thread
of its own as soon as the window is up; `StartListView` shows it with the page's own model,
table and saved layout until the Employers page, built once the store is open, takes its
rows over. Nothing here imports SQLModel: that is what the full store open is busy with.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.services.employers.listing import EmployerRow
from app.services.employers.start_list import StartList
from app.ui.employers.model import EmployerTableModel
from app.ui.employers.table import count_text, employer_table
from app.ui.people import fit_column


class StartListView(QWidget):
    """The list, sorted and laid out as the Employers page was left; read-only until the
    store is open (the detail pane says so)."""

    def __init__(self, start: StartList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_column.use(start.fits)
        self.model = EmployerTableModel(self)
        self.table = employer_table(self.model, self)
        self.count_label = QLabel(count_text(len(start.rows), filtered=False), self)
        self.count_label.setAccessibleName("Number of employers shown")
        # As tall as the page's row of filters, so the list stays put when the page takes over.
        self.count_label.setMinimumHeight(QComboBox().sizeHint().height())
        waiting = QLabel("Opening your data…", self)
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(waiting)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([680, 500])
        self.splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.model.set_rows(start.rows)
        saved: dict[str, Any] = (start.window_state.get("pages") or {}).get("employers") or {}
        if saved.get("splitter"):
            self.splitter.setSizes([int(x) for x in saved["splitter"]])
        if saved.get("header"):  # the saved sort comes with it
            self.table.horizontalHeader().restoreState(
                QByteArray.fromBase64(saved["header"].encode())
            )

    def rows(self) -> list[EmployerRow]:
        """The rows in the order shown."""
        return self.model.rows()

    def layout_state(self) -> dict[str, Any]:
        """Column order, widths and sort, and the splitter: what the page takes over."""
        return {
            "splitter": self.splitter.sizes(),
            "header": bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode(),
        }
