"""Shared placements: partner organizations with their people and distribution lists,
openings they share, resumes sent to whoever runs the recruitment, and outcomes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import validation as v
from app.mail.message import write_eml
from app.services.agency import settings
from app.services.people import partners, referrals
from app.ui.context import AppContext
from app.ui.people.dialogs import OpeningDialog, OutcomeDialog, PartnerDialog, SendResumeDialog
from app.ui.people.form import FormDialog
from app.ui.people.models import OpeningsModel, PartnersModel, ReferralsModel
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import ChoiceField, heading


def _button(text: str, parent: QWidget, name: str) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name)
    return widget


class OpeningEmailDialog(FormDialog):
    """Pass a shared opening on to one of the distribution lists, as an email draft."""

    def __init__(self, context: AppContext, opening_id: str, parent: QWidget | None = None):
        super().__init__("Email the opening to a distribution list", parent)
        self.context = context
        self.opening_id = opening_id
        lists = partners.distribution_lists(context.store)
        self.add_choice(
            "list_id",
            "&Distribution list",
            [(d.name, d.id) for d in lists] or [("(none yet)", None)],
        )

    def submit(self) -> Path:
        list_id = self.choice("list_id")
        if list_id is None:
            raise v.FieldError(
                "list_id", "Add a distribution list with a partner organization first."
            )
        me = settings.me(self.context.store)
        message = partners.opening_email(
            self.context.store,
            self.opening_id,
            list_id,
            me.name if me else "",
            me.email if me else "",
        )
        folder = self.context.store.path.parent / "drafts"
        return write_eml(message, folder, str(message["Subject"]))


class OpeningsTab(QWidget):
    #: Open each draft in the mail program once written (tests turn this off).
    open_drafts = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.status = ChoiceField("Show openings", self)
        self.status.set_choices([("Open openings", "open"), ("All openings", "")])
        self.status.choice_made.connect(lambda _v: self.refresh())
        self.openings = OpeningsModel(self)
        self.openings_view = table_view(self.openings, "Shared openings", self)
        self.sent = ReferralsModel(self)
        self.sent_view = table_view(self.sent, "Resumes sent for the chosen opening", self)
        self.partners = PartnersModel(self)
        self.partners_view = table_view(self.partners, "Partner organizations", self)
        self.partner_info = QLabel(self)
        self.partner_info.setWordWrap(True)
        self.partner_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.partner_info.setAccessibleName("Contacts and distribution lists")
        self.new_partner = _button("New &partner…", self, "New partner organization")
        self.new_opening = _button("Opening &received…", self, "Record an opening a partner shared")
        self.send = _button("Send a &resume…", self, "Send a resume for the chosen opening")
        self.outcome = _button("&Outcome…", self, "Record the outcome of the chosen resume")
        self.email_resume = _button(
            "Emai&l the resume…", self, "Email the chosen resume to whoever runs the opening"
        )
        self.email_resume.clicked.connect(self.write_resume_email)
        self.composer: QDialog | None = None
        self.fill = _button("Mark &filled", self, "Mark the chosen opening filled")
        self.mail = _button("&Email to a list…", self, "Email the chosen opening to a list")
        self.mail.clicked.connect(self.email_opening)
        self.last_draft: Path | None = None
        self.new_partner.clicked.connect(self.add_partner)
        self.new_opening.clicked.connect(self.add_opening)
        self.send.clicked.connect(self.send_resume)
        self.outcome.clicked.connect(self.record_outcome)
        self.fill.clicked.connect(self.mark_filled)
        top = QHBoxLayout()
        show = QLabel("Sho&w", self)
        show.setBuddy(self.status)
        top.addWidget(show)
        top.addWidget(self.status)
        for b in (
            self.new_opening,
            self.send,
            self.email_resume,
            self.outcome,
            self.fill,
            self.mail,
        ):
            top.addWidget(b)
        top.addStretch(1)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.openings_view, 3)
        lv.addWidget(heading("Resumes sent for this opening", left, 13))
        lv.addWidget(self.sent_view, 2)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(heading("Partner organizations", right, 13), 1)
        head.addWidget(self.new_partner)
        rv.addLayout(head)
        rv.addWidget(self.partners_view, 2)
        rv.addWidget(self.partner_info, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([760, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.openings_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_sent())
        self.partners_view.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_partner()
        )
        self.refresh()

    def refresh(self) -> None:
        current = selected_id(self.openings_view)
        rows = partners.list_openings(self.context.store, self.status.currentData() or "")
        self.openings.set_rows(rows)
        if not select_id(self.openings_view, current) and rows:
            self.openings_view.selectRow(0)
        self.show_sent()
        chosen = selected_id(self.partners_view)
        self.partners.set_rows(partners.partners(self.context.store))
        if not select_id(self.partners_view, chosen) and self.partners.rowCount():
            self.partners_view.selectRow(0)
        self.show_partner()

    def show_sent(self) -> None:
        opening_id = selected_id(self.openings_view)
        rows = referrals.list_rows(self.context.store, opening_id=opening_id) if opening_id else []
        self.sent.set_rows(rows)
        if rows:
            self.sent_view.selectRow(0)
        for b in (self.send, self.fill, self.mail):
            b.setEnabled(opening_id is not None)
        self.outcome.setEnabled(bool(rows))

    def show_partner(self) -> None:
        partner_id = selected_id(self.partners_view)
        if partner_id is None:
            self.partner_info.setText(
                "Add the agencies and sector centers you share openings with."
            )
            return
        lines = []
        for c in partners.contacts(self.context.store, partner_id):
            lines.append(" · ".join(p for p in (c.name, c.role, c.email, c.phone) if p))
        for dist in partners.distribution_lists(self.context.store, partner_id):
            lines.append(f"{dist.name}: {', '.join(dist.address_list)}")
        self.partner_info.setText("\n".join(lines) or "No contacts or distribution lists yet.")

    def _run(self, dialog: QDialog, table: str) -> bool:
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if accepted:
            self.context.signals.data_changed.emit(table)
            self.refresh()
        return accepted

    def add_partner(self) -> bool:
        return self._run(PartnerDialog(self.context, self), "partner")

    def add_opening(self) -> bool:
        return self._run(OpeningDialog(self.context, self), "partneropening")

    def send_resume(self) -> bool:
        opening_id = selected_id(self.openings_view)
        if opening_id is None:
            return False
        return self._run(SendResumeDialog(self.context, opening_id, self), "referral")

    def write_resume_email(self) -> bool:
        from app.ui.people.resume_composer import email_resume

        return email_resume(self.context, selected_id(self.sent_view), self)

    def record_outcome(self) -> bool:
        referral_id = selected_id(self.sent_view)
        if referral_id is None:
            return False
        return self._run(OutcomeDialog(self.context, referral_id, self), "referral")

    def email_opening(self) -> Path | None:
        opening_id = selected_id(self.openings_view)
        if opening_id is None:
            return None
        dialog = OpeningEmailDialog(self.context, opening_id, self)
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if not accepted:
            return None
        self.last_draft = dialog.result_value
        self.context.signals.status_message.emit(f"Email ready: {self.last_draft}")
        if self.open_drafts:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_draft)))
        return self.last_draft

    def mark_filled(self) -> None:
        opening_id = selected_id(self.openings_view)
        if opening_id is not None:
            partners.set_opening_status(self.context.store, opening_id, "filled")
            self.context.signals.data_changed.emit("partneropening")
            self.refresh()
