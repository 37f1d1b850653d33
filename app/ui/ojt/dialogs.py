"""Making an agreement in one step: pick the placement, everything else is filled from the records."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError
from app.services.ojt import agreements, overview
from app.services.people import placements
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.widgets import ChoiceField, ErrorLabel


class NewAgreementDialog(QDialog):
    """Choose a hire without an agreement (or come with one chosen, from the participant's
    placements); the draft is made from the employer, its RFI answers, the placement and
    today's reimbursement scale."""

    def __init__(
        self,
        context: AppContext,
        employer_id: str | None = None,
        parent: QWidget | None = None,
        placement_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.setWindowTitle("New OJT agreement")
        hire = placements.get(context.store, placement_id) if placement_id else None
        participant_id = hire.participant_id if hire else None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the hire. The draft agreement is filled from the employer record, its RFI "
            "answers and the placement; you check it before printing.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.placement = ChoiceField("Placement", self)
        choices = overview.placements_without_agreement(
            context.store, employer_id, participant_id=participant_id
        )
        self.placement.set_choices([(c.label, c.id) for c in choices])
        self.hires = {
            r.id: r
            for r in placements.list_rows(
                context.store, participant_id=participant_id, employer_id=employer_id
            )
        }
        layout.addWidget(self.placement)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Filled from the placement")
        layout.addWidget(self.summary)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create draft")
        self.ok.setEnabled(bool(choices))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.placement.currentIndexChanged.connect(lambda _i: self.show_summary())
        if placement_id and self.placement.findData(placement_id) < 0:
            self.error.show_message(
                "This hire has an OJT agreement already, or has left the job: open it on the "
                "OJT & Packets page."
            )
            self.ok.setEnabled(False)
        elif placement_id:
            self.placement.select(placement_id)
        elif not choices:
            self.error.show_message(
                "No hire without an agreement: record the placement on the Participants page first."
            )
        self.show_summary()
        self.resize(600, 220)

    def show_summary(self) -> None:
        """What the draft takes from the chosen placement."""
        row = self.hires.get(self.placement.currentData() or "")
        if row is None:
            self.summary.setText("")
            return
        wage = f"${row.wage_cents / 100:.2f} an hour" if row.wage_cents else "wage not recorded"
        hours = f", {row.hours_per_week:g} hours a week" if row.hours_per_week else ""
        self.summary.setText(
            f"<b>Employer</b> {escape(row.employer)} · <b>Trainee</b> {escape(row.participant)}"
            f"<br/><b>Position</b> {escape(row.position_title or '(not recorded)')} · <b>Starts</b> "
            f"{shown_date(row.hire_date)} · <b>Wage</b> {wage}{hours}"
        )

    def create(self) -> None:
        placement_id = self.placement.currentData()
        if not placement_id or not self.ok.isEnabled():
            self.error.show_message(self.error.text() or "Choose a placement.")
            return
        try:
            made = agreements.create_from_placement(self.context.store, placement_id)
        except (FieldError, LookupError) as exc:
            self.error.show_message(getattr(exc, "message", str(exc)))
            return
        self.agreement_id = made.id
        self.context.signals.data_changed.emit("ojt_agreement")
        self.accept()
