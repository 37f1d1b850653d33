"""The status-bar indicator in the main window, automatic sync at start, on a timer and at quit."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import secrets
from app.services.agency import settings
from app.services.employers import employers
from app.services.team import team as team_service
from app.ui.main_window import MainWindow
from app.ui.profile_dialog import FirstRunDialog
from app.ui.sync.indicator import SyncIndicator
from app.ui.sync.page import SyncPage
from app.ui.sync.worker import INTERVAL_SETTING, SyncState, clock
from tests.offscreen import run_script
from tests.ui_sync.conftest import settle, tick


@pytest.fixture
def open_window(qtbot, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, ctx, parent=None: False))
    windows: list[MainWindow] = []

    def make(store) -> MainWindow:
        win = MainWindow(store.path)
        qtbot.addWidget(win)
        win.show()
        win.attach_store(store)
        windows.append(win)
        return win

    yield make
    for win in windows:
        controller = indicator_of(win).controller if win.context else None
        if controller is not None:
            controller.retry_timer.stop()
            controller.auto_timer.stop()
            settle(qtbot, controller)
        win.context = None
        win.close()


def indicator_of(win: MainWindow) -> SyncIndicator:
    found = win.statusBar().findChild(SyncIndicator, "syncIndicator")
    assert found is not None
    return found


def test_not_set_up_then_synced_at_start_then_clicking_opens_the_sync_page(
    qtbot, stores, share, open_window
) -> None:
    a, _ = stores
    win = open_window(a)
    indicator = indicator_of(win)
    assert indicator.text() == "Sync: not set up"
    assert indicator.accessibleName().startswith("Sync status: Sync: not set up")
    assert not indicator.controller.busy  # nothing to sync, no thread
    assert indicator.controller.auto_timer.interval() == 5 * 60_000  # the default
    indicator.click()
    assert win.current_page_key() == "sync"
    assert isinstance(win.pages["sync"], SyncPage)
    assert win.pages["sync"].controller is indicator.controller
    win.context = None
    win.close()
    # A store in a team syncs as soon as it is open.
    team_service.create_team(a, str(share))
    employers.create_employer(a, {"legal_name": "Archer Avenue Foods"})
    settings.put(a, INTERVAL_SETTING, 2)
    again = open_window(a)
    controller = indicator_of(again).controller
    assert controller.auto_timer.isActive() and controller.auto_timer.interval() == 2 * 60_000
    assert controller.current == "sync"
    assert indicator_of(again).text() == "Syncing…"
    qtbot.waitUntil(lambda: controller.state() is SyncState.SYNCED, timeout=30_000)
    assert controller.outcome.summary.published > 0
    stamp = clock(controller.outcome.finished_at)
    assert indicator_of(again).text() == f"Last synced {stamp}"
    assert stamp.endswith(("AM", "PM")) and ":" in stamp


def test_the_timer_syncs_on_its_own(qtbot, stores, share, open_window) -> None:
    a, _ = stores
    team_service.create_team(a, str(share))
    win = open_window(a)
    controller = indicator_of(win).controller
    settle(qtbot, controller)
    assert controller.auto_timer.isActive() and controller.auto_timer.interval() == 5 * 60_000
    employers.create_employer(a, {"legal_name": "Damen Avenue Laundry"})
    with qtbot.waitSignal(controller.sync_done, timeout=60_000) as got:
        tick(controller.auto_timer)  # five minutes are too long for a test: run them out
    assert got.args[0].summary.published > 0  # the timed sync sent the new employer
    settle(qtbot, controller)
    assert controller.auto_timer.isActive()  # and the timer goes on


def test_indicator_names_unreachable_missing_key_and_conflicts(
    qtbot, stores, share, tmp_path, open_window, memory_keyring
) -> None:
    a, _ = stores
    team_service.create_team(a, str(share))
    win = open_window(a)
    indicator = indicator_of(win)
    controller = indicator.controller
    settle(qtbot, controller)
    assert indicator.text().startswith("Last synced ")
    # Folder gone.
    team_service.set_folder(a, str(tmp_path / "unplugged"))
    controller.sync_now()
    settle(qtbot, controller)
    assert indicator.text() == "Sync: folder not reachable"
    assert controller.retry_timer.isActive()
    # Folder back, key gone.
    team_service.set_folder(a, str(share))
    memory_keyring.secrets.clear()
    secrets.forget_session()
    controller.sync_now()
    settle(qtbot, controller)
    assert indicator.text() == "Sync: waiting for the team key"
    assert "color: #b3261e" in indicator.styleSheet()


def test_indicator_counts_open_conflicts(qtbot, team_pages, open_window) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    from tests.ui_sync.conftest import sync_through

    eid = employers.create_employer(a, {"legal_name": "Roosevelt Road Movers"}).id
    sync_through(qtbot, page_a)
    sync_through(qtbot, page_b)
    employers.update_employer_field(a, eid, "website", "https://rrmovers.example")
    employers.update_employer_field(b, eid, "website", "https://roosevelt-movers.example")
    sync_through(qtbot, page_a)
    sync_through(qtbot, page_b)
    win = open_window(a)  # its start-up sync brings B's later edit and logs ours
    controller = indicator_of(win).controller
    settle(qtbot, controller)
    assert controller.conflicts_open == 1
    assert indicator_of(win).text() == "Sync: 1 conflict"


def test_closing_the_window_syncs_once_more(qtbot, stores, share, open_window) -> None:
    a, _ = stores
    team_service.create_team(a, str(share))
    win = open_window(a)
    controller = indicator_of(win).controller
    settle(qtbot, controller)
    employers.create_employer(a, {"legal_name": "Kedzie Print Shop"})
    before = _segments(share)
    win.close()  # the close event runs the last sync, bounded
    assert not controller.busy
    assert len(_segments(share)) == len(before) + 1


def _segments(share: Path) -> list[Path]:
    return sorted(share.rglob("seg-*.eds"))


def test_the_interval_set_in_settings_drives_the_timer(qtbot, stores, open_window) -> None:
    from app.ui.profile_dialog import SettingsDialog

    a, _ = stores
    win = open_window(a)
    controller = indicator_of(win).controller
    dialog = SettingsDialog(win.context, win)
    qtbot.addWidget(dialog)
    assert dialog.sync_minutes.value() == 5
    dialog.sync_minutes.setValue(15)
    assert settings.get(a, INTERVAL_SETTING) == 15
    win.context.signals.data_changed.emit("settings")  # what the window does after Settings
    assert controller.auto_timer.interval() == 15 * 60_000
    dialog.sync_minutes.setValue(0)
    win.context.signals.data_changed.emit("settings")
    assert not controller.auto_timer.isActive()
    # The Sync page offers the same setting.
    page = win.show_page("sync")
    page.team.interval.setValue(10)
    assert settings.get(a, INTERVAL_SETTING) == 10
    assert controller.auto_timer.interval() == 10 * 60_000


def test_the_indicator_is_installed_without_the_team_service(tmp_path: Path) -> None:
    """The indicator is put up on every start before the window is ready for work; the
    team service (keys, keyring, the share's code) is imported by the first sync's job,
    on its own thread, not before."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "from app.store.engine import open_store\n"
        "from app.ui.context import AppContext\n"
        "from app.ui.sync.indicator import install_sync\n"
        "app = QApplication([])\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "window = QMainWindow()\n"
        "indicator = install_sync(AppContext(store=store), window)\n"
        "print(indicator.controller.state().name)\n"
        "heavy = ('app.services.team.team', 'app.sync.keys', 'keyring', 'app.sync.engine')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "store.close()\n"
    )
    printed = run_script(script, str(tmp_path / "mine.sqlite"))
    assert printed.split() == ["NOT_SET_UP", "[]"]
