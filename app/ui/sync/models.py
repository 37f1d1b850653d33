"""Item models of the Sync page: devices, the last sync's report, conflicts, duplicate pairs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.services.employers.merge import DuplicatePair
from app.services.team.conflicts import Conflict
from app.services.team.record_labels import field_title
from app.services.team.team import DeviceStatus
from app.sync.engine import SyncSummary
from app.ui.dates import shown_date
from app.ui.models import MUTED_COLOR, OVERDUE_COLOR, Column, RowTableModel, local_datetime
from app.ui.sync.worker import short_device

RESOLVED_COLOR = QColor("#2e7d32")
#: The conflict log's status column, short (the full wording is in the tooltip).
STATUS = {"lww": "Open: both changed", "edited_deleted": "Open: edited after delete"}


def shown_value(value: Any) -> str:
    """A stored value as a person reads it in a table cell."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, datetime):
        return local_datetime(value)
    if isinstance(value, date):
        return shown_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 120 else text[:117] + "…"


def computer_name(device: str, me: str, label: str = "") -> str:
    """A computer as a person knows it: "Rosa Delgado — LV-DESK-04" (with "this computer"
    for our own); the device id only when that computer has not said who it is yet."""
    if device == me:
        return f"{label} (this computer)" if label else "This computer"
    return label or f"Computer {short_device(device)}"


class DeviceModel(RowTableModel):
    """The team's computers: last seen, what arrived from each, files still to read."""

    columns: ClassVar = (
        Column(
            "Computer",
            lambda d: computer_name(d.device_id, d.device_id if d.is_me else "", d.label),
        ),
        Column(
            "Last heard from",
            lambda d: "—" if d.is_me else (local_datetime(d.last_seen) or "never"),
            key=lambda d: d.last_seen.timestamp() if d.last_seen else 0,
        ),
        Column(
            "Changes received",
            lambda d: "—" if d.is_me else str(d.changes_applied),
            key=lambda d: d.changes_applied,
            align_right=True,
        ),
        Column(
            "Files waiting",
            lambda d: (
                "—" if d.is_me else ("?" if d.segments_waiting is None else str(d.segments_waiting))
            ),
            key=lambda d: d.segments_waiting or 0,
            align_right=True,
        ),
    )

    def row_id(self, row: DeviceStatus) -> str:
        return row.device_id

    def bold(self, row: DeviceStatus, column: int) -> bool:
        return row.is_me and column == 0

    def tooltip(self, row: DeviceStatus, column: int) -> str | None:
        return f"Device id {row.device_id}"


@dataclass(frozen=True)
class ReportLine:
    """One line of the last sync's report that needs more than a number."""

    kind: str
    subject: str
    reason: str


def report_lines(summary: SyncSummary) -> list[ReportLine]:
    lines = [ReportLine("Problem", "", e) for e in summary.errors]
    lines += [ReportLine("Skipped file", s.path, s.reason) for s in summary.skipped]
    lines += [ReportLine("Waiting", "", w) for w in summary.waiting]
    lines += [ReportLine("Set aside", "", q) for q in summary.quarantined]
    lines += [ReportLine("Note", "", n) for n in summary.notes]
    return lines


class ReportModel(RowTableModel):
    """Problems, skipped files with their reasons, what waits, and notes of one sync."""

    columns: ClassVar = (
        Column("What", lambda r: r.kind),
        Column("File", lambda r: r.subject),
        Column("Why", lambda r: r.reason),
    )

    def row_id(self, row: ReportLine) -> str:
        return f"{row.kind}|{row.subject}|{row.reason}"

    def foreground(self, row: ReportLine, column: int) -> QColor | None:
        return OVERDUE_COLOR if row.kind == "Problem" else None

    def tooltip(self, row: ReportLine, column: int) -> str | None:
        return row.reason


@dataclass(frozen=True)
class ConflictView:
    """A logged conflict with the name of its record, ready to show."""

    conflict: Conflict
    record: str
    me: str
    #: Device id -> "Person — computer name" (services.team.computers.computer_labels).
    computers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.conflict.id


def _who(view: ConflictView, device: str) -> str:
    return computer_name(device, view.me, view.computers.get(device, "")) if device else "—"


class ConflictModel(RowTableModel):
    """The conflict log: the value kept, the value that lost, who and when."""

    columns: ClassVar = (
        Column("Record", lambda v: v.record),
        Column("Field", lambda v: field_title(v.conflict.column)),
        Column("Value kept", lambda v: shown_value(v.conflict.won_value)),
        Column("Value that lost", lambda v: shown_value(v.conflict.lost_value)),
        Column("Lost value from", lambda v: _who(v, v.conflict.lost_device)),
        Column(
            "Typed at",
            lambda v: local_datetime(v.conflict.lost_at),
            key=lambda v: v.conflict.lost_at.timestamp(),
        ),
        Column("Kept value from", lambda v: _who(v, v.conflict.won_device)),
        Column(
            "Status",
            lambda v: "Resolved" if v.conflict.resolved else STATUS.get(v.conflict.kind, "Open"),
        ),
    )

    def row_id(self, row: ConflictView) -> str:
        return str(row.conflict.id)

    def foreground(self, row: ConflictView, column: int) -> QColor | None:
        if row.conflict.resolved:
            return RESOLVED_COLOR if column == len(self.columns) - 1 else MUTED_COLOR
        return None

    def bold(self, row: ConflictView, column: int) -> bool:
        return column == 3 and not row.conflict.resolved

    def tooltip(self, row: ConflictView, column: int) -> str | None:
        c = row.conflict
        if column == 2:
            return str(c.won_value)
        if column == 3:
            return str(c.lost_value)
        if column in (4, 6):
            device = c.lost_device if column == 4 else c.won_device
            return f"Device id {device}" if device else None
        return f"{c.label}; logged {local_datetime(c.recorded_at)}"


class PairModel(RowTableModel):
    """Employers that look like one business, with the evidence."""

    columns: ClassVar = (
        Column("Employer", lambda p: p.first_name),
        Column("Possible duplicate", lambda p: p.second_name),
        Column("Names alike", lambda p: f"{p.score}%", key=lambda p: p.score, align_right=True),
        Column("Evidence", lambda p: ", ".join(p.reasons)),
    )

    def row_id(self, row: DuplicatePair) -> str:
        return f"{row.first_id}|{row.second_id}"


@dataclass(frozen=True)
class ComparedField:
    label: str
    first: str
    second: str

    @property
    def differs(self) -> bool:
        return self.first.strip().casefold() != self.second.strip().casefold()


class ComparisonModel(RowTableModel):
    """Two employers side by side, field by field; differences in bold."""

    columns: ClassVar = (
        Column("Field", lambda f: f.label),
        Column("First", lambda f: f.first),
        Column("Second", lambda f: f.second),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.titles = ("Field", "First", "Second")

    def set_titles(self, first: str, second: str) -> None:
        self.titles = ("Field", first, second)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, 2)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.titles)
        ):
            return self.titles[section]
        return super().headerData(section, orientation, role)

    def row_id(self, row: ComparedField) -> str:
        return row.label

    def bold(self, row: ComparedField, column: int) -> bool:
        return column > 0 and row.differs

    def foreground(self, row: ComparedField, column: int) -> QColor | None:
        return MUTED_COLOR if column > 0 and not row.differs else None


__all__ = [
    "ComparedField",
    "ComparisonModel",
    "ConflictModel",
    "ConflictView",
    "DeviceModel",
    "PairModel",
    "ReportLine",
    "ReportModel",
    "computer_name",
    "report_lines",
    "shown_value",
]
