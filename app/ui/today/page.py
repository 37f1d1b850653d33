"""The Today page: the boxes registered in TODAY_SECTIONS, for my employers or everyone's."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui import registry
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.widgets import ChoiceField


class TodayPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.date_label = QLabel(self)
        self.date_label.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.scope = ChoiceField("Whose employers", self)
        self.scope.set_choices([("My employers", "mine"), ("Everyone's employers", "all")])
        self.scope.choice_made.connect(lambda _v: self._apply_scope())
        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addStretch(1)
        show = QLabel("&Show", self)
        show.setBuddy(self.scope)
        top.addWidget(show)
        top.addWidget(self.scope)
        self.sections: dict[str, QWidget] = {}
        boxes = QWidget(self)
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        specs = [s for s in registry.TODAY_SECTIONS if s.factory]
        for n, spec in enumerate(specs):
            section = registry.load(spec.factory)(context, boxes)  # type: ignore[arg-type]
            section.setMinimumHeight(250)
            self.sections[spec.key] = section
            grid.addWidget(section, n // 2, n % 2)  # two boxes a row, in registry order
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(boxes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._apply_scope()

    def _apply_scope(self) -> None:
        owner = self.context.me_id if self.scope.currentData() == "mine" else None
        for section in self.sections.values():
            if hasattr(section, "set_owner"):
                section.set_owner(owner)
            else:
                section.refresh()  # type: ignore[attr-defined]
        self._set_date()

    def _set_date(self) -> None:
        self.date_label.setText(f"Today, {shown_date(date.today())}")

    def refresh(self) -> None:
        self._apply_scope()
