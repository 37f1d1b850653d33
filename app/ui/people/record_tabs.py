"""The participant's records kept as tables with forms: referrals (with the resume sent) and
placements (with their check-in schedule and log, and the OJT agreement made from one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.people import placements, progress, referrals
from app.ui.context import AppContext
from app.ui.models import RowTableModel
from app.ui.people.dialogs import (
    CheckInDialog,
    OutcomeDialog,
    PlacementDialog,
    ReferralDialog,
    SeparationDialog,
)
from app.ui.people.models import CheckInLogModel, PlacementsModel, ReferralsModel, ScheduleModel
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import heading


def button(text: str, parent: QWidget, name: str | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    return widget


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
        self.ojt_button = button("New &OJT agreement…", self, "New OJT agreement")
        self.ojt_button.setToolTip(
            "A draft OJT agreement filled from this placement: employer, trainee, position, "
            "start date and wage"
        )
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
                    (self.ojt_button, self.new_ojt_agreement),
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

    def new_ojt_agreement(self) -> str | None:
        """A draft agreement from the chosen placement, then the OJT page opened on it."""
        from app.ui.ojt.dialogs import NewAgreementDialog

        placement_id = selected_id(self.view)
        if placement_id is None:
            self.context.signals.status_message.emit("Choose the placement first.")
            return None
        dialog = NewAgreementDialog(self.context, parent=self, placement_id=placement_id)
        if not self._run(dialog, "placement"):
            return None
        made = dialog.agreement_id
        window: Any = self.window()
        page = window.show_page("ojt") if hasattr(window, "show_page") else None
        if page is not None and made:
            page.open_agreement(made)
            page.tabs.setCurrentWidget(page.form)
        return made
