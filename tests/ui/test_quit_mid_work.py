"""Closing a window or dialog while work runs in a worker thread: the work is cancelled,
waited for with a bound, and the app always exits cleanly (never Qt's abort for a thread
still running at exit). The whole-app cases run the real app in a child process."""

from __future__ import annotations

import ast
import csv
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from app.store.engine import Store
from app.ui import threads
from app.ui.context import AppContext
from app.ui.importer.wizard import ImportWizard
from app.ui.threads import Job

ROOT = Path(__file__).resolve().parents[2]


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Company", "Address"])
        out.writerows([f"Firm {n}", f"{n} W Lake St"] for n in range(rows))
    return path


def _child(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.ui.quit_mid_work_child", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_closing_the_app_mid_import_cancels_it_and_exits_cleanly(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    csv_file = _big_csv(tmp_path / "big.csv", 20_000)
    done = _child("import", str(store), str(csv_file))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closing the window: import in progress" in done.stdout
    assert "job running after the window closed: False" in done.stdout
    assert "still running at exit: []" in done.stdout
    assert "exited" in done.stdout
    assert "Destroyed while thread" not in done.stderr
    with sqlite3.connect(store) as conn:  # cancelled: the transaction rolled back whole
        assert conn.execute("SELECT count(*) FROM employer").fetchone() == (0,)


def test_work_that_outlasts_every_bound_still_lets_the_app_exit(tmp_path: Path) -> None:
    """The child holds the xlsx export for good (it ignores cancel) and allows 200 ms to
    each wait, so the export is still running when the process ends. A QThread in its
    place makes Qt abort the process (exit code 134)."""
    from tests.bench import bigstore

    store = tmp_path / "s.sqlite"
    bigstore.build(store, 200).close()
    out = tmp_path / "out" / "employers.xlsx"
    out.parent.mkdir()
    done = _child("export", str(store), str(out), "200")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "export running: True" in done.stdout
    assert "closing the window: export in progress" in done.stdout
    assert "still running at exit: ['job']" in done.stdout
    assert "exited" in done.stdout
    assert "Destroyed while thread" not in done.stderr
    assert list(out.parent.iterdir()) == []  # no half-written file under the chosen name


def test_a_worker_is_kept_alive_and_stopped_with_a_bound(qtbot) -> None:
    release = threading.Event()
    seen: list[str] = []
    stubborn = threads.WorkerThread(lambda: release.wait(60), "stubborn")
    polite_cancel = threading.Event()
    polite = threads.WorkerThread(
        lambda: polite_cancel.wait(60), "polite", on_cancel=polite_cancel.set
    )
    polite.finished.connect(lambda: seen.append("polite"))
    stubborn.start()
    polite.start()
    assert {t.objectName() for t in threads.running()} >= {"stubborn", "polite"}
    with qtbot.waitSignal(stubborn.finished, timeout=10_000):
        try:
            # The stubborn one ignores cancel: the bound ends the wait, not the work.
            assert not stubborn.stop(50) and stubborn.isRunning()
            assert not threads.stop_all(50)
            assert polite_cancel.is_set()
            qtbot.waitUntil(lambda: seen == ["polite"], timeout=30_000)
            assert [t.objectName() for t in threads.running() if t in (stubborn, polite)] == [
                "stubborn"
            ]
        finally:
            release.set()
    assert stubborn.wait(10_000) and not stubborn.isRunning()
    assert stubborn not in threads.running() and polite not in threads.running()


def test_a_job_let_go_of_while_running_still_reports(qtbot) -> None:
    gate = threading.Event()
    results: list[object] = []

    def start() -> None:
        job = Job(lambda _progress, _cancel: gate.wait(30) and "done")
        job.finished.connect(results.append)
        job.start()  # and the only reference goes away with this frame

    start()
    import gc

    gc.collect()
    gate.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=10_000)


def test_planning_again_cancels_the_plan_in_progress(qtbot, store: Store, tmp_path: Path) -> None:
    wizard = ImportWizard(AppContext(store=store))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(_big_csv(tmp_path / "big.csv", 5_000)))
    wizard.next()
    wizard.next()
    first = wizard.job
    assert first is not None
    wizard.back()
    wizard.next()
    assert wizard.job is not first and first.cancel_event.is_set()
    qtbot.waitUntil(lambda: wizard.plan is not None and not first.is_running(), timeout=60_000)
    assert "Cancelled" not in wizard.preview_page.status.text()
    assert wizard.preview_page.model.rowCount() > 0
    wizard.reject()
    assert not wizard.job.is_running()


def test_no_qthread_in_the_interface() -> None:
    """Every worker goes through app.ui.threads, which the app can always quit from."""
    offenders = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and any(a.name == "QThread" for a in node.names):
                offenders.append(str(path.relative_to(ROOT)))
            if isinstance(node, ast.Attribute) and node.attr == "QThread":
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
