"""Tabs on the employer's page: what tours found there, and how the people placed there fare."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.fit import EmployerFit
from app.core.retention import FitLevel, FitSignal
from app.services.employers import employers, fit
from app.services.people import placements, referrals, retention, tours
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.people.models import PlacementsModel, ReferralsModel, ToursModel
from app.ui.people.tables import table_view
from app.ui.widgets import heading

FIT_COLORS = {
    FitLevel.GOOD: "#1b6e2d",
    FitLevel.WATCH: "#8a5a00",
    FitLevel.POOR: "#b3261e",
    FitLevel.UNKNOWN: "#555555",
}


def fit_summary(signal: FitSignal) -> str:
    """The figures in one line: retention at each day, median tenure, quick let-gos."""
    figs = signal.figures
    parts = [f"{r.day}-day retention {r.text()}" for r in figs.rates]
    if figs.median_tenure_days is not None:
        parts.append(f"median time on the job {figs.median_tenure_days:g} days")
    parts.append(
        f"{figs.short_turnarounds} quick let-go{'s' if figs.short_turnarounds != 1 else ''}"
    )
    return "; ".join(parts) + "."


class EmployerToursSection(QWidget):
    """The latest tour's notes in full, and every tour of this employer."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes from the latest tour")
        self.model = ToursModel(self)
        self.view = table_view(self.model, "Tours of this employer", self)
        self.plan_button = QPushButton("&Plan a tour…", self)
        self.plan_button.setAccessibleName("Plan a tour of this employer")
        self.plan_button.clicked.connect(self.plan)
        top = QHBoxLayout()
        top.addWidget(heading("Latest tour", self, 13), 1)
        top.addWidget(self.plan_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        layout.addWidget(heading("All tours", self, 13))
        layout.addWidget(self.view, 1)
        self.dialog: QDialog | None = None
        context.signals.data_changed.connect(
            lambda table: self.refresh() if table in ("tour", "tourguest") else None
        )

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.refresh()

    def refresh(self) -> None:
        if not self.employer_id:
            self.notes.setText("")
            self.model.set_rows([])
            self.plan_button.setEnabled(False)
            return
        self.plan_button.setEnabled(True)
        self.model.set_rows(tours.list_rows(self.context.store, employer_id=self.employer_id))
        found = tours.latest_tour_notes(self.context.store, self.employer_id)
        if found is None:
            self.notes.setText("Nobody has toured this workplace yet.")
            return
        rows = "".join(
            f"<tr><td><b>{label}</b>&nbsp;&nbsp;</td><td>{_html(text)}</td></tr>"
            for label, text in found.items + found.private
        )
        self.notes.setText(
            f"<p>Toured {shown_date(found.toured_on)}</p>"
            f"<table>{rows or '<tr><td>No notes were written.</td></tr>'}</table>"
        )

    def plan(self) -> bool:
        from app.ui.people.tours_page import PlanTourDialog

        if not self.employer_id:
            return False
        employer = employers.get_employer(self.context.store, self.employer_id)
        dialog = PlanTourDialog(
            self.context, self.employer_id, employer.legal_name if employer else "", self
        )
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        if accepted:
            self.context.signals.data_changed.emit("tour")
        return accepted


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")


class EmployerPlacementsSection(QWidget):
    """Retention and fit with the reasons (and a BSR's override, with who and when), the
    placements and the referrals at this employer."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.today: date | None = None
        self.signal: FitSignal | None = None
        self.fit: EmployerFit | None = None
        self.dialog: QDialog | None = None
        self.override_button = QPushButton("Record &fit decision…", self)
        self.override_button.setAccessibleName("Record the fit the team applies, with why")
        self.override_button.clicked.connect(self.record_override)
        self.withdraw_button = QPushButton("Let &placements decide", self)
        self.withdraw_button.setAccessibleName("Withdraw the recorded fit decision")
        self.withdraw_button.clicked.connect(self.withdraw_override)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Fit decisions recorded")
        self.level = QLabel(self)
        self.level.setAccessibleName("Fit")
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName("Why")
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName("Retention figures")
        self.placements = PlacementsModel(self)
        self.placements_view = table_view(self.placements, "Placements at this employer", self)
        self.referrals = ReferralsModel(self)
        self.referrals_view = table_view(self.referrals, "Referrals to this employer", self)
        self.placements_view.setColumnHidden(2, True)  # the employer is this page's own
        self.referrals_view.setColumnHidden(2, True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.level, 1)
        top.addWidget(self.override_button)
        top.addWidget(self.withdraw_button)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.figures)
        layout.addWidget(self.history)
        layout.addWidget(heading("Placements", self, 13))
        layout.addWidget(self.placements_view, 2)
        layout.addWidget(heading("Referrals", self, 13))
        layout.addWidget(self.referrals_view, 1)
        context.signals.data_changed.connect(
            lambda table: (
                self.refresh() if table in ("placement", "referral", "fit_override") else None
            )
        )

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.refresh()

    def refresh(self) -> None:
        if not self.employer_id:
            self.signal = self.fit = None
            for label in (self.level, self.reasons, self.figures, self.history):
                label.setText("")
            self.placements.set_rows([])
            self.referrals.set_rows([])
            self.override_button.setEnabled(False)
            self.withdraw_button.setEnabled(False)
            return
        store = self.context.store
        self.signal = retention.employer_fit(store, self.employer_id, self.today)
        self.fit = fit.fit_of(store, self.employer_id, self.today)
        color = FIT_COLORS[self.fit.level]
        marked = " (recorded by a BSR)" if self.fit.override is not None else ""
        self.level.setText(
            f"<span style='font-size:15px; font-weight:600; color:{color}'>"
            f"{self.fit.level.label}</span>{marked}"
        )
        reasons = list(self.fit.reasons)
        if self.signal.ojt_pattern:
            reasons.append("Not eligible for new OJT contracts while this pattern stands.")
        self.reasons.setText("\n".join(reasons))
        self.figures.setText(fit_summary(self.signal))
        self.history.setText(
            override_history(fit.history(store, self.employer_id), self.fit.override)
        )
        self.override_button.setEnabled(True)
        self.withdraw_button.setEnabled(self.fit.override is not None)
        self.placements.set_rows(placements.list_rows(store, employer_id=self.employer_id))
        self.referrals.set_rows(referrals.list_rows(store, employer_id=self.employer_id))

    def record_override(self) -> bool:
        """Ask for the fit and why; saved for the whole team."""
        from app.ui.people.fit_override import FitOverrideDialog

        if not self.employer_id:
            return False
        dialog = FitOverrideDialog(self.context, self.employer_id, self.fit, self)
        self.dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.dialog = None
        return accepted

    def withdraw_override(self) -> None:
        if self.employer_id and fit.withdraw_override(self.context.store, self.employer_id):
            self.context.signals.data_changed.emit("fit_override")


def override_history(rows: list[fit.OverrideRow], standing: object = None) -> str:
    """The fit decisions recorded before the one standing (withdrawn or superseded), newest
    first, so the team sees what was decided, by whom and when."""
    earlier = [r for r in rows if r.override != standing]
    if not earlier:
        return ""
    lines = []
    for row in earlier:
        line = row.override.text(fit.local_day(row.override.decided_at))
        lines.append(f"{line} (withdrawn)" if row.withdrawn else f"{line} (replaced)")
    return "Earlier fit decisions:\n" + "\n".join(lines)
