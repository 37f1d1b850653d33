"""The training plan tab: the skills to learn, added, changed and removed here, with the total
against the agreement's training hours shown as the hours are typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models import TrainingPlanSkill
from app.core.validation import FieldError
from app.services.ojt import agreements, plan
from app.services.ojt import policy as ojt_policy
from app.ui.context import AppContext
from app.ui.ojt.entry import FieldErrors, selected_row, switched
from app.ui.ojt.models import SkillModel
from app.ui.people.tables import select_id, selected_id, table_view
from app.ui.widgets import ChoiceField, ErrorLabel

_OK, _OFF = "color: #1d6b3a;", "color: #b3261e; font-weight: 600;"


class PlanTab(QWidget):
    """The skills in a table; the form under it adds a skill or changes the chosen one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.agreement_id: str | None = None
        self.training_hours = 0
        self.model = SkillModel(self)
        self.view = table_view(self.model, "Training plan skills", self)
        for column, width in enumerate((170, 85, 95, 95)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.load_selected())
        self.total = QLabel(self)
        self.total.setAccessibleName("Plan total")
        self.error = ErrorLabel(self)
        self.errors = FieldErrors(self.error)
        self.skill = QLineEdit(self)
        self.skill.setAccessibleName("Skill")
        self.skill.setPlaceholderText("For example: Machine set-up")
        self.classroom = QCheckBox("Taught in a classroom", self)
        levels = [(lv, lv) for lv in ojt_policy.policy().levels]
        self.start_level = ChoiceField("Starting level", self)
        self.start_level.set_choices(levels)
        self.target_level = ChoiceField("Target level", self)
        self.target_level.set_choices(levels)
        self.target_level.setCurrentIndex(len(levels) - 1)
        self.hours = QLineEdit(self)
        self.hours.setAccessibleName("Hours")
        self.hours.setMaximumWidth(90)
        self.hours.textChanged.connect(lambda _t: self.show_total())
        self.add_button = QPushButton("Add skill", self)
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton("Save changes", self)
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("Remove skill", self)
        self.remove_button.clicked.connect(self.remove)
        self.new_button = QPushButton("Clear form", self)
        self.new_button.setToolTip("Empty the form to add another skill")
        self.new_button.clicked.connect(self.clear_form)

        form = QFormLayout()
        form.addRow("Skill", self.errors.under("skill", self, self.skill))
        levels_row = QHBoxLayout()
        levels_row.addWidget(self.errors.under("start_level", self, self.start_level))
        levels_row.addWidget(QLabel("to", self))
        levels_row.addWidget(self.errors.under("target_level", self, self.target_level))
        levels_row.addStretch(1)
        form.addRow("Level from", levels_row)
        form.addRow("Hours", self.errors.under("hours", self, self.hours))
        form.addRow("", self.classroom)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.save_button, self.remove_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    # Showing ---------------------------------------------------------------------
    def set_agreement(self, agreement_id: str | None) -> None:
        """Show the agreement's plan; a form being typed for the same agreement is kept."""
        changed = switched(self, agreement_id)
        keep = selected_id(self.view)
        rows = agreements.skills(self.context.store, agreement_id) if agreement_id else []
        self.training_hours = (
            agreements.get(self.context.store, agreement_id).training_hours if agreement_id else 0
        )
        self.model.set_rows(rows)
        if changed:
            self.clear_form()
        elif keep:
            select_id(self.view, keep)
        self.show_total()

    def selected(self) -> TrainingPlanSkill | None:
        return selected_row(self.view)

    def load_selected(self) -> None:
        """The chosen skill in the form, to change or remove it."""
        row = self.selected()
        self.save_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        if row is None:
            return
        self.errors.clear()
        self.skill.setText(row.skill)
        self.classroom.setChecked(row.classroom)
        self.start_level.select(row.start_level)
        self.target_level.select(row.target_level)
        self.hours.setText(str(row.hours))

    def clear_form(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, -1))
        self.errors.clear()
        self.skill.clear()
        self.hours.clear()
        self.classroom.setChecked(False)
        self.start_level.setCurrentIndex(0)
        self.target_level.setCurrentIndex(self.target_level.count() - 1)
        self.save_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    def planned_hours(self) -> int:
        """The plan's total as it would be with the hours typed in the form."""
        editing = self.selected()
        others = sum(s.hours for s in self.model.rows() if editing is None or s.id != editing.id)
        try:
            typed = int(self.hours.text().strip() or 0)
        except ValueError:
            typed = 0
        return others + max(typed, 0)

    def show_total(self) -> None:
        planned, wanted = self.planned_hours(), self.training_hours
        if planned == wanted:
            text, style = f"{planned} of {wanted} training hours planned: the plan adds up.", _OK
        else:
            gap = wanted - planned
            more = f"{gap} to plan" if gap > 0 else f"{-gap} too many"
            text, style = f"{planned} of {wanted} training hours planned ({more}).", _OFF
        self.total.setText(text)
        self.total.setStyleSheet(style)

    # Saving ----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            "skill": self.skill.text(),
            "start_level": self.start_level.currentData(),
            "target_level": self.target_level.currentData(),
            "hours": self.hours.text(),
            "classroom": self.classroom.isChecked(),
        }

    def add(self) -> bool:
        if self.agreement_id is None:
            return False
        return self._saved(
            lambda: plan.add_skill(self.context.store, self.agreement_id, self.values())
        )

    def save(self) -> bool:
        row = self.selected()
        if row is None:
            self.error.show_message("Choose the skill to change in the table.")
            return False
        return self._saved(lambda: plan.edit_skill(self.context.store, row.id, self.values()))

    def remove(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        return self._saved(lambda: plan.delete_skill(self.context.store, row.id))

    def _saved(self, action: Any) -> bool:
        try:
            action()
        except FieldError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.context.signals.data_changed.emit("ojt_plan_skill")
        self.set_agreement(self.agreement_id)
        self.clear_form()
        self.show_total()
        return True
