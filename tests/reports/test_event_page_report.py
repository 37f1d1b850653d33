"""The Events page refuses the report of an event not held, and says why."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui.context import AppContext
from app.ui.events.page import EventsPage
from tests.reports import world


def test_planned_event_report_says_why(qtbot, store, monkeypatch):
    known = world.build(store)
    page = EventsPage(AppContext(store=store))
    qtbot.addWidget(page)
    page.select_event(known["ev3"])
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a, **k: told.append(text)
    )
    page.detail.paper("report")
    assert len(told) == 1
    assert "once the event has been held" in told[0]
    assert "planned" in told[0]
