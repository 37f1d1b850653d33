"""The Tours page: tours planned and done, each with its structured notes (saved as typed)
and the job seekers who came along."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.models import TOUR_NOTE_FIELDS, TourStatus
from app.core.validation import FieldError
from app.services.people import tours
from app.ui.context import AppContext
from app.ui.people.form import FormDialog, date_text
from app.ui.people.models import GuestsModel, ToursModel
from app.ui.people.pickers import employer_picker, participant_picker
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import ChoiceField, ErrorLabel, LineField, SearchField, heading

#: Notes that get a bigger box (people write sentences there).
LONG_NOTES = frozenset({"volume_of_work", "physical_demands", "impressions", "accessibility"})


class PlanTourDialog(FormDialog):
    def __init__(
        self,
        context: AppContext,
        employer_id: str | None = None,
        employer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Plan a workplace tour", parent)
        self.context = context
        self.employer = employer_picker(context, self)
        self.add("employer_id", "&Employer", self.employer)
        if employer_id:
            self.employer.choose(employer_id, employer_name)
        self.add_date("planned_on", "&Date")
        self.add_line("site", "&Site", "", "Which building or entrance, if not the main address")

    def submit(self) -> str:
        employer_id = self.employer.value()
        if not employer_id:
            raise FieldError("employer_id", "Choose the employer (type part of the name).")
        return tours.plan_tour(
            self.context.store,
            employer_id,
            self.text("planned_on"),
            self.context.me_id,
            self.text("site"),
        ).id


class TourEditor(QWidget):
    """One tour: dates, status, the notes and the guests. Every field saves when left."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tour_id: str | None = None
        self.today: date | None = None
        self.title = heading("No tour chosen", self, 15)
        self.status = ChoiceField("Tour status", self)
        self.status.set_choices([(s.label, s.value) for s in TourStatus])
        self.status.choice_made.connect(self._status_chosen)
        self.planned_on = LineField(
            "planned_on", "Planned for", self.commit, placeholder="M/D/YYYY", parent=self
        )
        self.done_on = LineField(
            "done_on", "Toured on", self.commit, placeholder="M/D/YYYY", parent=self
        )
        self.site = LineField("site", "Site", self.commit, parent=self)
        self.done_button = QPushButton("Mark &done today", self)
        self.done_button.setAccessibleName("Mark the tour done today")
        self.done_button.clicked.connect(self.mark_done_today)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow("Stat&us", self.status)
        form.addRow("Planned &for", self.planned_on)
        form.addRow("Toured o&n", self.done_on)
        form.addRow("S&ite", self.site)
        self.notes: dict[str, LineField] = {}
        for field, label in TOUR_NOTE_FIELDS:
            line = LineField(field, label, self.commit, multiline=field in LONG_NOTES, parent=self)
            self.notes[field] = line
            form.addRow(label, line)
        self.guests = GuestsModel(self)
        self.guests_view = table_view(self.guests, "Job seekers who came along", self)
        self.guests_view.setMaximumHeight(120)
        self.guest_picker = participant_picker(context, self)
        self.guest_picker.setAccessibleName("Add a job seeker who came along")
        self.guest_picker.picked.connect(self.add_guest)
        self.remove_guest_button = QPushButton("Remove", self)
        self.remove_guest_button.setAccessibleName("Remove the chosen job seeker from the tour")
        self.remove_guest_button.clicked.connect(self.remove_guest)
        guest_row = QHBoxLayout()
        guest_row.addWidget(self.guest_picker, 1)
        guest_row.addWidget(self.remove_guest_button)
        form.addRow("Came &along", self.guests_view)
        form.addRow("", self._wrap(guest_row))
        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        self.set_tour(None)

    def _wrap(self, row: QHBoxLayout) -> QWidget:
        holder = QWidget(self)
        row.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(row)
        return holder

    def set_tour(self, tour_id: str | None) -> None:
        self.tour_id = tour_id
        tour = tours.get(self.context.store, tour_id) if tour_id else None
        self.setEnabled(tour is not None)
        self.error.show_message("")
        if tour is None:
            self.title.setText("No tour chosen")
            self.guests.set_rows([])
            return
        rows = tours.list_rows(self.context.store, employer_id=tour.employer_id)
        name = next((r.employer_name for r in rows if r.id == tour_id), "")
        self.title.setText(f"Tour of {name}")
        self.status.select(tour.status)
        self.planned_on.set_value(date_text(tour.planned_on))
        self.done_on.set_value(date_text(tour.done_on))
        self.site.set_value(tour.site)
        for field, line in self.notes.items():
            line.set_value(getattr(tour, field))
        self.done_button.setEnabled(tour.status != TourStatus.DONE.value)
        self.guests.set_rows(tours.guests(self.context.store, tour_id))

    def commit(self, field: str, value: object) -> object:
        if self.tour_id is None:
            return value
        stored = tours.update_field(self.context.store, self.tour_id, field, value)
        self.context.signals.data_changed.emit("tour")
        return date_text(stored) if isinstance(stored, date) else stored

    def _status_chosen(self, value: str) -> None:
        if self.tour_id is None:
            return
        try:
            if value == TourStatus.DONE.value and not self.done_on.text().strip():
                tours.mark_done(
                    self.context.store, self.tour_id, self.today or date.today(), self.today
                )
            else:
                tours.update_field(self.context.store, self.tour_id, "status", value)
        except FieldError as exc:
            self.error.show_message(exc.message)
            return
        self.context.signals.data_changed.emit("tour")
        self.set_tour(self.tour_id)

    def mark_done_today(self) -> None:
        if self.tour_id is None:
            return
        when = self.today or date.today()
        tours.mark_done(self.context.store, self.tour_id, when, when)
        self.context.signals.data_changed.emit("tour")
        self.set_tour(self.tour_id)

    def add_guest(self, participant_id: str) -> None:
        if self.tour_id is None:
            return
        tours.add_guest(self.context.store, self.tour_id, participant_id)
        self.guest_picker.setEditText("")
        self.guests.set_rows(tours.guests(self.context.store, self.tour_id))
        self.context.signals.data_changed.emit("tourguest")

    def remove_guest(self) -> None:
        participant_id = selected_id(self.guests_view)
        if self.tour_id is None or participant_id is None:
            return
        tours.remove_guest(self.context.store, self.tour_id, participant_id)
        self.guests.set_rows(tours.guests(self.context.store, self.tour_id))
        self.context.signals.data_changed.emit("tourguest")


class ToursPage(QWidget):
    """Registered in the sidebar as Tours."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.search = SearchField("Find tours by employer or site", "Find tours", self)
        self.search.search_changed.connect(lambda _text: self.reload())
        self.status = ChoiceField("Show tours", self)
        self.status.set_choices([("All tours", ""), *[(s.label, s.value) for s in TourStatus]])
        self.status.choice_made.connect(lambda _v: self.reload())
        self.plan_button = QPushButton("&Plan a tour…", self)
        self.plan_button.setAccessibleName("Plan a tour")
        self.plan_button.setToolTip("Ctrl+N")
        self.plan_button.clicked.connect(self.plan)
        self.model = ToursModel(self)
        self.view = table_view(self.model, "Tours", self)
        self.editor = TourEditor(context, self)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.plan_button)
        lv.addLayout(top)
        lv.addWidget(self.view, 1)
        self.count = QLabel(left)
        lv.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setSizes([560, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)
        self.view.selectionModel().currentRowChanged.connect(
            lambda *_: self.editor.set_tour(selected_id(self.view))
        )
        new = QShortcut(QKeySequence.StandardKey.New, self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.plan)
        context.signals.data_changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self, table: str) -> None:
        if table in ("tour", "tourguest", "employer"):
            self.reload(keep_editor=True)

    def reload(self, keep_editor: bool = False) -> None:
        current = selected_id(self.view) or self.editor.tour_id
        rows = tours.list_rows(
            self.context.store, status=self.status.currentData() or "", search=self.search.text()
        )
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} tour{'s' if len(rows) != 1 else ''}")
        # While a tour is being written up, its own saves must not reload the editor.
        selection = self.view.selectionModel()
        selection.blockSignals(keep_editor)
        found = select_id(self.view, current)
        selection.blockSignals(False)
        if not found and not keep_editor:
            if rows:
                self.view.selectRow(0)
            else:
                self.editor.set_tour(None)

    def plan(self, employer_id: str | None = None, employer_name: str = "") -> str | None:
        dialog = PlanTourDialog(self.context, employer_id, employer_name, self)
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if not accepted:
            return None
        self.context.signals.data_changed.emit("tour")
        self.status.select("")
        self.search.clear()
        self.reload()
        select_id(self.view, dialog.result_value)
        self.editor.set_tour(dialog.result_value)
        return dialog.result_value

    def refresh(self) -> None:
        self.reload()
