"""Long work (planning, importing, exporting) in a worker thread, with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.ui.threads import WorkerThread


class Job(QObject):
    """Runs `work(progress, cancel)` in its own thread; the result or error comes back as a signal.

    The thread is an `app.ui.threads.WorkerThread`: a job let go of while it runs is kept
    alive until it ends, and quitting never waits on it without a bound.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Callable[[int, int], None], threading.Event], Any]) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = threading.Event()
        self._thread = WorkerThread(self._run, "job", on_cancel=self.cancel_event.set)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, ms: int) -> bool:
        return self._thread.wait(ms)

    def stop(self, ms: int | None = None) -> bool:
        """Cancel and wait at most `ms` (`app.ui.threads.STOP_WAIT_MS`); True when it ended."""
        return self._thread.stop(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _run(self) -> None:
        try:
            result = self._work(self.progress.emit, self.cancel_event)
        except BaseException as exc:  # reported to the window, never lost in a thread
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
