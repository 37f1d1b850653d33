"""The Profile tab: every employer field, edited in place and saved the moment it is finished."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QInputDialog,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Employer
from app.core.pipeline import STAGE_LABELS, Stage
from app.services.agency import org
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.employers.fields import build_fields
from app.ui.widgets import ChoiceField, LineField


class NotFitDialog:
    """Asks why an employer is not a fit; a class so tests can replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, employer_name: str) -> str | None:
        reason, ok = QInputDialog.getText(
            parent,
            "Not a fit",
            f"Why is {employer_name} not a fit? (You may need to tell them, or a colleague.)",
        )
        reason = reason.strip()
        return reason if ok and reason else None


class ProfileSection(QWidget):
    """The employer's own fields. A refused value stays flagged in its box and is never saved."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.employer: Employer | None = None
        form = QWidget(self)
        grid = QGridLayout(form)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        self.stage = ChoiceField("Pipeline stage", form)
        self.stage.set_choices([(label, stage.value) for stage, label in STAGE_LABELS.items()])
        self.stage.choice_made.connect(self._stage_chosen)
        self.owner = ChoiceField("Owner (BSR)", form)
        self.owner.choice_made.connect(lambda v: self._commit_choice("owner_id", v))
        self.office = ChoiceField("Job center", form)
        self.office.choice_made.connect(lambda v: self._commit_choice("office_id", v))
        stage_label = QLabel("Pipeline &stage", form)
        stage_label.setBuddy(self.stage)
        owner_label = QLabel("O&wner (BSR)", form)
        owner_label.setBuddy(self.owner)
        office_label = QLabel("&Job center", form)
        office_label.setBuddy(self.office)
        for label in (stage_label, owner_label, office_label):
            label.setStyleSheet("color: #444;")
        grid.addWidget(stage_label, 0, 0)
        grid.addWidget(self.stage, 1, 0)
        self.not_fit = LineField("not_fit_reason", "Why not a fit", self._commit, parent=form)
        self.not_fit_label = QLabel("Why not a fit", form)
        self.not_fit_label.setBuddy(self.not_fit.edit)
        grid.addWidget(self.not_fit_label, 0, 1)
        grid.addWidget(self.not_fit, 1, 1)
        grid.addWidget(owner_label, 2, 0)
        grid.addWidget(office_label, 2, 1)
        grid.addWidget(self.owner, 3, 0)
        grid.addWidget(self.office, 3, 1)
        line = QFrame(form)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #ddd;")
        grid.addWidget(line, 4, 0, 1, 2)
        self.fields, next_row = build_fields(form, grid, self._commit, first_row=5)
        # Tab follows the reading order: stage, its reason, owner, job center, then the fields.
        QWidget.setTabOrder(self.stage, self.not_fit.edit)
        QWidget.setTabOrder(self.not_fit.edit, self.owner)
        QWidget.setTabOrder(self.owner, self.office)
        QWidget.setTabOrder(self.office, self.fields["legal_name"].edit)
        grid.setRowStretch(next_row, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._load_choices()
        self.setEnabled(False)

    def _load_choices(self) -> None:
        store = self.context.store
        self.owner.set_choices([("Nobody yet", None)] + [(s.name, s.id) for s in org.staff(store)])
        self.office.set_choices(
            [("No job center", None)] + [(o.name, o.id) for o in org.offices(store)]
        )

    # Section contract ---------------------------------------------------------------
    def set_employer(self, employer_id: str | None) -> None:
        self.commit_pending()  # a box still being typed in belongs to the employer it was typed for
        self.employer_id = employer_id
        self._load_choices()
        self._fill(force=True)

    def commit_pending(self) -> None:
        for widget in [*self.fields.values(), self.not_fit]:
            if widget.dirty:
                widget.finish()

    def refresh(self) -> None:
        """Re-read the record, leaving alone any field the BSR is typing in."""
        self._fill(force=False)

    def field(self, name: str) -> LineField:
        return self.not_fit if name == "not_fit_reason" else self.fields[name]

    def _fill(self, force: bool) -> None:
        self.employer = (
            employers.get_employer(self.context.store, self.employer_id)
            if self.employer_id
            else None
        )
        if self.employer is not None and self.employer.is_deleted:
            self.employer = None
        self.setEnabled(self.employer is not None)
        employer = self.employer
        for name, widget in [*self.fields.items(), ("not_fit_reason", self.not_fit)]:
            value = getattr(employer, name) if employer else ""
            if force or (not widget.dirty and not widget.edit.hasFocus()):
                widget.set_value(value)
        self.stage.select(employer.stage if employer else Stage.PROSPECT.value)
        self.owner.select(employer.owner_id if employer else None)
        self.office.select(employer.office_id if employer else None)
        self._show_not_fit()

    def _show_not_fit(self) -> None:
        visible = self.employer is not None and self.employer.stage == Stage.NOT_A_FIT.value
        self.not_fit.setVisible(visible)
        self.not_fit_label.setVisible(visible)

    # Committing ---------------------------------------------------------------------
    def _commit(self, field: str, text: str) -> Any:
        if self.employer_id is None:
            return text
        stored = employers.update_employer_field(self.context.store, self.employer_id, field, text)
        self._changed()
        return stored

    def _commit_choice(self, field: str, value: Any) -> None:
        if self.employer_id is None:
            return
        employers.update_employer_field(self.context.store, self.employer_id, field, value)
        self._changed()

    def _stage_chosen(self, value: str) -> None:
        if self.employer is None or self.employer_id is None or value == self.employer.stage:
            return
        stage = Stage(value)
        reason = ""
        if stage == Stage.NOT_A_FIT:
            answer = NotFitDialog.ask(self, self.employer.legal_name)
            if answer is None:
                self.stage.select(self.employer.stage)
                return
            reason = answer
        employers.set_stage(self.context.store, self.employer_id, stage, reason)
        self._changed()
        self._fill(force=False)
        self.not_fit.set_value(reason)

    def _changed(self) -> None:
        self.employer = employers.get_employer(self.context.store, self.employer_id or "")
        self.context.signals.data_changed.emit("employer")
