"""One agreement in detail: its fields, edited in place, its status and its preconditions."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.models.ojt import AgreementStatus
from app.core.ojt import TRANSITIONS, CheckLevel
from app.core.validation import FieldError
from app.services.ojt import agreements, preconditions
from app.ui.context import AppContext
from app.ui.dates import date_edit_format, input_date
from app.ui.widgets import ChoiceField, ErrorLabel, LineField

#: The agreement fields shown for editing, in the order of the printed agreement.
FIELDS: tuple[tuple[str, str], ...] = (
    ("employer_legal_name", "Employer (legal name)"),
    ("employer_fein", "FEIN"),
    ("worksite_street", "Worksite street"),
    ("worksite_city", "City"),
    ("worksite_zip", "ZIP code"),
    ("employer_phone", "Phone"),
    ("employees_at_site", "Employees at the worksite"),
    ("signer_name", "Authorized signer"),
    ("signer_title", "Signer's title"),
    ("supervisor_name", "Training supervisor"),
    ("supervisor_title", "Supervisor's title"),
    ("program_code", "Program code"),
    ("position_title", "Position"),
    ("onet_code", "O*NET-SOC code"),
    ("start_date", "Training starts"),
    ("end_date", "Training ends"),
    ("hours_per_week", "Hours per week"),
    ("training_hours", "Training hours in all"),
    ("wage_cents", "Starting hourly wage"),
    ("rate_percent", "Share of wages reimbursed (%)"),
    ("period_kind", "Pay period (weekly, biweekly)"),
    ("classroom_provider", "Classroom training given by"),
)
_MARKS = {CheckLevel.OK: "✔", CheckLevel.WARN: "⚠", CheckLevel.PROBLEM: "✖"}


def _shown(field: str, value: Any) -> Any:
    if isinstance(value, date):
        return input_date(value)
    if field == "wage_cents" and value:
        return f"{value / 100:.2f}"
    if field in ("wage_cents", "training_hours", "rate_percent") and not value:
        return ""
    return value


class AgreementForm(QScrollArea):
    """Every field of the agreement as a box; a finished edit is saved at once."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.setWidgetResizable(True)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        self.status = QLabel(inner)
        self.status.setWordWrap(True)
        self.checks = QLabel(inner)
        self.checks.setWordWrap(True)
        self.next_status = ChoiceField("Change the status", inner)
        self.status_date = QDateEdit(QDate.currentDate(), inner)
        self.status_date.setCalendarPopup(True)
        self.status_date.setDisplayFormat(date_edit_format())
        self.status_date.setAccessibleName("Date of the status change")
        self.apply_status = QPushButton("Change status", inner)
        self.apply_status.clicked.connect(self.change_status)
        self.status_error = ErrorLabel(inner)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.next_status)
        status_row.addWidget(QLabel("on", inner))
        status_row.addWidget(self.status_date)
        status_row.addWidget(self.apply_status)
        layout.addLayout(status_row)
        layout.addWidget(self.status_error)
        layout.addWidget(self.checks)
        form = QFormLayout()
        self.fields: dict[str, LineField] = {}
        for name, label in FIELDS:
            box = LineField(name, label, self._commit, parent=inner)
            self.fields[name] = box
            form.addRow(label, box)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setWidget(inner)

    def _commit(self, field: str, text: str) -> Any:
        if self.agreement_id is None:
            raise FieldError(field, "Choose an agreement first.")
        stored = agreements.update_field(self.context.store, self.agreement_id, field, text)
        self.context.signals.data_changed.emit("ojt_agreement")
        return _shown(field, stored)

    def set_agreement(self, agreement_id: str | None) -> None:
        self.agreement_id = agreement_id
        self.setEnabled(agreement_id is not None)
        if agreement_id is None:
            for box in self.fields.values():
                box.set_value("")
            self.status.setText("")
            self.checks.setText("")
            return
        a = agreements.get(self.context.store, agreement_id)
        steps = sorted(
            TRANSITIONS.get(AgreementStatus(a.status), ()) - {AgreementStatus.ENDED_EARLY}
        )
        self.next_status.set_choices([(AgreementStatus(s).label, s.value) for s in steps])
        for widget in (self.next_status, self.status_date, self.apply_status):
            widget.setEnabled(bool(steps))
        self.status_error.show_message("")
        for name, box in self.fields.items():
            box.set_value(_shown(name, getattr(a, name)))
        self.status.setText(
            f"<b>{a.status.replace('_', ' ').capitalize()}</b> · maximum "
            f"${a.max_reimbursement_cents / 100:,.2f} at {a.rate_percent}%"
        )
        lines = [
            f"{_MARKS.get(c.level, '?')} {c.text}"
            for c in preconditions.checks(self.context.store, agreement_id)
        ]
        self.checks.setText("<br/>".join(lines))

    def change_status(self) -> bool:
        """Sign, start or complete the agreement on the chosen date (ending early is a
        separation, recorded on the placement)."""
        target = self.next_status.currentData()
        if self.agreement_id is None or not target:
            return False
        day = self.status_date.date().toPython()
        try:
            agreements.set_status(self.context.store, self.agreement_id, target, on=day)
        except FieldError as exc:
            self.status_error.show_message(exc.message)
            return False
        self.context.signals.data_changed.emit("ojt_agreement")
        self.set_agreement(self.agreement_id)
        return True

    def focus_field(self, field: str) -> bool:
        box = self.fields.get(field)
        if box is None:
            return False
        self.ensureWidgetVisible(box)
        box.setFocus()
        return True
