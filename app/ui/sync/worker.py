"""Everything that touches the shared folder runs here, off the window's thread.

`SyncController` runs one job at a time (sync, status, create, join, export) in a
worker thread of its own (`app.ui.threads`, which quitting never waits on without a
bound) and hands the result back as a signal, so the window never
waits on the share. The share calls themselves give up after `timeout` seconds
(the transport's own guard), so a folder that hangs or has vanished ends a job
with "folder not reachable" rather than a frozen window; the controller then
tries again on its own after `retry_ms`, and every `interval` minutes anyway.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.services.team import conflicts
from app.services.team.membership import team
from app.store.engine import Store
from app.sync.share_calls import ShareClock
from app.ui.dates import shown_time
from app.ui.models import LOCAL_TZ
from app.ui.threads import Job, Work

if TYPE_CHECKING:
    from app.services.team.team import TeamStatus
    from app.sync.engine import SyncSummary

log = logging.getLogger(__name__)

#: Seconds one share call may take before the folder counts as not reachable.
SHARE_TIMEOUT = 10.0
#: At quit: seconds per share call, and how long the window waits for the last sync.
QUIT_TIMEOUT = 2.0
QUIT_WAIT_MS = 4000
#: After "folder not reachable", try again this soon (ms), whatever the interval.
RETRY_MS = 60_000
DEFAULT_INTERVAL_MIN = 5
INTERVAL_SETTING = "sync.interval_minutes"

Progress = Callable[[str], None]


class SyncState(Enum):
    """What the status-bar indicator says."""

    NOT_SET_UP = "not set up"
    IDLE = "idle"
    SYNCING = "syncing"
    SYNCED = "synced"
    UNREACHABLE = "unreachable"
    NO_KEY = "no key"
    CONFLICTS = "conflicts"


@dataclass
class SyncOutcome:
    """One sync as the page and the indicator need it."""

    in_team: bool
    summary: SyncSummary | None = None
    status: TeamStatus | None = None
    has_key: bool = False
    reachable: bool = False
    conflicts_open: int = 0
    finished_at: datetime | None = None
    error: str = ""
    waiting_for_key: list[str] = field(default_factory=list)


def clock(when: datetime) -> str:
    """ "4:36 PM": the hour and minute in the agency's time zone (Chicago)."""
    return shown_time(when)


def short_device(device: str) -> str:
    """The random end of a UUIDv7 (its start is a timestamp, alike on every computer)."""
    return device[-8:] if device else "?"


def sync_work(store: Store, timeout: float, clock: ShareClock) -> Work:
    """The job body for one sync: the team service's sync, then the team's status.

    `clock` bounds every share call, so that quitting can make the calls still to come
    give up at once (`ShareClock.cut_to`). Cancelling stops between two segments (each
    is applied whole).
    """

    def work(progress: Progress, cancel: threading.Event) -> SyncOutcome:
        # Imported here, on the job's thread: keys, keyring and share code are not needed
        # before the first sync, and the window is ready for work sooner without them.
        from app.services.team import team as team_service
        from app.services.team.computers import computer_labels

        if team(store) is None:
            return SyncOutcome(in_team=False, conflicts_open=conflicts.count_open(store))
        has_key = bool(team_service.keys_for(store).by_id())

        names = computer_labels(store)

        def on_segment(device: str, seq: int) -> None:
            who = names.get(device) or f"computer {short_device(device)}"
            progress(f"Applied changes file {seq} from {who}")

        progress("Sending this computer's changes and reading the team's…")
        summary = team_service.sync_now(
            store, on_segment=on_segment, should_stop=cancel.is_set, timeout=timeout, clock=clock
        )
        status = None
        if not cancel.is_set():  # closing: the status can wait for next time
            progress("Reading the team's status…")
            # When nothing could be done the folder is probably gone: do not wait long again.
            quick = summary.nothing_done and has_key
            bound = min(timeout, 1.0) if quick else timeout
            status = team_service.status(store, timeout=bound, clock=clock)
        return SyncOutcome(
            in_team=True,
            summary=summary,
            status=status,
            has_key=has_key,
            reachable=status.reachable if status else not summary.nothing_done,
            conflicts_open=conflicts.count_open(store),
            finished_at=datetime.now(LOCAL_TZ),
            waiting_for_key=[w for w in summary.waiting if "team key" in w],
        )

    return work


def status_work(store: Store, timeout: float, clock: ShareClock) -> Work:
    def work(progress: Progress, cancel: threading.Event) -> TeamStatus:
        from app.services.team import team as team_service

        progress("Reading the team's status…")
        return team_service.status(store, timeout=timeout, clock=clock)

    return work


class SyncController(QObject):
    """One per open store: runs the jobs, keeps the latest outcome, schedules syncs."""

    #: The indicator's state or text may have changed.
    changed = Signal()
    #: A job started (its kind: "sync", "status", "create", "join", "export").
    job_started = Signal(str)
    progress = Signal(str)
    #: A sync ended: SyncOutcome.
    sync_done = Signal(object)
    #: Any other job ended: (kind, result).
    job_done = Signal(str, object)
    #: A job failed: (kind, message in the user's words).
    job_failed = Signal(str, str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncController")
        self.store = store
        self.timeout = SHARE_TIMEOUT
        #: Bounds every share call of this store's jobs; quitting cuts it short.
        self.share_clock = ShareClock()
        self.retry_ms = RETRY_MS
        self.outcome: SyncOutcome | None = None
        self.status: TeamStatus | None = None
        self.current: str = ""
        self.last_message = ""
        self.in_team = team(store) is not None
        self.conflicts_open = conflicts.count_open(store)
        self._queue: list[tuple[str, Work]] = []
        self._job: Job | None = None
        #: Jobs that ended, oldest first, kept until their queued results have arrived.
        self._ended: list[Job] = []
        self._cancel = threading.Event()
        self._closing = False
        self.auto_timer = QTimer(self)
        self.auto_timer.setObjectName("syncAutoTimer")
        self.auto_timer.timeout.connect(self.sync_now)
        self.retry_timer = QTimer(self)
        self.retry_timer.setObjectName("syncRetryTimer")
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.sync_now)

    # State ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    def state(self) -> SyncState:
        if not self.in_team:
            return SyncState.NOT_SET_UP
        if self.current == "sync":
            return SyncState.SYNCING
        out = self.outcome
        if out is not None and out.in_team and not out.reachable:
            return SyncState.UNREACHABLE
        if out is not None and out.in_team and not out.has_key:
            return SyncState.NO_KEY
        if self.conflicts_open:
            return SyncState.CONFLICTS
        if out is not None and out.finished_at is not None:
            return SyncState.SYNCED
        return SyncState.IDLE

    def label(self) -> str:
        """The indicator's words for the current state."""
        state = self.state()
        if state is SyncState.NOT_SET_UP:
            return "Sync: not set up"
        if state is SyncState.SYNCING:
            return "Syncing…"
        if state is SyncState.UNREACHABLE:
            return "Sync: folder not reachable"
        if state is SyncState.NO_KEY:
            return "Sync: waiting for the team key"
        if state is SyncState.CONFLICTS:
            n = self.conflicts_open
            return f"Sync: {n} conflict{'s' if n != 1 else ''}"
        if state is SyncState.SYNCED and self.outcome and self.outcome.finished_at:
            return f"Last synced {clock(self.outcome.finished_at)}"
        return "Sync: idle"

    def refresh_local(self) -> None:
        """Re-read what needs no share (team set up, open conflicts) and tell the indicator."""
        self.in_team = team(self.store) is not None
        self.conflicts_open = conflicts.count_open(self.store)
        self.changed.emit()

    # Scheduling ----------------------------------------------------------------------
    def set_interval(self, minutes: int) -> None:
        """Sync every `minutes` (0 stops the automatic sync)."""
        if minutes <= 0:
            self.auto_timer.stop()
        else:
            self.auto_timer.start(int(minutes) * 60_000)

    # Jobs ----------------------------------------------------------------------------
    def sync_now(self) -> bool:
        """Start a sync unless one is running or queued; False when not in a team."""
        self.retry_timer.stop()
        if self._closing or not self.in_team:
            return False
        if self.current == "sync" or any(k == "sync" for k, _ in self._queue):
            return True
        self.run("sync", sync_work(self.store, self.timeout, self.share_clock))
        return True

    def refresh_status(self) -> None:
        if self.in_team and not any(k == "status" for k, _ in self._queue):
            self.run("status", status_work(self.store, self.timeout, self.share_clock))

    def run(self, kind: str, work: Work) -> None:
        """Queue `work(progress, cancel)`; jobs run one after the other."""
        self._queue.append((kind, work))
        if self._job is None:
            self._next()

    def _next(self) -> None:
        if not self._queue or self._job is not None:
            return
        kind, work = self._queue.pop(0)
        job = Job(work, f"sync-{kind}", cancel_event=self._cancel)
        job.setObjectName(kind)
        job.progress.connect(self._on_progress)
        job.finished.connect(self._job_finished)
        job.failed.connect(self._job_failed)
        job.ended.connect(self._job_ended)
        self._job, self.current = job, kind
        job.start()
        self.job_started.emit(kind)
        if kind == "sync":
            self.changed.emit()

    @Slot(object)
    def _on_progress(self, values: tuple[str]) -> None:
        self.last_message = values[0]
        self.progress.emit(values[0])

    @Slot(object)
    def _job_finished(self, result: Any) -> None:
        self._on_finished(self.sender().objectName(), result)

    @Slot(object)
    def _job_failed(self, exc: BaseException) -> None:
        self._on_failed(self.sender().objectName(), exc)

    def _on_finished(self, kind: str, result: Any) -> None:
        if kind == "sync":
            self._take_outcome(result)
        else:
            if kind == "status":
                self.status = result
            if kind in ("create", "join"):
                self.in_team = team(self.store) is not None
            self.job_done.emit(kind, result)

    def _on_failed(self, kind: str, exc: BaseException) -> None:
        from app.services.team.team import TeamError
        from app.sync.transport import ShareError

        message = str(exc) if isinstance(exc, TeamError | ShareError) else ""
        if not message:
            log.exception("sync job %s failed", kind, exc_info=exc)
            message = f"Something went wrong ({type(exc).__name__}: {exc})."
        if kind == "sync":
            self._take_outcome(
                SyncOutcome(
                    in_team=self.in_team,
                    error=message,
                    reachable=False,
                    has_key=bool(self.outcome and self.outcome.has_key),
                    conflicts_open=conflicts.count_open(self.store),
                )
            )
        self.job_failed.emit(kind, message)

    def _take_outcome(self, outcome: SyncOutcome) -> None:
        self.outcome = outcome
        self.in_team = outcome.in_team
        self.conflicts_open = outcome.conflicts_open
        if outcome.status is not None:
            self.status = outcome.status
        if outcome.in_team and not outcome.reachable and not self._closing:
            self.retry_timer.start(self.retry_ms)
        self.sync_done.emit(outcome)

    @Slot()
    def _job_ended(self) -> None:
        job = self.sender()
        if job is self._job:  # else finish() has already handled it
            self._on_thread_finished()
        # Signals arrive in the order sent: every job that ended before this one has
        # delivered its result, so only this one and later ones are still needed.
        if job in self._ended:
            del self._ended[: self._ended.index(job)]

    def _on_thread_finished(self) -> None:
        if self._job is not None:
            self._ended.append(self._job)
        self._job, self.current = None, ""
        self.changed.emit()
        if not self._closing:
            self._next()

    # Quitting ------------------------------------------------------------------------
    def finish(
        self, wait_ms: int = QUIT_WAIT_MS, on_slow: Callable[[], None] | None = None
    ) -> bool:
        """At quit: one last quick sync when the folder was reachable, waiting at most `wait_ms`.

        Past `wait_ms`, `on_slow` is called (the window hides itself) and the sync is
        stopped: the share call in progress ends within the share timeout, later ones
        at once. Returns True when no job is left running.
        """
        deadline = time.monotonic() + wait_ms / 1000

        def left_ms() -> int:
            return max(0, int((deadline - time.monotonic()) * 1000))

        self.auto_timer.stop()
        self.retry_timer.stop()
        self._closing = True
        self._queue.clear()
        if self._job is not None and self.current != "sync" and self._job.wait(left_ms()):
            self._on_thread_finished()
        reachable = self.outcome is None or self.outcome.reachable
        if self._job is None and self.in_team and reachable and left_ms() > 0:
            self.run("sync", sync_work(self.store, QUIT_TIMEOUT, self.share_clock))
        thread = self._job
        if thread is None:
            return True
        if thread.wait(left_ms()):
            self._on_thread_finished()
            return True
        # Over time: stop between two segments (each is applied whole), make the share
        # calls still to come give up at once, and wait out the one in progress.
        if on_slow is not None:
            on_slow()
        self._cancel.set()
        self.share_clock.cut_to(0.2)
        done = thread.wait(int(max(self.timeout, QUIT_TIMEOUT) * 1000) + 500)
        if done:
            self._on_thread_finished()
        return done


def controller_for(context: Any) -> SyncController:
    """The one controller of this open store, made on first use (a child of its signals)."""
    found = context.signals.findChild(SyncController, "syncController")
    if found is None:
        found = SyncController(context.store, context.signals)
    return found


__all__ = [
    "DEFAULT_INTERVAL_MIN",
    "INTERVAL_SETTING",
    "QUIT_WAIT_MS",
    "RETRY_MS",
    "SHARE_TIMEOUT",
    "SyncController",
    "SyncOutcome",
    "SyncState",
    "clock",
    "controller_for",
    "short_device",
    "status_work",
    "sync_work",
]
