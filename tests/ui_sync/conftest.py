"""Two real stores (two BSRs' computers) and a real shared folder under tmp_path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app import secrets
from app.store.engine import Store
from app.ui.context import AppContext
from app.ui.sync.page import SyncPage
from app.ui.sync.worker import SyncController
from tests.conftest import no_work_left_running
from tests.sync.share_clock import HeldShareClock

PASSPHRASE = "lake-street-2026"


def _open(path: Path, template: Path) -> Store:
    import shutil

    from app.services.agency.org import ensure_reference_data
    from app.store.engine import open_store

    shutil.copyfile(template, path)
    store = open_store(path)
    ensure_reference_data(store)
    return store


@pytest.fixture(autouse=True)
def share_calls_wait_in_full(monkeypatch) -> None:
    """Every controller's share calls end when they end, however busy the machine: no
    bound runs out by itself. A test that needs one to run out says when
    (`HeldShareClock.expire`)."""
    monkeypatch.setattr("app.ui.sync.worker.ShareClock", HeldShareClock)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def stores(tmp_path: Path, migrated_template: Path) -> Iterator[tuple[Store, Store]]:
    a = _open(tmp_path / "a.sqlite", migrated_template)
    b = _open(tmp_path / "b.sqlite", migrated_template)
    yield a, b
    no_work_left_running()
    a.close()
    b.close()
    secrets.forget_session()


def settle(qtbot, controller: SyncController) -> None:
    """Wait until no job runs or waits (the event loop keeps running meanwhile)."""
    qtbot.waitUntil(lambda: not controller.busy and not controller._queue, timeout=30_000)


@pytest.fixture
def make_page(qtbot) -> Iterator:
    pages: list[SyncPage] = []

    def make(store: Store) -> SyncPage:
        page = SyncPage(AppContext(store=store))
        qtbot.addWidget(page)
        page.resize(1200, 640)
        page.show()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.controller.retry_timer.stop()
        page.controller.auto_timer.stop()
        settle(qtbot, page.controller)


def tick(timer: QTimer) -> None:
    """Run the timer out now, as its interval ending would (no test waits for minutes)."""
    assert timer.isActive()
    timer.timeout.emit()


def hold_blocked_reader(fifo: Fifo, writer: list[int]) -> bool:
    """True once a reader is blocked on `fifo`; the writer's end, kept in `writer`, holds it."""
    if not writer:
        fd = fifo.open_writer()
        if fd is not None:
            writer.append(fd)
    return bool(writer)


def sync_through(qtbot, page: SyncPage):
    """Press Sync now on the page and wait for the outcome."""
    settle(qtbot, page.controller)
    with qtbot.waitSignal(page.controller.sync_done, timeout=30_000) as got:
        page.team.sync_button.click()
    settle(qtbot, page.controller)
    return got.args[0]


def create_team_on(qtbot, page: SyncPage, share: Path) -> None:
    page.team.folder.setText(str(share))
    with qtbot.waitSignal(page.controller.job_done, timeout=30_000) as got:
        page.team.create_button.click()
    assert got.args[0] == "create"
    settle(qtbot, page.controller)


def export_key_from(qtbot, page: SyncPage, out: Path, monkeypatch) -> Path:
    from app.ui.sync.dialogs import ExportDialog

    monkeypatch.setattr(
        ExportDialog, "ask", classmethod(lambda cls, parent=None: (out, PASSPHRASE))
    )
    with qtbot.waitSignal(page.controller.job_done, timeout=30_000) as got:
        page.team.export_button.click()
    assert got.args[0] == "export"
    settle(qtbot, page.controller)
    return out


def join_team_on(qtbot, page: SyncPage, share: Path, key_file: Path, monkeypatch) -> None:
    from app.ui.sync.dialogs import JoinDialog

    monkeypatch.setattr(
        JoinDialog, "ask", classmethod(lambda cls, parent=None: (key_file, PASSPHRASE))
    )
    page.team.folder.setText(str(share))
    with qtbot.waitSignal(page.controller.job_done, timeout=30_000) as got:
        page.team.join_button.click()
    assert got.args[0] == "join"
    settle(qtbot, page.controller)


@pytest.fixture
def team_pages(qtbot, stores, share, tmp_path, make_page, monkeypatch):
    """Store A created the team, store B joined with an exported key file; both synced."""
    a, b = stores
    page_a, page_b = make_page(a), make_page(b)
    create_team_on(qtbot, page_a, share)
    key_file = export_key_from(qtbot, page_a, tmp_path / "team.edkey", monkeypatch)
    join_team_on(qtbot, page_b, share, key_file, monkeypatch)
    return page_a, page_b


class Fifo:
    """A named pipe posing as another computer's segment: reading it blocks, like a hung share."""

    def __init__(self, share: Path) -> None:
        device = str(uuid.uuid4())
        folder = share / "employer-desk" / "v1" / "devices" / device
        folder.mkdir(parents=True)
        self.path = folder / "seg-0000000001.eds"
        os.mkfifo(self.path)

    def open_writer(self) -> int | None:
        """A writer's end, once someone is blocked opening the pipe to read; else None.

        While the writer stays open and silent, the reader stays blocked in read().
        """
        try:
            return os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return None

    def release(self, fd: int | None = None, data: bytes = b"not a segment") -> None:
        """Let a blocked reader go: write a few bytes and close the writer's end."""
        fd = fd if fd is not None else self.open_writer()
        if fd is None:
            return
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
