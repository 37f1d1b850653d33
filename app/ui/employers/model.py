"""The employer list's own model: one EmployerRow per line, read in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QColor

from app.core.pipeline import stage_label
from app.services.employers import EmployerRow
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, local_date, short_date


def _name(row: EmployerRow) -> str:
    if row.dba_name and row.dba_name.casefold() != row.name.casefold():
        return f"{row.name}  ·  {row.dba_name}"
    return row.name


class EmployerTableModel(RowTableModel):
    columns = (
        Column("Employer", _name, key=lambda r: r.name.casefold()),
        Column("Stage", lambda r: stage_label(r.stage)),
        Column("Industry", lambda r: r.industry),
        Column("Owner", lambda r: r.owner),
        Column("Job center", lambda r: r.office),
        Column("Phone", lambda r: r.phone),
        Column("ZIP", lambda r: r.zip_code),
        Column(
            "Last contact",
            lambda r: short_date(r.last_contact),
            key=lambda r: local_date(r.last_contact),
        ),
        Column(
            "Next follow-up", lambda r: short_date(r.next_follow_up), key=lambda r: r.next_follow_up
        ),
    )
    LAST_CONTACT = 7
    NEXT_FOLLOW_UP = 8

    def foreground(self, row: EmployerRow, column: int) -> QColor | None:
        if (
            column == self.NEXT_FOLLOW_UP
            and row.next_follow_up
            and row.next_follow_up < date.today()
        ):
            return OVERDUE_COLOR
        if column == 1 and row.stage == "not_a_fit":
            return MUTED_COLOR
        return None

    def tooltip(self, row: EmployerRow, column: int) -> Any:
        if (
            column == self.NEXT_FOLLOW_UP
            and row.next_follow_up
            and row.next_follow_up < date.today()
        ):
            return "Overdue follow-up"
        return None
