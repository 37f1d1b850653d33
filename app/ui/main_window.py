"""The main window: sidebar of areas, search field, menus, status bar.

Built before the store is open (so it appears at once); `attach_store` fills it.
Pages are created the first time they are shown.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.ui import registry

if TYPE_CHECKING:
    from app.services.employers.start_list import StartList
    from app.store.engine import Store
    from app.store.health import StoreProblem
    from app.ui.context import AppContext
    from app.ui.employers.start_list import StartListView

EMPLOYERS_PAGE = "employers"
START_PAGE = "today"
SYNC_PAGE = "sync"


class NotBuiltPage(QWidget):
    """What an area shows until it exists: a plain sentence, no pretend data."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(
            f"<h2>{html.escape(title)}</h2><p>This area is not built yet.</p>"
            "<p>Employers and Today work now; this one comes in a later version.</p>",
            self,
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName(f"{title}: this area is not built yet")
        layout.addWidget(label)


class MainWindow(QMainWindow):
    """Everything a BSR sees. `store_ready` fires once the store is attached and pages can fill."""

    store_ready = Signal()

    def __init__(self, store_path: Path, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path = store_path
        self.demo = demo
        self.demo_folder: Path | None = None
        #: A team key file the app was opened with (a double-clicked .edkey file).
        self.key_file: Path | None = None
        self.loader: Any = None
        #: Reads the employer list shown before the store is open (`StartListReader`).
        self.start_reader: Any = None
        self.failure: str | None = None
        self.context: AppContext | None = None
        self.pages: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}
        self._pending_employer: str | None = None
        self._saved_pages: dict[str, Any] = {}
        #: The employer list read before the store opened, shown until the page takes over.
        self.start_list: StartListView | None = None
        self.setWindowTitle(f"{APP_NAME} (demo data)" if demo else APP_NAME)
        self.resize(1280, 720)
        self.setMinimumSize(720, 480)
        self._build_search()
        self._build_body()
        self._build_menus()
        self._build_shortcuts()
        self.statusBar().showMessage("Opening your data…" if not demo else "Preparing demo data…")
        self.search.setFocus()

    # Layout ---------------------------------------------------------------------------
    def _build_search(self) -> None:
        bar = QToolBar("Search", self)
        bar.setObjectName("searchBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        self.search = QLineEdit(bar)
        self.search.setObjectName("globalSearch")
        self.search.setPlaceholderText(
            "Search employers: name, contact, phone, address, notes   (Ctrl+F)"
        )
        self.search.setAccessibleName("Search employers")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(420)
        self.search.textEdited.connect(self._search_typed)
        self.search.returnPressed.connect(self._search_enter)
        self.search.installEventFilter(self)
        title = QLabel(f"  {APP_NAME}  ", bar)
        title.setStyleSheet("font-weight: 600;")
        bar.addWidget(title)
        bar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.search_bar = bar

    def _build_body(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Areas")
        self.sidebar.setMaximumWidth(200)
        self.sidebar.setMinimumWidth(120)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 7px 6px; }")
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("Current area")
        for number, spec in enumerate(registry.PAGES, 1):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number <= 9:
                item.setToolTip(f"Ctrl+{number}")
            self.sidebar.addItem(item)
            slot = QWidget(self.stack)
            QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
            self._slots[spec.key] = slot
            self.stack.addWidget(slot)
        self.loading = QLabel("Opening your data…", self.stack)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        self.body = QSplitter(self)
        self.body.setObjectName("bodySplitter")
        self.body.addWidget(self.sidebar)
        self.body.addWidget(self.stack)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([135, 1145])
        self.body.setChildrenCollapsible(False)
        self.setCentralWidget(self.body)
        self.sidebar.currentRowChanged.connect(self._sidebar_changed)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = QAction("&New employer…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_employer)
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        for spec in registry.FILE_ACTIONS:
            action = QAction(spec.title, self)
            action.setObjectName(f"file_{spec.key}")
            if spec.factory:
                action.triggered.connect(lambda _=False, f=spec.factory: self._run_file_action(f))
            else:
                action.setEnabled(False)
            file_menu.addAction(action)
        if registry.FILE_ACTIONS:
            file_menu.addSeparator()
        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.help_action = QAction("&User guide", self)
        self.help_action.setObjectName("help_guide")
        self.help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.help_action.triggered.connect(self.show_help)
        help_menu.addAction(self.help_action)
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.new_action.setEnabled(False)
        self.settings_action.setEnabled(False)

    def _build_shortcuts(self) -> None:
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)
        for number, spec in enumerate(registry.PAGES[:9], 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_page(key))

    # Store ----------------------------------------------------------------------------
    def show_start_list(self, start: StartList | None) -> None:
        """The employer list the window was left on, read before the store is open: shown
        at once, in the saved layout, until the store is attached."""
        if start is None or self.context is not None or self.start_list is not None:
            return
        from app.ui.employers.start_list import StartListView

        slot = self._slots[EMPLOYERS_PAGE]
        self.start_list = StartListView(start, slot)
        slot.layout().addWidget(self.start_list)
        self._restore_state(start.window_state)
        self._select_sidebar(EMPLOYERS_PAGE)
        self.stack.setCurrentWidget(slot)

    def attach_store(self, store: Store) -> None:
        """The store is open: ask who this is on first run, restore the layout, fill pages."""
        from app.services.agency import settings
        from app.ui.context import AppContext

        self.context = AppContext(store=store)
        self.context.signals.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.context.signals.open_employer.connect(self.open_employer)
        self.new_action.setEnabled(True)
        self.settings_action.setEnabled(True)
        first_run = settings.me(store) is None
        if first_run:
            from app.ui.profile_dialog import FirstRunDialog

            if self.key_file is None:
                FirstRunDialog.ask(self.context, self)
            else:
                FirstRunDialog.ask(self.context, self, key_file=self.key_file)
        state = settings.get(store, settings.WINDOW_STATE) or {}
        self._restore_state(state)
        self._pending_employer = settings.get(store, settings.LAST_EMPLOYER)
        start = state.get("page") if state.get("page") in self._slots else START_PAGE
        if self.key_file is not None and not first_run:
            start = SYNC_PAGE  # where a team is joined once the profile exists
        self._update_status()
        self.show_page(start)
        if self.key_file is not None and not first_run:
            self.statusBar().showMessage(
                f"To join the team with {self.key_file.name}, press Join team… here.", 20000
            )
        if self._pending_employer and start != EMPLOYERS_PAGE:
            # Build the employer list now so the last employer is open on the first visit.
            self.page(EMPLOYERS_PAGE)
        self.search.setFocus()
        if self.search.text().strip():
            self._search_typed(self.search.text())  # typed while the store was opening
        for spec in registry.STARTUP_ACTIONS:
            if spec.factory:
                registry.load(spec.factory)(self.context, self)
        self.store_ready.emit()

    def store_failed(self, problem: StoreProblem) -> None:
        """Say why the store cannot be opened; restore the backup it offers if the user wants."""
        from app.ui.launch import StoreErrorDialog, restore_and_reopen

        self.statusBar().showMessage("Your data could not be opened.")
        self._drop_start_list()  # nothing read from a file that is refused stays on screen
        if StoreErrorDialog.ask(self, problem) and problem.backup is not None:
            self.statusBar().showMessage(f"Restoring {problem.backup.name}…")
            restore_and_reopen(self, problem, problem.backup)
            return
        self.failure = problem.message
        self.close()

    def release_store(self) -> None:
        """Close the store and end the context: timers that areas hang on its signals stop."""
        if self.context is None:
            return
        signals = self.context.signals
        for timer in signals.findChildren(QTimer):
            timer.stop()
        for child in signals.children():
            child.deleteLater()
        self.context.store.close()

    def _update_status(self) -> None:
        if self.context is None:
            return
        from app.services.agency import settings

        me = settings.me(self.context.store)
        who = me.name if me else "no profile yet"
        where = "demo data (deleted when you quit)" if self.demo else str(self.context.store.path)
        self.statusBar().showMessage(f"{who} · {where}")

    # Pages ----------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use."""
        if key in self.pages:
            return self.pages[key]
        spec = next(s for s in registry.PAGES if s.key == key)
        if spec.factory is None or self.context is None:
            widget: QWidget = NotBuiltPage(spec.title, self._slots[key])
        else:
            cls = registry.load(spec.factory)
            widget = cls(self.context, self._slots[key])
            saved = self._saved_pages.get(key)
            if saved and hasattr(widget, "restore_state"):
                widget.restore_state(saved)
            if key == EMPLOYERS_PAGE:
                self._take_over_start_list(widget)
                widget.employer_opened.connect(self._remember_employer)
                if self._pending_employer:
                    widget.open_employer(self._pending_employer)
                    self._pending_employer = None
        self._slots[key].layout().addWidget(widget)
        self.pages[key] = widget
        return widget

    def _take_over_start_list(self, page: Any) -> None:
        """The Employers page replaces the list shown before the store opened: same rows,
        same sort and layout (as the user may have changed them meanwhile)."""
        if self.start_list is None:
            return
        page.restore_state(self.start_list.layout_state())
        page.show_start_rows(self.start_list.rows())
        self._drop_start_list()

    def _drop_start_list(self) -> None:
        if self.start_list is None:
            return
        self.start_list.hide()
        self.start_list.deleteLater()
        self.start_list = None
        if self.context is None:
            self.stack.setCurrentWidget(self.loading)

    def show_page(self, key: str) -> QWidget | None:
        if self.context is None:
            return None
        widget = self.page(key)
        self._select_sidebar(key)
        self.stack.setCurrentWidget(self._slots[key])
        if hasattr(widget, "refresh") and getattr(widget, "_shown_once", False):
            widget.refresh()
        widget._shown_once = True  # type: ignore[attr-defined]
        return widget

    def _select_sidebar(self, key: str) -> None:
        row = [s.key for s in registry.PAGES].index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)

    def listed_employers(self) -> int:
        """How many employers the list in front shows (0 when another page is in front)."""
        if self.current_page_key() != EMPLOYERS_PAGE:
            return 0
        shown = self.pages.get(EMPLOYERS_PAGE) or self.start_list
        return shown.model.rowCount() if shown is not None else 0  # type: ignore[attr-defined]

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, slot in self._slots.items() if slot is current), None)

    def _sidebar_changed(self, row: int) -> None:
        if 0 <= row < len(registry.PAGES):
            self.show_page(registry.PAGES[row].key)

    # Employers ------------------------------------------------------------------------
    def employers_page(self) -> Any:
        """The Employers page, brought forward (without a reload when it is already in front)."""
        if self.current_page_key() == EMPLOYERS_PAGE and EMPLOYERS_PAGE in self.pages:
            return self.pages[EMPLOYERS_PAGE]
        return self.show_page(EMPLOYERS_PAGE)  # None until the store is open

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_typed(self, text: str) -> None:
        page = self.employers_page()
        if page is not None:
            page.search(text)
            self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        """In the search box, Down goes to the results and Esc empties the box."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down and self.context is not None:
                self._search_enter()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search_typed("")
                return True
        return super().eventFilter(watched, event)

    def _search_enter(self) -> None:
        page = self.employers_page()
        if page is not None:
            page.search(self.search.text(), immediate=True)
            page.focus_results()

    def new_employer(self) -> None:
        page = self.employers_page()
        if page is not None:
            page.new_employer()

    def open_employer(self, employer_id: str) -> None:
        page = self.employers_page()
        if page is not None:
            page.open_employer(employer_id)

    def _remember_employer(self, employer_id: str) -> None:
        if self.context is not None:
            from app.services.agency import settings

            settings.put(self.context.store, settings.LAST_EMPLOYER, employer_id)

    # Menus ----------------------------------------------------------------------------
    def _run_file_action(self, factory: str) -> None:
        if self.context is None:
            return
        registry.load(factory)(self.context, self)

    def open_settings(self) -> None:
        if self.context is None:
            return
        from app.ui.profile_dialog import SettingsDialog

        if SettingsDialog.ask(self.context, self):
            self._update_status()
            self.context.signals.data_changed.emit("settings")

    def show_help(self) -> Any:
        """The user guide, at the section about the page in front (F1)."""
        from app.ui.help.viewer import open_help

        return open_help(self, self.current_page_key() or "")

    def show_about(self) -> None:
        from app.ui.help.about import AboutDialog

        AboutDialog.ask(self.context, self.store_path, self.demo, self)

    # Window state ---------------------------------------------------------------------
    def window_state(self) -> dict[str, Any]:
        pages = {
            key: page.save_state()
            for key, page in self.pages.items()
            if hasattr(page, "save_state")
        }
        return {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            "state": bytes(self.saveState().toBase64().data()).decode("ascii"),
            "body": self.body.sizes(),
            "page": self.current_page_key() or START_PAGE,
            "pages": pages,
        }

    def _restore_state(self, state: dict[str, Any]) -> None:
        if state.get("geometry"):
            self.restoreGeometry(QByteArray.fromBase64(state["geometry"].encode("ascii")))
        if state.get("state"):
            self.restoreState(QByteArray.fromBase64(state["state"].encode("ascii")))
        if state.get("body"):
            self.body.setSizes([int(x) for x in state["body"]])
        self._saved_pages = state.get("pages") or {}

    def save_window_state(self) -> None:
        if self.context is None:
            return
        from app.services.agency import settings

        settings.put(self.context.store, settings.WINDOW_STATE, self.window_state())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commits the field being typed in
        if self.context is not None:
            with contextlib.suppress(Exception):  # never block quitting over the layout
                self.save_window_state()
        super().closeEvent(event)
