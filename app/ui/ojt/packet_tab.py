"""The packet of one agreement: what is still missing (with a way there), the preview, print, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.ojt import invoices, packet
from app.services.ojt.packet import MissingItem
from app.ui.context import AppContext
from app.ui.models import short_date
from app.ui.ojt.models import MissingModel
from app.ui.ojt.preview import PdfPreview
from app.ui.people.tables import select_id, table_view
from app.ui.widgets import ChoiceField


class PacketTab(QWidget):
    """Before printing: the blanks and where each is filled in; then the packet as it prints."""

    #: The user asked to go and fill in a missing value.
    go_to = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.title = "OJT packet"
        self.missing = MissingModel(self)
        self.missing_view = table_view(self.missing, "Missing information", self)
        self.missing_view.doubleClicked.connect(lambda _i: self.go_to_selected())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.go_button = QPushButton("Go there", self)
        self.go_button.setToolTip("Open the record where the selected value is filled in")
        self.go_button.clicked.connect(self.go_to_selected)
        self.period = ChoiceField("Reimbursement period", self)
        self.show_button = QPushButton("Show packet", self)
        self.show_button.clicked.connect(self.show_packet)
        self.print_button = QPushButton("Print…", self)
        self.print_button.clicked.connect(self.print_shown)
        self.save_button = QPushButton("Save as PDF…", self)
        self.save_button.clicked.connect(self.save_shown)
        self.preview = PdfPreview("Choose “Show packet” to see it here as it prints.", self)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.go_button)
        top_layout.addLayout(row)
        top_layout.addWidget(self.missing_view)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Period:", self))
        actions.addWidget(self.period, 1)
        for button in (self.show_button, self.print_button, self.save_button):
            actions.addWidget(button)
        top_layout.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.preview)
        split.setStretchFactor(1, 3)
        split.setSizes([170, 500])
        header = self.missing_view.horizontalHeader()
        header.resizeSection(0, 220)
        header.resizeSection(1, 130)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._update_buttons()

    # Filling ------------------------------------------------------------------------
    def set_agreement(self, agreement_id: str | None, title: str = "OJT packet") -> None:
        self.agreement_id = agreement_id
        self.title = title
        self.preview.set_pdf(None)
        if agreement_id is None:
            self.missing.set_rows([])
            self.period.set_choices([])
            self.summary.setText("Choose an agreement.")
            self._update_buttons()
            return
        self.refresh_missing()
        rows = invoices.invoices(self.context.store, agreement_id)
        self.period.set_choices(
            [("Latest unpaid invoice", None)]
            + [
                (
                    f"{short_date(i.period_start)} - {short_date(i.period_end)} ({i.status})",
                    i.period_start,
                )
                for i in reversed(rows)
            ]
        )
        self.period.setCurrentIndex(0)
        self._update_buttons()

    def refresh_missing(self) -> None:
        if self.agreement_id is None:
            return
        items = packet.missing_information(self.context.store, self.agreement_id)
        self.missing.set_rows(items)
        self.missing_view.setVisible(bool(items))
        self.go_button.setVisible(bool(items))
        if items:
            select_id(self.missing_view, self.missing.id_at(0))
            self.summary.setText(
                f"<b>{len(items)} value{'s' if len(items) != 1 else ''} missing.</b> They print "
                "as marked blanks; fill them in first, or print and fill them in by hand."
            )
        else:
            self.summary.setText("Nothing missing: every value of the packet is on file.")

    # Actions ------------------------------------------------------------------------
    def selected_item(self) -> MissingItem | None:
        index = self.missing_view.currentIndex()
        return self.missing.row_at(index.row()) if index.isValid() else None

    def go_to_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.go_to.emit(item)

    def show_packet(self) -> None:
        if self.agreement_id is None:
            return
        period: date | None = self.period.currentData()
        pdf = packet.packet_pdf(self.context.store, self.agreement_id, period)
        self.show_pdf(pdf, self.title)

    def show_pdf(self, pdf: bytes, title: str) -> None:
        """Show any finished PDF (one packet or a month's batch) ready to print or save."""
        self.title = title
        self.preview.set_pdf(pdf)
        self._update_buttons()

    def print_shown(self) -> bool:
        if self.preview.pdf is None:
            return False
        from app.ui.printing import print_pdf

        return print_pdf(self.preview.pdf, self, self.title)

    def save_shown(self) -> Path | None:
        if self.preview.pdf is None:
            return None
        name, _ = QFileDialog.getSaveFileName(
            self, "Save as PDF", f"{self.title}.pdf", "PDF files (*.pdf)"
        )
        return self.save_to(Path(name)) if name else None

    def save_to(self, path: Path) -> Path | None:
        if self.preview.pdf is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        saved = packet.save(path, self.preview.pdf)
        self.context.signals.status_message.emit(f"Saved {saved.name}")
        return saved

    def _update_buttons(self) -> None:
        shown = self.preview.pdf is not None
        self.print_button.setEnabled(shown)
        self.save_button.setEnabled(shown)
        self.show_button.setEnabled(self.agreement_id is not None)
        self.period.setEnabled(self.agreement_id is not None)
