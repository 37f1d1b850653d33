"""OJT & Packets: every agreement with its status, next invoice and money; its detail and packet."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.models.ojt import AgreementStatus
from app.core.validation import FieldError
from app.services.ojt import agreements, overview, packet, wotc
from app.services.ojt.overview import AgreementRow
from app.services.ojt.packet import MissingItem
from app.ui.context import AppContext
from app.ui.dates import MONTH_EDIT_FORMAT, shown_month
from app.ui.ojt.detail import AgreementForm
from app.ui.ojt.dialogs import NewAgreementDialog
from app.ui.ojt.invoice_tab import InvoiceTab
from app.ui.ojt.models import AgreementModel, ProgressDelegate, fit_columns
from app.ui.ojt.packet_tab import PacketTab
from app.ui.ojt.plan_tab import PlanTab
from app.ui.ojt.separation_tab import SeparationTab
from app.ui.ojt.timesheet_tab import TimesheetTab
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.threads import WorkerThread
from app.ui.widgets import ChoiceField, ErrorLabel, heading

ALL = None
OJT_TABLES = ("ojt_agreement", "ojt_invoice", "ojt_timesheet", "ojt_plan_skill", "wotc_record")


class OjtPage(QWidget):
    #: The month's requests are ready (the PDF and its title), or could not be made (None and
    #: the reason); emitted from the worker thread, received on the interface thread.
    batch_ready = Signal(object, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.all_rows: list[AgreementRow] = []
        self.dialog: NewAgreementDialog | None = None
        self.batch: WorkerThread | None = None
        self.batch_ready.connect(self._batch_done)

        self.employer = ChoiceField("Employer", self)
        self.bsr = ChoiceField("BSR", self)
        self.status = ChoiceField("Status", self)
        self.status.set_choices(
            [("Every status", ALL)] + [(s.label, s.value) for s in AgreementStatus]
        )
        for combo in (self.employer, self.bsr, self.status):
            combo.choice_made.connect(lambda _v: self.apply_filters())
        self.new_button = QPushButton("New agreement…", self)
        self.new_button.setToolTip("Make a draft agreement from a hire, filled from the records")
        self.new_button.clicked.connect(lambda: self.new_agreement())
        self.month = QDateEdit(QDate.currentDate(), self)
        self.month.setDisplayFormat(MONTH_EDIT_FORMAT)
        self.month.setAccessibleName("Month of the invoices due")
        self.batch_button = QPushButton("Invoices due that month", self)
        self.batch_button.setToolTip("Every unpaid reimbursement request of the month in one PDF")
        self.batch_button.clicked.connect(self.show_invoices_due)
        self.error = ErrorLabel(self)

        self.model = AgreementModel(self)
        self.model.today = date.today()
        self.view = table_view(self.model, "OJT agreements", self)
        self.view.setItemDelegateForColumn(AgreementModel.MONEY, ProgressDelegate(self.view))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())

        self.form = AgreementForm(context, self)
        self.plan = PlanTab(context, self)
        self.timesheets = TimesheetTab(context, self)
        self.invoices = InvoiceTab(context, self)
        self.separation = SeparationTab(context, self)
        self.packet = PacketTab(context, self)
        self.packet.go_to.connect(self.go_to)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.packet, "Packet")
        self.tabs.addTab(self.form, "Agreement")
        self.tabs.addTab(self.plan, "Training plan")
        self.tabs.addTab(self.timesheets, "Timesheets")
        self.tabs.addTab(self.invoices, "Invoices")
        self.tabs.addTab(self.separation, "Separation")

        filters = QHBoxLayout()
        for label, combo in (
            ("Employer", self.employer),
            ("BSR", self.bsr),
            ("Status", self.status),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(combo, 1 if combo is self.employer else 0)
        filters.addSpacing(12)
        filters.addWidget(self.new_button)
        filters.addStretch(0)
        filters.addWidget(self.month)
        filters.addWidget(self.batch_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([700, 520])
        fit_columns(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("OJT & Packets", self))
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        context.signals.data_changed.connect(self._data_changed)
        self.refresh()

    # Rows ---------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = selected_id(self.view)
        self.all_rows = overview.rows(self.context.store)
        employers = sorted({(r.employer_name, r.employer_id) for r in self.all_rows})
        self.employer.set_choices([("Every employer", ALL), *employers])
        bsrs = sorted(
            {(r.bsr_name or "No BSR", r.staff_id) for r in self.all_rows}, key=lambda p: p[0]
        )
        self.bsr.set_choices([("Every BSR", ALL), *[(n, i or "") for n, i in bsrs]])
        self.apply_filters(keep)

    def apply_filters(self, keep: str | None = None) -> None:
        keep = keep or selected_id(self.view)
        employer, bsr, status = (c.currentData() for c in (self.employer, self.bsr, self.status))
        self.model.set_rows(
            [
                r
                for r in self.all_rows
                if (employer is ALL or r.employer_id == employer)
                and (bsr is ALL or (r.staff_id or "") == bsr)
                and (status is ALL or r.status == status)
            ]
        )
        if not select_id(self.view, keep) and self.model.rowCount():
            self.view.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        agreement_id = selected_id(self.view)
        row = next((r for r in self.model.rows() if r.id == agreement_id), None)
        title = f"OJT packet - {row.employer_name} - {row.trainee_name}" if row else "OJT packet"
        self.packet.set_agreement(agreement_id, title)
        for tab in (self.form, self.plan, self.timesheets, self.invoices, self.separation):
            tab.set_agreement(agreement_id)

    def _data_changed(self, table: str) -> None:
        if table in OJT_TABLES or table in ("employer", "participant", "placement"):
            self.refresh()

    def open_agreement(self, agreement_id: str) -> bool:
        """Show the agreement, clearing filters that hide it."""
        if select_id(self.view, agreement_id):
            return True
        for combo in (self.employer, self.bsr, self.status):
            combo.select(ALL)
        self.refresh()
        return select_id(self.view, agreement_id)

    def current_agreement_id(self) -> str | None:
        return selected_id(self.view)

    # Actions ------------------------------------------------------------------------
    def new_agreement(self, employer_id: str | None = None) -> str | None:
        self.dialog = NewAgreementDialog(self.context, employer_id, self)
        accepted = self.dialog.exec()
        made = self.dialog.agreement_id if accepted else None
        self.dialog = None
        if made:
            self.refresh()
            self.open_agreement(made)
            self.tabs.setCurrentWidget(self.form)
        return made

    def show_invoices_due(self) -> None:
        """Every unpaid request of the chosen month in one PDF, made off the interface thread
        (a busy month is hundreds of pages); shown in the packet tab when ready."""
        if self.batch is not None and self.batch.isRunning():
            return
        day = self.month.date()
        year, month, store = day.year(), day.month(), self.context.store
        title = f"Reimbursement requests due {shown_month(day.toPython())}"

        def work() -> None:
            try:
                result: tuple[bytes | None, str] = (
                    packet.invoices_due_pdf(store, year, month),
                    title,
                )
            except ValueError as exc:
                result = (None, str(exc))
            except Exception as exc:  # noqa: BLE001 - any failure is told, not lost
                result = (None, f"The requests could not be prepared: {exc}")
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
                self.batch_ready.emit(*result)

        self.batch_button.setEnabled(False)
        self.error.show_message("")
        self.context.signals.status_message.emit("Preparing the month's reimbursement requests…")
        self.batch = WorkerThread(work, "ojt-invoices-due", parent=self)
        self.batch.start()

    def _batch_done(self, pdf: bytes | None, text: str) -> None:
        self.batch_button.setEnabled(True)
        if pdf is None:
            self.error.show_message(text)
            return
        self.packet.show_pdf(pdf, text)
        self.tabs.setCurrentWidget(self.packet)

    def go_to(self, item: MissingItem) -> None:
        """Take the user where a missing value is filled in."""
        if item.record == packet.EMPLOYER:
            self.context.signals.open_employer.emit(item.record_id)
        elif item.record == packet.PARTICIPANT:
            window: Any = self.window()
            page = window.show_page("participants") if hasattr(window, "show_page") else None
            if page is not None:
                page.show_participant(item.record_id)
        elif item.record == packet.AGREEMENT:
            self.tabs.setCurrentWidget(self.form)
            self.form.focus_field(item.field)
        else:
            self._ask_value(item)

    def _ask_value(self, item: MissingItem) -> None:
        """A plan skill or WOTC value has no page of its own: it is asked for here."""
        text, ok = QInputDialog.getText(self, item.where, f"{item.label}:")
        if ok:
            self.save_missing(item, text)

    def save_missing(self, item: MissingItem, text: str) -> bool:
        """Save a value typed for a plan skill or a WOTC record on that record."""
        store = self.context.store
        try:
            if item.record == packet.WOTC:
                wotc.update_field(store, item.record_id, item.field, text)
            elif item.record_id == self.current_agreement_id():  # a plan with no skill yet
                agreements.add_skill(store, item.record_id, {"skill": text})
            else:
                agreements.update_skill(store, item.record_id, item.field, text)
        except FieldError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.show_message("")
        self.packet.refresh_missing()
        self.plan.set_agreement(self.current_agreement_id())
        return True
