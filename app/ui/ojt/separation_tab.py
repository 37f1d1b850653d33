"""The separation tab: the trainee left before the end. The agreement ends early on that date
with the reason; no hours after it are reimbursed and later invoices are refused."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.models import AgreementStatus
from app.core.ojt import TRANSITIONS
from app.core.validation import FieldError
from app.services.ojt import agreements
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.ojt.entry import FieldErrors, date_box, day_of, fixed, switched
from app.ui.widgets import ChoiceField, ErrorLabel


class SeparationTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.today: date | None = None  # tests fix the day; else the real one
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.errors = FieldErrors(self.error)
        self.ended_on = date_box("Last day worked", self)
        self.reason = ChoiceField("Reason", self)
        self.reason.set_choices(
            [("Choose the reason", "")]
            + sorted(
                ((label, value) for value, label in agreements.REASONS.items()), key=lambda p: p[0]
            )
        )
        self.details = QLineEdit(self)
        self.details.setAccessibleName("Details")
        self.details.setPlaceholderText("What happened, in a few words (optional)")
        self.record_button = QPushButton("End the agreement early", self)
        self.record_button.clicked.connect(self.record)
        form = QFormLayout()
        form.addRow("Last day worked", self.errors.under("ended_on", self, self.ended_on))
        form.addRow("Reason", self.errors.under("ended_reason", self, fixed(self.reason)))
        form.addRow("Details", self.details)
        form.addRow("", fixed(self.record_button))
        note = QLabel(
            "Record a separation when the trainee leaves before the training ends. Hours after "
            "the last day are not reimbursed and no invoice is made for a later period; the "
            "placement records the separation too.",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def set_agreement(self, agreement_id: str | None) -> None:
        changed = switched(self, agreement_id)
        if agreement_id is None:
            self.state.setText("")
            return
        a = agreements.get(self.context.store, agreement_id)
        if a.status == AgreementStatus.ENDED_EARLY:
            self.state.setText(
                f"<b>Ended early on {shown_date(a.ended_on)}</b>: {a.ended_reason}"
                if a.ended_on
                else "<b>Ended early</b>"
            )
        else:
            self.state.setText(f"<b>{AgreementStatus(a.status).label}</b>: not ended early.")
        can = AgreementStatus.ENDED_EARLY in TRANSITIONS.get(AgreementStatus(a.status), ())
        for widget in (self.ended_on, self.reason, self.details, self.record_button):
            widget.setEnabled(can)
        if changed:
            self.errors.clear()
            self.details.clear()
            self.reason.setCurrentIndex(0)
            self.ended_on.setDate(self.today or date.today())

    def record(self) -> bool:
        if self.agreement_id is None:
            return False
        try:
            agreements.separate(
                self.context.store,
                self.agreement_id,
                day_of(self.ended_on),
                self.reason.currentData() or "",
                self.details.text(),
                today=self.today,
            )
        except FieldError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.context.signals.data_changed.emit("ojt_agreement")
        self.context.signals.data_changed.emit("placement")
        self.set_agreement(self.agreement_id)
        return True
