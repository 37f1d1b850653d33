"""The Events page: the list of events, one event's detail and papers, and the host rotation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import rotation
from app.core.models.events import EventStatus
from app.services.agency import org
from app.services.events import checkin, event_documents, event_report, events, flyers
from app.ui.context import AppContext
from app.ui.dates import shown_date, shown_time
from app.ui.events.dialogs import AddPersonDialog, ImportListDialog, NewEventDialog, PositionDialog
from app.ui.events.models import (
    CalendarModel,
    EventListModel,
    PeopleModel,
    PositionsModel,
    ProposalModel,
)
from app.ui.events.papers import PaperDialog, paper_name
from app.ui.people.tables import select_id, selected_id, table_view

#: The flyer and handout buttons say what the paper is: an employers' event has invitations.
BUTTON_TEXT = {
    "Flyer": "&Flyer…",
    "Invitation": "&Invitation…",
    "Handout": "&Half-page handout…",
    "Half-page invitation": "&Half-page invitation…",
}


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    return button


class EventDetail(QWidget):
    """One event: what, when, where, positions, people, and the buttons for its papers."""

    changed = Signal()
    kiosk_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.event_id: str | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel("No event chosen", self)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setAccessibleName("Event title")
        layout.addWidget(self.title)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Event summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Status:"))
        self.status = QComboBox(self)
        self.status.setAccessibleName("Event status")
        for s in EventStatus:
            self.status.addItem(s.label, s.value)
        self.status.activated.connect(self._status_chosen)
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        layout.addLayout(status_row)

        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (key, text, name, slot) in enumerate(
            (
                ("kiosk", "&Start kiosk", "Start kiosk", self._start_kiosk),
                ("flyer", "&Flyer…", "Flyer", lambda: self.paper("flyer")),
                (
                    "handout",
                    "&Half-page handout…",
                    "Half-page handout",
                    lambda: self.paper("handout"),
                ),
                ("report", "Event &report…", "Event report", lambda: self.paper("report")),
                ("position", "Add &position…", "Add position", self.add_position),
                ("person", "Pre-register a &person…", "Pre-register a person", self.add_person),
                ("import", "&Import sign-up list…", "Import sign-up list", self.import_list),
                ("export", "E&xport check-ins…", "Export check-ins", self.export_checkins),
            )
        ):
            button = _button(text, name, self)
            button.clicked.connect(slot)
            buttons.addWidget(button, n // 4, n % 4)
            self.buttons[key] = button
        layout.addLayout(buttons)

        self.positions = PositionsModel(self)
        self.positions_view = table_view(self.positions, "Positions recruited", self)
        self.positions_view.setMaximumHeight(130)
        layout.addWidget(QLabel("Positions recruited"))
        layout.addWidget(self.positions_view)
        self.people = PeopleModel(self)
        self.people_view = table_view(self.people, "People at this event", self)
        self.people_label = QLabel("People", self)
        layout.addWidget(self.people_label)
        layout.addWidget(self.people_view, 1)
        self.set_event(None)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        for button in self.buttons.values():
            button.setEnabled(event_id is not None)
        self.status.setEnabled(event_id is not None)
        if event_id is None:
            self.title.setText("No event chosen")
            self.summary.setText("Choose an event on the left, or press Ctrl+N for a new one.")
            self.positions.set_rows([])
            self.people.set_rows([])
            return
        try:
            info = events.detail(self.context.store, event_id)
        except LookupError:
            self.set_event(None)
            return
        e = info.event
        start, end = events.local(e.starts_at), events.local(e.ends_at)
        n = event_report.event_numbers(self.context.store, event_id)
        address = flyers.flyer_data(self.context.store, event_id).address
        self.title.setText(info.title)
        lines = [
            f"{info.kind.label} · {shown_date(start)}, {shown_time(start)} - {shown_time(end)}",
            f"Where: {info.place_name}" + (f", {address}" if address else ""),
            "Employers: "
            + (", ".join(h.dba_name or h.legal_name for h in info.hosts) or "none yet"),
            "BSRs: " + (", ".join(s.name for s in info.staff) or "none assigned"),
            f"{n.registered} registered · {n.attended} came ({n.walk_ins} walk-ins, "
            f"{n.returning_people} returning) · {n.applications_helped} applications helped · "
            f"{n.interviews_set} interviews set",
        ]
        if n.by_hour:
            lines.append("By hour: " + ", ".join(f"{h} {c}" for h, c in n.by_hour.items()))
        if n.by_program:
            lines.append("By program: " + ", ".join(f"{p} {c}" for p, c in n.by_program.items()))
        if n.by_zip:
            lines.append("By ZIP: " + ", ".join(f"{z} {c}" for z, c in list(n.by_zip.items())[:8]))
        self.summary.setText("\n".join(lines))
        self.status.setCurrentIndex(max(0, self.status.findData(e.status)))
        self.positions.set_rows(info.positions)
        self.people.set_rows(event_report.checkin_lines(self.context.store, event_id))
        self.people_label.setText(f"People ({n.registered} registered, {n.attended} came)")
        self.buttons["position"].setEnabled(bool(info.hosts))
        for kind in ("flyer", "handout"):
            name = paper_name(kind, info.kind.value)
            self.buttons[kind].setText(BUTTON_TEXT[name])
            self.buttons[kind].setAccessibleName(name)

    def _status_chosen(self, _index: int) -> None:
        if self.event_id is None:
            return
        events.set_status(self.context.store, self.event_id, EventStatus(self.status.currentData()))
        self.changed.emit()

    def _start_kiosk(self) -> None:
        if self.event_id is None:
            return
        if not checkin.has_kiosk_pin(self.context.store):
            QMessageBox.information(
                self,
                "Set a kiosk PIN first",
                "Leaving the kiosk needs a PIN. Set one under File > Kiosk PIN, then start "
                "the kiosk again.",
            )
            return
        self.kiosk_requested.emit(self.event_id)

    # Papers -------------------------------------------------------------------------
    def paper_dialog(self, kind: str) -> PaperDialog | None:
        """The print-or-save dialog of one paper; None (and why) for a report not due yet."""
        if self.event_id is None:
            return None
        if kind == "report":
            try:
                event_documents.report_data(self.context.store, self.event_id)
            except event_documents.EventNotHeld as exc:
                QMessageBox.information(self, "Not held yet", str(exc))
                return None
        else:
            missing = flyers.street_missing(self.context.store, self.event_id)
            if missing:
                QMessageBox.information(self, "No street address", missing)
                return None
        return PaperDialog(self.context, self.event_id, kind, self)

    def paper(self, kind: str) -> None:
        """Print through the system dialog, or save as PDF."""
        dialog = self.paper_dialog(kind)
        if dialog is not None:
            dialog.exec()

    def save_paper(self, kind: str, path: Path, lang: str | None = None) -> None:
        """Save a paper without asking (the job center's languages unless `lang`)."""
        dialog = self.paper_dialog(kind)
        if dialog is not None:
            if lang is not None:
                dialog.set_language(lang)
            dialog.save(path)
            dialog.deleteLater()

    def export_checkins(self) -> None:
        if self.event_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Export check-ins", f"Check-ins - {self.title.text()}.xlsx", "Excel (*.xlsx)"
        )
        if name:
            count = event_report.export_checkins_xlsx(self.context.store, self.event_id, Path(name))
            self.context.signals.status_message.emit(f"{count} people written to {Path(name).name}")

    # People and positions -----------------------------------------------------------
    def add_position(self) -> None:
        if self.event_id is None:
            return
        info = events.detail(self.context.store, self.event_id)
        if (
            info.hosts
            and PositionDialog(self.context, self.event_id, info.hosts[0].id, self).exec()
        ):
            self.set_event(self.event_id)

    def add_person(self) -> None:
        if self.event_id is not None and AddPersonDialog(self.context, self.event_id, self).exec():
            self.set_event(self.event_id)

    def import_list(self) -> None:
        if self.event_id is None:
            return
        dialog = ImportListDialog(self.context, self.event_id, parent=self)
        dialog.choose_file()
        if dialog.sheet is not None and dialog.exec() and dialog.result_counts:
            added, skipped = dialog.result_counts
            self.context.signals.status_message.emit(
                f"{added} people added; {skipped} were already on the list."
            )
            self.set_event(self.event_id)


class RotationPlanner(QWidget):
    """Proposed hosts for the coming months; accept a month, or swap in another partner."""

    accepted = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.fixed: dict[date, str] = {}
        #: First month planned; None means next month.
        self.start: date | None = None
        self.view_data: events.RotationView | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Months to plan:"))
        self.months = QSpinBox(self)
        self.months.setRange(1, 24)
        self.months.setValue(6)
        self.months.setAccessibleName("Months to plan")
        self.months.valueChanged.connect(lambda _v: self.refresh())
        top.addWidget(self.months)
        top.addWidget(QLabel("Held at:"))
        self.place = QComboBox(self)
        self.place.setAccessibleName("Where accepted events are held")
        self.place.addItem("The host's site", "")
        for office in org.offices(context.store):
            self.place.addItem(f"{office.name} job center", office.id)
        top.addWidget(self.place)
        top.addStretch(1)
        layout.addLayout(top)
        self.explain = QLabel(
            "Every active partner with open positions hosts once before anyone hosts twice; "
            "the longest-waiting partner goes first, weighted by openings.",
            self,
        )
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        self.proposals = ProposalModel(self)
        self.proposals_view = table_view(self.proposals, "Proposed hosts", left)
        left_col.addWidget(QLabel("Proposed hosts"))
        left_col.addWidget(self.proposals_view)
        row = QHBoxLayout()
        self.accept_button = _button("&Accept month", "Accept month", left)
        self.accept_button.clicked.connect(self.accept_selected)
        row.addWidget(self.accept_button)
        self.swap_with = QComboBox(left)
        self.swap_with.setAccessibleName("Swap in partner")
        row.addWidget(self.swap_with, 1)
        self.swap_button = _button("S&wap", "Swap", left)
        self.swap_button.clicked.connect(self.swap_selected)
        row.addWidget(self.swap_button)
        left_col.addLayout(row)
        self.skipped = QLabel(left)
        self.skipped.setWordWrap(True)
        self.skipped.setAccessibleName("Partners skipped by the rotation")
        left_col.addWidget(self.skipped)
        right = QWidget(split)
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        self.calendar = CalendarModel(self)
        self.calendar_view = table_view(self.calendar, "Hosting calendar", right)
        right_col.addWidget(QLabel("Who hosted when"))
        right_col.addWidget(self.calendar_view)
        layout.addWidget(split, 1)

    def first_month(self) -> date:
        return self.start or rotation.add_months(rotation.month_start(date.today()), 1)

    def refresh(self) -> None:
        self.view_data = events.rotation_view(
            self.context.store, self.first_month(), self.months.value(), self.fixed
        )
        self.proposals.set_rows(self.view_data.proposals)
        self.calendar.set_rows(self.view_data.calendar)
        eligible = sum(1 for c in self.view_data.candidates if c.eligible)
        if eligible:
            self.explain.setText(
                f"{eligible} active partners have open positions. Each hosts once before "
                "anyone hosts twice; the longest-waiting partner goes first, weighted by openings."
            )
        else:
            self.explain.setText(
                "No active partner has open positions on record, so there is nobody to propose. "
                "Add open positions to partners (Employers page) or create an event by hand."
            )
        self.skipped.setText(skipped_text(self.view_data.skipped))
        self.swap_with.clear()
        for c in sorted(self.view_data.candidates, key=lambda c: c.name.casefold()):
            if c.eligible:
                self.swap_with.addItem(f"{c.name} ({c.openings} openings)", c.employer_id)
        if self.proposals.rowCount():
            self.proposals_view.selectRow(0)

    def _selected(self) -> rotation.Proposal | None:
        row = self.proposals_view.currentIndex().row()
        return self.proposals.row_at(row) if 0 <= row < self.proposals.rowCount() else None

    def accept_selected(self) -> str | None:
        proposal = self._selected()
        if proposal is None:
            return None
        event = events.accept_proposal(
            self.context.store,
            proposal,
            self.place.currentData() or None,
            staff_ids=[self.context.me_id] if self.context.me_id else [],
        )
        self.fixed.pop(proposal.month, None)
        self.refresh()
        self.accepted.emit(event.id)
        return event.id

    def swap_selected(self) -> None:
        proposal = self._selected()
        employer_id = self.swap_with.currentData()
        if proposal is None or not employer_id:
            return
        self.fixed[proposal.month] = employer_id
        self.refresh()
        select_id(self.proposals_view, proposal.month.isoformat())


def skipped_text(skipped: list[rotation.Candidate]) -> str:
    """Who the rotation leaves out and why, one line each (empty when nobody)."""
    if not skipped:
        return ""
    lines = [f"• {c.name}: {c.skip_reason}" for c in sorted(skipped, key=lambda c: c.name)]
    return "Not proposed:\n" + "\n".join(lines)


class EventsPage(QWidget):
    """Events list and detail on one tab, the host rotation on another."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kiosk = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Events sections")
        layout.addWidget(self.tabs)

        events_tab = QWidget(self)
        col = QVBoxLayout(events_tab)
        bar = QHBoxLayout()
        self.new_button = _button("&New event…", "New event", events_tab)
        self.new_button.clicked.connect(self.new_event)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        col.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, events_tab)
        self.model = EventListModel(self)
        self.view = table_view(self.model, "Events", split)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.detail = EventDetail(context, split)
        self.detail.changed.connect(self.refresh)
        self.detail.kiosk_requested.connect(self.start_kiosk)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        col.addWidget(split, 1)
        self.tabs.addTab(events_tab, "&Events")

        self.planner = RotationPlanner(context, self)
        self.planner.accepted.connect(self._accepted)
        self.tabs.addTab(self.planner, "Host &rotation")
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=self.new_event)
        context.signals.data_changed.connect(self._data_changed)
        self.refresh()

    def refresh(self) -> None:
        current = selected_id(self.view)
        self.model.set_rows(events.list_events(self.context.store))
        if not select_id(self.view, current) and self.model.rowCount():
            self.view.selectRow(0)
        self._show_selected()
        self.planner.refresh()

    def _data_changed(self, table: str) -> None:
        if table.startswith("event") or table in (
            "employer",
            "open_position",
            "placement",
            "fit_override",
        ):
            self.refresh()

    def _show_selected(self) -> None:
        self.detail.set_event(selected_id(self.view))

    def select_event(self, event_id: str) -> None:
        self.refresh()
        select_id(self.view, event_id)
        self._show_selected()

    def new_event(self) -> str | None:
        dialog = NewEventDialog(self.context, self)
        if dialog.exec():
            self.select_event(dialog.result_value)
            return dialog.result_value
        return None

    def _accepted(self, event_id: str) -> None:
        self.select_event(event_id)
        self.context.signals.status_message.emit("Hiring event planned.")

    def start_kiosk(self, event_id: str) -> None:
        from app.ui.events.kiosk import open_kiosk

        self.kiosk = open_kiosk(self.context, event_id, self.window())
        self.kiosk.exited.connect(lambda: self.select_event(event_id))
