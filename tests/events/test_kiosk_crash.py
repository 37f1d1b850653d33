"""A kiosk process killed mid-event (SIGKILL, like a pulled battery) loses no check-in,
and the next start reopens the kiosk on the running event."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlmodel import select

from app.core.models import CheckIn
from app.services.events import checkin
from app.store.engine import open_store
from app.ui.context import AppContext
from app.ui.events.kiosk_resume import resume_kiosk
from tests.events import fixture

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_kiosk_keeps_every_check_in_and_reopens(store, qtbot) -> None:
    known = fixture.build(store)
    with store.session() as session:
        before = len(list(session.exec(select(CheckIn))))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.events.kiosk_child", str(store.path), known.event_id],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed: list[str] = []
    # If the child never confirms anything, kill it so the read below ends.
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("CHECKED "):
                confirmed.append(line.split()[1])
            if len(confirmed) >= 25:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()  # never leave a kiosk running behind a failed test
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    assert len(confirmed) >= 25

    reopened = open_store(store.path)
    try:
        with reopened.session() as session:
            rows = list(session.exec(select(CheckIn)))
        have = {c.registration_id for c in rows}
        assert set(confirmed) <= have, "a confirmed check-in was lost"
        # Nothing half-written: every check-in row names a registration that exists.
        roster = checkin.load_roster(reopened, known.event_id)
        assert {c.registration_id for c in rows if c.event_id == known.event_id} <= set(
            roster.entries
        )
        assert len(rows) >= before + len(confirmed)
        # The next start finds the running event and reopens the kiosk on it.
        assert checkin.kiosk_event_id(reopened) == known.event_id
        from PySide6.QtWidgets import QWidget

        window = QWidget()
        qtbot.addWidget(window)
        kiosk = resume_kiosk(AppContext(store=reopened), window)
        assert kiosk is not None and kiosk.event_id == known.event_id
        qtbot.addWidget(kiosk)
        assert kiosk.isFullScreen()
        assert kiosk.roster.checked_in_count >= 5 + len(confirmed)
        kiosk._unlocked = True
        kiosk.close()
    finally:
        reopened.close()


def test_main_window_reopens_the_kiosk_at_start(qtbot, store) -> None:
    from app.ui.main_window import MainWindow

    known = fixture.build(store)
    checkin.start_kiosk(store, known.event_id)  # as if the app died with the kiosk open
    win = MainWindow(store.path)
    qtbot.addWidget(win)
    win.show()
    win.attach_store(store)
    kiosk = win._events_kiosk
    qtbot.addWidget(kiosk)
    assert kiosk.event_id == known.event_id and kiosk.isVisible()
    # The Events page is the page built from the registry.
    from app.ui.events.page import EventsPage

    assert isinstance(win.page("events"), EventsPage)
    kiosk._unlocked = True
    kiosk.close()
    win.context = None
    win.close()
