"""The timesheets tab: a pay period's hours typed day by day with the wage paid; what it earns
back (regular hours only, overtime left out) is shown before it is saved. A saved sheet is
history: a correction is a new sheet for the same period."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Timesheet
from app.core.ojt_money import dollars
from app.core.validation import FieldError
from app.services.ojt import agreements, timesheets
from app.services.ojt import policy as ojt_policy
from app.ui.context import AppContext
from app.ui.dates import shown_date, shown_weekday
from app.ui.ojt.entry import FieldErrors, date_box, day_of, selected_row, switched
from app.ui.ojt.models import TimesheetModel
from app.ui.people.tables import table_view
from app.ui.widgets import ERROR_COLOR, ChoiceField, ErrorLabel

MAX_DAYS = max(ojt_policy.policy().period_days.values())


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".") or "0"


class TimesheetTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.replaces_id: str | None = None
        self.model = TimesheetModel(self)
        self.view = table_view(self.model, "Timesheets", self)
        self.view.setColumnWidth(0, 170)
        self.count = QLabel(self)
        self.error = ErrorLabel(self)
        self.errors = FieldErrors(self.error)
        self.kind = ChoiceField("Pay period", self)
        self.kind.set_choices([(k.capitalize(), k) for k in ojt_policy.policy().period_days])
        self.kind.currentIndexChanged.connect(lambda _i: self.lay_out_days())
        self.start = date_box("First day of the pay period", self)
        self.start.dateChanged.connect(lambda _d: self.lay_out_days())
        self.wage = QLineEdit(self)
        self.wage.setAccessibleName("Hourly wage paid")
        self.wage.setMaximumWidth(90)
        self.wage.textChanged.connect(lambda _t: self.show_preview())
        self.day_labels: list[QLabel] = []
        self.days: list[QLineEdit] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        for n in range(MAX_DAYS):
            label, box = QLabel(self), QLineEdit(self)
            box.setMaximumWidth(52)
            box.setPlaceholderText("0")
            box.textChanged.connect(lambda _t: self.show_preview())
            row, column = divmod(n, 7)
            grid.addWidget(label, 2 * row, column)
            grid.addWidget(box, 2 * row + 1, column)
            self.day_labels.append(label)
            self.days.append(box)
        days = QWidget(self)
        days.setLayout(grid)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Reimbursable amount")
        self.mode = QLabel(self)
        self.save_button = QPushButton("Save timesheet", self)
        self.save_button.clicked.connect(self.save)
        self.correct_button = QPushButton("Correct the chosen timesheet", self)
        self.correct_button.setToolTip("Load its hours here; saving makes a new sheet in its place")
        self.correct_button.clicked.connect(self.start_correction)
        self.cancel_button = QPushButton("New period", self)
        self.cancel_button.clicked.connect(self.new_period)

        form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.kind)
        period.addWidget(QLabel("starting", self))
        period.addWidget(self.errors.under("period_start", self, self.start))
        period.addStretch(1)
        form.addRow("Pay period", period)
        form.addRow("Hours each day", self.errors.under("hours", self, days))
        form.addRow("Wage paid ($/h)", self.errors.under("wage_paid_cents", self, self.wage))
        buttons = QHBoxLayout()
        for b in (self.save_button, self.correct_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.mode)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    # Showing ---------------------------------------------------------------------
    def set_agreement(self, agreement_id: str | None) -> None:
        """Show the agreement's sheets; a period being typed for it is kept."""
        changed = switched(self, agreement_id)
        rows = (
            timesheets.current_timesheets(self.context.store, agreement_id) if agreement_id else []
        )
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} timesheet{'s' if len(rows) != 1 else ''}")
        if changed:
            self.new_period()

    def period_length(self) -> int:
        return ojt_policy.policy().period_days.get(self.kind.currentData(), 7)

    def lay_out_days(self) -> None:
        """One box per day of the period, each labelled with its weekday and date."""
        first = day_of(self.start)
        for n, (label, box) in enumerate(zip(self.day_labels, self.days, strict=True)):
            shown = n < self.period_length()
            day = first + timedelta(days=n)
            label.setText(f"{shown_weekday(day)}\n{shown_date(day)}")
            box.setAccessibleName(f"Hours on {shown_weekday(day, long=True)} {shown_date(day)}")
            label.setVisible(shown)
            box.setVisible(shown)
        self.show_preview()

    def hours(self) -> list[str]:
        return [box.text() for box in self.days[: self.period_length()]]

    def new_period(self) -> None:
        """An empty form for the next pay period, at the agreement's wage."""
        self.replaces_id = None
        self.mode.setText("")
        for box in self.days:
            box.clear()
        self.flag_day("")
        self.errors.clear()
        if self.agreement_id is not None:
            a = agreements.get(self.context.store, self.agreement_id)
            self.kind.select(a.period_kind)
            start = timesheets.next_start(self.context.store, self.agreement_id)
            self.start.setDate(start or date.today())
            self.wage.setText(f"{a.wage_cents / 100:.2f}" if a.wage_cents else "")
        self.lay_out_days()

    def selected(self) -> Timesheet | None:
        return selected_row(self.view)

    def start_correction(self) -> bool:
        """The chosen sheet's hours in the form; saving replaces it with a new sheet."""
        sheet = self.selected()
        if sheet is None:
            self.error.show_message("Choose the timesheet to correct in the table.")
            return False
        self.kind.select(sheet.period_kind)
        self.start.setDate(sheet.period_start)
        for box, hours in zip(self.days, timesheets.hours_per_day(sheet), strict=False):
            box.setText(f"{hours:g}" if hours else "")
        self.wage.setText(f"{sheet.wage_paid_cents / 100:.2f}")
        self.replaces_id = sheet.id
        self.mode.setText(
            f"Correcting the timesheet of {shown_date(sheet.period_start)}: saving keeps the old "
            "one as history."
        )
        self.errors.clear()
        return True

    def show_preview(self) -> None:
        if self.agreement_id is None:
            self.preview.setText("")
            return
        try:
            p = timesheets.preview(
                self.context.store,
                self.agreement_id,
                day_of(self.start),
                self.hours(),
                self.wage.text(),
                self.kind.currentData(),
                self.replaces_id,
            )
        except FieldError as exc:
            self.preview.setText(f"<i>Reimbursable: not yet known ({exc.message})</i>")
            return
        parts = [f"{_hours(p.regular_minutes)} regular hours"]
        if p.overtime_minutes:
            parts.append(f"{_hours(p.overtime_minutes)} overtime hours not reimbursed")
        if p.outside_minutes:
            parts.append(f"{_hours(p.outside_minutes)} hours outside the training dates")
        capped = " (the rest of the maximum)" if p.amount_cents >= p.left_cents > 0 else ""
        self.preview.setText(
            f"<b>Reimbursable for this period: {dollars(p.amount_cents)}</b>{capped} · "
            + ", ".join(parts)
            + f" · {dollars(p.left_cents)} of the maximum left"
        )

    def flag_day(self, field: str) -> None:
        """Outline the day whose hours were refused (the field names it: hours_YYYY-MM-DD)."""
        first = day_of(self.start)
        for n, box in enumerate(self.days):
            named = field == f"hours_{(first + timedelta(days=n)).isoformat()}"
            box.setStyleSheet(f"border: 2px solid {ERROR_COLOR};" if named else "")

    # Saving ----------------------------------------------------------------------
    def save(self) -> bool:
        if self.agreement_id is None:
            return False
        try:
            timesheets.add_timesheet(
                self.context.store,
                self.agreement_id,
                day_of(self.start),
                self.hours(),
                self.wage.text(),
                kind=self.kind.currentData(),
                replaces_id=self.replaces_id,
                entered_by=self.context.me_id,
            )
        except FieldError as exc:
            self.errors.show(exc)
            self.flag_day(exc.field)
            return False
        self.flag_day("")
        self.context.signals.data_changed.emit("ojt_timesheet")
        self.set_agreement(self.agreement_id)
        self.new_period()
        return True
