"""Worker threads the app can always quit from.

Long work (imports, exports, sync) runs off the interface thread. A `QThread` that
is still running when Python exits makes Qt abort the process, and work that ignores
its cancel flag (a hung network drive, a file being written) would then either hang
the quit or crash it. So workers here run in daemon Python threads, wrapped in a
QObject that reports back with Qt signals:

- closing a window or dialog cancels its work and waits for it with a bound
  (`STOP_WAIT_MS`), never forever;
- at quit, `stop_all` cancels and waits (bounded) for whatever is left, before the
  store is closed;
- work still running after that is left to end with the process: every write runs in
  one SQLite transaction, which rolls back when the process ends without committing,
  and files are written to a temporary name and renamed only when complete.

Results, errors and progress come back as queued signals on the interface thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

#: How long closing a window or dialog waits for its cancelled work to end.
STOP_WAIT_MS = 5_000
#: How long quitting waits, in all, for work still running when the window is gone.
QUIT_WAIT_MS = 5_000

_LIVE: set[WorkerThread] = set()
_LIVE_LOCK = threading.Lock()


class WorkerThread(QObject):
    """Runs `target()` once in a daemon thread; `finished` (queued) when it has returned.

    The same calls as QThread where the app needs them (`start`, `wait`, `isRunning`),
    plus `cancel`, which calls the `on_cancel` the owner gave, so `stop_all` can stop
    work it knows nothing about.
    """

    finished = Signal()

    def __init__(
        self,
        target: Callable[[], object],
        name: str,
        on_cancel: Callable[[], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._target = target
        self._on_cancel = on_cancel
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("A worker thread runs once.")
        self._thread = threading.Thread(target=self._run, name=self.objectName(), daemon=True)
        with _LIVE_LOCK:
            _LIVE.add(self)  # kept alive while it runs, whoever else lets go of it
        self._thread.start()

    def _run(self) -> None:
        try:
            self._target()
        finally:
            self._done.set()
            with _LIVE_LOCK:
                _LIVE.discard(self)
            self.finished.emit()

    def isRunning(self) -> bool:  # noqa: N802 - the QThread name, so callers read the same
        return self._thread is not None and not self._done.is_set()

    def wait(self, ms: int) -> bool:
        """Wait at most `ms` milliseconds; True when the work has ended (or never started)."""
        if self._thread is None:
            return True
        return self._done.wait(max(0, ms) / 1000)

    def cancel(self) -> None:
        if self._on_cancel is not None:
            self._on_cancel()

    def stop(self, wait_ms: int | None = None) -> bool:
        """Cancel and wait, at most `wait_ms` (`STOP_WAIT_MS`); True when the work has ended."""
        self.cancel()
        return self.wait(STOP_WAIT_MS if wait_ms is None else wait_ms)


def running() -> list[WorkerThread]:
    """Worker threads started and not yet ended."""
    with _LIVE_LOCK:
        return [t for t in _LIVE if t.isRunning()]


def stop_all(wait_ms: int | None = None) -> bool:
    """Cancel every running worker, then wait for them all within one `wait_ms` bound
    (`QUIT_WAIT_MS`). True when none is left running. Called at quit before the store
    closes."""
    wait_ms = QUIT_WAIT_MS if wait_ms is None else wait_ms
    left = running()
    for thread in left:
        thread.cancel()
    deadline = time.monotonic() + wait_ms / 1000
    for thread in left:
        thread.wait(int(max(0.0, deadline - time.monotonic()) * 1000))
    return not running()


#: What a job runs: `work(progress, cancel)`. `progress(*values)` reports to the window
#: (counts, a message: whatever the owner understands); `cancel` is set to ask it to stop.
Work = Callable[[Callable[..., None], threading.Event], Any]


class Job(QObject):
    """The one background job of the interface: `work(progress, cancel)` in a worker thread.

    The result comes back as `finished(result)` or `failed(exception)`, then `ended()`
    once the thread is done; `progress(values)` carries, as a tuple, what the work passed
    to its `progress`. All arrive queued on the window's thread. A job let go of while it
    runs is kept alive until it ends, and quitting never waits on it without a bound.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(
        self, work: Work, name: str = "job", cancel_event: threading.Event | None = None
    ) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = cancel_event if cancel_event is not None else threading.Event()
        self._thread = WorkerThread(self._run, name, on_cancel=self.cancel_event.set)
        self._thread.finished.connect(self.ended)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, ms: int) -> bool:
        return self._thread.wait(ms)

    def stop(self, ms: int | None = None) -> bool:
        """Cancel and wait at most `ms` (`STOP_WAIT_MS`); True when it ended."""
        return self._thread.stop(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _report(self, *values: Any) -> None:
        self.progress.emit(values)

    def _run(self) -> None:
        try:
            result = self._work(self._report, self.cancel_event)
        except BaseException as exc:  # reported to the window, never lost in a thread
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
