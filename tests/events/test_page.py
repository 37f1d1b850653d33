"""The Events page: list, detail, papers, pre-registration and the host rotation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.core.models import OpenPosition
from app.core.models.events import EventStatus
from app.services.events import checkin, events
from app.ui.context import AppContext
from app.ui.events.dialogs import ImportListDialog, KioskPinDialog, NewEventDialog
from app.ui.events.page import EventsPage
from tests.events import fixture


def make_page(qtbot, store) -> tuple[EventsPage, fixture.KnownEvent]:
    known = fixture.build(store)
    page = EventsPage(AppContext(store=store))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page, known


def test_every_model_of_the_page_passes_the_model_tester(qtbot, store, qtmodeltester):
    page, known = make_page(qtbot, store)
    page.select_event(known.event_id)
    assert page.detail.people.rowCount() == 6
    assert page.detail.positions.rowCount() == 1
    assert page.planner.calendar.rowCount() >= 2
    for model in (
        page.model,
        page.detail.positions,
        page.detail.people,
        page.planner.proposals,
        page.planner.calendar,
    ):
        qtmodeltester.check(model)


def test_detail_shows_the_event_and_saves_its_papers(qtbot, store, tmp_path: Path):
    page, known = make_page(qtbot, store)
    page.select_event(known.event_id)
    assert page.detail.title.text() == "Hiring event: Pilsen Bakery Inc."
    summary = page.detail.summary.text()
    assert "6 registered · 5 came (3 walk-ins, 2 returning)" in summary
    assert "2 interviews set" in summary
    for kind, expected in (("flyer", "Now hiring"), ("report", "EVENT REPORT")):
        out = tmp_path / f"{kind}.pdf"
        page.detail.save_paper(kind, out)
        assert expected in PdfReader(out).pages[0].extract_text()
    page.detail.status.setCurrentIndex(page.detail.status.findData("done"))
    page.detail.status.activated.emit(page.detail.status.currentIndex())
    assert events.detail(store, known.event_id).event.status == EventStatus.DONE.value


def test_new_event_dialog_refuses_bad_times_and_creates_an_event(qtbot, store):
    page, known = make_page(qtbot, store)
    dialog = NewEventDialog(page.context, page)
    qtbot.addWidget(dialog)
    dialog.set_text("kind", "job_fair")
    dialog.set_text("title", "Spring job fair")
    dialog.set_text("day", "4/30/2027")
    dialog.set_text("starts", "1:00 PM")
    dialog.set_text("ends", "11:00 AM")
    assert not dialog.save()
    assert "end after it starts" in dialog.error_text()
    dialog.set_text("ends", "4 PM")
    assert dialog.save()
    info = events.detail(store, dialog.result_value)
    assert info.title == "Spring job fair" and info.office is not None
    assert events.local(info.event.ends_at).hour == 16
    page.refresh()
    assert page.model.row_of(dialog.result_value) >= 0


def test_import_dialog_maps_columns_and_reports_bad_rows(qtbot, store, tmp_path: Path):
    page, known = make_page(qtbot, store)
    path = tmp_path / "list.csv"
    path.write_text("Name,Phone\nGood Person,3125550177\nBad Phone,99\n", encoding="utf-8")
    dialog = ImportListDialog(page.context, known.event_id, path, page)
    qtbot.addWidget(dialog)
    assert dialog.mapping() == ("name", "phone")
    assert not dialog.save()
    assert "Row 3" in dialog.error_text()
    path.write_text("Name,Phone\nGood Person,3125550177\n", encoding="utf-8")
    assert dialog.load(path) and dialog.save()
    assert dialog.result_counts == (1, 0)
    assert "Good Person" in {r.name for r in checkin.registrations(store, known.event_id)}


def test_kiosk_pin_dialog_keeps_only_a_hash(qtbot, store):
    page, _ = make_page(qtbot, store)
    dialog = KioskPinDialog(page.context, page)
    qtbot.addWidget(dialog)
    dialog.set_text("pin", "1357")
    dialog.set_text("again", "1358")
    assert not dialog.save() and "differ" in dialog.error_text()
    dialog.set_text("again", "1357")
    assert dialog.save()
    assert checkin.check_kiosk_pin(store, "1357")


def test_planner_proposes_swaps_and_accepts(qtbot, store):
    known = fixture.build(store)
    other = fixture.employer(store, "Midway Logistics LLC")
    third = fixture.employer(store, "Garfield Home Health")
    with store.transaction() as session:
        for employer_id, openings in ((other, 12), (third, 2), (known.host_id, 4)):
            session.add(OpenPosition(employer_id=employer_id, title="Worker", openings=openings))
    page = EventsPage(AppContext(store=store))
    qtbot.addWidget(page)
    planner = page.planner
    planner.start = date(2027, 6, 1)  # after the fixture's events (Feb and Mar 2027)
    planner.months.setValue(3)
    hosts = [p.employer_id for p in planner.proposals.rows()]
    # The two partners that never hosted come first, the bigger one first; then Pilsen.
    assert hosts == [other, third, known.host_id]
    planner.proposals_view.selectRow(0)
    planner.swap_with.setCurrentIndex(planner.swap_with.findData(third))
    planner.swap_selected()
    assert [p.employer_id for p in planner.proposals.rows()] == [third, other, known.host_id]
    assert planner.proposals.rows()[0].swapped
    planner.proposals_view.selectRow(0)
    event_id = planner.accept_selected()
    info = events.detail(store, event_id)
    assert [h.id for h in info.hosts] == [third]
    assert info.event.status == EventStatus.PLANNED.value
    # The accepted month is now history in the calendar, no longer a proposal.
    assert [p.employer_id for p in planner.proposals.rows()][:2] == [other, known.host_id]
    assert any(not c.proposed and c.employer_id == third for c in planner.calendar.rows())
