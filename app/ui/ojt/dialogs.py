"""Making an agreement in one step: pick the placement, everything else is filled from the records."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.validation import FieldError
from app.services.ojt import agreements, overview
from app.ui.context import AppContext
from app.ui.widgets import ChoiceField, ErrorLabel


class NewAgreementDialog(QDialog):
    """Choose a hire without an agreement; the draft is made from the employer, its RFI answers,
    the placement and today's reimbursement scale."""

    def __init__(
        self, context: AppContext, employer_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.setWindowTitle("New OJT agreement")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Choose the hire. The draft agreement is filled from the employer record, its RFI "
                "answers and the placement; you check it before printing.",
                self,
            )
        )
        self.placement = ChoiceField("Placement", self)
        choices = overview.placements_without_agreement(context.store, employer_id)
        self.placement.set_choices([(c.label, c.id) for c in choices])
        layout.addWidget(self.placement)
        if not choices:
            layout.addWidget(
                QLabel(
                    "No hire without an agreement: record the placement on the Participants "
                    "page first.",
                    self,
                )
            )
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
        self.resize(560, 180)

    def create(self) -> None:
        placement_id = self.placement.currentData()
        if not placement_id:
            self.error.show_message("Choose a placement.")
            return
        try:
            made = agreements.create_from_placement(self.context.store, placement_id)
        except (FieldError, LookupError) as exc:
            self.error.show_message(getattr(exc, "message", str(exc)))
            return
        self.agreement_id = made.id
        self.context.signals.data_changed.emit("ojt_agreement")
        self.accept()
