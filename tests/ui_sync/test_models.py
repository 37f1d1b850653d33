"""Every item model of the Sync page through the model tester, with real rows."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.services.employers.merge import DuplicatePair
from app.services.team.conflicts import Conflict
from app.services.team.record_labels import field_title, record_labels, table_title
from app.services.team.team import DeviceStatus
from app.sync.engine import SyncSummary
from app.sync.transport import Skipped
from app.ui.sync.models import (
    ComparedField,
    ComparisonModel,
    ConflictModel,
    ConflictView,
    DeviceModel,
    PairModel,
    ReportModel,
    report_lines,
    shown_value,
)
from app.ui.sync.team_panel import summary_line

ME = "0193a5b2-0000-7000-8000-00000000aaaa"
OTHER = "0193a5b2-0000-7000-8000-00000000bbbb"
WHEN = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def _conflict(n: int, resolved: bool = False) -> Conflict:
    return Conflict(
        id=n,
        kind="lww",
        table="employer",
        row_id=f"row-{n}",
        column="main_phone",
        lost_value="(312) 555-0101",
        lost_device=ME,
        lost_at=WHEN,
        won_value=None,
        won_device=OTHER,
        recorded_at=WHEN,
        resolved=resolved,
    )


def test_device_model(qtmodeltester) -> None:
    model = DeviceModel()
    model.set_rows(
        [
            DeviceStatus(ME, True, None, 0, 0),
            DeviceStatus(OTHER, False, WHEN, 3, 120),
            DeviceStatus("0193a5b2-0000-7000-8000-00000000cccc", False, None, None, 0),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "This computer"
    assert model.index(1, 0).data() == "Computer 0000bbbb"
    assert model.index(1, 3).data() == "3" and model.index(2, 3).data() == "?"
    assert model.index(2, 1).data() == "never"
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 2).data() == "120"
    qtmodeltester.check(model)


def test_report_model_lists_problems_skipped_files_waiting_and_notes(qtmodeltester) -> None:
    summary = SyncSummary(device_id=ME, published=1, applied=4, conflicts=2)
    summary.errors.append("publishing: the folder is read-only")
    summary.skipped.append(Skipped("x/seg-0000000002.eds", "torn file"))
    summary.waiting.append("device x: 2 segment(s) waiting for the team key ab12cd34")
    summary.notes.append("a clock far ahead")
    model = ReportModel()
    model.set_rows(report_lines(summary))
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(4)] == [
        "Problem",
        "Skipped file",
        "Waiting",
        "Note",
    ]
    assert model.index(1, 2).data() == "torn file"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert (
        summary_line(summary) == "Sent 1 change · received 4 changes · 2 conflicts · 1 file skipped"
    )


def test_conflict_model(qtmodeltester) -> None:
    model = ConflictModel()
    views = [
        ConflictView(_conflict(1), "Employer: Ogden Metal Works", ME),
        ConflictView(_conflict(2, resolved=True), "Employer: Lake Street Cafe", OTHER),
    ]
    model.set_rows(views)
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "(empty)"
    assert model.index(0, 3).data() == "(312) 555-0101"
    assert model.index(0, 4).data() == "This computer"
    assert model.index(1, 4).data() == "Computer 0000aaaa"
    assert model.index(1, 7).data() == "Resolved"
    assert model.index(0, 1).data() == "Main phone"
    model.sort(0)
    assert model.index(0, 0).data() == "Employer: Lake Street Cafe"
    qtmodeltester.check(model)


def test_pair_and_comparison_models(qtmodeltester) -> None:
    pairs = PairModel()
    pairs.set_rows(
        [
            DuplicatePair(
                "a", "b", "Pilsen Bakery Inc", "Pilsen Bakery, Inc.", 100, ("same name",)
            ),
            DuplicatePair("c", "d", "Acme Tool", "Acme Tools", 95, ("same phone", "similar name")),
        ]
    )
    qtmodeltester.check(pairs)
    assert pairs.index(1, 3).data() == "same phone, similar name"
    assert pairs.index(0, 2).data() == "100%"
    comparison = ComparisonModel()
    comparison.set_rows(
        [
            ComparedField("Legal name", "Acme Tool", "Acme Tools"),
            ComparedField("City", "Chicago", "chicago"),
        ]
    )
    comparison.set_titles("Acme Tool", "Acme Tools")
    qtmodeltester.check(comparison)
    assert comparison.headerData(1, Qt.Orientation.Horizontal) == "Acme Tool"
    assert comparison.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert comparison.index(1, 1).data(Qt.ItemDataRole.FontRole) is None


def test_values_and_names_read_as_a_person_reads_them(store) -> None:
    from app.services.employers import employers

    assert shown_value(None) == "(empty)" and shown_value(True) == "yes"
    assert shown_value("x" * 200).endswith("…")
    assert field_title("employer_id") == "Employer" and field_title("*") == "Whole record"
    assert table_title("follow_up") == "Follow-up"
    eid = employers.create_employer(store, {"legal_name": "Cermak Produce"}).id
    labels = record_labels(store, [("employer", eid), ("employer", "gone-123456")])
    assert labels[("employer", eid)] == "Employer: Cermak Produce"
    assert labels[("employer", "gone-123456")] == "Employer: record …123456"
