"""Printed sheets and exports from the Reports page: an employer's impact sheet, the outreach
sheet, the top partners of the year with their thanks, letters and brunch list, and the
employer services of the chosen period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import AppreciationKind
from app.core.partner_ranking import RankedPartner
from app.services.reports import page_data, partners
from app.services.reports.impact import impact_pdf
from app.services.reports.metrics import Scope
from app.services.reports.outreach import outreach_pdf
from app.services.reports.services_export import write_services_xlsx
from app.ui.context import AppContext
from app.ui.dates import date_edit_format
from app.ui.models import Column, RowTableModel
from app.ui.widgets import ChoiceField


@dataclass(frozen=True)
class PartnerRow:
    partner: RankedPartner
    thanked: str


class PartnersModel(RowTableModel):
    """The ranked partners of a year, with the thanks already given."""

    columns = (
        Column("#", lambda r: str(r.partner.rank), key=lambda r: r.partner.rank, align_right=True),
        Column("Employer", lambda r: r.partner.figures.name),
        Column(
            "Points",
            lambda r: f"{r.partner.score:g}",
            key=lambda r: r.partner.score,
            align_right=True,
        ),
        Column("Thanked this year", lambda r: r.thanked),
        Column("Why", lambda r: " ".join(r.partner.reasons)),
    )

    def row_id(self, row: PartnerRow) -> str:
        return row.partner.figures.employer_id

    def tooltip(self, row: PartnerRow, column: int) -> str:
        return "\n".join([*row.partner.reasons, "", f"Thanks this year: {row.thanked}"])


class SheetsDialog(QDialog):
    def __init__(self, context: AppContext, scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.scope = scope
        self.today = scope.today
        self.setWindowTitle("Printed sheets and exports")
        self.resize(900, 640)
        self.employer = ChoiceField("Employer", self)
        self.employer.set_choices(page_data.employer_choices(context.store))
        impact = QPushButton("Save &impact sheet…", self)
        impact.clicked.connect(lambda: self._ask_pdf("Impact sheet", self.impact_bytes))
        outreach = QPushButton("Save &outreach sheet…", self)
        outreach.clicked.connect(lambda: self._ask_pdf("Outreach sheet", self.outreach_bytes))
        services = QPushButton(f"Export employer &services, {scope.period.label}…", self)
        services.clicked.connect(self._ask_services)
        papers = QGroupBox("Sheets for employers", self)
        form = QFormLayout(papers)
        row = QHBoxLayout()
        row.addWidget(self.employer, 1)
        row.addWidget(impact)
        form.addRow("Employer", row)
        form.addRow("First meetings", outreach)
        form.addRow("Agency records", services)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setAccessibleName("Year")
        self.year.valueChanged.connect(lambda _v: self.refresh_partners())
        self.model = PartnersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Top partners")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 220)
        header.resizeSection(3, 170)
        self.table.setWordWrap(False)
        self.left_out = QLabel(self)
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #6b6b6b;")
        self.kind = ChoiceField("What was given", self)
        self.kind.set_choices([(k.label, k.value) for k in AppreciationKind])
        self.given_on = QDateEdit(QDate(self.today.year, self.today.month, self.today.day), self)
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat(date_edit_format())
        self.given_on.setAccessibleName("Given on")
        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText("Notes (optional)")
        self.notes.setAccessibleName("Notes")
        record = QPushButton("&Record thanks", self)
        record.clicked.connect(self._record)
        letter = QPushButton("Thank-you &letter…", self)
        letter.clicked.connect(lambda: self._ask_pdf("Thank-you letter", self.letter_bytes))
        brunch = QPushButton("&Brunch invitation list…", self)
        brunch.clicked.connect(self._ask_brunch)
        box = QGroupBox("Top partners of the year", self)
        inner = QVBoxLayout(box)
        top = QHBoxLayout()
        top.addWidget(QLabel("Year", self))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(letter)
        top.addWidget(brunch)
        thanks = QHBoxLayout()
        thanks.addWidget(self.kind)
        thanks.addWidget(self.given_on)
        thanks.addWidget(self.notes, 1)
        thanks.addWidget(record)
        inner.addLayout(top)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.left_out)
        inner.addLayout(thanks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(papers)
        layout.addWidget(box, 1)
        layout.addWidget(buttons)
        self.refresh_partners()

    # Data -----------------------------------------------------------------------------------
    def refresh_partners(self) -> None:
        report = partners.rank_partners(self.context.store, self.year.value(), self.today)
        self.report = report
        self.model.set_rows(
            [
                PartnerRow(r, report.thanked_text(r.figures.employer_id))
                for r in report.ranking.ranked
            ]
        )
        if report.ranking.left_out:
            self.left_out.setText(
                "Not ranked: "
                + "; ".join(f"{x.figures.name} ({x.why})" for x in report.ranking.left_out)
            )
        else:
            self.left_out.setText("")
        if report.ranking.ranked and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_partner(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def impact_bytes(self) -> bytes:
        return impact_pdf(self.context.store, self.employer.currentData(), self.today)

    def outreach_bytes(self) -> bytes:
        return outreach_pdf(self.context.store, self.today)

    def letter_bytes(self) -> bytes:
        employer = self.selected_partner()
        if employer is None:
            raise LookupError("Choose a partner in the list first.")
        return partners.thank_you_pdf(self.context.store, employer, self.year.value(), self.today)

    def record_thanks(self) -> None:
        employer = self.selected_partner()
        if employer is None:
            raise ValueError("Choose a partner in the list first.")
        partners.record_appreciation(
            self.context.store,
            employer,
            self.year.value(),
            self.kind.currentData(),
            self.given_on.date().toPython(),
            self.context.me_id,
            self.notes.text(),
        )
        self.notes.clear()
        self.context.signals.data_changed.emit("appreciation")
        self.refresh_partners()

    # Files ------------------------------------------------------------------------------------
    @staticmethod
    def save_bytes(data: bytes, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)

    def _ask_pdf(self, name: str, make: Callable[[], bytes]) -> None:
        try:
            data = make()
        except (LookupError, ValueError) as exc:
            QMessageBox.information(self, name, str(exc))
            return
        target, _ = QFileDialog.getSaveFileName(self, f"Save {name}", f"{name}.pdf", "PDF (*.pdf)")
        if target:
            self._write(lambda: self.save_bytes(data, Path(target)), target)

    def _ask_services(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Export employer services", "Employer services.xlsx", "Excel (*.xlsx)"
        )
        if target:
            self._write(
                lambda: write_services_xlsx(self.context.store, self.scope.period, Path(target)),
                target,
            )

    def _ask_brunch(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Brunch invitation list", f"Brunch {self.year.value()}.xlsx", "Excel (*.xlsx)"
        )
        if target:
            self._write(
                lambda: partners.write_brunch_list(
                    self.context.store, self.year.value(), Path(target), self.today
                ),
                target,
            )

    def _write(self, write: Callable[[], object], target: str) -> None:
        try:
            write()
        except OSError as exc:
            QMessageBox.warning(
                self, "Not saved", f"{target} could not be written: {exc.strerror}."
            )
            return
        self.context.signals.status_message.emit(f"Saved {Path(target).name}")

    def _record(self) -> None:
        try:
            self.record_thanks()
        except ValueError as exc:
            QMessageBox.information(self, "Thanks not recorded", str(exc))
