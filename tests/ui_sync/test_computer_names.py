"""The Sync page names the team's computers by person and computer name, not by device id."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from sqlalchemy import text

from app.services.agency import org
from app.services.employers import employers
from app.services.team import computers
from app.sync.changes import device_id
from app.ui.sync.worker import sync_work
from tests.sync.share_clock import HeldShareClock
from tests.ui_sync.conftest import settle, sync_through


def _profile(store, name: str) -> None:
    if not org.offices(store):
        org.ensure_reference_data(store)
    office = org.offices(store)[0]
    org.save_profile(store, name, office.id, [])


def _shown(page) -> dict[str, str]:
    model = page.team.devices
    return {
        model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole): model.index(r, 0).data()
        for r in range(model.rowCount())
    }


def test_each_computer_reads_person_and_computer_name(qtbot, team_pages, monkeypatch) -> None:
    page_a, page_b = team_pages
    a, b = page_a.context.store, page_b.context.store
    _profile(a, "Marisol Quintero")
    _profile(b, "Dana Whitfield")
    monkeypatch.setattr(computers.socket, "gethostname", lambda: "LV-DESK-04")
    sync_through(qtbot, page_a)
    monkeypatch.setattr(computers.socket, "gethostname", lambda: "NR-LAPTOP-2")
    sync_through(qtbot, page_b)
    monkeypatch.setattr(computers.socket, "gethostname", lambda: "LV-DESK-04")
    sync_through(qtbot, page_a)
    on_a = _shown(page_a)
    assert on_a[f"Device id {device_id(b)}"] == "Dana Whitfield — NR-LAPTOP-2"
    assert on_a[f"Device id {device_id(a)}"] == "Marisol Quintero — LV-DESK-04 (this computer)"
    assert page_a.team.device_text.text() == "Marisol Quintero — LV-DESK-04"
    on_b = _shown(page_b)
    assert on_b[f"Device id {device_id(a)}"] == "Marisol Quintero — LV-DESK-04"
    for label in list(on_a.values()) + list(on_b.values()):
        assert device_id(a)[-8:] not in label and device_id(b)[-8:] not in label
    # A renamed person is shown by the current name of their staff record.
    _profile(b, "Dana Whitfield-Ortiz")
    monkeypatch.setattr(computers.socket, "gethostname", lambda: "NR-LAPTOP-2")
    sync_through(qtbot, page_b)
    monkeypatch.setattr(computers.socket, "gethostname", lambda: "LV-DESK-04")
    sync_through(qtbot, page_a)
    assert _shown(page_a)[f"Device id {device_id(b)}"] == "Dana Whitfield-Ortiz — NR-LAPTOP-2"
    # Progress names the computer a file came from the same way.
    employers.create_employer(b, {"legal_name": "Ogden Metal Works"})
    sync_through(qtbot, page_b)
    settle(qtbot, page_a.controller)
    said: list[str] = []
    sync_work(a, 30.0, HeldShareClock())(said.append, threading.Event())
    assert any(s.endswith("from Dana Whitfield-Ortiz — NR-LAPTOP-2") for s in said), said


def test_this_computer_row_is_written_once_and_refreshed_when_it_changes(store) -> None:
    _profile(store, "Marisol Quintero")
    computers.record_this_computer(store, lambda: "LV-DESK-04")
    labels = computers.computer_labels(store)
    assert labels == {device_id(store): "Marisol Quintero — LV-DESK-04"}
    with store.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM change")).scalar()
    computers.record_this_computer(store, lambda: "LV-DESK-04")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM change")).scalar() == before
    computers.record_this_computer(store, lambda: "LV-DESK-05")
    assert computers.computer_labels(store)[device_id(store)] == "Marisol Quintero — LV-DESK-05"
