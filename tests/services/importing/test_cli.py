"""`employer-desk import` and `export` run as real subprocesses against real store files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.services.importing.files import write_csv

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def _run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "app", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        cwd=Path(__file__).resolve().parents[3],
    )


def test_import_prints_the_report_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "cli.sqlite"
    source = FIXTURES / "license_packed_addresses.csv"
    dry = _run(store, "import", str(source), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Created: 6" in dry.stdout and "Dry run" in dry.stdout
    assert "Possible duplicates: 1" in dry.stdout and "Mishawaka Metalworks" in dry.stdout
    first = _run(store, "import", str(source))
    assert first.returncode == 0, first.stderr
    assert "Imported: 6 created, 0 updated" in first.stdout
    second = _run(store, "import", str(source))
    assert "Imported: 0 created, 0 updated" in second.stdout


def test_rejected_rows_exit_non_zero_unless_accepted(tmp_path: Path) -> None:
    store = tmp_path / "cli.sqlite"
    source = write_csv(
        tmp_path / "bad.csv",
        [["Company", "Phone"], ["Acme Inc", "312-555-0101"], ["Beta LLC", "not a phone"]],
    )
    refused = _run(store, "import", str(source))
    assert refused.returncode != 0
    assert "row 3, Phone" in refused.stdout and "Nothing was imported" in refused.stdout
    accepted = _run(store, "import", str(source), "--accept-partial")
    assert accepted.returncode == 0, accepted.stderr
    assert "Imported: 1 created" in accepted.stdout


def test_mapping_option_and_clear_errors(tmp_path: Path) -> None:
    store = tmp_path / "cli.sqlite"
    source = write_csv(tmp_path / "odd.csv", [["Org", "Tel"], ["Acme", "312-555-0101"]])
    unmapped = _run(store, "import", str(source))
    assert unmapped.returncode != 0 and "employer's name" in unmapped.stderr
    mapped = _run(store, "import", str(source), "--mapping", "Org=legal_name,Tel=main_phone")
    assert mapped.returncode == 0, mapped.stderr
    assert "Org -> Employer: legal name" in mapped.stdout
    text_xlsx = tmp_path / "fake.xlsx"
    text_xlsx.write_text("Company\nAcme\n", encoding="utf-8")
    fake = _run(store, "import", str(text_xlsx))
    assert fake.returncode != 0 and "rename it to .csv" in fake.stderr


def test_export_all_formats_and_reimport_json(tmp_path: Path) -> None:
    store = tmp_path / "cli.sqlite"
    assert _run(store, "import", str(FIXTURES / "license_packed_addresses.csv")).returncode == 0
    for fmt in ("json", "xlsx", "csv"):
        out = tmp_path / f"out.{fmt}"
        done = _run(store, "export", "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["format"] == "employer-desk/1" and len(doc["employers"]) == 6
    other = tmp_path / "other.sqlite"
    restored = _run(other, "import", str(tmp_path / "out.json"))
    assert restored.returncode == 0, restored.stderr
    again = _run(other, "import", str(tmp_path / "out.json"))
    assert "0 records new, 0 updated" in again.stdout
