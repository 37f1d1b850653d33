"""The employer list's own model: one EmployerRow per line, read in one query."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QColor

from app.core.pipeline import stage_label
from app.services.employers.listing import EmployerRow
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, local_date, short_date
from app.ui.people import fit_column

#: Stage text colours: grey for a dead end, green for a partner, blue while in progress.
STAGE_COLORS: dict[str, QColor] = {
    "not_a_fit": MUTED_COLOR,
    "active_partner": QColor("#1b6e37"),
    "eligibility_told": QColor("#1f5f99"),
    "rfi_received": QColor("#1f5f99"),
}


def _name(row: EmployerRow) -> str:
    """The legal name, with the sign's name after it when that adds something."""
    if row.dba_name and row.dba_name.casefold() not in row.name.casefold():
        return f"{row.name}  ·  {row.dba_name}"
    return row.name


class EmployerTableModel(RowTableModel):
    columns = (
        Column("Employer", _name, key=lambda r: r.name.casefold()),
        Column("Stage", lambda r: stage_label(r.stage)),
        # Beside the stage: the agency's most important judgement is read at a glance.
        Column("Fit", fit_column.text, key=fit_column.sort_key),
        Column("Owner", lambda r: r.owner),
        Column(
            "Last contact",
            lambda r: short_date(r.last_contact),
            key=lambda r: local_date(r.last_contact),
        ),
        Column(
            "Next follow-up", lambda r: short_date(r.next_follow_up), key=lambda r: r.next_follow_up
        ),
        Column("Industry", lambda r: r.industry),
        Column("Job center", lambda r: r.office),
        Column("Phone", lambda r: r.phone),
        Column("ZIP", lambda r: r.zip_code),
    )
    STAGE = 1
    FIT = 2
    LAST_CONTACT = 4
    NEXT_FOLLOW_UP = 5
    WIDTHS = (230, 125, 110, 115, 95, 105, 150, 120, 110, 60)

    def foreground(self, row: EmployerRow, column: int) -> QColor | None:
        if (
            column == self.NEXT_FOLLOW_UP
            and row.next_follow_up
            and row.next_follow_up < date.today()
        ):
            return OVERDUE_COLOR
        if column == self.STAGE:
            return STAGE_COLORS.get(row.stage)
        if column == self.FIT:
            return fit_column.color(row)
        return None

    def tooltip(self, row: EmployerRow, column: int) -> Any:
        if column == self.FIT:
            return fit_column.tooltip(row)
        if column == 0:
            return f"{row.name}\ndba {row.dba_name}" if row.dba_name else row.name
        if (
            column == self.NEXT_FOLLOW_UP
            and row.next_follow_up
            and row.next_follow_up < date.today()
        ):
            return "Overdue follow-up"
        return None
