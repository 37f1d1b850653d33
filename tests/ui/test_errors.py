"""The exception hook: a dialog for the BSR, a log for whoever fixes it, no personal data in it."""

from __future__ import annotations

import sys

import pytest

from app.store.paths import log_dir
from app.ui import errors
from tests.offscreen import run_script


@pytest.fixture(autouse=True)
def own_log_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("EMPLOYER_DESK_HOME", str(tmp_path))


def raise_with_data() -> None:
    try:
        int("Maria Hernandez 312-555-0199")
    except ValueError as exc:
        raise RuntimeError("could not save Maria Hernandez, SSN 123-45-6789") from exc


def test_hook_logs_types_and_frames_never_the_message(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        errors.CrashDialog, "ask", classmethod(lambda cls, parent, path: shown.append(path))
    )
    try:
        raise_with_data()
    except RuntimeError:
        errors.handle_exception(*sys.exc_info())
    log = errors.log_path()
    assert log.parent == log_dir()
    text = log.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "builtins.ValueError" in text
    assert "raise_with_data" in text and "test_errors.py" in text
    assert "Maria" not in text and "123-45-6789" not in text and "555-0199" not in text
    assert shown == [log]


def test_install_sets_the_hook():
    previous = sys.excepthook
    try:
        errors.install_exception_hook()
        assert sys.excepthook is errors.handle_exception
    finally:
        sys.excepthook = previous


def test_the_log_rotates(monkeypatch):
    monkeypatch.setattr(errors.CrashDialog, "ask", classmethod(lambda cls, parent, path: None))
    for _ in range(20_000):
        try:
            raise_with_data()
        except RuntimeError:
            errors.write_log(*sys.exc_info())
        if (log_dir() / "employer-desk.log.1").exists():
            break
    files = sorted(p.name for p in log_dir().glob("employer-desk.log*"))
    assert "employer-desk.log.1" in files
    assert all(p.stat().st_size <= 520_000 for p in log_dir().glob("employer-desk.log*"))


def test_an_exception_in_a_qt_slot_reaches_the_hook(tmp_path):
    """A real app process: a slot raises, the BSR gets the dialog, the log gets the type only."""

    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from app.ui import errors\n"
        "from app.ui.launch import make_application\n"
        "app = make_application()\n"
        "errors.install_exception_hook()\n"
        "errors.CrashDialog.ask = classmethod(lambda cls, parent, path: print('DIALOG', path))\n"
        "def broken():\n"
        "    QTimer.singleShot(0, app.quit)  # once this error has been handled\n"
        "    raise KeyError('Rosa Delgado 773-555-0101')\n"
        "QTimer.singleShot(0, broken)\n"
        "app.exec()\n"
    )
    printed = run_script(script, env={"EMPLOYER_DESK_HOME": str(tmp_path)})
    log = tmp_path / "logs" / "employer-desk.log"
    assert f"DIALOG {log}" in printed
    text = log.read_text(encoding="utf-8")
    assert "builtins.KeyError" in text and "in broken" in text
    assert "Rosa" not in text and "555-0101" not in text
