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
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME, ORG_NAME, __version__

if TYPE_CHECKING:
    from app.store.engine import Store

log = logging.getLogger(__name__)


class StoreOpenError(Exception):
    """The store could not be opened; `message` says why and what to do, in the user's words."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def explain_open_failure(path: Path, exc: BaseException) -> str:
    """Turn a low-level failure into what happened and what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (
            f"The data file {path} is in use by another program, probably another copy of "
            f"{APP_NAME}. Close the other copy and start {APP_NAME} again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"The data file {path} is damaged and cannot be read. Nothing has been changed. "
            "Copies taken before upgrades sit beside it (names containing 'before-migration'); "
            "ask your office's support person to restore one, or start with --store and a new file."
        )
    if isinstance(exc, IsADirectoryError | NotADirectoryError | FileExistsError):
        return (
            f"{path} is not a place for a data file (a folder is in the way, or a file stands "
            "where a folder should be). Start with --store and the full name of a file, "
            "like --store C:\\Users\\you\\employer-desk.sqlite."
        )
    if (
        isinstance(exc, PermissionError)
        or "unable to open" in text
        or "readonly" in text
        or "read-only" in text
    ):
        return (
            f"{APP_NAME} may not write to {path}. Check that the folder exists and that you "
            "may save files there, or start with --store and a file in a folder you own."
        )
    if isinstance(exc, OSError):
        return (
            f"{APP_NAME} could not use the data file {path}: {exc.strerror or 'the disk refused'}. "
            "Check there is free space and the folder is reachable, then start again."
        )
    return (
        f"{APP_NAME} could not open the data file {path}. Nothing has been changed. "
        "Start it again; if this keeps happening, tell your office's support person."
    )


def open_user_store(path: Path) -> Store:
    """Open and migrate the store, adding the agency's offices and programs; StoreOpenError on failure."""
    from app import forms

    try:
        forms.check_all()
    except forms.FormsFileError as exc:
        raise StoreOpenError(path, forms.explain(exc)) from exc
    try:
        from app.services.agency.org import ensure_reference_data
        from app.store.engine import open_store

        if path.is_dir():
            raise IsADirectoryError(21, "this is a folder, not a file", str(path))
        store = open_store(path)
        ensure_reference_data(store)
        return store
    except StoreOpenError:
        raise
    except Exception as exc:
        raise StoreOpenError(path, explain_open_failure(path, exc)) from exc


def make_demo_store(folder: Path) -> Store:
    """A fresh store holding the generated demo dataset, inside a temporary folder."""
    from app.services.demo.dataset import write_demo

    store = open_user_store(folder / "demo.sqlite")
    write_demo(store)
    return store


class StoreLoader(QObject):
    """Opens the store off the interface thread and reports back on it."""

    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, demo_folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.demo_folder = demo_folder
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
                store = open_user_store(self.path)
        except StoreOpenError as exc:
            self.failed.emit(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - any failure becomes a plain message
            self.failed.emit(explain_open_failure(self.path, exc))
            return
        self.store = store
        self.opened.emit(store)


class StoreErrorDialog:
    """Shown when the store cannot be opened; a class so tests can replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, message: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME} cannot open your data")
        box.setText("Employer Desk cannot open its data file.")
        box.setInformativeText(message)
        box.setAccessibleName("Data file error")
        box.exec()


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
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
    loader = StoreLoader(path, demo_folder, window)
    loader.opened.connect(window.attach_store)
    loader.failed.connect(window.store_failed)
    window.loader = loader
    QTimer.singleShot(0, loader.start)
    return window


def run_gui(store_path: Path | None, demo: bool) -> int:
    """Run the desktop app until the window closes; the exit code for the shell."""
    from app.ui.errors import install_exception_hook

    app = make_application()
    install_exception_hook()
    window = start_window(store_path, demo)
    quit_on_signals(window)
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
