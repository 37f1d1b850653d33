"""The Participants page: find a job seeker, keep their record right (one person, one
record), and follow them from referral to placement to check-ins. Shared openings
from partner organizations have their own tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.models import AgeGroup
from app.core.validation import FieldError
from app.services.people import participants, placements, progress, referrals
from app.ui.context import AppContext
from app.ui.models import RowTableModel
from app.ui.people.dialogs import (
    CheckInDialog,
    NewParticipantDialog,
    OutcomeDialog,
    PlacementDialog,
    ProgramList,
    ReferralDialog,
    SeparationDialog,
    staff_choices,
)
from app.ui.people.form import date_text
from app.ui.people.models import (
    CheckInLogModel,
    DuplicatesModel,
    ParticipantsModel,
    PlacementsModel,
    ReferralsModel,
    ScheduleModel,
)
from app.ui.people.openings import OpeningsTab
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import ChoiceField, ErrorLabel, LineField, SearchField, heading

PEOPLE_TABLES = ("participant", "referral", "placement", "progresscheckin", "resume")


def button(text: str, parent: QWidget, name: str | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    return widget


class MergeDialog(QDialog):
    """People who may be the same as this one; the chosen one is folded into this record."""

    def __init__(self, context: AppContext, participant_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Possible duplicates")
        self.context = context
        self.participant_id = participant_id
        person = participants.get(context.store, participant_id)
        assert person is not None
        self.model = DuplicatesModel(self)
        self.model.set_rows(
            participants.find_duplicates(
                context.store,
                person.first_name,
                person.last_name,
                person.phone,
                person.email,
                exclude_id=participant_id,
            )
        )
        self.view = table_view(self.model, "Possible duplicates", self)
        if self.model.rowCount():
            self.view.selectRow(0)
        text = (
            f"These records may be {person.full_name}. Merging moves their referrals, placements "
            "and event visits to this record and fills in anything missing here."
            if self.model.rowCount()
            else f"No other record looks like {person.full_name}."
        )
        label = QLabel(text, self)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = buttons.addButton(
            "&Merge into this record", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setAccessibleName("Merge the chosen record into this one")
        self.merge_button.setEnabled(self.model.rowCount() > 0)
        self.merge_button.clicked.connect(self.merge_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(620, 300)

    def merge_selected(self) -> bool:
        other = selected_id(self.view)
        if other is None:
            return False
        participants.merge(self.context.store, self.participant_id, other)
        self.accept()
        return True


class DetailsTab(QWidget):
    """The person's record, saved field by field as it is edited."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.participant_id: str | None = None
        form = QFormLayout()
        self.lines: dict[str, LineField] = {}
        for field, label in (
            ("first_name", "&First name"),
            ("last_name", "&Last name"),
            ("phone", "&Phone"),
            ("email", "&Email"),
            ("zip_code", "&ZIP code"),
        ):
            line = LineField(field, label.replace("&", ""), self.commit, parent=self)
            caption = QLabel(label, self)
            caption.setBuddy(line.edit)
            form.addRow(caption, line)
            self.lines[field] = line
        self.age = ChoiceField("Age group", self)
        self.age.set_choices([(g.label, g.value) for g in AgeGroup])
        self.age.choice_made.connect(lambda value: self.commit("age_group", value))
        form.addRow("&Age group", self.age)
        self.staff = ChoiceField("Assigned BSR", self)
        self.staff.set_choices(staff_choices(context))
        self.staff.choice_made.connect(lambda value: self.commit("staff_id", value))
        form.addRow("Assigned &BSR", self.staff)
        self.programs = ProgramList(context, [], self)
        self.programs.itemChanged.connect(lambda _i: self._programs_changed())
        form.addRow("P&rograms", self.programs)
        self.authorized = QCheckBox("Work authorization confirmed", self)
        self.authorized.setAccessibleName("Work authorization confirmed")
        self.authorized.clicked.connect(lambda on: self.commit("work_authorization_confirmed", on))
        form.addRow("", self.authorized)
        self.authorized_on = LineField(
            "work_authorization_confirmed_on",
            "Confirmed on",
            self.commit,
            placeholder="M/D/YYYY",
            parent=self,
        )
        form.addRow("Confirmed &on", self.authorized_on)
        self.authorized_by = LineField(
            "work_authorization_confirmed_by", "Confirmed by", self.commit, parent=self
        )
        form.addRow("Confirmed b&y", self.authorized_by)
        self.notes = LineField("notes", "Notes", self.commit, multiline=True, parent=self)
        form.addRow("No&tes", self.notes)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._loading = False

    def set_participant(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        person = participants.get(self.context.store, participant_id) if participant_id else None
        self.setEnabled(person is not None)
        self._loading = True
        for field, line in self.lines.items():
            line.set_value(getattr(person, field) if person else "")
        self.age.select(person.age_group if person else "adult")
        self.staff.select(person.staff_id if person else None)
        self.programs.set_codes(person.program_codes if person else [])
        self.authorized.setChecked(bool(person and person.work_authorization_confirmed))
        self.authorized_on.set_value(
            date_text(person.work_authorization_confirmed_on) if person else ""
        )
        self.authorized_by.set_value(person.work_authorization_confirmed_by if person else "")
        self.notes.set_value(person.notes if person else "")
        self.error.show_message("")
        self._loading = False

    def _programs_changed(self) -> None:
        if not self._loading:
            self.commit("programs", self.programs.codes())

    def commit(self, field: str, value: object) -> object:
        """Save one field now; a refusal shows under the field (LineField) or below the form."""
        if self.participant_id is None:
            return value
        try:
            stored = participants.update_field(
                self.context.store, self.participant_id, field, value
            )
        except FieldError as exc:
            if field in self.lines or field in ("notes", "work_authorization_confirmed_on"):
                raise
            self.error.show_message(exc.message)
            self.set_participant(self.participant_id)
            self.error.show_message(exc.message)
            return None
        self.error.show_message("")
        if field == "work_authorization_confirmed":
            self.set_participant(self.participant_id)
        self.context.signals.data_changed.emit("participant")
        return date_text(stored) if isinstance(stored, date) else stored


class ParticipantRecordsTab(QWidget):
    """One kind of record of the chosen participant in a table, with buttons that open forms.

    Subclasses say which rows to show (`_rows`) and what else follows the table
    (`_after_refresh`); choosing a participant, keeping the selection across a refresh and
    showing a form the tests can drive are the same for every kind.
    """

    def __init__(
        self,
        context: AppContext,
        model_type: type[RowTableModel],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.participant_id: str | None = None
        self.model = model_type(self)
        self.view = table_view(self.model, title, self)
        self.dialog: QDialog | None = None

    def _button_row(self, actions: list[tuple[QPushButton, Callable[[], object]]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget, slot in actions:
            widget.clicked.connect(slot)
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _rows(self, participant_id: str) -> list[Any]:
        """The rows of this participant, in the model's row type."""
        raise NotImplementedError

    def _after_refresh(self) -> None:
        """Bring whatever depends on the selected row up to date."""

    def set_participant(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        self.refresh()

    def refresh(self) -> None:
        current = selected_id(self.view)
        rows = self._rows(self.participant_id) if self.participant_id else []
        self.model.set_rows(rows)
        if not select_id(self.view, current) and rows:
            self.view.selectRow(0)
        self._after_refresh()
        self.setEnabled(self.participant_id is not None)

    def _run(self, dialog: QDialog, table: str) -> bool:
        """Show a form; tests drive `self.dialog` and call its `save()` while it is open."""
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if accepted:
            self.context.signals.data_changed.emit(table)
        return accepted


class ReferralsTab(ParticipantRecordsTab):
    """Where the person was sent, what came of it, and the resume that went along."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ReferralsModel, "Referrals", parent)
        self.refer_button = button("&Refer to a position…", self)
        self.outcome_button = button("&Outcome…", self, "Record the outcome")
        self.hired_button = button("&Hired: record placement…", self, "Record the placement")
        self.resume_button = button("Save resume &copy…", self, "Save a copy of the resume")
        self.email_button = button("&Email the resume…", self, "Email the resume for the opening")
        self.composer: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(
            self._button_row(
                [
                    (self.refer_button, self.refer),
                    (self.outcome_button, self.record_outcome),
                    (self.hired_button, self.record_hire),
                    (self.resume_button, self.save_resume),
                    (self.email_button, self.email_resume),
                ]
            )
        )
        layout.addWidget(self.view, 1)

    def _rows(self, participant_id: str) -> list[Any]:
        return referrals.list_rows(self.context.store, participant_id=participant_id)

    def refer(self) -> bool:
        if not self.participant_id:
            return False
        return self._run(ReferralDialog(self.context, self.participant_id, parent=self), "referral")

    def record_outcome(self) -> bool:
        referral_id = selected_id(self.view)
        if referral_id is None:
            return False
        return self._run(OutcomeDialog(self.context, referral_id, self), "referral")

    def record_hire(self) -> bool:
        referral_id = selected_id(self.view)
        if referral_id is None or self.participant_id is None:
            return False
        return self._run(
            PlacementDialog(self.context, self.participant_id, referral_id, self), "placement"
        )

    def email_resume(self) -> bool:
        """Write the email with the resume attached, to the employer or the partner running
        the opening; the referral records it once saved or sent."""
        from app.ui.people.resume_composer import email_resume

        return email_resume(self.context, selected_id(self.view), self)

    def save_resume(self, folder: Path | None = None) -> Path | None:
        referral_id = selected_id(self.view)
        referral = referrals.get(self.context.store, referral_id) if referral_id else None
        if referral is None or referral.resume_id is None:
            self.context.signals.status_message.emit("This referral has no resume attached.")
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "Save the resume in", str(Path.home()))
            if not chosen:
                return None
            folder = Path(chosen)
        path = referrals.save_resume_copy(self.context.store, referral.resume_id, folder)
        self.context.signals.status_message.emit(f"Resume saved as {path}")
        return path


class PlacementsTab(ParticipantRecordsTab):
    """Placements, each with its check-in schedule and the log of what employers said."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, PlacementsModel, "Placements", parent)
        self.today: date | None = None
        self.schedule = ScheduleModel(self)
        self.schedule_view = table_view(self.schedule, "Check-in schedule", self)
        self.log = CheckInLogModel(self)
        self.log_view = table_view(self.log, "Check-in log", self)
        self.place_button = button("Record &placement…", self)
        self.ended_button = button("Job &ended…", self, "Record that the job ended")
        self.checkin_button = button("Log &check-in…", self)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self.schedule_view)
        lower.addWidget(self.log_view)
        lower.setSizes([220, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(
            self._button_row(
                [
                    (self.place_button, self.record_placement),
                    (self.ended_button, self.record_separation),
                    (self.checkin_button, self.log_check_in),
                ]
            )
        )
        layout.addWidget(self.view, 2)
        layout.addWidget(heading("Check-ins for the chosen placement", self, 13))
        layout.addWidget(lower, 3)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_check_ins())

    def _rows(self, participant_id: str) -> list[Any]:
        return placements.list_rows(self.context.store, participant_id=participant_id)

    def _after_refresh(self) -> None:
        self.show_check_ins()

    def show_check_ins(self) -> None:
        placement_id = selected_id(self.view)
        if placement_id is None:
            self.schedule.set_rows([])
            self.log.set_rows([])
            return
        today = self.today or date.today()
        self.schedule.set_rows(progress.schedule_for(self.context.store, placement_id, today))
        self.log.set_rows(progress.log_for(self.context.store, placement_id))

    def record_placement(self) -> bool:
        if not self.participant_id:
            return False
        return self._run(
            PlacementDialog(self.context, self.participant_id, parent=self), "placement"
        )

    def record_separation(self) -> bool:
        placement_id = selected_id(self.view)
        if placement_id is None:
            return False
        return self._run(SeparationDialog(self.context, placement_id, self), "placement")

    def log_check_in(self) -> bool:
        placement_id = selected_id(self.view)
        if placement_id is None:
            return False
        return self._run(
            CheckInDialog(self.context, placement_id, self.today, self), "progresscheckin"
        )


class PeopleTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.search = SearchField(
            "Find a participant: name, phone, email or ZIP", "Find a participant", self
        )
        self.search.search_changed.connect(lambda _text: self.reload())
        self.new_button = button("&New participant…", self)
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_participant)
        self.merge_button = button("Find &duplicates…", self, "Find and merge duplicates")
        self.merge_button.clicked.connect(self.find_duplicates)
        self.model = ParticipantsModel(self)
        self.view = table_view(self.model, "Participants", self)
        for column, width in enumerate((150, 115, 190, 60, 100)):
            self.view.setColumnWidth(column, width)
        self.count = QLabel(self)
        self.name = heading("", self, 16)
        self.details = DetailsTab(context, self)
        self.referrals = ReferralsTab(context, self)
        self.placements = PlacementsTab(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Participant details")
        self.tabs.addTab(self.details, "&Details")
        self.tabs.addTab(self.referrals, "Re&ferrals")
        self.tabs.addTab(self.placements, "Placements && c&heck-ins")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.merge_button)
        right_layout.addLayout(head)
        right_layout.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.open_selected())
        self.participant_id: str | None = None
        self.dialog: QDialog | None = None
        self.reload()

    def reload(self) -> None:
        current = self.participant_id
        rows = participants.list_rows(self.context.store, self.search.text())
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} participant{'s' if len(rows) != 1 else ''}")
        if not select_id(self.view, current):
            if rows:
                self.view.selectRow(0)
            else:
                self.open(None)

    def open_selected(self) -> None:
        self.open(selected_id(self.view))

    def open(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        person = participants.get(self.context.store, participant_id) if participant_id else None
        self.name.setText(person.full_name if person else "No participant chosen")
        self.merge_button.setEnabled(person is not None)
        self.details.set_participant(participant_id)
        self.referrals.set_participant(participant_id)
        self.placements.set_participant(participant_id)

    def show_participant(self, participant_id: str) -> None:
        if not select_id(self.view, participant_id):
            self.search.clear()
            self.reload()
            select_id(self.view, participant_id)

    def new_participant(self) -> str | None:
        dialog = NewParticipantDialog(self.context, self)
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if not accepted:
            return None
        self.context.signals.data_changed.emit("participant")
        self.show_participant(dialog.result_value)
        return dialog.result_value

    def find_duplicates(self) -> bool:
        if self.participant_id is None:
            return False
        dialog = MergeDialog(self.context, self.participant_id, self)
        self.dialog = dialog
        merged = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if merged:
            self.context.signals.data_changed.emit("participant")
            self.context.signals.status_message.emit("Records merged.")
        return merged

    def refresh(self) -> None:
        self.reload()
        self.referrals.refresh()
        self.placements.refresh()


class ParticipantsPage(QWidget):
    """Registered in the sidebar as Participants."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.people = PeopleTab(context, self)
        self.openings = OpeningsTab(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Participants area")
        self.tabs.addTab(self.people, "&Participants")
        self.tabs.addTab(self.openings, "&Shared openings && partners")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        new = QShortcut(QKeySequence.StandardKey.New, self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.people.new_participant)
        context.signals.data_changed.connect(self._data_changed)

    def _data_changed(self, table: str) -> None:
        if table in PEOPLE_TABLES:
            self.people.refresh()
        if table in ("referral", "partner", "partneropening"):
            self.openings.refresh()

    def refresh(self) -> None:
        self.people.refresh()
        self.openings.refresh()
