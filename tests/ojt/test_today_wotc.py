"""The Today box of WOTC filings due within the week or overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.services.agency import org
from app.services.ojt import wotc
from app.ui import registry
from app.ui.context import AppContext
from app.ui.models import OVERDUE_COLOR
from app.ui.ojt.today import WotcDueModel, WotcDueSection
from tests.ojt.fixture import make_case

TODAY = date(2026, 12, 3)


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Ana Granados", office.id, ["wioa-adult"])
    return AppContext(store=store)


def filings(store) -> dict[str, str]:
    case = make_case(store)
    ids = {}
    for name, started in (("soon", 24), ("late", 35), ("later", 5), ("today", 28)):
        ids[name] = wotc.create(
            store,
            case.employer_id,
            case.participant_id,
            {"start_on": TODAY - timedelta(days=started), "position_title": "Baker"},
        ).id
    done = wotc.create(
        store, case.employer_id, case.participant_id, {"start_on": TODAY - timedelta(days=30)}
    )
    wotc.set_status(store, done.id, "filed", TODAY - timedelta(days=10))
    return ids


def test_registered_on_today() -> None:
    assert WotcDueSection in {s.factory() for s in registry.TODAY_SECTIONS if s.factory}


def test_section_lists_due_and_overdue_and_marks_filed(qtbot, ctx) -> None:
    ids = filings(ctx.store)
    section = WotcDueSection(ctx)
    qtbot.addWidget(section)
    section.today = TODAY
    section.owner_id = None
    section.refresh()
    assert section.heading.text() == "WOTC filings due (3)"
    model = section.model
    assert [model.row_at(r).id for r in range(3)] == [ids["late"], ids["today"], ids["soon"]]
    assert [model.index(r, 1).data() for r in range(3)] == ["7 days late", "today", "4 days"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 overdue" in section.hint.text() and "28 days" in section.hint.text()
    with qtbot.waitSignal(ctx.signals.open_employer) as opened:
        section.open_row(0)
    assert opened.args == [model.row_at(0).employer_id]
    section.table.selectRow(0)
    with qtbot.waitSignal(ctx.signals.data_changed):
        assert section.mark_selected_filed()
    qtbot.waitUntil(lambda: section.heading.text() == "WOTC filings due (2)")
    assert wotc.get(ctx.store, ids["late"]).filed_on == TODAY


def test_empty_section_says_so(qtbot, ctx) -> None:
    section = WotcDueSection(ctx)
    qtbot.addWidget(section)
    section.today = TODAY
    section.refresh()
    assert section.heading.text() == "WOTC filings due (0)"
    assert section.hint.text() == section.empty_text
    assert not section.filed_button.isEnabled()
    assert not section.mark_selected_filed()


def test_model_passes_the_model_tester(qtmodeltester, store) -> None:
    filings(store)
    model = WotcDueModel()
    model.set_rows(wotc.due_filings(store, TODAY))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
