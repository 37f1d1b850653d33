"""The Sync page: team and folder, the conflict log, and merging duplicate employers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.context import AppContext
from app.ui.sync.conflicts_panel import ConflictsPanel
from app.ui.sync.merge_panel import MergePanel
from app.ui.sync.quarantine_panel import QuarantinePanel
from app.ui.sync.team_panel import TeamPanel
from app.ui.sync.worker import controller_for

TEAM_TAB, CONFLICTS_TAB, DUPLICATES_TAB, SET_ASIDE_TAB = range(4)


class SyncPage(QWidget):
    """Four tabs over one controller, the same one the status-bar indicator shows."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.controller = controller_for(context)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sync")
        self.team = TeamPanel(context, self.controller, self.tabs)
        self.conflicts = ConflictsPanel(context, self.controller, self.tabs)
        self.merge = MergePanel(context, self.controller, self.tabs)
        self.tabs.addTab(self.team, "&Team and folder")
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.merge, "&Duplicates")
        self.set_aside = QuarantinePanel(context, self.tabs)
        self.tabs.addTab(self.set_aside, "")
        self.set_aside.dismissed.connect(lambda _n: self._titles())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.controller.changed.connect(self._titles)
        self._titles()
        if self.controller.in_team and self.controller.status is None:
            self.controller.refresh_status()

    def _titles(self) -> None:
        n = self.controller.conflicts_open
        self.tabs.setTabText(CONFLICTS_TAB, f"&Conflicts ({n})" if n else "&Conflicts")
        self.set_aside.refresh()
        q = self.set_aside.count
        self.tabs.setTabText(SET_ASIDE_TAB, f"&Set aside ({q})" if q else "&Set aside")

    def refresh(self) -> None:
        """Shown again: re-read the store and ask the folder for fresh status."""
        self.team.load()
        self.conflicts.refresh()
        self.merge.mark_stale()
        self.controller.refresh_local()
        self.controller.refresh_status()

    def show_conflicts(self) -> None:
        self.tabs.setCurrentIndex(CONFLICTS_TAB)

    def save_state(self) -> dict[str, Any]:
        return {"tab": self.tabs.currentIndex()}

    def restore_state(self, state: dict[str, Any]) -> None:
        tab = state.get("tab")
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)


__all__ = ["SyncPage"]
