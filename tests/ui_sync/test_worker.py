"""The sync worker: the window stays responsive when the folder vanishes or hangs, retries, quits."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from app.services.employers import employers
from app.ui.sync.worker import SyncState
from tests.ui_sync.conftest import Fifo, settle, sync_through


def test_a_vanished_folder_is_reported_and_sync_retries_on_its_own(qtbot, team_pages, share):
    page_a, _ = team_pages
    controller = page_a.controller
    a = page_a.context.store
    employers.create_employer(a, {"legal_name": "Near West Auto Body"})
    controller.retry_ms = 100
    moved = share.with_name("share-away")
    share.rename(moved)  # the share disappears (laptop out of the office)
    outcome = sync_through(qtbot, page_a)
    assert outcome.in_team and not outcome.reachable
    assert controller.state() is SyncState.UNREACHABLE
    assert controller.label() == "Sync: folder not reachable"
    assert "not reachable" in page_a.team.reach_text.text()
    assert "tries again on its own" in page_a.team.message.text()
    assert any("cannot be reached" in e for e in outcome.summary.errors)
    assert controller.retry_timer.isActive()
    # The folder comes back; the next try, made on its own, publishes the waiting edit.
    moved.rename(share)
    qtbot.waitUntil(lambda: controller.state() is SyncState.SYNCED, timeout=30_000)
    settle(qtbot, controller)
    assert controller.outcome.reachable and controller.outcome.summary.published > 0
    assert controller.label().startswith("Last synced ")
    assert not controller.retry_timer.isActive()


def test_the_window_stays_responsive_while_the_folder_hangs(qtbot, team_pages, share):
    page_a, _ = team_pages
    controller = page_a.controller
    controller.timeout = 120.0  # only the pipe below ends the wait
    fifo = Fifo(share)
    writer: list[int] = []

    def reader_blocked() -> bool:
        fd = fifo.open_writer()
        if fd is not None:
            writer.append(fd)
        return bool(writer)

    page_a.team.sync_button.click()
    # The worker is now blocked on a read that does not return...
    qtbot.waitUntil(reader_blocked, timeout=30_000)
    try:
        # ...and the window still answers: timers fire, typing works, the state shows.
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: fired == [True])
        box = QLineEdit(page_a)
        box.show()
        qtbot.keyClicks(box, "typing while the share hangs")
        assert box.text() == "typing while the share hangs"
        assert controller.busy and controller.state() is SyncState.SYNCING
        assert controller.label() == "Syncing…"
        assert page_a.team.progress.isVisible() and not page_a.team.sync_button.isEnabled()
        with qtbot.waitSignal(controller.sync_done, timeout=30_000) as got:
            fifo.release(writer.pop())
    finally:
        for fd in writer:
            fifo.release(fd)
    settle(qtbot, controller)
    skipped = got.args[0].summary.skipped
    assert [s.path.endswith("seg-0000000001.eds") for s in skipped] == [True]
    report = [page_a.team.report.index(r, 1).data() for r in range(page_a.team.report.rowCount())]
    assert any(p.endswith("seg-0000000001.eds") for p in report)


def test_a_share_call_that_never_returns_ends_at_the_worker_timeout(qtbot, team_pages, share):
    page_a, _ = team_pages
    controller = page_a.controller
    controller.timeout = 1.0
    fifo = Fifo(share)
    try:
        outcome = sync_through(qtbot, page_a)
    finally:
        fifo.release()  # lets the abandoned read finish
    problems = [
        page_a.team.report.index(r, 2).data()
        for r in range(page_a.team.report.rowCount())
        if page_a.team.report.index(r, 0).data() == "Problem"
    ]
    assert any("did not answer within 1 s" in p for p in problems)
    assert any("did not answer" in e for e in outcome.summary.errors)
    assert not controller.busy


def test_quitting_syncs_once_more_when_the_folder_is_reachable(qtbot, team_pages, share):
    page_a, page_b = team_pages
    a = page_a.context.store
    eid = employers.create_employer(a, {"legal_name": "Halsted Hardware"}).id
    assert page_a.controller.finish(10_000)
    assert page_a.controller.outcome is not None
    sync_through(qtbot, page_b)
    assert employers.get_employer(page_b.context.store, eid) is not None
    # Once closing, nothing starts again.
    assert page_a.controller.sync_now() is False


def test_quitting_with_the_folder_gone_does_not_wait(qtbot, team_pages, share):
    page_a, _ = team_pages
    shutil.rmtree(share)
    sync_through(qtbot, page_a)
    assert page_a.controller.state() is SyncState.UNREACHABLE
    assert page_a.controller.finish(10_000)
    assert not page_a.controller.busy  # no last sync was started for a folder known gone


def test_quitting_while_the_folder_hangs_ends_within_the_share_timeout(qtbot, team_pages, share):
    page_a, _ = team_pages
    controller = page_a.controller
    controller.timeout = 2.0
    fifo = Fifo(share)
    page_a.team.sync_button.click()
    qtbot.waitUntil(lambda: controller.busy)
    # Quit only once the sync is blocked reading the pipe (an event, not a race with
    # how far the sync got meanwhile).
    writer: list[int] = []
    qtbot.waitUntil(lambda: bool(writer) or _append(writer, fifo.open_writer()), timeout=30_000)
    slow: list[bool] = []
    try:
        # The running sync is stuck on the pipe longer than the quit waits: the window is
        # told to hide, the sync is stopped, and the call in progress ends at its timeout.
        finished = controller.finish(wait_ms=200, on_slow=lambda: slow.append(True))
    finally:
        fifo.release(writer[0])
    assert finished is True and slow == [True]
    assert controller._cancel.is_set() and not controller.busy
    with qtbot.waitSignal(controller.sync_done, timeout=30_000) as got:
        pass  # the result, queued while the window waited, still arrives
    assert any("did not answer" in e for e in got.args[0].summary.errors)
    assert got.args[0].status is None  # no status read while closing


def test_the_real_app_exits_cleanly_when_closed_while_the_folder_hangs(tmp_path, share):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui_sync.quit_child", str(tmp_path / "s.sqlite"), str(share)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "exited" in done.stdout
    assert "Destroyed while thread" not in done.stderr
    assert "worker running: False" in done.stdout
    # Before the hang, this computer published its own first changes.
    from app.store.engine import open_store
    from app.sync.changes import device_id

    store = open_store(tmp_path / "s.sqlite")
    try:
        mine = device_id(store)
    finally:
        store.close()
    assert (share / "employer-desk" / "v1" / "devices" / mine / "seg-0000000001.eds").is_file()


def _append(items: list[int], fd: int | None) -> bool:
    if fd is not None:
        items.append(fd)
    return fd is not None
