"""The import wizard and export dialog, driven through their own methods and signals."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.services.employers import employers as svc
from app.services.importing.mapping import TARGETS
from app.store.engine import Store
from app.ui.context import AppContext
from app.ui.importer.export_dialog import ExportDialog
from app.ui.importer.models import MappingModel, RowsModel
from app.ui.importer.wizard import ImportWizard
from tests.services.importing.files import write_csv, write_xlsx

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def _wizard(qtbot, store: Store) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(AppContext(store=store))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _to_report(qtbot, wizard: ImportWizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=60000)
    wizard.next()
    assert wizard.currentPage() is wizard.report_page


def test_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    mapping = MappingModel(["Company", "Phone"], ["Acme", "312-555-0101"], ["legal_name", ""])
    qtmodeltester.check(mapping)
    assert mapping.setData(mapping.index(1, MappingModel.TARGET), "main_phone")
    assert mapping.mapping == ("legal_name", "main_phone")
    assert not mapping.setData(mapping.index(1, MappingModel.TARGET), "no_such_field")
    assert not mapping.setData(mapping.index(1, 0), "legal_name")
    assert mapping.index(1, MappingModel.TARGET).data() == TARGETS["main_phone"]
    rows = RowsModel(["Merge?", "A", "B"], [["", "x", "y"], ["", "z", "w"]], checkable=True)
    qtmodeltester.check(rows)
    assert rows.setData(rows.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert rows.checked_rows() == [1]
    qtmodeltester.check(RowsModel(["Row", "Column", "Reason"]))


def test_a_bad_file_is_explained_on_the_first_page(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Company\nAcme\n", encoding="utf-8")
    wizard = _wizard(qtbot, store)
    wizard.file_page.path_edit.setText(str(fake))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "rename it to .csv" in wizard.file_page.error.text()


def test_import_from_file_to_report_to_done(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, store)
    _to_report(qtbot, wizard, FIXTURES / "license_packed_addresses.csv")
    assert wizard.mapping_page.model is not None
    assert wizard.mapping_page.model.mapping[0] == "legal_name"
    assert wizard.preview_page.model.rowCount() == 6
    assert "6 new employers" in wizard.report_page.summary.text()
    assert wizard.report_page.duplicates.rowCount() == 1
    # Tick the duplicate: the two Mishawaka rows become one employer.
    dup = wizard.report_page.duplicates
    dup.setData(dup.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert svc.list_rows(store) == []  # nothing is written before the last step
    wizard.next()
    assert wizard.currentPage() is wizard.run_page
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=60000)
    assert "5 new employers" in wizard.run_page.status.text()
    assert "Imported" in wizard.result_text
    assert len(svc.list_rows(store)) == 5
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_rejected_rows_must_be_accepted_before_import(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "bad.csv", [["Company", "Phone"], ["Acme Inc", "312-555-0101"], ["Beta", "12"]]
    )
    wizard = _wizard(qtbot, store)
    _to_report(qtbot, wizard, path)
    assert wizard.report_page.rejected.rowCount() == 1
    assert wizard.report_page.rejected.index(0, 0).data() == "3"
    assert not wizard.report_page.isComplete()
    wizard.report_page.accept_box.setChecked(True)
    assert wizard.report_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=60000)
    assert [r.name for r in svc.list_rows(store)] == ["Acme Inc"]


def test_mapping_is_adjustable_and_remembered(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(
        tmp_path / "odd.xlsx", [["Org", "Who", "Tel"], ["Acme", "Jo Smith", "312-555-0101"]]
    )
    wizard = _wizard(qtbot, store)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.mapping_page
    assert not page.isComplete() and "employer's name" in page.error.text()
    page.set_target(0, "legal_name")
    page.set_target(1, "contact_name")
    page.set_target(2, "contact_phone")
    assert page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=60000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=60000)
    again = _wizard(qtbot, store)
    again.file_page.path_edit.setText(str(path))
    again.next()
    assert again.mapping_page.model is not None
    assert again.mapping_page.model.mapping == ("legal_name", "contact_name", "contact_phone")
    assert "imported before" in again.mapping_page.note.text()


def test_cancel_leaves_the_store_as_it_was(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Company", "Address"]] + [[f"Firm {n}", f"{n} W Lake St"] for n in range(3000)]
    path = write_csv(tmp_path / "big.csv", rows)
    wizard = _wizard(qtbot, store)
    _to_report(qtbot, wizard, path)
    # Cancel as soon as the import reports progress: the transaction rolls back.
    wizard.next()
    job = wizard.job
    assert job is not None
    job.progress.connect(lambda *_: wizard.cancel_job())
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=60000)
    assert "Cancelled" in wizard.run_page.status.text()
    assert svc.list_rows(store) == []


def test_export_dialog_writes_the_chosen_format(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svc.create_employer(store, {"legal_name": "Acme Inc"})
    dialog = ExportDialog(AppContext(store=store))
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.path_edit.setText(str(tmp_path / "backup.json"))
    dialog.start_export()
    assert dialog.job is not None
    qtbot.waitUntil(lambda: "Exported" in dialog.status.text(), timeout=60000)
    doc = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert [e["legal_name"] for e in doc["employers"]] == ["Acme Inc"]
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    assert dialog.path_edit.text().endswith("backup.xlsx")


def test_an_export_is_restored_through_the_wizard(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.importing.exporting import export_json
    from app.store.engine import open_store

    svc.create_employer(store, {"legal_name": "Acme Inc"})
    backup = tmp_path / "backup.json"
    export_json(store, backup)
    other = open_store(tmp_path / "other.sqlite")
    try:
        wizard = _wizard(qtbot, other)
        wizard.file_page.path_edit.setText(str(backup))
        wizard.next()
        assert wizard.currentPage() is wizard.report_page  # no columns to map in an export
        assert "records new" in wizard.report_page.summary.text()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.run_page.done, timeout=60000)
        assert "Imported" in wizard.result_text
        assert [r.name for r in svc.list_rows(other)] == ["Acme Inc"]
    finally:
        other.close()
