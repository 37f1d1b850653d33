"""The email that sends a referral's resume: the composer the employer emails use, filled
from the referral (opening named, resume attached) and recorded on the referral when saved
or sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from app.mail.message import Draft
from app.services.people import referrals, resume_mail
from app.ui.context import AppContext
from app.ui.rfi.composer import ComposerDialog


class ResumeComposer(ComposerDialog):
    """Write the resume email; Save draft / Send also mark the referral as emailed."""

    def __init__(
        self,
        context: AppContext,
        referral_id: str,
        employer_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        self.referral_id = referral_id  # read by _compose, which the base calls while building
        super().__init__(context, employer_id or "", resume_mail.KIND, parent)
        self.setWindowTitle("Email the resume")
        self.template.setEnabled(False)

    def _compose(self, kind: str) -> Draft:
        return resume_mail.compose(self.context.store, self.referral_id)

    def _write_draft(self, draft: Draft) -> Path:
        path = resume_mail.save_draft(self.context.store, self.referral_id, draft)
        self.context.signals.data_changed.emit("referral")
        return path

    def _queue(self, draft: Draft) -> None:
        resume_mail.queue(self.context.store, self.referral_id, draft)
        self.context.signals.data_changed.emit("referral")


def email_resume(context: AppContext, referral_id: str | None, holder: QWidget) -> bool:
    """Open the resume email for this referral (kept on `holder.composer` while open);
    True when it was saved as a draft or sent."""
    referral = referrals.get(context.store, referral_id) if referral_id else None
    if referral is None or referral.resume_id is None:
        context.signals.status_message.emit("This referral has no resume attached.")
        return False
    composer = ResumeComposer(context, referral.id, referral.employer_id, holder)
    holder.composer = composer  # type: ignore[attr-defined]
    accepted = composer.exec() == QDialog.DialogCode.Accepted
    holder.composer = None  # type: ignore[attr-defined]
    return accepted
