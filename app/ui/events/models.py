"""Item models of the Events page: events, positions, people at an event, the rotation plan."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtGui import QColor

from app.core.models.events import EventKind, EventStatus
from app.core.rotation import CalendarCell, Proposal
from app.services.events.event_report import CheckInLine
from app.services.events.events import EventRow, wage_text
from app.ui.dates import shown_month, shown_time
from app.ui.models import MUTED_COLOR, Column, RowTableModel, local_datetime


def _this_month() -> date:
    return date.today().replace(day=1)


def _month(day: Any) -> str:
    return shown_month(day)


class EventListModel(RowTableModel):
    columns: ClassVar = (
        Column("When", lambda r: local_datetime(r.starts_at), key=lambda r: r.starts_at),
        Column("Event", lambda r: r.title),
        Column("Kind", lambda r: EventKind(r.kind).label),
        Column("Place", lambda r: r.place),
        Column("Status", lambda r: EventStatus(r.status).label),
    )

    def foreground(self, row: EventRow, column: int) -> QColor | None:
        return MUTED_COLOR if row.status == EventStatus.CANCELLED.value else None

    def bold(self, row: EventRow, column: int) -> bool:
        return row.status == EventStatus.RUNNING.value


class PositionsModel(RowTableModel):
    columns: ClassVar = (
        Column("Position", lambda p: p.title),
        Column("Openings", lambda p: str(p.openings), key=lambda p: p.openings, align_right=True),
        Column("Pay", lambda p: wage_text(p.wage_min_cents, p.wage_max_cents)),
        Column("Schedule", lambda p: p.schedule),
    )


class PeopleModel(RowTableModel):
    """Everyone registered for an event, with when they came."""

    columns: ClassVar = (
        Column("Name", lambda r: r.name),
        Column(
            "Came",
            lambda r: shown_time(r.checked_in_at),
            key=lambda r: r.checked_in_at,
        ),
        Column("Walk-in", lambda r: "yes" if r.walk_in else ""),
        Column("ZIP", lambda r: r.zip_code),
        Column("Programs", lambda r: r.programs),
        Column("During the event", lambda r: r.outcomes),
    )

    def row_id(self, row: CheckInLine) -> str:
        return f"{row.name}|{row.phone}|{row.email}"

    def foreground(self, row: CheckInLine, column: int) -> QColor | None:
        return MUTED_COLOR if row.checked_in_at is None else None


class ProposalModel(RowTableModel):
    columns: ClassVar = (
        Column("Month", lambda p: _month(p.month), key=lambda p: p.month),
        Column("Proposed host", lambda p: p.name),
        Column("Why", lambda p: "chosen by a BSR" if p.swapped else f"score {p.score:.0f}"),
    )

    def row_id(self, row: Proposal) -> str:
        return row.month.isoformat()


class CalendarModel(RowTableModel):
    """Who hosted when, and who is proposed for the months to come."""

    columns: ClassVar = (
        Column("Month", lambda c: _month(c.month), key=lambda c: c.month),
        Column("Host", lambda c: c.name),
        Column(
            "",
            lambda c: (
                "proposed" if c.proposed else ("hosted" if c.month <= _this_month() else "booked")
            ),
        ),
    )

    def row_id(self, row: CalendarCell) -> str:
        return f"{row.month.isoformat()}|{row.employer_id}|{row.proposed}"

    def foreground(self, row: CalendarCell, column: int) -> QColor | None:
        return MUTED_COLOR if row.proposed else None
