"""The invoices tab: a reimbursement request made from the pay periods entered, with a progress
rating for each skill of the plan; then approved, paid, or corrected by a new request (an
approved invoice is history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Invoice, InvoiceStatus
from app.core.ojt_money import dollars
from app.core.validation import FieldError
from app.services.ojt import agreements, invoices
from app.services.ojt import policy as ojt_policy
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.ojt.entry import FieldErrors, date_box, day_of, fixed, selected_row, switched
from app.ui.ojt.models import InvoiceModel
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import ChoiceField, ErrorLabel


class InvoiceTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.model = InvoiceModel(self)
        self.view = table_view(self.model, "Invoices", self)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        for column, width in enumerate((200, 96, 74, 80, 78, 85, 85)):
            self.view.setColumnWidth(column, width)
        self.count = QLabel(self)

        # A new request ----------------------------------------------------------
        self.error = ErrorLabel(self)
        self.errors = FieldErrors(self.error)
        self.first = ChoiceField("First pay period billed", self)
        self.last = ChoiceField("Last pay period billed", self)
        self.requested = date_box("Requested on", self)
        self.waiting = QLabel(self)
        self.rating_form = QFormLayout()
        self.ratings: dict[str, ChoiceField] = {}
        self.create_button = QPushButton("Make the request", self)
        self.create_button.clicked.connect(self.create)
        new = QGroupBox("New reimbursement request", self)
        form = QFormLayout(new)
        periods = QHBoxLayout()
        periods.addWidget(self.first, 1)
        periods.addWidget(QLabel("to", new))
        periods.addWidget(self.last, 1)
        form.addRow(self.waiting)
        form.addRow("Pay periods", self.errors.under("period_start", new, _row(periods, new)))
        form.addRow("Requested on", self.errors.under("requested_on", new, self.requested))
        form.addRow("Progress", self.errors.under("ratings", new, _row(self.rating_form, new)))
        form.addRow("", fixed(self.create_button))

        # The chosen invoice ------------------------------------------------------
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.act_error = ErrorLabel(self)
        self.act_errors = FieldErrors(self.act_error)
        self.on = date_box("Date approved or paid", self)
        self.approve_button = QPushButton("Approve", self)
        self.approve_button.clicked.connect(self.approve)
        self.paid = QLineEdit(self)
        self.paid.setAccessibleName("Amount paid")
        self.paid.setMaximumWidth(100)
        self.pay_button = QPushButton("Record payment", self)
        self.pay_button.clicked.connect(self.pay)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("Why the amount changes, e.g. hours corrected")
        self.correct_button = QPushButton("Correct", self)
        self.correct_button.setToolTip("A new request for the same period, from today's timesheets")
        self.correct_button.clicked.connect(self.correct)
        self.withdraw_button = QPushButton("Withdraw request", self)
        self.withdraw_button.clicked.connect(self.withdraw)
        act = QGroupBox("Chosen request", self)
        act_form = QFormLayout(act)
        act_form.addRow(self.chosen)
        when = QHBoxLayout()
        when.addWidget(self.approve_button)
        when.addSpacing(12)
        when.addWidget(QLabel("paid $", act))
        when.addWidget(self.errors_under_paid(act))
        when.addWidget(self.pay_button)
        when.addStretch(1)
        act_form.addRow("On", self.act_errors.under("approved_on", act, self.on))
        self.act_errors.labels["paid_on"] = self.act_errors.labels["approved_on"]
        act_form.addRow("", _row(when, act))
        fix = QHBoxLayout()
        fix.addWidget(self.reason, 1)
        fix.addWidget(self.correct_button)
        act_form.addRow(
            "Correction", self.act_errors.under("correction_reason", act, _row(fix, act))
        )
        act_form.addRow("", fixed(self.withdraw_button))
        act_form.addRow(self.act_error)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(act)
        layout.addWidget(new)
        layout.addWidget(self.error)

    def errors_under_paid(self, parent: QWidget) -> QWidget:
        return self.act_errors.under("paid_cents", parent, self.paid)

    # Showing ---------------------------------------------------------------------
    def set_agreement(self, agreement_id: str | None) -> None:
        """Show the agreement's invoices; ratings being chosen for it are kept."""
        changed = switched(self, agreement_id)
        store = self.context.store
        keep = selected_id(self.view)
        rows = invoices.invoices(store, agreement_id) if agreement_id else []
        self.model.set_rows(rows)
        if not select_id(self.view, keep) and rows:
            self.view.selectRow(len(rows) - 1)
        paid = sum(r.paid_cents or 0 for r in rows if r.status == InvoiceStatus.PAID)
        self.count.setText(
            f"{len(rows)} invoice{'s' if len(rows) != 1 else ''}, {dollars(paid)} paid"
            if rows
            else "No invoice yet."
        )
        open_periods = invoices.open_periods(store, agreement_id) if agreement_id else []
        # ISO text as the choice's value: a combo finds text, not Python dates, by value.
        self.first.set_choices([(shown_date(s), s.isoformat()) for s, _ in open_periods])
        self.last.set_choices([(shown_date(e), e.isoformat()) for _, e in open_periods])
        if changed:
            self.last.setCurrentIndex(self.last.count() - 1)
            self.errors.clear()
            self._rating_boxes()
        self.create_button.setEnabled(bool(open_periods))
        self.waiting.setText(
            f"{len(open_periods)} pay period{'s' if len(open_periods) != 1 else ''} not billed yet"
            if open_periods
            else "Every pay period entered is billed: enter the next timesheet first."
        )
        self.show_selected()

    def _rating_boxes(self) -> None:
        while self.rating_form.rowCount():
            self.rating_form.removeRow(0)
        self.ratings = {}
        if self.agreement_id is None:
            return
        choices = [("Not rated", None)] + [(r, r) for r in ojt_policy.policy().ratings]
        for skill in agreements.skills(self.context.store, self.agreement_id):
            box = ChoiceField(f"Progress on {skill.skill}", self)
            box.set_choices(choices)
            self.ratings[skill.id] = box
            self.rating_form.addRow(skill.skill or "(unnamed skill)", box)
        if not self.ratings:
            self.rating_form.addRow(QLabel("The training plan has no skill yet.", self))

    def selected(self) -> Invoice | None:
        return selected_row(self.view)

    def show_selected(self) -> None:
        row = self.selected()
        self.act_errors.clear()
        status = row.status if row else None
        self.approve_button.setEnabled(status == InvoiceStatus.REQUESTED)
        self.withdraw_button.setEnabled(status == InvoiceStatus.REQUESTED)
        self.pay_button.setEnabled(status == InvoiceStatus.APPROVED)
        self.paid.setEnabled(status == InvoiceStatus.APPROVED)
        self.correct_button.setEnabled(status in (InvoiceStatus.APPROVED, InvoiceStatus.PAID))
        if row is None:
            self.chosen.setText("Choose a request in the table.")
            return
        self.paid.setText(f"{row.amount_cents / 100:.2f}")
        said = [f"<b>{shown_date(row.period_start)} to {shown_date(row.period_end)}</b>"]
        said.append(f"asks {dollars(row.amount_cents)} ({dollars(row.cumulative_cents)} to date)")
        if row.overtime_minutes:
            said.append(f"{row.overtime_minutes / 60:g} overtime hours left out")
        for label, day in (("approved", row.approved_on), ("paid", row.paid_on)):
            if day:
                said.append(f"{label} {shown_date(day)}")
        if row.paid_cents is not None and row.status == InvoiceStatus.PAID:
            said.append(f"{dollars(row.paid_cents)} received")
        if row.correction_reason:
            said.append(f"corrects an earlier request: {row.correction_reason}")
        if row.status != InvoiceStatus.REQUESTED:
            said.append("history now: a change is a correction")
        self.chosen.setText(" · ".join(said))

    # Saving ----------------------------------------------------------------------
    def chosen_ratings(self) -> dict[str, Any]:
        return {k: box.currentData() for k, box in self.ratings.items() if box.currentData()}

    def create(self) -> bool:
        if self.agreement_id is None:
            return False
        first, last = self.first.currentData(), self.last.currentData()
        if first is None or last is None:
            self.errors.show(FieldError("period_start", "Enter the pay period's timesheet first."))
            return False
        try:
            made = invoices.create_invoice(
                self.context.store,
                self.agreement_id,
                first,
                last,
                ratings=self.chosen_ratings(),
                requested_on=day_of(self.requested),
            )
        except FieldError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self._done(made.id)
        self._rating_boxes()
        return True

    def approve(self) -> bool:
        row = self.selected()
        return row is not None and self._act(
            lambda: invoices.approve(self.context.store, row.id, day_of(self.on)), row.id
        )

    def pay(self) -> bool:
        row = self.selected()
        return row is not None and self._act(
            lambda: invoices.pay(self.context.store, row.id, day_of(self.on), self.paid.text()),
            row.id,
        )

    def correct(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        holder: list[str] = []

        def make() -> None:
            holder.append(
                invoices.correct(
                    self.context.store, row.id, self.reason.text(), requested_on=day_of(self.on)
                ).id
            )

        if not self._act(make, None):
            return False
        self.reason.clear()
        select_id(self.view, holder[0])
        return True

    def withdraw(self) -> bool:
        row = self.selected()
        return row is not None and self._act(
            lambda: invoices.delete_requested(self.context.store, row.id), None
        )

    def _act(self, action: Any, keep: str | None) -> bool:
        try:
            action()
        except FieldError as exc:
            self.act_errors.show(exc)
            return False
        self._done(keep)
        return True

    def _done(self, keep: str | None) -> None:
        self.context.signals.data_changed.emit("ojt_invoice")
        self.set_agreement(self.agreement_id)
        if keep:
            select_id(self.view, keep)


def _row(layout: Any, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box
