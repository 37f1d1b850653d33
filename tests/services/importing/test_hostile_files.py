"""Hostile spreadsheets, CSV and JSON: refused before the expensive step, with the file, the limit
and what to do; a dry run never creates or changes the store file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.importing import ImportFileError, limits, load_table
from app.services.importing.restore import read_export
from tests.services.importing.files import write_csv, write_ods, write_xlsx

ROOT = Path(__file__).resolve().parents[3]
HEADER = ["Company", "City", "Phone"]


def _cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=240,
        cwd=ROOT,
    )


def _refusal(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        load_table(path)
    return caught.value.message


def far_cell_xlsx(path: Path) -> Path:
    """A few-KB workbook (made by openpyxl) whose used range reaches cell XFD1048576."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Acme Inc", "Chicago", "312-555-0101"])
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    return path


def test_a_cell_at_xfd1048576_is_refused_without_crashing_even_in_a_dry_run(tmp_path: Path) -> None:
    """Before: the process aborted (exit 134, a 512 GB allocation) and the dry run made a store."""
    source = far_cell_xlsx(tmp_path / "far.xlsx")
    assert source.stat().st_size < 10_000
    store = tmp_path / "new" / "store.sqlite"
    done = _cli(store, "import", str(source), "--dry-run")
    assert done.returncode == 1, done.stderr[-500:]
    assert "far.xlsx" in done.stderr and "1,048,576" in done.stderr
    assert f"{limits.MAX_ROWS:,} rows" in done.stderr and "Delete the empty rows" in done.stderr
    assert "Traceback" not in done.stderr
    assert not store.exists() and not store.parent.exists()


def test_a_sheet_wider_than_the_limit_is_named(tmp_path: Path) -> None:
    rows = [
        [f"Column {n}" for n in range(limits.MAX_COLUMNS + 1)],
        ["x"] * (limits.MAX_COLUMNS + 1),
    ]
    rows[0][0] = "Company"
    message = _refusal(write_xlsx(tmp_path / "wide.xlsx", rows))
    assert "wide.xlsx" in message and f"column {limits.MAX_COLUMNS + 1}" in message


def test_ods_rows_repeated_a_million_times_are_refused(tmp_path: Path) -> None:
    filled = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    message = _refusal(write_ods(tmp_path / "rep.ods", [HEADER, ["Acme", "Chicago", "1"]], filled))
    assert "rep.ods" in message and "Employers" in message and "1,048,572" in message


def test_ods_empty_repeated_rows_as_libreoffice_saves_them_are_read(tmp_path: Path) -> None:
    empty = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    table = load_table(write_ods(tmp_path / "ok.ods", [HEADER, ["Acme", "Chicago", "1"]], empty))
    assert table.rows == [["Acme", "Chicago", "1"]]


def test_a_zip_part_that_unpacks_past_the_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 2_000)
    rows = [HEADER] + [[f"Business {n}", "Chicago", "312-555-0101"] for n in range(200)]
    message = _refusal(write_xlsx(tmp_path / "big.xlsx", rows))
    assert "big.xlsx" in message and "unpacks to more than" in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024)
    path = write_csv(tmp_path / "big.csv", [HEADER] + [["Acme", "Chicago", "1"]] * 200)
    message = _refusal(path)
    assert "big.csv" in message and "Split it" in message


def test_an_unclosed_quote_at_the_end_is_refused_with_its_line(tmp_path: Path) -> None:
    """Before: one employer named after the rest of the file, and no warning."""
    path = tmp_path / "quote.csv"
    path.write_text('Company,City\nAcme,Chicago\n"Beta,Evanston\nGamma,Oak Park\nDelta,Cicero\n')
    message = _refusal(path)
    assert "quote.csv" in message and "line 3" in message and "never closed" in message


def test_a_stray_quote_closed_rows_later_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    path.write_text(
        'Company,City,Phone\nAcme,Chicago,1\n"Beta,Evanston,2\nGamma,Oak Park,3\n'
        'Delta,Cicero,4\n"Eps",Berwyn,5\n'
    )
    assert "line 3" in _refusal(path)


def test_a_quote_that_swallows_more_lines_than_the_limit_is_refused(tmp_path: Path) -> None:
    lines = ["Company,City", '"Acme,Chicago'] + [f"Row {n}" for n in range(60)] + ['x",y']
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n")
    assert "line 2" in _refusal(path)


def test_real_multi_line_cells_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('Company,Notes\nAcme,"Called Mon, left message\nCall back Tue, 9am"\nBeta,x\n')
    assert load_table(path).rows[0][1] == "Called Mon, left message\nCall back Tue, 9am"


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [HEADER, ["A" * (limits.MAX_CELL_CHARS + 1), "x", "1"]])
    message = _refusal(path)
    assert "row 2, column 1" in message and f"{limits.MAX_CELL_CHARS:,}" in message


def test_deeply_nested_json_is_refused_without_a_traceback(tmp_path: Path) -> None:
    """Before: a RecursionError traceback."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ImportFileError) as caught:
        read_export(path)
    assert "deep.json" in caught.value.message and "32 deep" in caught.value.message
    done = _cli(tmp_path / "s.sqlite", "import", str(path), "--dry-run")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "s.sqlite").exists()


def test_json_nesting_ignores_brackets_inside_strings() -> None:
    assert limits.json_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]]"}]}') == 3


def test_a_json_text_value_over_the_limit_is_a_rejected_record(store, tmp_path: Path) -> None:
    import json

    from app.services.importing.exporting import export_json
    from app.services.importing.restore import plan_restore

    export_json(store, tmp_path / "e.json")
    doc = json.loads((tmp_path / "e.json").read_text())
    doc["employers"] = [{"id": "x1", "legal_name": "N" * (limits.MAX_JSON_TEXT + 1)}]
    (tmp_path / "e.json").write_text(json.dumps(doc))
    plan = plan_restore(store, tmp_path / "e.json")
    assert [(r.column, r.field, "at most" in r.reason) for r in plan.rejected] == [
        ("employer", "legal_name", True)
    ]
    assert len(plan.rejected[0].reason) < 200


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_dry_run_leaves_an_existing_store_byte_identical(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    source = write_csv(tmp_path / "a.csv", [HEADER, ["Acme Inc", "Chicago", "312-555-0101"]])
    assert _cli(store, "import", str(source)).returncode == 0
    before = {p.name: _digest(p) for p in tmp_path.iterdir() if p.name.startswith("store")}
    more = write_csv(tmp_path / "b.csv", [HEADER, ["Beta LLC", "Evanston", "847-555-0101"]])
    dry = _cli(store, "import", str(more), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Created: 1" in dry.stdout and "Dry run" in dry.stdout
    after = {p.name: _digest(p) for p in tmp_path.iterdir() if p.name.startswith("store")}
    assert after == before


def test_a_dry_run_of_a_new_store_creates_no_file(tmp_path: Path) -> None:
    store = tmp_path / "data" / "store.sqlite"
    source = write_csv(tmp_path / "a.csv", [HEADER, ["Acme Inc", "Chicago", "312-555-0101"]])
    dry = _cli(store, "import", str(source), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Created: 1" in dry.stdout
    assert not (tmp_path / "data").exists()
