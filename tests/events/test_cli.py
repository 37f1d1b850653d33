"""`employer-desk event flyer|report|checkins`, run as a real process on a real store file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.events import fixture


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=120
    )


def test_event_flyer_report_and_checkins_from_the_command_line(store, tmp_path: Path) -> None:
    known = fixture.build(store)
    store.close()
    db = str(store.path)
    flyer = tmp_path / "flyer.pdf"
    done = cli("--store", db, "event", "flyer", known.event_id, "--out", str(flyer))
    assert done.returncode == 0, done.stderr
    assert "Hiring event: Pilsen" in PdfReader(flyer).pages[0].extract_text()
    report = tmp_path / "report.pdf"
    done = cli("--store", db, "event", "report", known.event_id, "--out", str(report))
    assert done.returncode == 0, done.stderr
    assert "EVENT REPORT" in PdfReader(report).pages[0].extract_text()
    sheet = tmp_path / "list.xlsx"
    done = cli("--store", db, "event", "checkins", known.event_id, "--out", str(sheet))
    assert done.returncode == 0, done.stderr
    assert "6 people" in done.stdout
    assert load_workbook(sheet).active.max_row == 9


def test_unknown_event_is_a_clear_error_and_writes_nothing(store, tmp_path: Path) -> None:
    store.close()
    out = tmp_path / "x.pdf"
    done = cli("--store", str(store.path), "event", "report", "no-such-id", "--out", str(out))
    assert done.returncode == 1
    assert "no event with the id no-such-id" in done.stderr
    assert not out.exists()
