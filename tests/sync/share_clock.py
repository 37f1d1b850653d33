"""A share clock the test expires itself, so no test depends on how fast the machine is."""

from __future__ import annotations

import threading

from app.sync.share_calls import ShareClock


class HeldShareClock(ShareClock):
    """Every share call is waited for as long as it takes, until the test calls `expire`:
    then the call in progress (or, if none is waiting yet, the next one) gives up as if
    its bound had run out. Later calls are waited for in full again."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._expired = False
        self._waiting: threading.Event | None = None
        #: How many calls were given up on.
        self.given_up = 0

    def expire(self) -> None:
        with self._lock:
            self._expired = True
            if self._waiting is not None:
                self._waiting.set()

    def wait(self, done: threading.Event, seconds: float) -> bool:
        with self._lock:
            self._waiting = done
            expired = self._expired
        if not expired:
            done.wait()  # no bound: only the call's end or `expire` ends it
        with self._lock:
            self._waiting = None
            if self._expired:
                self._expired = False
                self.given_up += 1
                return False
        return True
