"""The Activity tab: every meeting, call, email, tour, event and note, newest first."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Activity, ActivityKind
from app.core.validation import FieldError
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.dates import datetime_edit_format
from app.ui.models import Column, RowTableModel, local_datetime, short_date
from app.ui.widgets import ChoiceField, LineField


def kind_label(kind: str) -> str:
    try:
        return ActivityKind(kind).label
    except ValueError:
        return kind


def details(a: Activity) -> str:
    return f"{a.summary}  →  {a.outcome}" if a.outcome else a.summary


class ActivityModel(RowTableModel):
    """The timeline, newest first as the service returns it."""

    columns = (
        Column("When", lambda a: short_date(a.occurred_at), key=lambda a: a.occurred_at),
        Column("What", lambda a: kind_label(a.kind)),
        Column("Summary and outcome", lambda a: details(a)),
    )

    def tooltip(self, row: Activity, column: int) -> str | None:
        if column == 0:
            return local_datetime(row.occurred_at)
        return f"{row.summary}\n{row.outcome}".strip() if column >= 2 else None


class TimelineSection(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.kind = ChoiceField("Kind of activity", self)
        self.kind.set_choices([(k.label, k.value) for k in ActivityKind])
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(datetime_edit_format())
        self.when.setAccessibleName("When it happened")
        self.summary = LineField(
            "summary", "What happened", None, placeholder="What happened", parent=self
        )
        self.outcome = QLineEdit(self)
        self.outcome.setPlaceholderText("Outcome or next step (optional)")
        self.outcome.setAccessibleName("Outcome")
        self.log_button = QPushButton("&Log it", self)
        self.log_button.setAccessibleName("Log activity")
        self.log_button.clicked.connect(self.log)
        self.outcome.returnPressed.connect(self.log)
        self.summary.edit.returnPressed.connect(self.log)  # type: ignore[union-attr]
        form = QGridLayout()
        form.addWidget(QLabel("Log:", self), 0, 0)
        form.addWidget(self.kind, 0, 1)
        form.addWidget(self.when, 0, 2)
        form.addWidget(self.summary, 1, 0, 1, 3)
        form.addWidget(self.outcome, 2, 0, 1, 2)
        form.addWidget(self.log_button, 2, 2)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 1)
        self.model = ActivityModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Activity timeline, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 95)
        self.table.setColumnWidth(1, 135)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        self.context.signals.data_changed.connect(self._data_changed)
        self.setEnabled(False)

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.setEnabled(employer_id is not None)
        self.summary.set_value("")
        self.outcome.clear()
        self.when.setDateTime(QDateTime.currentDateTime())
        self.refresh()

    def refresh(self) -> None:
        rows = (
            employers.activities(self.context.store, self.employer_id) if self.employer_id else []
        )
        self.model.set_rows(rows)

    def _data_changed(self, table: str) -> None:
        if table == "activity":
            self.refresh()

    def log(self) -> bool:
        """Append what the form says to the timeline; an empty summary is flagged, not saved."""
        if self.employer_id is None:
            return False
        when = self.when.dateTime().toPython().astimezone(UTC)
        try:
            employers.log_activity(
                self.context.store,
                self.employer_id,
                self.kind.currentData(),
                self.summary.text(),
                occurred_at=when,
                staff_id=self.context.me_id,
                outcome=self.outcome.text(),
            )
        except FieldError as exc:
            self.summary.show_error(exc.message)
            self.summary.setFocus()
            return False
        self.summary.set_value("")
        self.outcome.clear()
        self.when.setDateTime(QDateTime.currentDateTime())
        self.context.signals.data_changed.emit("activity")
        self.context.signals.data_changed.emit("employer")
        self.context.signals.status_message.emit("Activity logged.")
        return True
