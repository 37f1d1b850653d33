"""The Today page: the boxes registered in TODAY_SECTIONS, for my employers or everyone's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
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
    #: The sections are built and hold their rows.
    filled = Signal()

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
        #: Built after the page is first painted (see `showEvent`); empty until then.
        self.sections: dict[str, QWidget] = {}
        self.boxes = QWidget(self)
        self.grid = QGridLayout(self.boxes)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(14)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.boxes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._set_date()
        self._fill_queued = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        """The sections (their modules and their queries) come after the first paint, and
        only when the page is still in front by then: a start on another page skips them."""
        super().showEvent(event)
        if not self.sections and not self._fill_queued:
            self._fill_queued = True
            QTimer.singleShot(0, self._fill)

    def _fill(self) -> None:
        self._fill_queued = False
        if self.sections or not self.isVisible():
            return
        specs = [s for s in registry.TODAY_SECTIONS if s.factory]
        for n, spec in enumerate(specs):
            section = registry.load(spec.factory)(self.context, self.boxes)  # type: ignore[arg-type]
            section.setMinimumHeight(250)
            self.sections[spec.key] = section
            self.grid.addWidget(section, n // 2, n % 2)  # two boxes a row, in registry order
        self._apply_scope()
        self.filled.emit()

    def is_filled(self) -> bool:
        return bool(self.sections)

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
