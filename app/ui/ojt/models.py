"""The tables of the OJT & Packets page: agreements, plan skills, timesheets, invoices, blanks.

Each is a RowTableModel over rows the services return; the money column of the
agreement list is drawn as a bar (amount reimbursed of the maximum).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.ojt_money import dollars
from app.ui.models import OVERDUE_COLOR, Column, RowTableModel, short_date

#: The fraction of the maximum already reimbursed (0.0 to 1.0), for the bar.
SHARE_ROLE = Qt.ItemDataRole.UserRole + 1


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".") or "0"


def _whole_dollars(cents: int) -> str:
    return f"${cents // 100:,}"


def _minutes(sheet: Any) -> int:
    return sum(int(m) for m in json.loads(sheet.minutes_json or "[]"))


class AgreementModel(RowTableModel):
    """Rows are app.services.ojt.overview.AgreementRow."""

    MONEY = 5
    columns = (
        Column("Employer", lambda r: r.employer_name),
        Column("Trainee", lambda r: r.trainee_name),
        Column("Status", lambda r: r.status_label),
        Column("BSR", lambda r: r.bsr_name),
        Column(
            "Next invoice",
            lambda r: short_date(r.next_invoice_due),
            key=lambda r: r.next_invoice_due,
        ),
        Column(
            "Reimbursed",
            lambda r: f"{_whole_dollars(r.reimbursed_cents)} of {_whole_dollars(r.max_cents)}",
            key=lambda r: r.reimbursed_cents,
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today: date | None = None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SHARE_ROLE and index.isValid() and 0 <= index.row() < self.rowCount():
            row = self.row_at(index.row())
            return min(1.0, row.reimbursed_cents / row.max_cents) if row.max_cents else 0.0
        return super().data(index, role)

    def tooltip(self, row: Any, column: int) -> str | None:
        return f"{row.trainee_name}: {row.position}" if column == 1 else None

    def foreground(self, row: Any, column: int) -> QColor | None:
        due = row.next_invoice_due
        if column == 4 and due is not None and self.today is not None and due < self.today:
            return OVERDUE_COLOR
        return None


class ProgressDelegate(QStyledItemDelegate):
    """A progress bar behind the money text: how much of the maximum is reimbursed."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(SHARE_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        box = option.rect.adjusted(4, 4, -4, -4)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e3e8ef"))
        painter.drawRoundedRect(box, 3, 3)
        filled = QRect(box.left(), box.top(), int(box.width() * float(share)), box.height())
        painter.setBrush(QColor("#2a9d8f"))
        painter.drawRoundedRect(filled, 3, 3)
        selected = option.state & QStyle.StateFlag.State_Selected
        painter.setPen(
            option.palette.color(QPalette.ColorRole.Text) if not selected else QColor("#000")
        )
        painter.drawText(
            box.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, str(index.data())
        )
        painter.restore()


class SkillModel(RowTableModel):
    """Rows are TrainingPlanSkill."""

    columns = (
        Column("Skill", lambda s: s.skill),
        Column("Where", lambda s: "Classroom" if s.classroom else "On the job"),
        Column("Starting level", lambda s: s.start_level),
        Column("Target level", lambda s: s.target_level),
        Column("Hours", lambda s: str(s.hours), key=lambda s: s.hours, align_right=True),
    )


class TimesheetModel(RowTableModel):
    """Rows are Timesheet."""

    columns = (
        Column(
            "Period",
            lambda t: f"{short_date(t.period_start)} - {short_date(t.period_end)}",
            key=lambda t: t.period_start,
        ),
        Column("Kind", lambda t: t.period_kind.capitalize()),
        Column("Hours", lambda t: _hours(_minutes(t)), key=_minutes, align_right=True),
        Column(
            "Wage paid",
            lambda t: dollars(t.wage_paid_cents),
            key=lambda t: t.wage_paid_cents,
            align_right=True,
        ),
    )


class InvoiceModel(RowTableModel):
    """Rows are Invoice."""

    columns = (
        Column(
            "Period",
            lambda i: f"{short_date(i.period_start)} - {short_date(i.period_end)}",
            key=lambda i: i.period_start,
        ),
        Column(
            "Regular hours",
            lambda i: _hours(i.regular_minutes),
            key=lambda i: i.regular_minutes,
            align_right=True,
        ),
        Column(
            "Amount",
            lambda i: dollars(i.amount_cents),
            key=lambda i: i.amount_cents,
            align_right=True,
        ),
        Column(
            "To date",
            lambda i: dollars(i.cumulative_cents),
            key=lambda i: i.cumulative_cents,
            align_right=True,
        ),
        Column("Status", lambda i: i.status.capitalize()),
        Column("Requested", lambda i: short_date(i.requested_on), key=lambda i: i.requested_on),
        Column("Paid", lambda i: short_date(i.paid_on), key=lambda i: i.paid_on),
    )


class MissingModel(RowTableModel):
    """Rows are app.services.ojt.packet.MissingItem."""

    columns = (
        Column("Missing", lambda m: m.label),
        Column("Where to fill it in", lambda m: m.where),
        Column("Note", lambda m: m.hint),
    )

    def row_id(self, row: Any) -> str:
        return f"{row.record}:{row.record_id}:{row.field}"


def fit_columns(view: Any) -> None:
    """The agreement list's widths: the employer takes what the other columns leave."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate((0, 120, 75, 105, 95, 130)):
        if width:
            header.resizeSection(column, width)
    header.setSectionResizeMode(0, header.ResizeMode.Stretch)
    header.setSectionResizeMode(1, header.ResizeMode.Stretch)
