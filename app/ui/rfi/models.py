"""Item models of the RFI area, each over plain rows from the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtGui import QColor

from app.core.programs import ProgramResult, Result
from app.core.rfi import AnswerField
from app.core.rfi_answers import display_value
from app.services.rfi.rfi_timers import TimerRow
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, short_date

RESULT_COLORS = {
    Result.ELIGIBLE: QColor("#1b7f3b"),
    Result.NOT_ELIGIBLE: OVERDUE_COLOR,
    Result.NEEDS_INFORMATION: QColor("#8a5a00"),
}


@dataclass(frozen=True)
class ProgramRow:
    result: ProgramResult
    confirmed: (
        str  # "Confirmed Nov 27 by Rocio Benavides", "Not confirmed", "Answers changed since"
    )

    @property
    def id(self) -> str:
        return self.result.code


class ProgramResultsModel(RowTableModel):
    columns = (
        Column("Program", lambda r: r.result.name),
        Column("Result", lambda r: r.result.result.label),
        Column("Confirmed", lambda r: r.confirmed),
    )

    def foreground(self, row: ProgramRow, column: int) -> QColor | None:
        if column == 1:
            return RESULT_COLORS[row.result.result]
        return MUTED_COLOR if column == 2 else None

    def bold(self, row: ProgramRow, column: int) -> bool:
        return column == 1

    def tooltip(self, row: ProgramRow, column: int) -> str | None:
        return "\n".join(f"{r.text} ({r.source})" for r in row.result.reasons)


@dataclass(frozen=True)
class AnswerRow:
    field: AnswerField
    value: Any
    received_on: date | None
    source: str
    entered_by: str = ""

    @property
    def id(self) -> str:
        return self.field.id


class AnswersModel(RowTableModel):
    columns = (
        Column(
            "Q",
            lambda r: str(r.field.number),
            key=lambda r: (r.field.number, r.field.id),
            align_right=True,
        ),
        Column("Question", lambda r: r.field.label),
        Column("Answer", lambda r: display_value(r.field, r.value)),
        Column(
            "Received",
            lambda r: short_date(r.received_on) if r.received_on else "On record",
            key=lambda r: r.received_on,
        ),
        Column("How", lambda r: r.source),
        Column("Entered by", lambda r: r.entered_by),
    )

    def foreground(self, row: AnswerRow, column: int) -> QColor | None:
        return MUTED_COLOR if column >= 3 else None


class MissingModel(RowTableModel):
    columns = (
        Column("Q", lambda f: str(f.number), key=lambda f: (f.number, f.id), align_right=True),
        Column("Still missing", lambda f: f.label),
    )


class TimerModel(RowTableModel):
    """A Today list of the RFI path: who, since when, due when."""

    since_title = "Since"
    columns = (
        Column("Due", lambda r: short_date(r.due_on), key=lambda r: r.due_on),
        Column("", lambda r: "Overdue" if r.overdue(date.today()) else "Due"),
        Column("Employer", lambda r: r.employer_name),
        Column("Since", lambda r: short_date(r.since), key=lambda r: r.since),
    )

    def row_id(self, row: TimerRow) -> str:
        return row.employer_id

    def employer_at(self, row: int) -> str:
        return self.row_at(row).employer_id

    def foreground(self, row: TimerRow, column: int) -> QColor | None:
        return OVERDUE_COLOR if row.overdue(date.today()) and column < 2 else None

    def bold(self, row: TimerRow, column: int) -> bool:
        return row.overdue(date.today()) and column == 1
