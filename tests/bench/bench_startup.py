"""Time to the first window, and to a filled employer list of 10k employers, beside a bare
PySide6 window, each a fresh process measured from spawn in the same run. The store was
left on the Employers page, so the app opens there; the time the store is fully open
(edits possible) is printed beside it.

BENCH_START_EMPLOYERS (10,000) and BENCH_START_REPEATS (5) shrink it on a busy machine."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.bigstore import build
from tests.bench.timing import ratio_line

REPEATS = int(os.environ.get("BENCH_START_REPEATS", "5"))
EMPLOYERS = int(os.environ.get("BENCH_START_EMPLOYERS", "10000"))

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 720); w.show()
def shown():
    print("FIRST", time.time(), flush=True); app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

OURS = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from app.ui.launch import finish, make_application, start_window
app = make_application()
w = start_window(Path(sys.argv[1]), False)
marks = set()
def mark(name):
    print(name, time.time(), flush=True)
    marks.add(name)
    if {"FILLED", "READY"} <= marks:
        app.quit()
QTimer.singleShot(0, lambda: mark("FIRST"))
def check():
    if w.listed_employers() >= int(sys.argv[2]):
        mark("FILLED")
    else:
        QTimer.singleShot(5, check)
check()
w.store_ready.connect(lambda: mark("READY"))
app.exec()
finish(w)
"""


def _spawn(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    marks = {}
    for line in out.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("FIRST", "FILLED", "READY"):
            marks[name] = float(stamp) - start
    return marks


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite"
        store = build(path, employers=EMPLOYERS, activities_per_employer=5)
        from app.services.agency import settings

        settings.put(store, settings.ME, settings.get(store, settings.ME) or _any_staff(store))
        # The BSR left the app on the Employers page: it opens there again.
        settings.put(store, settings.WINDOW_STATE, {"page": "employers"})
        store.close()
        bare: list[float] = []
        first: list[float] = []
        filled: list[float] = []
        ready: list[float] = []
        _spawn(BARE)  # warm the file cache for both
        _spawn(OURS, str(path), str(EMPLOYERS))
        for _ in range(REPEATS):
            bare.append(_spawn(BARE)["FIRST"])
            marks = _spawn(OURS, str(path), str(EMPLOYERS))
            first.append(marks["FIRST"])
            filled.append(marks["FILLED"])
            ready.append(marks["READY"])
    b, f, full, store = (statistics.median(x) * 1000 for x in (bare, first, filled, ready))
    return [
        f"bare PySide6 window: median {b:.0f} ms from spawn ({REPEATS} runs)",
        f"Employer Desk first window: median {f:.0f} ms",
        f"Employer Desk with {EMPLOYERS:,} employers listed: median {full:.0f} ms",
        f"Employer Desk store open (edits possible): median {store:.0f} ms",
        ratio_line("first window", f, b, target=2),
        ratio_line(f"filled list of {EMPLOYERS:,}", full, b, target=4),
    ]


def _any_staff(store) -> str:  # noqa: ANN001
    from app.services.agency.org import staff

    return staff(store)[0].id
