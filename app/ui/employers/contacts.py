"""The Contacts tab: the people at an employer, each with a role; added, edited and removed here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Contact
from app.core.validation import FieldError
from app.services.employers import employers
from app.ui.context import AppContext
from app.ui.models import Column, RowTableModel
from app.ui.widgets import LineField


class ContactsModel(RowTableModel):
    columns = (
        Column("Name", lambda c: c.name + ("  (main)" if c.is_primary else "")),
        Column("Role", lambda c: c.role),
        Column("Email", lambda c: c.email),
        Column("Phone", lambda c: c.phone),
    )

    def bold(self, row: Contact, column: int) -> bool:
        return column == 0 and row.is_primary


CONTACT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "First and last name"),
    ("role", "Role", "e.g. HR Manager"),
    ("email", "Email", "name@company.com"),
    ("phone", "Phone", "(312) 555-0100"),
    ("notes", "Notes", ""),
)


class ContactDialog(QDialog):
    """Add a contact (checked box by box, saved only when all are right) or edit one in place."""

    def __init__(
        self,
        context: AppContext,
        employer_id: str,
        contact: Contact | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id = employer_id
        self.contact = contact
        self.saved_id: str | None = contact.id if contact else None
        editing = contact is not None
        self.setWindowTitle("Edit contact" if editing else "Add a contact")
        self.setAccessibleName(self.windowTitle())
        commit = self._commit if editing else self._check
        form = QFormLayout()
        self.fields: dict[str, LineField] = {}
        for field, label, placeholder in CONTACT_FIELDS:
            widget = LineField(field, label, commit, field == "notes", placeholder, self)
            if contact is not None:
                widget.set_value(getattr(contact, field))
            form.addRow(label, widget)
            self.fields[field] = widget
        self.primary = QCheckBox("Main contact for this employer", self)
        self.primary.setAccessibleName("Main contact for this employer")
        self.primary.setChecked(bool(contact and contact.is_primary))
        if editing:
            self.primary.toggled.connect(lambda on: self._commit("is_primary", on))
        form.addRow("", self.primary)
        buttons = QDialogButtonBox(self)
        if editing:
            close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.setAccessibleName("Close")
            buttons.rejected.connect(self.reject)
        else:
            self.add_button = buttons.addButton(
                "Add contact", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.add_button.setAccessibleName("Add contact")
            self.add_button.setDefault(True)
            cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            cancel.setAccessibleName("Cancel")
            buttons.accepted.connect(self.accept)
            buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, 0)
        self.fields["name"].setFocus()

    def _check(self, field: str, text: str) -> Any:
        return employers.clean_contact_field(field, text)

    def _commit(self, field: str, value: Any) -> Any:
        assert self.contact is not None
        stored = employers.update_contact_field(self.context.store, self.contact.id, field, value)
        self.context.signals.data_changed.emit("contact")
        return stored

    def accept(self) -> None:
        if self.contact is not None:
            super().accept()
            return
        values: dict[str, Any] = {}
        first_bad: LineField | None = None
        for field, widget in self.fields.items():
            try:
                values[field] = employers.clean_contact_field(field, widget.text())
                widget.show_error("")
            except FieldError as exc:
                widget.show_error(exc.message)
                first_bad = first_bad or widget
        if first_bad is not None:
            first_bad.setFocus()
            return
        values["is_primary"] = self.primary.isChecked()
        contact = employers.add_contact(self.context.store, self.employer_id, values)
        self.saved_id = contact.id
        self.context.signals.data_changed.emit("contact")
        super().accept()

    def reject(self) -> None:
        if self.contact is not None:
            focused = self.focusWidget()
            if focused is not None:
                focused.clearFocus()  # commits the box being typed in
        super().reject()

    @classmethod
    def ask(
        cls,
        context: AppContext,
        employer_id: str,
        contact: Contact | None = None,
        parent: QWidget | None = None,
    ) -> str | None:
        dialog = cls(context, employer_id, contact, parent)
        dialog.exec()
        return dialog.saved_id


class ConfirmDelete:
    """Asks before a contact is removed; a class so tests can replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, name: str) -> bool:
        answer = QMessageBox.question(
            parent,
            "Remove contact",
            f"Remove {name} from this employer's contacts?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class ContactsSection(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.employer_id: str | None = None
        self.model = ContactsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Contacts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 115)
        self.table.setColumnWidth(2, 190)
        self.table.activated.connect(lambda _i: self.edit_contact())
        self.add_button = QPushButton("&Add contact…", self)
        self.add_button.setAccessibleName("Add contact")
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setAccessibleName("Edit contact")
        self.delete_button = QPushButton("&Remove", self)
        self.delete_button.setAccessibleName("Remove contact")
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.delete_button.clicked.connect(self.delete_contact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.context.signals.data_changed.connect(self._data_changed)
        self.setEnabled(False)

    def set_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.setEnabled(employer_id is not None)
        self.refresh()

    def refresh(self) -> None:
        rows = employers.contacts(self.context.store, self.employer_id) if self.employer_id else []
        self.model.set_rows(rows)

    def _data_changed(self, table: str) -> None:
        if table == "contact":
            self.refresh()

    def selected(self) -> Contact | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add_contact(self) -> str | None:
        if self.employer_id is None:
            return None
        return ContactDialog.ask(self.context, self.employer_id, None, self)

    def edit_contact(self) -> None:
        contact = self.selected()
        if contact is not None and self.employer_id is not None:
            ContactDialog.ask(self.context, self.employer_id, contact, self)

    def delete_contact(self) -> None:
        contact = self.selected()
        if contact is None or not ConfirmDelete.ask(self, contact.name):
            return
        employers.delete_contact(self.context.store, contact.id)
        self.context.signals.data_changed.emit("contact")
        self.context.signals.status_message.emit(f"Removed contact {contact.name}.")
