"""The New employer dialog: every box checked as it is left, nothing saved until all are right."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.agency import org
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.employers.fields import build_fields
from app.ui.widgets import ChoiceField, LineField


class NewEmployerDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.created_id: str | None = None
        self.setWindowTitle("New employer")
        self.setAccessibleName("New employer")
        store = context.store
        form = QWidget(self)
        grid = QGridLayout(form)
        grid.setVerticalSpacing(3)
        grid.setHorizontalSpacing(14)
        self.fields, row = build_fields(form, grid, self._check)
        me = context.me_id
        self.owner = ChoiceField("Owner (BSR)", form)
        self.owner.set_choices([("Nobody yet", None)] + [(s.name, s.id) for s in org.staff(store)])
        self.owner.select(me)
        self.office = ChoiceField("Job center", form)
        self.office.set_choices(
            [("No job center", None)] + [(o.name, o.id) for o in org.offices(store)]
        )
        person = next((s for s in org.staff(store) if s.id == me), None)
        self.office.select(person.office_id if person else None)
        owner_label = QLabel("Owner (BSR)", form)
        owner_label.setBuddy(self.owner)
        office_label = QLabel("Job center", form)
        office_label.setBuddy(self.office)
        grid.addWidget(owner_label, row, 0)
        grid.addWidget(office_label, row, 1)
        grid.addWidget(self.owner, row + 1, 0)
        grid.addWidget(self.office, row + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            "Create employer", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setAccessibleName("Create employer")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel("Only the legal name is required; fill in what you know now.", self)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.fields["legal_name"].setFocus()

    def _check(self, field: str, text: str) -> Any:
        """Flag a bad box as soon as it is left; shows the value as it will be stored."""
        return employers.clean_employer_field(field, text)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: widget.text() for name, widget in self.fields.items()}
        values["owner_id"] = self.owner.currentData()
        values["office_id"] = self.office.currentData()
        return values

    def accept(self) -> None:
        _cleaned, errors = employers.clean_employer(self.values())
        first_bad: LineField | None = None
        for name, widget in self.fields.items():
            widget.show_error(errors.get(name, ""))
            if name in errors and first_bad is None:
                first_bad = widget
        if first_bad is not None:
            first_bad.setFocus()
            return
        employer = employers.create_employer(self.context.store, self.values())
        self.created_id = employer.id
        self.context.signals.data_changed.emit("employer")
        self.context.signals.status_message.emit(f"Added {employer.legal_name}.")
        super().accept()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> str | None:
        dialog = cls(context, parent)
        dialog.exec()
        return dialog.created_id
