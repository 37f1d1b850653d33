"""A new OJT agreement from the Participants page: the chosen placement fills the draft, and
the OJT page opens on it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.services.ojt import agreements, overview
from app.ui.context import AppContext
from app.ui.dates import shown_date
from app.ui.ojt.page import OjtPage
from app.ui.people.record_tabs import PlacementsTab
from tests.ojt.fixture import make_case
from tests.people.test_ui_people import answer


class Window(QWidget):
    """The two pages side by side, with the main window's way of showing a page."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.ojt = OjtPage(context, self)
        self.placements = PlacementsTab(context, self)
        self.shown: list[str] = []
        layout = QHBoxLayout(self)
        layout.addWidget(self.placements)
        layout.addWidget(self.ojt)

    def show_page(self, key: str) -> QWidget | None:
        self.shown.append(key)
        return self.ojt if key == "ojt" else None


def test_new_agreement_from_the_chosen_placement(store, qtbot) -> None:
    case = make_case(store)
    context = AppContext(store=store)
    window = Window(context)
    qtbot.addWidget(window)
    tab = window.placements
    tab.set_participant(case.participant_id)
    tab.view.selectRow(0)
    seen: dict[str, object] = {}

    def create(dialog) -> None:
        seen["placement"] = dialog.placement.currentData()
        seen["summary"] = dialog.summary.text()
        dialog.create()

    problems = answer(tab, create)
    made = tab.new_ojt_agreement()
    assert problems == [] and made
    assert seen["placement"] == case.placement_id
    for value in (
        "Pilsen Bakery LLC",
        "Rosa Quintero",
        "Baker",
        shown_date(date(2026, 9, 7)),
        "$18.50",
    ):
        assert value in str(seen["summary"])
    draft = agreements.get(store, made)
    assert (draft.status, draft.placement_id, draft.position_title, draft.wage_cents) == (
        "draft",
        case.placement_id,
        "Baker",
        1850,
    )
    assert draft.start_date.isoformat() == "2026-09-07"
    assert window.shown == ["ojt"]
    assert window.ojt.current_agreement_id() == made
    assert window.ojt.tabs.currentWidget() is window.ojt.form

    # The same placement again: it has its agreement, the dialog says so and makes none.
    def refused(dialog) -> None:
        seen["error"] = dialog.error.text()
        seen["ok"] = dialog.ok.isEnabled()
        dialog.create()

    problems = answer(tab, refused)
    assert tab.new_ojt_agreement() is None and problems == []
    assert "agreement already" in str(seen["error"]) and seen["ok"] is False
    assert len(overview.rows(store)) == 1
