"""Exports: JSON holds every table and comes back unchanged; xlsx and CSV paste into a master sheet."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.services.importing import ImportFileError, apply_plan, plan_import
from app.services.importing.exporting import (
    FORMAT,
    export,
    export_csv,
    export_document,
    export_json,
    export_xlsx,
    synced_tables,
)
from app.services.importing.restore import apply_restore, plan_restore
from app.store.engine import Store, copy_store, open_store
from tests.services.importing.files import write_csv


def _without_stamp(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported_at"}


@pytest.fixture(scope="module")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.sqlite"
    open_store(path).close()
    return path


def _fresh(template: Path, folder: Path, name: str) -> Store:
    path = folder / name
    copy_store(template, path)
    return open_store(path)


def test_json_holds_every_synced_table_with_contacts_nested(
    demo_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "backup.json"
    counts = export_json(demo_store, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT and doc["exported_at"]
    expected = {t.name for t in synced_tables()} - {"employer", "contact"}
    assert expected <= set(doc)  # found from the metadata: later tables appear on their own
    assert "local_setting" not in doc  # device settings are not part of the store's data
    assert len(doc["employers"]) == counts["employer"] == 60
    nested = sum(len(e["contacts"]) for e in doc["employers"])
    assert nested == counts["contact"] > 0
    assert all(c["employer_id"] == e["id"] for e in doc["employers"] for c in e["contacts"])
    assert doc["activity"] and doc["activity"][0]["occurred_at"].endswith("+00:00")


def test_json_restores_into_an_empty_store_and_again_changes_nothing(
    demo_store: Store, empty_store_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.json"
    export_json(demo_store, out)
    target = _fresh(empty_store_file, tmp_path, "restored.sqlite")
    plan = plan_restore(target, out)
    assert plan.rejected == [] and plan.created > 60
    apply_restore(target, plan)
    assert _without_stamp(export_document(target)) == _without_stamp(export_document(demo_store))
    assert plan_restore(target, out).changes_nothing
    target.close()


def test_an_old_backup_never_undoes_newer_edits(demo_store: Store, tmp_path: Path) -> None:
    from app.services.employers import employers as svc

    out = tmp_path / "backup.json"
    export_json(demo_store, out)
    first = export_document(demo_store)["employers"][0]
    svc.update_employer_field(demo_store, first["id"], "notes", "Edited after the backup")
    plan = plan_restore(demo_store, out)
    assert plan.changes_nothing
    assert plan.tables["employer"].kept_newer == 1


def test_a_damaged_export_is_refused(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        plan_restore(store, bad)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "employer-desk/2", "employers": []}), encoding="utf-8")
    with pytest.raises(ImportFileError, match="newer"):
        plan_restore(store, newer)
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "employers": [{"id": "x1", "legal_name": "A", "employees_total": "many"}],
            }
        ),
        encoding="utf-8",
    )
    plan = plan_restore(store, broken)
    assert [(r.row, r.field) for r in plan.rejected] == [(1, "employees_total")]


def test_xlsx_has_a_sheet_per_table_and_imports_back(
    demo_store: Store, empty_store_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "employers.xlsx"
    counts = export_xlsx(demo_store, out)
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames[0] == "Employers"
    assert len(workbook.sheetnames) == len(synced_tables())
    header = [c.value for c in next(workbook["Employers"].iter_rows(max_row=1))]
    assert header[:4] == ["Company", "Doing business as", "FEIN", "Contact person"]
    assert "Address" in header and "ZIP code" in header and header[-1] == "ID"
    people = list(workbook["Participant"].iter_rows(values_only=True))
    column = people[0].index("Programs")
    shown = {p[column] for p in people[1:] if p[column]}
    assert "WIOA Adult" in shown and not any("wioa-" in s for s in shown), shown
    workbook.close()
    target = _fresh(empty_store_file, tmp_path, "from-xlsx.sqlite")
    plan = plan_import(target, out)
    assert plan.rejected == []
    apply_plan(target, plan)
    assert len(plan.creates) + len(plan.duplicates) >= 1
    assert len(plan.creates) <= counts["employer"]
    target.close()


def test_csv_has_one_row_per_employer_with_its_primary_contact(
    demo_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "employers.csv"
    n = export_csv(demo_store, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n == 60
    assert all(r["Company"] for r in rows)
    assert sum(1 for r in rows if r["Contact person"]) == 60


def test_export_refuses_an_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Unknown export format"):
        export(store, "pdf", tmp_path / "x.pdf")


_names = st.sampled_from(
    [
        "Pilsen Bakery",
        "Kedzie Logistics",
        "Austin Home Health",
        "Cermak Builders",
        "Lake Grill",
        "Ogden Tool & Die",
    ]
)
_suffix = st.sampled_from(["", " Inc.", " LLC", " CO", ", Inc."])
_people = st.sampled_from(["Maria Garcia", "Luis Ortega", "Ana Ruiz", "James Park", ""])
_row = st.tuples(
    _names,
    _suffix,
    st.booleans(),
    _people,
    st.integers(min_value=100, max_value=199),
    st.integers(min_value=1000, max_value=1010),
    st.text(alphabet="abc XYZ,\"'é", max_size=12),
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_row, min_size=1, max_size=12))
def test_import_export_import_changes_nothing(empty_store_file: Path, rows: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sheet = [["Company", "Contact Person", "Phone", "Address", "Notes"]]
        for name, suffix, caps, person, phone, number, note in rows:
            company = (name + suffix).upper() if caps else name + suffix
            sheet.append([company, person, f"312-555-0{phone}", f"{number} W Lake St", note])
        source = write_csv(base / "master.csv", sheet)
        first = _fresh(empty_store_file, base, "a.sqlite")
        apply_plan(first, plan_import(first, source))
        assert plan_import(first, source).changes_nothing  # importing twice changes nothing
        dump = base / "a.json"
        export_json(first, dump)
        second = _fresh(empty_store_file, base, "b.sqlite")
        apply_restore(second, plan_restore(second, dump))
        assert _without_stamp(export_document(second)) == _without_stamp(export_document(first))
        assert plan_restore(second, dump).changes_nothing
        assert plan_import(second, source).changes_nothing
        first.close()
        second.close()
