"""The dialog where a BSR records the fit the team should apply to an employer, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.core.fit import OVERRIDE_LEVELS, EmployerFit
from app.services.agency import settings
from app.services.employers import fit
from app.ui.context import AppContext
from app.ui.people.form import FormDialog


class FitOverrideDialog(FormDialog):
    """Level and reason; saved as a synced record with who and when, seen by the whole team."""

    def __init__(
        self,
        context: AppContext,
        employer_id: str,
        current: EmployerFit | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Record the employer's fit", parent)
        self.context = context
        self.employer_id = employer_id
        measured = current.measured.label if current else "Too early to tell"
        intro = QLabel(
            f"The placements say: {measured}. What you record here is applied by the whole "
            "team (employer list, eligibility, host rotation, referrals) until it is withdrawn.",
            self,
        )
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        default = current.level if current and current.level in OVERRIDE_LEVELS else None
        self.add_choice(
            "level",
            "&Fit",
            [(level.label, level.value) for level in OVERRIDE_LEVELS],
            default.value if default else None,
        )
        self.add_text("reason", "&Why")

    def submit(self) -> str:
        me = settings.me(self.context.store)
        row = fit.record_override(
            self.context.store,
            self.employer_id,
            self.choice("level"),
            self.text("reason"),
            me.id if me else None,
        )
        self.context.signals.data_changed.emit("fit_override")
        return row.id
