"""The employer's "RFI & eligibility" tab: answers, what is missing, each program's result with
reasons, the BSR's confirmation, and the emails that follow, a few clicks from answers to email."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import forms
from app.core.pipeline import stage_label
from app.core.programs import Result
from app.documents.rfi_form import RfiFormError
from app.documents.rfi_form_reader import read as read_form
from app.services.agency.org import staff
from app.services.employers.employers import get_employer
from app.services.rfi import eligibility, rfi_documents
from app.services.rfi import mail as mail_service
from app.services.rfi import rfi as rfi_service
from app.ui.context import AppContext
from app.ui.models import short_date
from app.ui.rfi.composer import ComposerDialog
from app.ui.rfi.entry import RfiEntryDialog
from app.ui.rfi.models import (
    AnswerRow,
    AnswersModel,
    MissingModel,
    ProgramResultsModel,
    ProgramRow,
)

WATCHED = {
    "rfi_answer",
    "employer",
    "contact",
    "open_position",
    "placement",
    "fit_override",
    "activity",
    "eligibility_decision",
    "settings",
}


class PdfFileDialog:
    """File choosers for RFI PDFs; a class so tests can replace `ask_open` and `ask_save`."""

    @classmethod
    def ask_open(cls, parent: QWidget) -> Path | None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import a returned RFI form", start, "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    @classmethod
    def ask_save(cls, parent: QWidget, suggested: str) -> Path | None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(
            parent, "Save the RFI form", str(Path(start) / suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None


class Notice:
    """A message the BSR must read; a class so tests can replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, text: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setAccessibleName(title)
        box.exec()


def _table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _button(parent: QWidget, text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


class EligibilityPanel(QWidget):
    """Shows and acts on one employer's RFI and eligibility. Drop a returned PDF on it to import."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.evaluation: eligibility.Evaluation | None = None
        self.composer: ComposerDialog | None = None
        self.entry: RfiEntryDialog | None = None
        self.last_changes: list[rfi_service.AnswerChange] = []
        self.setAcceptDrops(True)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("RFI status")
        self.fit = QLabel(self)
        self.fit.setWordWrap(True)
        self.fit.setAccessibleName("Employer fit")
        self.follow_up_button = _button(
            self,
            "&Follow-up email…",
            "Write follow-up email",
            "The email after a first meeting, with program flyers and the RFI attached",
        )
        self.form_button = _button(
            self, "Save RFI &form…", "Save RFI form", "Save the fillable RFI PDF, pre-filled"
        )
        self.import_button = _button(
            self,
            "&Import returned RFI…",
            "Import returned RFI",
            "Read the answers from a returned RFI PDF (or drop the PDF here)",
        )
        self.entry_button = _button(
            self,
            "&Enter answers…",
            "Enter RFI answers",
            "Type answers given on the phone or by email",
        )
        self.confirm_button = _button(
            self,
            "&Confirm decision",
            "Confirm eligibility decision",
            "Record these results as decided by you today",
        )
        self.tell_button = _button(
            self,
            "Confirm && &write eligibility email…",
            "Confirm and write eligibility email",
            "Confirm the decision and open the eligibility email, filled in and ready",
        )
        self.tell_button.setDefault(True)
        self.follow_up_button.clicked.connect(lambda: self.write_email("follow_up"))
        self.form_button.clicked.connect(self.save_form)
        self.import_button.clicked.connect(self.choose_and_import)
        self.entry_button.clicked.connect(self.enter_answers)
        self.confirm_button.clicked.connect(self.confirm)
        self.tell_button.clicked.connect(self.confirm_and_write)

        self.programs = ProgramResultsModel(self)
        self.program_view = _table(self, "Programs and results")
        self.program_view.setModel(self.programs)
        header = self.program_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.program_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_reasons(current.row())
        )
        self.reasons = QTextBrowser(self)
        self.reasons.setAccessibleName("Reasons")
        self.reasons.setOpenLinks(False)
        self.answers = AnswersModel(self)
        self.answer_view = _table(self, "RFI answers")
        self.answer_view.setModel(self.answers)
        for column, width in enumerate((34, 260, 260, 90)):
            self.answer_view.setColumnWidth(column, width)
        self.missing = MissingModel(self)
        self.missing_view = _table(self, "Missing answers")
        self.missing_view.setModel(self.missing)
        self.missing_view.setColumnWidth(0, 34)

        results = QSplitter(Qt.Orientation.Vertical, self)
        results.addWidget(self.program_view)
        results.addWidget(self.reasons)
        results.setStretchFactor(0, 3)
        results.setStretchFactor(1, 2)
        results.setChildrenCollapsible(False)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("RFI details")
        self.tabs.addTab(results, "Programs")
        self.tabs.addTab(self.answer_view, "Answers")
        self.tabs.addTab(self.missing_view, "Missing")

        row1 = QHBoxLayout()
        for b in (self.follow_up_button, self.form_button, self.import_button, self.entry_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.confirm_button)
        row2.addWidget(self.tell_button)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.fit)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.tabs, 1)
        context.signals.data_changed.connect(self._data_changed)
        self.set_employer(None)

    # Showing ----------------------------------------------------------------
    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.refresh()

    def _data_changed(self, table: str) -> None:
        if table in WATCHED and self.employer_id:
            self.refresh()

    def refresh(self) -> None:
        """Re-evaluate every program on what is known now."""
        enabled = self.employer_id is not None
        for b in (
            self.follow_up_button,
            self.form_button,
            self.import_button,
            self.entry_button,
            self.confirm_button,
            self.tell_button,
        ):
            b.setEnabled(enabled)
        if self.employer_id is None:
            self.evaluation = None
            self.programs.set_rows([])
            self.answers.set_rows([])
            self.missing.set_rows([])
            self.reasons.clear()
            self.fit.setText("")
            self.status.setText("Open an employer to see its RFI and eligibility.")
            return
        store = self.context.store
        self.evaluation = eligibility.evaluate(store, self.employer_id)
        decisions = eligibility.latest_decisions(store, self.employer_id)
        names = {s.id: s.name for s in staff(store)}
        rows = []
        for result in self.evaluation.results:
            decision = decisions.get(result.code)
            if decision is None:
                confirmed = "Not confirmed"
            elif (
                decision.answers_digest != self.evaluation.digest
                or decision.result != result.result.value
            ):
                confirmed = "Answers changed: confirm again"
            else:
                who = names.get(decision.confirmed_by or "", "")
                confirmed = f"Confirmed {short_date(decision.decided_on)}" + (
                    f" by {who}" if who else ""
                )
            rows.append(ProgramRow(result, confirmed))
        current = self.program_view.currentIndex().row()
        self.programs.set_rows(rows)
        history = {h.answer_id: h for h in reversed(rfi_service.history(store, self.employer_id))}
        definition = forms.RFI.load()
        self.answers.set_rows(
            [
                AnswerRow(
                    f,
                    self.evaluation.answers[f.id],
                    history[f.id].received_on if f.id in history else None,
                    _source_label(history[f.id].source) if f.id in history else "",
                    names.get(history[f.id].entered_by or "", "") if f.id in history else "",
                )
                for f in definition.fields
                if f.id in self.evaluation.answers
            ]
        )
        self.missing.set_rows(list(self.evaluation.missing))
        self.tabs.setTabText(1, f"Answers ({self.answers.rowCount()})")
        self.tabs.setTabText(2, f"Missing ({self.missing.rowCount()})")
        self._status(decisions)
        self.fit.setText(fit_html(eligibility.fit_report(store, self.employer_id)))
        row = current if 0 <= current < len(rows) else 0
        if rows:
            self.program_view.selectRow(row)
            self._show_reasons(row)

    def _status(self, decisions: dict) -> None:
        assert self.evaluation is not None
        employer = get_employer(self.context.store, self.employer_id)
        stage = stage_label(employer.stage) if employer else ""
        counts = {r: len(self.evaluation.by_result(r)) for r in Result}
        gaps = len(self.evaluation.missing)
        parts = [
            f"Stage: {stage}",
            f"{counts[Result.ELIGIBLE]} eligible, {counts[Result.NOT_ELIGIBLE]} not eligible, "
            f"{counts[Result.NEEDS_INFORMATION]} need information",
            f"{gaps} answer{'s' if gaps != 1 else ''} missing" if gaps else "no answers missing",
        ]
        if self.last_changes:
            parts.append(f"last import: {len(self.last_changes)} new or changed")
        self.status.setText(" · ".join(parts))
        if self.last_changes:
            self.status.setToolTip("\n".join(c.line() for c in self.last_changes))

    def _show_reasons(self, row: int) -> None:
        if not (0 <= row < self.programs.rowCount()):
            self.reasons.clear()
            return
        item = self.programs.row_at(row).result
        marks = {"met": "✔", "not_met": "✘", "unknown": "?"}
        lines = [f"<b>{html.escape(item.name)}: {html.escape(item.result.label)}</b><ul>"]
        for reason in item.reasons:
            lines.append(
                f"<li>{marks[reason.outcome]} {html.escape(reason.text)}"
                f"<br><small style='color:#555'>{html.escape(reason.source)}</small></li>"
            )
        lines.append("</ul>")
        self.reasons.setHtml("".join(lines))

    # Acting -----------------------------------------------------------------
    def save_form(self) -> Path | None:
        if not self.employer_id:
            return None
        path = PdfFileDialog.ask_save(self, "Request for Information.pdf")
        if path is None:
            return None
        try:
            rfi_documents.write_form(self.context.store, self.employer_id, path)
        except OSError as exc:
            Notice.ask(
                self, "RFI form not saved", f"The form could not be saved: {exc.strerror or exc}."
            )
            return None
        self.context.signals.status_message.emit(f"RFI form saved to {path}.")
        return path

    def choose_and_import(self) -> bool:
        path = PdfFileDialog.ask_open(self)
        return self.import_pdf(path) if path else False

    def import_pdf(self, path: Path) -> bool:
        """Read a returned form into the employer it was made for, and show what changed."""
        store = self.context.store
        try:
            result = rfi_documents.import_form(store, path, entered_by=self.context.me_id)
        except RfiFormError as exc:
            Notice.ask(self, exc.title, str(exc))
            return False
        except LookupError as exc:
            Notice.ask(self, "Employer not found", str(exc))
            return False
        except rfi_service.RfiAnswersError as exc:
            employer_id, raw = read_form(path, forms.RFI.load())
            Notice.ask(
                self,
                "Some answers need correcting",
                "Nothing was saved yet. Correct these answers in the form that opens next:\n\n"
                + "\n".join(p.line() for p in exc.problems),
            )
            preset = rfi_documents.entry_preset(raw, forms.RFI.load())
            self.enter_answers(preset=preset, employer_id=employer_id, source="pdf")
            return False
        self.last_changes = result.changes
        if result.employer_id != self.employer_id:
            self.context.signals.open_employer.emit(result.employer_id)
        self.context.signals.data_changed.emit("rfi_answer")
        self.context.signals.data_changed.emit("employer")
        self.context.signals.status_message.emit(
            f"RFI answers imported for {result.employer_name}: {len(result.changes)} new or changed."
        )
        return True

    def enter_answers(
        self, preset: dict | None = None, employer_id: str | None = None, source: str = "phone"
    ) -> RfiEntryDialog | None:
        target = employer_id or self.employer_id
        if not target:
            return None
        self.entry = RfiEntryDialog(self.context, target, self, preset=preset)
        index = self.entry.source.findData(source)
        if index >= 0:
            self.entry.source.setCurrentIndex(index)
        self.entry.open()
        return self.entry

    def confirm(self) -> bool:
        if not self.employer_id or self.evaluation is None:
            return False
        eligibility.confirm(
            self.context.store, self.employer_id, self.context.me_id, self.evaluation
        )
        self.context.signals.data_changed.emit("eligibility_decision")
        self.context.signals.status_message.emit("Eligibility decision confirmed.")
        return True

    def confirm_and_write(self) -> ComposerDialog | None:
        """One click: record the decision and open the matching email, filled and ready."""
        if not self.confirm() or self.evaluation is None:
            return None
        return self.write_email(mail_service.choose_kind(self.evaluation))

    def write_email(self, kind: str) -> ComposerDialog | None:
        if not self.employer_id:
            return None
        self.composer = ComposerDialog(self.context, self.employer_id, kind, self)
        self.composer.open()
        return self.composer

    # Drag and drop a returned PDF -------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.employer_id and any(
            u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")
            for u in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
                event.acceptProposedAction()
                self.import_pdf(Path(url.toLocalFile()))
                return


FIT_COLORS = {"good": "#1b6e2d", "watch": "#8a5a00", "poor": "#b3261e", "unknown": "#555555"}


def fit_html(fit: dict) -> str:
    """The fit line of the panel: level in its colour, then each reason (placements first,
    or the BSR's override with who and when)."""
    color = FIT_COLORS.get(fit["level"], "#555555")
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in fit["reasons"])
    refused = (
        " · Programs that refuse a poor fit are not eligible." if fit["level"] == "poor" else ""
    )
    return (
        f"<b>Fit: <span style='color:{color}'>{html.escape(fit['label'])}</span></b>"
        f"{refused}<ul style='margin:0'>{reasons}</ul>"
    )


def _source_label(source: str) -> str:
    from app.core.models.rfi import AnswerSource

    try:
        return AnswerSource(source).label
    except ValueError:
        return source
