"""One model per Today list, each over the rows its service returns."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from app.core.pipeline import stage_label
from app.services.employers.today import DueFollowUp, QuietEmployer, StuckEmployer
from app.ui.models import OVERDUE_COLOR, Column, RowTableModel, short_date


class DueFollowUpsModel(RowTableModel):
    """Follow-ups due today or earlier; overdue ones say so in words and in red."""

    columns = (
        Column("Due", lambda f: short_date(f.due_on), key=lambda f: f.due_on),
        Column("", lambda f: "Overdue" if f.overdue(date.today()) else "Today"),
        Column("Employer", lambda f: f.employer_name),
        Column("What", lambda f: f.what),
    )

    def row_id(self, row: DueFollowUp) -> str:
        return row.follow_up_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id

    def foreground(self, row: DueFollowUp, column: int) -> QColor | None:
        return OVERDUE_COLOR if row.overdue(date.today()) and column < 2 else None

    def bold(self, row: DueFollowUp, column: int) -> bool:
        return row.overdue(date.today()) and column == 1


class QuietEmployersModel(RowTableModel):
    columns = (
        Column("Employer", lambda q: q.employer_name),
        Column("Stage", lambda q: stage_label(q.stage)),
        Column(
            "Last contact",
            lambda q: short_date(q.last_contact) or "Never",
            key=lambda q: q.last_contact,
        ),
        Column(
            "Days",
            lambda q: "" if q.days_quiet is None else str(q.days_quiet),
            key=lambda q: q.days_quiet,
            align_right=True,
        ),
    )

    def row_id(self, row: QuietEmployer) -> str:
        return row.employer_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id


class StuckEmployersModel(RowTableModel):
    columns = (
        Column("Employer", lambda s: s.employer_name),
        Column("Stage", lambda s: stage_label(s.stage)),
        Column("Since", lambda s: short_date(s.since), key=lambda s: s.since),
        Column(
            "Days", lambda s: str(s.days_in_stage), key=lambda s: s.days_in_stage, align_right=True
        ),
    )

    def row_id(self, row: StuckEmployer) -> str:
        return row.employer_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id


__all__ = ["DueFollowUpsModel", "QuietEmployersModel", "StuckEmployersModel"]
