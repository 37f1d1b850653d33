"""The employer fields a BSR types, in the order they are asked: shared by the profile and the new dialog."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.ui.widgets import Commit, LineField


@dataclass(frozen=True)
class FieldSpec:
    field: str
    label: str
    placeholder: str = ""
    multiline: bool = False
    wide: bool = False  # spans both columns of the form


TEXT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("legal_name", "Legal name", "As registered with the state", wide=True),
    FieldSpec("dba_name", "Doing business as", "Name on the sign, if different", wide=True),
    FieldSpec("fein", "FEIN", "12-3456789"),
    FieldSpec("main_phone", "Main phone", "(312) 555-0100"),
    FieldSpec("industry", "Industry", "e.g. Food manufacturing"),
    FieldSpec("naics_code", "NAICS code", "e.g. 311812"),
    FieldSpec("website", "Website", "example.com"),
    FieldSpec("source", "Source", "How we met them"),
    FieldSpec("employees_total", "Employees (total)", "e.g. 40"),
    FieldSpec("employees_at_site", "Employees at hiring site", "e.g. 25"),
    FieldSpec("street", "Street", "1234 W Chicago Ave", wide=True),
    FieldSpec("city", "City", "Chicago"),
    FieldSpec("state", "State", "IL"),
    FieldSpec("zip_code", "ZIP", "60651"),
    FieldSpec("notes", "Notes", "Anything a colleague should know", multiline=True, wide=True),
)


def build_fields(
    parent: QWidget, grid: QGridLayout, commit: Commit | None, first_row: int = 0
) -> tuple[dict[str, LineField], int]:
    """Lay the fields out two to a row (label above field); returns them and the next free row.

    Created in reading order, so Tab walks them left to right, top to bottom.
    """
    fields: dict[str, LineField] = {}
    row, col = first_row, 0
    for spec in TEXT_FIELDS:
        if spec.wide and col == 1:
            row, col = row + 2, 0
        widget = LineField(spec.field, spec.label, commit, spec.multiline, spec.placeholder, parent)
        label = QLabel(spec.label, parent)
        label.setBuddy(widget.edit)
        label.setStyleSheet("color: #444;")
        span = 2 if spec.wide else 1
        grid.addWidget(label, row, col, 1, span)
        grid.addWidget(widget, row + 1, col, 1, span)
        fields[spec.field] = widget
        if spec.wide or col == 1:
            row, col = row + 2, 0
        else:
            col = 1
    if col == 1:
        row += 2
    return fields, row
