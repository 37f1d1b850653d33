"""What the OJT entry forms share: a service's refusal shown next to the field it names, date
boxes, and the agreement a tab is showing."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSizePolicy, QTableView, QVBoxLayout, QWidget

from app.core.validation import FieldError
from app.ui.dates import date_edit_format
from app.ui.models import RowTableModel
from app.ui.widgets import ErrorLabel

W = TypeVar("W", bound=QWidget)


class FieldErrors:
    """Error lines by field name. A refusal goes under its field (a day's hours under the
    hours), anything else under the form; what was typed stays in the boxes."""

    def __init__(self, general: ErrorLabel) -> None:
        self.general = general
        self.labels: dict[str, ErrorLabel] = {}

    def under(self, field: str, parent: QWidget, widget: QWidget) -> QWidget:
        """`widget` with an error line of its own under it, for `field`."""
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        self.labels[field] = ErrorLabel(box)
        layout.addWidget(self.labels[field])
        return box

    def show(self, exc: FieldError) -> None:
        self.clear()
        field = "hours" if exc.field.startswith("hours_") else exc.field
        (self.labels.get(field) or self.general).show_message(exc.message)

    def message(self, field: str) -> str:
        label = self.labels.get(field, self.general)
        return label.text() if label.isVisibleTo(label.parentWidget()) else ""

    def clear(self) -> None:
        for label in (self.general, *self.labels.values()):
            label.show_message("")


def date_box(name: str, parent: QWidget, day: date | None = None) -> QDateEdit:
    box = QDateEdit(QDate(day) if day else QDate.currentDate(), parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat(date_edit_format())
    box.setAccessibleName(name)
    return fixed(box)


def fixed(widget: W) -> W:
    """Keep a button, date or choice at its own width in a form that stretches its fields."""
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, widget.sizePolicy().verticalPolicy())
    return widget


def day_of(box: QDateEdit) -> date:
    return box.date().toPython()  # type: ignore[return-value]


def switched(tab: QWidget, agreement_id: str | None) -> bool:
    """Point a tab at an agreement (disabled when none); True when it is another agreement,
    so the tab empties its form, and False when only the records changed (the form is kept)."""
    changed = agreement_id != getattr(tab, "agreement_id", None)
    tab.agreement_id = agreement_id  # type: ignore[attr-defined]
    tab.setEnabled(agreement_id is not None)
    return changed


def selected_row(view: QTableView) -> Any:
    """The record behind the view's current row (None when no row is chosen)."""
    model = view.model()
    index = view.currentIndex()
    if not index.isValid() or not isinstance(model, RowTableModel):
        return None
    return model.row_at(index.row())
