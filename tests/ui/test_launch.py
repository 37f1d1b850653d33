"""Starting the app: the window before the store, demo mode on a throwaway store, clear failures."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.employers import employers
from app.store.engine import open_store
from app.store.health import ProblemKind, StoreProblem
from app.store.paths import default_store_path
from app.ui import launch
from app.ui.launch import StoreErrorDialog, StoreOpenError, finish, open_user_store, start_window
from app.ui.profile_dialog import FirstRunDialog
from tests.offscreen import ROOT, run_script


def test_window_appears_before_the_store_code_is_imported():
    """SQLModel and SQLAlchemy cost most of a second; the first window must not wait for them."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.ui.launch import make_application\n"
        "from app.ui.main_window import MainWindow\n"
        "app = make_application()\n"
        "w = MainWindow(Path('unused.sqlite'))\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    assert run_script(script).strip() == "[]"


def test_a_start_without_an_open_kiosk_does_not_import_the_kiosk(tmp_path):
    """Reopening the kiosk is checked on every start: one setting read, and the kiosk's
    screens and fuzzy matching are imported only when there is an event to reopen."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "from app.store.engine import open_store\n"
        "from app.ui.context import AppContext\n"
        "from app.ui.events.kiosk_resume import resume_kiosk\n"
        "app = QApplication([])\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "print(resume_kiosk(AppContext(store=store), QWidget()))\n"
        "store.close()\n"
        "heavy = ('app.ui.events.kiosk', 'app.services.events.kiosk_mode', 'rapidfuzz')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    assert run_script(script, str(tmp_path / "mine.sqlite")).split() == ["None", "[]"]


def test_start_window_opens_the_named_store_after_showing(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, ctx, parent=None: False))
    path = tmp_path / "mine.sqlite"
    window = start_window(path, demo=False)
    qtbot.addWidget(window)
    assert window.isVisible() and window.context is None
    with qtbot.waitSignal(window.store_ready, timeout=20_000):
        pass
    assert window.context.store.path == path and path.exists()
    assert window.current_page_key() == "today"
    window.close()
    finish(window)


def test_demo_mode_never_touches_the_real_store(qtbot, monkeypatch):
    real = default_store_path()
    store = open_user_store(real)
    employers.create_employer(store, {"legal_name": "My Real Employer LLC"})
    store.close()
    before = hashlib.sha256(real.read_bytes()).hexdigest()
    window = start_window(None, demo=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_ready, timeout=60_000):
        pass
    demo_path = window.context.store.path
    assert demo_path != real and window.demo_folder in demo_path.parents
    page = window.show_page("employers")
    qtbot.waitUntil(lambda: page.model.rowCount() == 300, timeout=30_000)
    assert "demo" in window.windowTitle()
    window.close()
    finish(window)
    assert not window.demo_folder.exists()
    assert hashlib.sha256(real.read_bytes()).hexdigest() == before
    again = open_store(real)
    try:
        assert [r.name for r in employers.list_rows(again)] == ["My Real Employer LLC"]
    finally:
        again.close()


def test_corrupt_store_gets_a_clear_message(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"this is not a database, it is a spreadsheet someone renamed" * 100)
    with pytest.raises(StoreOpenError) as caught:
        open_user_store(bad)
    assert caught.value.kind is ProblemKind.NOT_A_STORE
    assert "not an Employer Desk data file" in caught.value.message
    assert str(bad) in caught.value.message
    assert bad.read_bytes().startswith(b"this is not a database")  # left as it was


def test_store_in_place_of_a_folder_or_under_a_file(tmp_path):
    with pytest.raises(StoreOpenError) as caught:
        open_user_store(tmp_path)
    assert "--store" in caught.value.message
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreOpenError) as caught:
        open_user_store(blocker / "store.sqlite")
    assert str(blocker / "store.sqlite") in caught.value.message
    assert "--store" in caught.value.message


def test_store_held_by_another_program_says_so(tmp_path):
    path = tmp_path / "busy.sqlite"
    open_user_store(path).close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held(x)")
    try:
        with pytest.raises(StoreOpenError) as caught:
            open_user_store(path)
    finally:
        holder.rollback()
        holder.close()
    assert "another copy" in caught.value.message


def test_real_lock_is_reported(tmp_path):
    """A store held by another process: the genuine SQLite error becomes the plain message."""
    path = tmp_path / "held.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        error = None
        try:
            other = sqlite3.connect(path, timeout=0.1)
            other.execute("SELECT * FROM t").fetchall()
        except sqlite3.OperationalError as exc:
            error = exc
        assert error is not None
        assert "another copy" in launch.explain_open_failure(path, error)
    finally:
        holder.rollback()
        holder.close()


def test_window_shows_the_failure_and_run_gui_exits_with_1(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        StoreErrorDialog,
        "ask",
        classmethod(lambda cls, parent, problem: shown.append(problem) or False),
    )
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    assert launch.run_gui(bad, demo=False) == 1
    assert len(shown) == 1 and shown[0].kind is ProblemKind.NOT_A_STORE
    assert "not an Employer Desk data file" in shown[0].message
    assert bad.read_bytes() == b"garbage" * 1000


def _damaged_store_with_backup(folder: Path) -> tuple[Path, Path]:
    """A store whose file was damaged, with the backup a migration left beside it."""
    path = folder / "employer-desk.sqlite"
    store = open_user_store(path)
    employers.create_employer(store, {"legal_name": "Backed Up Bakery"})
    store.close()
    backup = folder / "employer-desk.before-migration-20260101T000000Z.sqlite"
    backup.write_bytes(path.read_bytes())
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xa5" * (4096 * 2)
    path.write_bytes(bytes(data))
    return path, backup


def test_damaged_store_restores_the_newest_backup_when_chosen(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, ctx, parent=None: False))
    path, backup = _damaged_store_with_backup(tmp_path)
    damaged = path.read_bytes()
    asked = []
    monkeypatch.setattr(
        StoreErrorDialog,
        "ask",
        classmethod(lambda cls, parent, problem: asked.append(problem) or True),
    )
    window = start_window(path, demo=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_ready, timeout=20_000):
        pass
    assert [p.kind for p in asked] == [ProblemKind.DAMAGED] and asked[0].backup == backup
    assert window.failure is None
    assert [r.name for r in employers.list_rows(window.context.store)] == ["Backed Up Bakery"]
    kept = list(tmp_path.glob("employer-desk.damaged-*.sqlite"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    window.close()
    finish(window)


def test_damaged_store_left_alone_when_not_restored(qtbot, tmp_path, monkeypatch):
    path, backup = _damaged_store_with_backup(tmp_path)
    damaged = path.read_bytes()
    monkeypatch.setattr(StoreErrorDialog, "ask", classmethod(lambda cls, parent, problem: False))
    assert launch.run_gui(path, demo=False) == 1
    assert path.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup.name])


@pytest.mark.parametrize("with_backup", [True, False])
def test_error_dialog_offers_restore_only_with_a_backup(qtbot, tmp_path, with_backup):
    """The real dialog: a "Restore newest backup" button when there is one, and its answer."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    backup = tmp_path / "b.sqlite" if with_backup else None
    problem = StoreProblem(
        ProblemKind.DAMAGED, tmp_path / "s.sqlite", "The data file is damaged.", backup
    )
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        wanted = StoreErrorDialog.RESTORE_TEXT if with_backup else "Close"
        next(b for b in box.buttons() if b.text() == wanted).click()

    QTimer.singleShot(0, answer)
    assert StoreErrorDialog.ask(None, problem) is with_backup
    assert (StoreErrorDialog.RESTORE_TEXT in seen[0]) is with_backup


def test_demo_from_the_command_line_cleans_up_on_sigterm(tmp_path):
    """`employer-desk --demo` as a real process: the demo store lives in a temporary folder
    that is gone after a polite kill, and the user's own store is never created."""
    import signal
    import time

    home = tmp_path / "home"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EMPLOYER_DESK_HOME": str(home),
        "TMPDIR": str(scratch),
    }
    child = subprocess.Popen([sys.executable, "-m", "app", "--demo"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        demo_files: list[Path] = []
        while time.monotonic() < deadline and child.poll() is None:
            demo_files = list(scratch.glob("employer-desk-demo-*/demo.sqlite"))
            if demo_files and _has_demo_data(demo_files[0]):
                break
            time.sleep(0.2)
        assert demo_files, "the demo store never appeared"
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert not any(scratch.iterdir())  # the demo folder is gone
    assert not (home / "employer-desk.sqlite").exists()  # the real store was never touched


def _has_demo_data(path: Path) -> bool:
    try:
        with sqlite3.connect(path, timeout=0.5) as conn:
            return conn.execute("SELECT count(*) FROM employer").fetchone()[0] >= 300
    except sqlite3.Error:
        return False
