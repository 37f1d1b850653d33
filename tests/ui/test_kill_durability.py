"""Nothing lost: a process killed with SIGKILL mid-work keeps every edit it had committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.services.employers import employers
from app.store.engine import open_store

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from app.services.employers import employers
from app.store.engine import open_store

store = open_store(Path(sys.argv[1]))
target = sys.argv[2]
n = 0
while True:
    created = employers.create_employer(store, {"legal_name": f"Durable {n}", "main_phone": "312 555 0100"})
    employers.update_employer_field(store, target, "notes", f"edit {n}")
    print(n, created.id, flush=True)  # only after both commits returned
    n += 1
"""


def test_sigkill_loses_no_committed_edit(tmp_path):
    path = tmp_path / "killed.sqlite"
    store = open_store(path)
    target = employers.create_employer(store, {"legal_name": "Edited While Killed Co"}).id
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reported: list[tuple[int, str]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            n, employer_id = line.split()
            reported.append((int(n), employer_id))
            if len(reported) >= 60:
                os.kill(child.pid, signal.SIGKILL)
                break
        reported += [
            (int(n), i) for n, i in (ln.split() for ln in child.stdout.read().splitlines())
        ]
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    assert len(reported) >= 60

    reopened = open_store(path)
    try:
        for n, employer_id in reported:
            saved = employers.get_employer(reopened, employer_id)
            assert saved is not None and saved.legal_name == f"Durable {n}"
            assert saved.main_phone == "(312) 555-0100"
        last = reported[-1][0]
        notes = employers.get_employer(reopened, target).notes
        assert notes.startswith("edit ") and int(notes.split()[1]) >= last
        found = employers.list_rows(reopened, employers.EmployerFilter(text="Durable"))
        assert len(found) >= len(reported)  # the search index kept up too
    finally:
        reopened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
