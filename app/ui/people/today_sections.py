"""Today boxes: overdue progress check-ins, and employers who do not answer them.

Both offer the check-in email as a draft (.eml) that opens in the mail program.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QWidget

from app.core.validation import FieldError
from app.services.agency import settings
from app.services.people import at_risk, progress
from app.ui.context import AppContext
from app.ui.people.models import AtRiskModel, OverdueCheckInsModel, SilentEmployersModel
from app.ui.today.sections import TodaySection

PEOPLE_TABLES = ("placement", "progresscheckin", "participant", "employer", "contact", "settings")


def drafts_folder(context: AppContext) -> Path:
    """Drafts live beside the store, in the BSR's own data folder (they name participants)."""
    return context.store.path.parent / "drafts"


class _PeopleSection(TodaySection):
    """A Today box about placed people: a frozen `today` for tests, refreshed by their tables."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.today: date | None = None
        super().__init__(context, parent)

    def day(self) -> date:
        return self.today or date.today()

    def _data_changed(self, table: str) -> None:
        if table in PEOPLE_TABLES:
            self.refresh()


class _CheckInSection(_PeopleSection):
    """Shared parts: the email draft button."""

    #: Open each draft in the mail program once written (tests turn this off).
    open_drafts = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.email_button = QPushButton("Draft check-in &email", self)
        self.email_button.setAccessibleName("Draft a check-in email to the chosen employer")
        self.email_button.clicked.connect(self.draft_email)
        self.top.addWidget(self.email_button)
        self.last_draft: Path | None = None

    def refresh(self) -> None:
        super().refresh()
        self.email_button.setEnabled(self.model.rowCount() > 0)

    def draft_email(self) -> Path | None:
        """Write the check-in email for the chosen line's employer and open it."""
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        if not (0 <= row < self.model.rowCount()):
            return None
        employer_id = self.model.employer_at(row)  # type: ignore[attr-defined]
        me = settings.me(self.context.store)
        try:
            message = progress.draft_check_in_email(
                self.context.store,
                employer_id,
                self.day(),
                sender_name=me.name if me else "",
                sender_email=me.email if me else "",
            )
        except FieldError as exc:
            self.context.signals.status_message.emit(exc.message)
            return None
        name = self.model.row_at(row).employer
        path = progress.write_draft(message, drafts_folder(self.context), f"Check-in {name}")
        self.last_draft = path
        self.context.signals.status_message.emit(f"Check-in email ready: {path}")
        if self.open_drafts:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path


class OverdueCheckInsSection(_CheckInSection):
    title = "Check-ins overdue"
    empty_text = "Every placed participant's check-in is up to date."
    model_class = OverdueCheckInsModel
    widths = (90, 70, 170, 150)

    def rows(self) -> list:
        return progress.overdue_check_ins(self.context.store, self.day(), self.owner_id)

    def describe(self, count: int) -> str:
        return "Ask the employer how each person is doing. Enter opens the employer."


class SilentEmployersSection(_CheckInSection):
    title = "Employers not answering"
    empty_text = "Every employer answered its latest check-in."
    model_class = SilentEmployersModel
    widths = (200, 100, 100)

    def rows(self) -> list:
        return progress.silent_employers(self.context.store, self.day(), self.owner_id)

    def describe(self, count: int) -> str:
        return "Check-ins went unanswered in a row: call, or visit, before absences pile up."


class AtRiskSection(_PeopleSection):
    """People still working whose check-ins show absences, lateness or silence."""

    title = "People at risk"
    empty_text = "No placed participant shows absences, lateness or unanswered check-ins."
    model_class = AtRiskModel
    widths = (150, 170, 260, 170)

    def rows(self) -> list:
        return at_risk.at_risk(self.context.store, self.day(), self.owner_id)

    def describe(self, count: int) -> str:
        return "Tell the BSR named, and reach the participant before the job is lost."
