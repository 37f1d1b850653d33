"""File > Export…: the format and the file, then the export in a worker thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.threads import Job

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.ui.context import AppContext

FORMATS: list[tuple[str, str, str]] = [
    ("xlsx", "Excel workbook, a sheet per table (.xlsx)", "Excel workbook (*.xlsx)"),
    ("csv", "CSV, one row per employer with its main contact (.csv)", "CSV (*.csv)"),
    ("json", "Complete backup, re-importable (.json)", "Employer Desk export (*.json)"),
]


class ExportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Export format")
        for key, label, _ in FORMATS:
            self.format_combo.addItem(label, key)
        self.path_edit = QLineEdit(str(Path.home() / "employers.xlsx"))
        self.path_edit.setAccessibleName("File to write")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save")
        browse.clicked.connect(self.browse)
        self.format_combo.currentIndexChanged.connect(self._fix_suffix)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export result")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setAccessibleName("Export now")
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Format:", self.format_combo)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 180)

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _fix_suffix(self) -> None:
        path = Path(self.path_edit.text().strip() or "employers")
        self.path_edit.setText(str(path.with_suffix(f".{self.fmt}")))

    def browse(self) -> None:
        label = next(f for k, _, f in FORMATS if k == self.fmt)
        path, _ = QFileDialog.getSaveFileName(self, "Export", self.path_edit.text(), label)
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> None:
        from app.services.importing.exporting import export

        path = Path(self.path_edit.text().strip())
        if not path.name or path.is_dir():
            self.status.setText("Give a file name to write.")
            return
        store, fmt = self.context.store, self.fmt
        self.export_button.setEnabled(False)
        self.status.setText("Exporting…")
        self.job = Job(lambda _progress, _cancel: export(store, fmt, path))
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _done(self, text: Any) -> None:
        self.status.setText(str(text))
        self.export_button.setEnabled(True)
        self.context.signals.status_message.emit(str(text))

    def _failed(self, exc: BaseException) -> None:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.status.setText(
            f"The export could not be written: {why}. Choose another folder or file name."
        )
        self.export_button.setEnabled(True)

    def reject(self) -> None:
        """Closing waits (bounded) for an export being written; the file is complete or absent."""
        if self.job is not None and self.job.is_running() and not self.job.stop():
            log.warning("the export did not end in time; it ends with the app")
        super().reject()


def run_export(context: AppContext, window: QWidget) -> None:
    """File > Export…"""
    ExportDialog(context, window).exec()
