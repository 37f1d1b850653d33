"""Starting the app: the window first, the store right after.

Importing SQLModel and migrating the store take most of a second, so the main
window is shown before any of it is imported; the store opens in a worker
thread and the pages fill when it is ready.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME, ORG_NAME, __version__, resources
from app.store import health
from app.store.health import ProblemKind, StoreProblem

if TYPE_CHECKING:
    from app.store.engine import Store

log = logging.getLogger(__name__)


#: Why the store could not be opened (kind, path, message, backup): `app.store.health`.
StoreOpenError = StoreProblem


def explain_open_failure(path: Path, exc: BaseException) -> str:
    """Turn a low-level failure into what happened and what to do."""
    return health.explain(path, exc).message


def open_user_store(path: Path, check: health.QuickCheck | None = None) -> Store:
    """Open and migrate the store, adding the agency's offices and programs; StoreOpenError on
    failure. `check` is the integrity check of the file already under way, if any."""
    from app import forms

    try:
        forms.check_all()
    except forms.FormsFileError as exc:
        raise StoreOpenError(ProblemKind.OTHER, path, forms.explain(exc)) from exc
    try:
        from app.services.agency.org import ensure_reference_data
        from app.store.engine import open_store

        store = open_store(path, check)
        ensure_reference_data(store)
    except StoreOpenError:
        raise
    except Exception as exc:
        raise health.explain(path, exc) from exc
    try:
        from app.services.agency.offices import check_event_offices

        check_event_offices(store)
    except forms.FormsFileError as exc:
        store.close()
        raise StoreOpenError(ProblemKind.OTHER, path, forms.explain(exc)) from exc
    return store


def make_demo_store(folder: Path) -> Store:
    """A fresh store holding the generated demo dataset, inside a temporary folder."""
    from app.services.demo.dataset import write_demo

    store = open_user_store(folder / "demo.sqlite")
    write_demo(store)
    return store


class StoreLoader(QObject):
    """Opens the store off the interface thread and reports back on it."""

    opened = Signal(object)
    #: A StoreProblem: what went wrong, and a backup to offer when there is one.
    failed = Signal(object)

    def __init__(
        self,
        path: Path,
        demo_folder: Path | None,
        parent: QObject | None = None,
        check: health.QuickCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.demo_folder = demo_folder
        self.check = check
        self._thread: threading.Thread | None = None
        self.store: Store | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="store-open", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self.demo_folder is not None:
                store = make_demo_store(self.demo_folder)
            else:
                store = open_user_store(self.path, self.check)
        except StoreOpenError as exc:
            self.failed.emit(exc)
            return
        except Exception as exc:  # noqa: BLE001 - any failure becomes a plain message
            self.failed.emit(health.explain(self.path, exc))
            return
        self.store = store
        self.opened.emit(store)


class StartListReader(QObject):
    """Reads the list the window was left on (`read_start_list`) off the interface thread;
    `done(StartList | None)`, queued. Its code is imported in that thread, after the window
    is up."""

    done = Signal(object)

    def __init__(self, path: Path, page: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.page = page
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="start-list", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from app.services.employers.start_list import read_start_list

        self.done.emit(read_start_list(self.path, self.page))


class StoreErrorDialog:
    """Shown when the store cannot be opened; a class so tests can replace `ask`."""

    RESTORE_TEXT = "Restore newest backup"

    @classmethod
    def ask(cls, parent: QWidget | None, problem: StoreProblem) -> bool:
        """Say what is wrong; True when the user chose to restore the backup it offers."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME} cannot open your data")
        box.setText(f"{APP_NAME} cannot open its data file.")
        box.setInformativeText(problem.message)
        box.setAccessibleName("Data file error")
        restore = None
        if problem.backup is not None:
            restore = box.addButton(cls.RESTORE_TEXT, QMessageBox.ButtonRole.AcceptRole)
            restore.setAccessibleName(cls.RESTORE_TEXT)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        return restore is not None and box.clickedButton() is restore


def restore_and_reopen(window, problem: StoreProblem, backup: Path) -> None:  # noqa: ANN001 - MainWindow
    """Put `backup` in place of the damaged store (which is kept aside) and open it again;
    the window hears of the outcome as for the first attempt."""
    try:
        health.restore_backup(problem.path, backup)
    except OSError as exc:
        window.store_failed(health.explain(problem.path, exc, offer_backup=False))
        return
    log.info("store restored from a backup; the damaged file was kept aside")
    loader = StoreLoader(problem.path, None, window)
    loader.opened.connect(window.attach_store)
    loader.failed.connect(window.store_failed)
    window.loader = loader
    loader.start()


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resources.path("icon", "employer-desk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def start_window(store_path: Path | None, demo: bool):  # noqa: ANN201 - MainWindow, imported lazily
    """Show the main window at once and start opening the store behind it."""
    from app.store.paths import default_store_path
    from app.ui.main_window import MainWindow

    demo_folder = Path(tempfile.mkdtemp(prefix="employer-desk-demo-")) if demo else None
    path = demo_folder / "demo.sqlite" if demo_folder else (store_path or default_store_path())
    window = MainWindow(store_path=path, demo=demo)
    window.demo_folder = demo_folder
    window.show()
    check = health.QuickCheck(path) if demo_folder is None and path.is_file() else None
    loader = StoreLoader(path, demo_folder, window, check)
    loader.opened.connect(window.attach_store)
    loader.failed.connect(window.store_failed)
    window.loader = loader
    if demo_folder is None:
        # The list the window was left on is read first, through a read-only connection,
        # and shown while the store opens: both want the interpreter, so one after the other.
        from app.ui.main_window import EMPLOYERS_PAGE

        reader = StartListReader(path, EMPLOYERS_PAGE, window)
        reader.done.connect(window.show_start_list)
        reader.done.connect(lambda _start: _open_behind_the_list(loader, check))
        window.start_reader = reader
        QTimer.singleShot(0, reader.start)
    else:
        QTimer.singleShot(0, loader.start)
    return window


def _open_behind_the_list(loader: StoreLoader, check: health.QuickCheck | None) -> None:
    """Once the list is on screen: the integrity check reads the whole file inside SQLite
    while the loader imports the store's code beside it; the open waits for the check's
    answer before it writes anything."""
    if check is not None:
        check.start()
    loader.start()


def run_gui(
    store_path: Path | None,
    demo: bool,
    quit_after: float | None = None,
    key_file: Path | None = None,
) -> int:
    """Run the desktop app until the window closes; the exit code for the shell.

    `quit_after` closes the window that many seconds after the store is open, the way a
    user would: used to check that an installed copy starts and quits cleanly. `key_file`
    is a team key file the user opened (a .edkey file): joining the team starts from it.
    """
    from app.ui.errors import install_exception_hook

    app = make_application()
    install_exception_hook()
    window = start_window(store_path, demo)
    window.key_file = key_file
    quit_on_signals(window)
    if quit_after is not None:
        delay = max(0, int(quit_after * 1000))
        window.store_ready.connect(lambda: QTimer.singleShot(delay, window.close))
    try:
        code = app.exec()
    finally:
        finish(window)
    return code if window.failure is None else 1


def quit_on_signals(window: QWidget) -> None:
    """Ctrl+C in a terminal or a polite kill closes the window properly (layout saved, the
    field being typed committed, a demo store deleted) instead of dropping everything."""

    def close(*_args: object) -> None:
        window.close()

    signal.signal(signal.SIGINT, close)
    signal.signal(signal.SIGTERM, close)
    # Python runs signal handlers only when it has control; a slow tick hands it control.
    tick = QTimer(window)
    tick.timeout.connect(lambda: None)
    tick.start(300)


def finish(window) -> None:  # noqa: ANN001 - MainWindow, imported lazily
    """Stop the work still running (bounded), then close the store; a demo store and its
    folder are deleted."""
    from app.ui import threads

    reader = window.start_reader
    if reader is not None and reader.thread is not None:
        reader.thread.join(timeout=30)
    if window.loader is not None and window.loader._thread is not None:
        window.loader._thread.join(timeout=30)
    if threads.stop_all():
        window.release_store()
        if window.context is None and window.loader is not None and window.loader.store is not None:
            window.loader.store.close()  # opened after the window was closed
    else:
        names = ", ".join(t.objectName() for t in threads.running())
        log.warning("quitting with work still running (%s); it ends with the app", names)
        # The store stays open: closing it under a thread still inside SQLite could crash
        # the process. Its transaction rolls back when the process ends.
    if window.demo_folder is not None:
        shutil.rmtree(window.demo_folder, ignore_errors=True)
