"""`employer-desk retention` and `employer-desk checkins` as real subprocesses on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from app.services.employers import fit
from app.services.people import placements, progress
from app.store.engine import open_store
from tests.people import helpers

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 6, 1)


def _run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--store", str(store), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
    )


def test_retention_and_checkins_commands(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    store = open_store(path)
    try:
        churn = helpers.employer(store, "Churn Logistics", contact_email="hr@churn.example")
        steady = helpers.employer(store, "Steady Foods")
        for lasted in (5, 12):
            pid = helpers.placement(store, churn, TODAY - timedelta(days=100))
            placements.record_separation(
                store, pid, TODAY - timedelta(days=100 - lasted), "fired", today=TODAY
            )
        late = helpers.placement(store, churn, TODAY - timedelta(days=40))
        for ago in (20, 12):
            progress.log_check_in(store, late, 21, TODAY - timedelta(days=ago), False, today=TODAY)
        for _ in range(3):
            helpers.placement(store, steady, TODAY - timedelta(days=200))
    finally:
        store.close()

    done = _run(path, "retention", "--today", "2026-06-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Churn Logistics: Poor fit")
    assert "  - 2 hired and let go within 30 days." in lines
    assert any(line.startswith("Steady Foods: Good fit") for line in lines)
    poor = _run(path, "retention", "--today", "2026-06-01", "--poor-only")
    assert "Steady Foods" not in poor.stdout and "Churn Logistics" in poor.stdout

    checks = _run(path, "checkins", "--today", "2026-06-01")
    assert checks.returncode == 0, checks.stderr
    assert "Check-ins overdue on 2026-06-01: " in checks.stdout
    assert "Churn Logistics: Placed Person" in checks.stdout
    assert "Churn Logistics: 2 unanswered in a row, last tried 2026-05-20" in checks.stdout

    bad = _run(path, "checkins", "--today", "June first")
    assert bad.returncode != 0 and "not a date like 2026-06-01" in bad.stderr


def test_retention_command_shows_a_recorded_fit_decision(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    store = open_store(path)
    try:
        churn = helpers.employer(store, "Churn Logistics")
        for lasted in (5, 12):
            pid = helpers.placement(store, churn, TODAY - timedelta(days=100))
            placements.record_separation(
                store, pid, TODAY - timedelta(days=100 - lasted), "fired", today=TODAY
            )
        fit.record_override(store, churn, "watch", "New manager; we check in weekly.", None)
    finally:
        store.close()
    done = _run(path, "retention", "--today", "2026-06-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Churn Logistics: Watch  [30d ")
    assert lines[1].startswith("  - Set to Watch by a BSR on ")
    assert "  - Placements: 2 hired and let go within 30 days." in lines
    assert "Churn Logistics" not in _run(path, "retention", "--poor-only").stdout
