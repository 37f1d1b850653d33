"""Share calls on threads of their own, each waited for within a bound.

A share that vanished or hangs must not freeze the program: every filesystem call is
handed to a daemon thread (kept for the next call while it is idle, since starting one
costs as much as a small write) and waited for as long as the `ShareClock` allows.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable


class ShareClock:
    """Decides how long a share call is waited for.

    The real clock waits `seconds` of real time, or less once `cut_to` was called
    (quitting makes the calls still to come give up at once). Tests pass a clock they
    expire themselves, so no test depends on how fast the machine is.
    """

    def __init__(self) -> None:
        self.limit: float | None = None

    def cut_to(self, seconds: float) -> None:
        """From now on, wait at most `seconds` for each call."""
        self.limit = seconds

    def wait(self, done: threading.Event, seconds: float) -> bool:
        """True when `done` was set within the bound."""
        if self.limit is not None:
            seconds = min(seconds, self.limit)
        return done.wait(seconds)


#: How long an idle share thread waits for another call before it ends.
IDLE_WORKER_S = 30.0


class Call:
    """One share call handed to a worker: its result or error, and when it is done."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class _Worker:
    """A daemon thread that runs share calls one at a time.

    It goes back to its pool after each call that came back in time. One whose call did
    not is never given another: it ends when (if ever) that call returns. An idle worker
    ends after `IDLE_WORKER_S`, so a transport let go of leaves no threads behind.
    """

    def __init__(self, pool: WorkerPool) -> None:
        self._pool = pool
        self._calls: queue.SimpleQueue[Call] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._loop, name="share", daemon=True)
        self.thread.start()

    def run(self, call: Call) -> None:
        self._calls.put(call)

    def _loop(self) -> None:
        while True:
            try:
                call = self._calls.get(timeout=IDLE_WORKER_S)
            except queue.Empty:
                if self._pool.retire(self):
                    return
                continue  # taken for a call at the very moment it gave up waiting
            try:
                call.value = call.fn()
            except BaseException as exc:  # handed to the caller's thread
                call.error = exc
            finally:
                call.done.set()
            if not self._pool.give_back(self):
                return


class WorkerPool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._lent: set[_Worker] = set()
        self._abandoned: set[_Worker] = set()

    def take(self) -> _Worker:
        with self._lock:
            worker = self._idle.pop() if self._idle else None
            if worker is None:
                worker = _Worker(self)
            self._lent.add(worker)
            return worker

    def give_back(self, worker: _Worker) -> bool:
        """Back to the idle list after a call; False when its caller gave up on it."""
        with self._lock:
            self._lent.discard(worker)
            if worker in self._abandoned:
                self._abandoned.discard(worker)
                return False
            self._idle.append(worker)
            return True

    def abandon(self, worker: _Worker) -> None:
        with self._lock:
            if worker in self._lent:
                self._abandoned.add(worker)

    def retire(self, worker: _Worker) -> bool:
        """An idle worker's own wish to end: True unless it was just taken for a call."""
        with self._lock:
            if worker in self._idle:
                self._idle.remove(worker)
                return True
            return False


__all__ = ["IDLE_WORKER_S", "Call", "ShareClock", "WorkerPool"]
