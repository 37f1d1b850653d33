"""Help ▸ About: the version pyproject.toml declares, where things are, and diagnostics that
tell support how the app is without a single name, phone or email from the data."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from app import __version__
from app.__main__ import main
from app.services.support import diagnostics
from app.store import paths
from app.ui.help.about import AboutDialog

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
PERSONAL_COLUMN = re.compile(r"(^|_)(name|phone|email|mobile|contact)s?($|_)")


def declared_version() -> str:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


def personal_values(store) -> set[str]:  # noqa: ANN001 - Store
    """Every name, phone and email the store holds, in any table."""
    found: set[str] = set()
    tables = [r[0] for r in store.raw_rows("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for column in store.raw_rows(f'PRAGMA table_info("{table}")'):
            name = column[1]
            if PERSONAL_COLUMN.search(name):
                for (value,) in store.raw_rows(f'SELECT DISTINCT "{name}" FROM "{table}"'):
                    if isinstance(value, str) and len(value.strip()) >= 5:
                        found.add(value.strip())
    return found


@pytest.fixture
def crash_log() -> Iterator[Path]:
    """A log holding a real crash report and a line that quotes a person (as a careless
    message from any module could); removed afterwards."""
    from app.ui import errors

    log = paths.log_file()
    try:
        raise ValueError("Dana Whitfield (312) 555-0142 dana@example.org")
    except ValueError as exc:
        errors.write_log(type(exc), exc, exc.__traceback__)
    with log.open("a", encoding="utf-8") as handle:
        handle.write("2026-01-05 10:00:00,000 INFO called Dana Whitfield at (312) 555-0142\n")
    yield log
    for handler in list(errors._logger().handlers):
        handler.close()
    log.unlink(missing_ok=True)


def test_the_version_is_the_one_pyproject_declares(capsys) -> None:
    assert __version__ == declared_version()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.split() == ["employer-desk", declared_version()]


def test_about_shows_version_folders_shared_folder_and_schema(window, qtbot) -> None:
    from app.services.team import team

    share = paths.user_data_dir().parent / "about-share"
    share.mkdir(exist_ok=True)
    team.create_team(window.context.store, str(share))
    dialog = AboutDialog(window.context, window.store_path, parent=window)
    qtbot.addWidget(dialog)
    text = dialog.facts.text()
    assert declared_version() in text
    assert str(paths.user_data_dir()) in text
    assert str(paths.log_file()) in text
    assert str(share) in text
    for head in diagnostics.schema_revision(window.context.store):
        assert head in text


def test_before_the_store_opens_about_still_shows_the_version(qtbot, tmp_path: Path) -> None:
    dialog = AboutDialog(None, tmp_path / "store.sqlite")
    qtbot.addWidget(dialog)
    assert declared_version() in dialog.facts.text()
    assert not dialog.copy_button.isEnabled()


def test_copied_diagnostics_hold_no_personal_data(window, qtbot, crash_log: Path) -> None:
    store = window.context.store
    dialog = AboutDialog(window.context, window.store_path, demo=True, parent=window)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("== Versions")
    # What support needs is there...
    assert f"Employer Desk {declared_version()}" in text
    assert "== Platform" in text and "size:" in text and "== Sync" in text
    employers = store.raw_rows("SELECT count(*) FROM employer")[0][0]
    assert f"employer: {employers}" in text
    assert "builtins.ValueError" in text
    assert "[line withheld:" in text
    # ...and nothing personal: no name, phone or email of the demo, nor the quoted person.
    values = personal_values(store)
    assert len(values) > 100  # the scan really reads the demo's people
    leaked = sorted(v for v in values | {"Dana Whitfield", "555-0142", "dana@example"} if v in text)
    assert leaked == []
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text)
    assert not re.search(r"\(?\d{3}\)?[ .-]\d{3}-\d{4}", text)
    assert str(Path.home()) not in text


def test_log_lines_keep_only_the_crash_log_shapes(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    lines = [
        "2026-01-05 10:00:00,000 ERROR Employer Desk 0.1.0 unexpected error",
        "sqlite3.OperationalError",
        '  File "/opt/app/store/engine.py", line 12, in open_store',
        "caused by / while handling:",
        "Marisol Vega asked for (773) 555-0199",
    ] + [f"line {n}" for n in range(60)]
    log.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    kept = diagnostics.safe_log_lines(log)
    assert kept[:4] == lines[:4]
    assert kept[4] == f"[line withheld: {len(lines[4])} characters]"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(diagnostics.safe_log_lines(log)) == diagnostics.LOG_LINES
    assert diagnostics.safe_log_lines(tmp_path / "none.log") == []
