"""Today box: WOTC filings due within the warning days or overdue, with a way to mark one filed.

The state must receive a filing within 28 days of the start date (forms/ojt.toml);
a late filing loses the employer the credit, so overdue lines show in red.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget

from app.core.ojt import WotcDue
from app.core.validation import FieldError
from app.services.ojt import policy as ojt_policy
from app.services.ojt import wotc
from app.services.ojt.wotc import DueFiling
from app.ui.context import AppContext
from app.ui.models import OVERDUE_COLOR, Column, RowTableModel, short_date
from app.ui.today.sections import TodaySection

WOTC_TABLES = ("wotc_record", "employer", "participant", "placement", "settings")


def _left(filing: DueFiling) -> str:
    days = abs(filing.days_left)
    unit = "day" if days == 1 else "days"
    if filing.days_left < 0:
        return f"{days} {unit} late"
    return "today" if days == 0 else f"{days} {unit}"


class WotcDueModel(RowTableModel):
    """Filings due, most urgent first: deadline, time left, employer, hire, position."""

    columns = (
        Column("Deadline", lambda f: short_date(f.deadline), key=lambda f: f.deadline),
        Column("Left", _left, key=lambda f: f.days_left),
        Column("Employer", lambda f: f.employer),
        Column("Hire", lambda f: f.participant),
        Column("Position", lambda f: f.position_title),
        Column("Started", lambda f: short_date(f.start_on), key=lambda f: f.start_on),
    )

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id

    def foreground(self, row: DueFiling, column: int) -> QColor | None:
        return OVERDUE_COLOR if row.due == WotcDue.OVERDUE and column < 2 else None

    def tooltip(self, row: DueFiling, column: int) -> str | None:
        if row.due == WotcDue.OVERDUE:
            return "Past the filing deadline: file at once and tell the employer."
        return None


class WotcDueSection(TodaySection):
    title = "WOTC filings due"
    empty_text = "No Work Opportunity Tax Credit filing is due this week."
    model_class = WotcDueModel
    widths = (100, 90, 200, 140, 140)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        #: The day the list is figured for; None means the real today (tests set it).
        self.today: date | None = None
        super().__init__(context, parent)
        self.filed_button = QPushButton("Mark &filed", self)
        self.filed_button.setAccessibleName("Mark the selected WOTC filing as filed today")
        self.filed_button.clicked.connect(self.mark_selected_filed)
        self.top.addWidget(self.filed_button)

    def day(self) -> date:
        return self.today or date.today()

    def rows(self) -> list:
        return wotc.due_filings(self.context.store, self.day(), self.owner_id)

    def describe(self, count: int) -> str:
        rules = ojt_policy.policy()
        late = sum(1 for f in self.model.rows() if f.due == WotcDue.OVERDUE)
        head = f"{late} overdue (in red). " if late else ""
        return (
            f"{head}The state needs each filing within {rules.wotc_filing_days} days of the "
            "start date. Enter opens the employer."
        )

    def refresh(self) -> None:
        super().refresh()
        self.filed_button.setEnabled(self.model.rowCount() > 0)

    def _data_changed(self, table: str) -> None:
        if table in WOTC_TABLES:
            self.refresh()

    def mark_selected_filed(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        filing = self.model.row_at(index.row())
        try:
            wotc.set_status(self.context.store, filing.id, "filed", self.day())
        except FieldError as exc:
            self.context.signals.status_message.emit(exc.message)
            return False
        self.context.signals.data_changed.emit("wotc_record")
        self.context.signals.status_message.emit(
            f"WOTC filing for {filing.participant} marked filed."
        )
        return True
