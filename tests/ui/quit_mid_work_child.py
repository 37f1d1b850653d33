"""Run the real app, start long work through the File menu, and close the main window
while it runs.

    python -m tests.ui.quit_mid_work_child import STORE CSV
        Import a long spreadsheet; close the window at the import's first progress report.
    python -m tests.ui.quit_mid_work_child export STORE OUT WAIT_MS
        Export the store as xlsx to OUT, held for good once the workbook is built and
        before its file is written (work that ignores cancel and outlasts every bound);
        close the window once it is held, with every close and quit wait bounded to WAIT_MS.

Prints what happened, then "exited" once past the window and the store closing.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    from app.ui import threads
    from app.ui.importer.export_dialog import ExportDialog
    from app.ui.importer.wizard import ImportWizard
    from app.ui.launch import finish, make_application, start_window
    from app.ui.profile_dialog import FirstRunDialog

    mode, store_path, file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "export":
        threads.STOP_WAIT_MS = threads.QUIT_WAIT_MS = int(sys.argv[4])
    FirstRunDialog.ask = classmethod(lambda cls, ctx, parent=None: False)  # type: ignore[method-assign]
    app = make_application()
    window = start_window(store_path, demo=False)
    seen: dict[str, object] = {}

    def close_window(why: str) -> None:
        if "closed" not in seen:
            seen["closed"] = why
            print(f"closing the window: {why}", flush=True)
            window.close()

    def when(ready: Callable[[], object], then: Callable[[], None], tries: int = 3600) -> None:
        """Call `then` once `ready()` is true, looking every 50 ms (inside the dialog's loop)."""
        if ready():
            then()
        elif tries:
            QTimer.singleShot(50, lambda: when(ready, then, tries - 1))
        else:
            close_window("gave up waiting")

    def dialog(kind: type) -> object:
        found = QApplication.activeModalWidget()
        return found if isinstance(found, kind) else None

    def run_import() -> None:
        wizard = dialog(ImportWizard)
        assert isinstance(wizard, ImportWizard)
        seen["job owner"] = wizard
        wizard.file_page.path_edit.setText(str(file))
        wizard.next()  # mapping
        wizard.next()  # preview: the plan is made
        when(lambda: wizard.plan is not None, lambda: start_import(wizard))

    def hold_the_import_at_its_first_progress() -> None:
        """The import may finish faster than the window can close: hold it at its first
        progress report until the window's close cancels it (or 30 s pass)."""
        import app.ui.importer.wizard as wizard_module

        real = wizard_module.apply_plan

        def held(store, plan, *args, progress=None, cancel=None, **kwargs):  # type: ignore[no-untyped-def]
            def report(done: int, total: int) -> None:
                if progress is not None:
                    progress(done, total)
                if cancel is not None and "held" not in seen:
                    seen["held"] = True
                    cancel.wait(30)

            return real(store, plan, *args, progress=report, cancel=cancel, **kwargs)

        wizard_module.apply_plan = held

    def start_import(wizard: ImportWizard) -> None:
        hold_the_import_at_its_first_progress()
        wizard.next()  # report
        wizard.next()  # run: the import starts
        assert wizard.job is not None
        wizard.job.progress.connect(lambda *_: close_window("import in progress"))

    held = threading.Event()

    def hold_the_export_before_it_writes() -> None:
        """The export never ends by itself: it stops for good once its workbook is built,
        before the file is touched, and pays no heed to cancel."""
        import app.services.importing.exporting as exporting

        def stuck(path: Path, write: Callable[[Path], None]) -> None:
            held.set()
            threading.Event().wait()  # never set: the process ends around it

        exporting._atomic_write = stuck  # type: ignore[assignment]

    def run_export() -> None:
        export = dialog(ExportDialog)
        assert isinstance(export, ExportDialog)
        seen["job owner"] = export
        hold_the_export_before_it_writes()
        export.format_combo.setCurrentIndex(export.format_combo.findData("xlsx"))
        export.path_edit.setText(str(file))
        export.start_export()
        print(f"export running: {export.job is not None and export.job.is_running()}", flush=True)
        when(held.is_set, lambda: close_window("export in progress"))

    kind, drive = (ImportWizard, run_import) if mode == "import" else (ExportDialog, run_export)

    def ready() -> None:
        when(lambda: dialog(kind) is not None, drive)
        window.findChild(QAction, f"file_{mode}").trigger()  # modal, like a click

    window.store_ready.connect(lambda: QTimer.singleShot(0, ready))
    code = app.exec()
    job = getattr(seen.get("job owner"), "job", None)
    print(f"job running after the window closed: {job is not None and job.is_running()}")
    finish(window)
    print(f"still running at exit: {[t.objectName() for t in threads.running()]}", flush=True)
    print("exited", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
