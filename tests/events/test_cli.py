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
    flat = " ".join(PdfReader(flyer).pages[0].extract_text().split())
    assert "Pilsen Bakery Inc. is hiring" in flat  # Little Village: English and Spanish
    assert "Pilsen Bakery Inc. está contratando" in flat
    spanish = tmp_path / "volante.pdf"
    done = cli(
        "--store", db, "event", "flyer", known.event_id, "--lang", "es", "--out", str(spanish)
    )
    assert done.returncode == 0, done.stderr
    flat = " ".join(PdfReader(spanish).pages[0].extract_text().split())
    for words in (
        "Puestos disponibles",
        "Qué traer",
        "Jueves 18 de marzo de 2027",
        "Página 1 de 1",
    ):
        assert words in flat, words
    for english in ("Now hiring", "What to bring", "Page 1 of 1", "is hiring"):
        assert english not in flat, english
    assert "3210 W 26th St, Chicago, IL 60623" in flat
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
