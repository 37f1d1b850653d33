"""Today boxes for the RFI path: follow-up emails owed, eligibility owed, RFIs unanswered.

Each row has its email ready: Enter opens the employer, "Write email" opens the
composer filled for that step.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton, QWidget

from app.services.employers import replies
from app.services.rfi import eligibility, rfi_timers
from app.services.rfi import mail as mail_service
from app.ui.context import AppContext
from app.ui.rfi.composer import ComposerDialog
from app.ui.rfi.models import TimerModel
from app.ui.today.sections import TodaySection


class _TimerSection(TodaySection):
    model_class = TimerModel
    widths = (100, 70, 230)
    watched = frozenset({"employer", "activity", "rfi_answer", "settings"})

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.composer: ComposerDialog | None = None
        self.email_button = QPushButton("Write &email…", self)
        self.email_button.setAccessibleName(
            f"{self.title}: write the email for the selected employer"
        )
        self.email_button.clicked.connect(self.write_selected)
        self.top.addWidget(self.email_button)

    def _data_changed(self, table: str) -> None:
        if table in self.watched:
            self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.email_button.setEnabled(self.model.rowCount() > 0)

    def kind_for(self, row: rfi_timers.TimerRow) -> str:
        return row.email_kind

    def write_selected(self) -> ComposerDialog | None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else (0 if self.model.rowCount() else -1)
        if row < 0:
            return None
        item = self.model.row_at(row)
        self.composer = ComposerDialog(self.context, item.employer_id, self.kind_for(item), self)
        self.composer.open()
        return self.composer


class FollowUpEmailsOwedSection(_TimerSection):
    title = "Follow-up emails owed"
    empty_text = "Every first meeting has had its follow-up email."

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Today is built at start: from here on, emails queued offline go out by themselves.
        from app.ui.rfi.mail_settings import ensure_scheduler

        ensure_scheduler(context)

    def rows(self) -> list:
        return rfi_timers.follow_ups_owed(self.context.store, date.today(), self.owner_id)

    def describe(self, count: int) -> str:
        return "First meetings with no email since: send flyers and the RFI by the end of the day."


class EligibilityOwedSection(_TimerSection):
    title = "Eligibility to tell"
    empty_text = "Every returned RFI has had its eligibility answer."

    def rows(self) -> list:
        return rfi_timers.eligibility_owed(self.context.store, date.today(), self.owner_id)

    def describe(self, count: int) -> str:
        days = rfi_timers.setting(self.context.store, rfi_timers.ELIGIBILITY_DAYS)
        return f"RFIs received: tell the employer within {days} business days, also when the answer is no."

    def kind_for(self, row: rfi_timers.TimerRow) -> str:
        return mail_service.choose_kind(eligibility.evaluate(self.context.store, row.employer_id))


class RfisUnansweredSection(_TimerSection):
    title = "RFIs unanswered"
    empty_text = "No RFI is waiting long for an answer."

    def rows(self) -> list:
        return rfi_timers.rfis_unanswered(self.context.store, date.today(), self.owner_id)

    def describe(self, count: int) -> str:
        days = rfi_timers.setting(self.context.store, rfi_timers.REMINDER_DAYS)
        return f"RFIs sent {days} days ago or more with no answer: a reminder is ready to send."


class RepliesOwedSection(_TimerSection):
    """Emails from employers not yet answered, with how fast the desk answers them."""

    title = "Replies owed"
    empty_text = "Every email from an employer has had an answer."

    def rows(self) -> list:
        return replies.replies_owed(self.context.store, date.today(), self.owner_id)

    def describe(self, count: int) -> str:
        days = replies.reply_days(self.context.store)
        figures = replies.reply_figures(self.context.store, date.today(), self.owner_id)
        when = "the next business day" if days == 1 else f"{days} business days"
        return f"Emails logged as received: answer by {when}. {figures.text(days, 90)}"
