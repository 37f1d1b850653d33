"""The status-bar indicator of sync, and the automatic syncs: at start, every few minutes, at quit.

`install_sync` runs once the store is open (a start-up action of the main window):
it puts the indicator in the status bar, starts the first sync and the timer, and
watches the window's close so that a last sync runs at quit, bounded in time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

from app.services.agency import settings
from app.ui.context import AppContext
from app.ui.sync.worker import (
    DEFAULT_INTERVAL_MIN,
    INTERVAL_SETTING,
    QUIT_WAIT_MS,
    SyncController,
    SyncState,
    controller_for,
)

SYNC_PAGE = "sync"
_COLORS = {
    SyncState.UNREACHABLE: "#b3261e",
    SyncState.NO_KEY: "#b3261e",
    SyncState.CONFLICTS: "#9a5b00",
    SyncState.SYNCING: "#1f4e9c",
}


class SyncIndicator(QPushButton):
    """A flat button in the status bar: what sync is doing; a click opens the Sync page."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncIndicator")
        self.setFlat(True)
        self.setToolTip("Open the Sync page")
        controller.changed.connect(self.update_text)
        controller.sync_done.connect(lambda _o: self.update_text())
        self.update_text()

    def update_text(self) -> None:
        state = self.controller.state()
        text = self.controller.label()
        self.setText(text)
        self.setAccessibleName(f"Sync status: {text}. Press to open the Sync page")
        color = _COLORS.get(state)
        self.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")


class _QuitWatcher(QObject):
    """Runs the last sync when the window closes (before it saves and releases the store)."""

    def __init__(self, controller: SyncController, window: QWidget) -> None:
        super().__init__(window)
        self.controller = controller
        self.wait_ms = QUIT_WAIT_MS
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Close and not self.done:
            self.done = True
            hide = watched.hide if isinstance(watched, QWidget) else None
            self.controller.finish(self.wait_ms, on_slow=hide)
        return False


def install_sync(context: AppContext, window: QMainWindow) -> SyncIndicator:
    """Put the indicator in `window`'s status bar, sync now, then every N minutes (settings)."""
    controller = controller_for(context)
    indicator = SyncIndicator(controller, window.statusBar())
    window.statusBar().addPermanentWidget(indicator)
    show_page = getattr(window, "show_page", None)
    if show_page is not None:
        indicator.clicked.connect(lambda: show_page(SYNC_PAGE))
    watcher = _QuitWatcher(controller, window)
    watcher.setObjectName("syncQuitWatcher")
    window.installEventFilter(watcher)

    def read_interval(table: str = "settings") -> None:
        if table == "settings":
            store = context.store
            controller.set_interval(
                int(settings.get(store, INTERVAL_SETTING, DEFAULT_INTERVAL_MIN))
            )

    read_interval()
    context.signals.data_changed.connect(read_interval)  # File ▸ Settings changed it
    controller.sync_now()
    return indicator


__all__ = ["SyncIndicator", "install_sync"]
