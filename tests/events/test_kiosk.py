"""The check-in kiosk, driven through its own widgets and signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from app.core.models import CheckIn, EventInteraction, Registration
from app.services.events import checkin
from app.ui.context import AppContext
from app.ui.events.kiosk import PIN, SEARCH, WALK_IN, KioskWindow
from tests.events import fixture


def make_kiosk(qtbot, store) -> tuple[KioskWindow, fixture.KnownEvent]:
    known = fixture.build(store)
    kiosk = KioskWindow(AppContext(store=store), known.event_id)
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow, timeout=30_000)
    return kiosk, known


def checkins(store, registration_id: str) -> list[CheckIn]:
    with store.session() as session:
        return list(session.exec(select(CheckIn).where(CheckIn.registration_id == registration_id)))


def test_typing_finds_a_pre_registered_person_and_enter_checks_them_in(qtbot, store, qtmodeltester):
    kiosk, known = make_kiosk(qtbot, store)
    qtbot.keyClicks(kiosk.search, "luis p")
    assert [kiosk.model.entry(r).name for r in range(kiosk.model.rowCount())] == ["Luis Perez"]
    qtmodeltester.check(kiosk.model)
    with qtbot.waitSignal(kiosk.checked_in, timeout=30_000) as signal:
        qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    rows = checkins(store, signal.args[0])
    assert len(rows) == 1 and rows[0].staff_id == known.staff_id and not rows[0].walk_in
    assert "Welcome, Luis Perez" in kiosk.banner.text()
    assert kiosk.search.text() == "" and kiosk.count.text() == "6 checked in"


def test_arrow_keys_choose_among_matches(qtbot, store):
    kiosk, _ = make_kiosk(qtbot, store)
    qtbot.keyClicks(kiosk.search, "l")
    assert kiosk.selected().name == "Luis Perez"
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Down)
    assert kiosk.selected().name == "Maria Lopez"


def test_walk_in_by_keyboard_only(qtbot, store):
    kiosk, known = make_kiosk(qtbot, store)
    qtbot.keyClicks(kiosk.search, "Dana Whitfield")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.stack.currentIndex() == WALK_IN
    assert kiosk.form.name.text() == "Dana Whitfield" and kiosk.form.contact.hasFocus()
    qtbot.keyClicks(kiosk.form.contact, "7735550188")
    qtbot.keyClick(kiosk.form.contact, Qt.Key.Key_Tab)
    qtbot.keyClicks(kiosk.form.zip_code, "60651")
    qtbot.keyClick(kiosk.form.zip_code, Qt.Key.Key_Tab)
    qtbot.keyClick(kiosk.form.age, Qt.Key.Key_Down)  # Youth
    qtbot.keyClick(kiosk.form.age, Qt.Key.Key_Tab)
    qtbot.keyClick(kiosk.form.program, Qt.Key.Key_Down)
    qtbot.keyClick(kiosk.form.program, Qt.Key.Key_Tab)
    qtbot.keyClick(kiosk.form.needs_help, Qt.Key.Key_Space)
    with qtbot.waitSignal(kiosk.checked_in, timeout=30_000) as signal:
        qtbot.keyClick(kiosk.form.needs_help, Qt.Key.Key_Return)
    with store.session() as session:
        reg = session.get(Registration, signal.args[0])
    assert (reg.name, reg.phone, reg.zip_code, reg.age_group) == (
        "Dana Whitfield",
        "(773) 555-0188",
        "60651",
        "youth",
    )
    assert reg.walk_in and reg.needs_application_help and reg.programs
    assert reg.participant_id
    assert checkins(store, reg.id)[0].staff_id == known.staff_id
    assert kiosk.stack.currentIndex() == SEARCH and kiosk.search.hasFocus()


def test_walk_in_form_refuses_bad_input_and_saves_nothing(qtbot, store):
    kiosk, _ = make_kiosk(qtbot, store)
    before = len(kiosk.roster.entries)
    kiosk.start_walk_in("No Contact")
    qtbot.keyClick(kiosk.form.contact, Qt.Key.Key_Return)
    assert "phone number or an email" in kiosk.form.error.text()
    assert kiosk.stack.currentIndex() == WALK_IN and kiosk.form.contact.hasFocus()
    assert len(checkin.load_roster(store, kiosk.event_id).entries) == before


def test_the_same_person_twice_is_caught(qtbot, store):
    kiosk, _ = make_kiosk(qtbot, store)
    # Maria Lopez is already checked in: Enter on her name is caught.
    qtbot.keyClicks(kiosk.search, "maria")
    with qtbot.waitSignal(kiosk.duplicate_caught, timeout=30_000) as signal:
        qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert "already checked in" in signal.args[0]
    # Kevin walks in again under a near-same name with the same phone.
    kiosk.back_to_search()
    kiosk.start_walk_in("Kevin Browne")
    qtbot.keyClicks(kiosk.form.contact, "312-555-0102")
    with qtbot.waitSignal(kiosk.duplicate_caught, timeout=30_000):
        qtbot.keyClick(kiosk.form.contact, Qt.Key.Key_Return)
    with store.session() as session:
        kevins = list(
            session.exec(
                select(Registration).where(
                    Registration.event_id == kiosk.event_id, Registration.name.like("Kevin%")
                )
            )
        )
    assert len(kevins) == 1
    assert len(checkins(store, kevins[0].id)) == 1


def test_interactions_during_the_event(qtbot, store):
    kiosk, known = make_kiosk(qtbot, store)
    qtbot.keyClicks(kiosk.search, "ana ruiz")
    with qtbot.waitSignal(kiosk.interaction_recorded, timeout=30_000):
        qtbot.keyClick(kiosk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    with store.session() as session:
        rows = list(
            session.exec(select(EventInteraction).where(EventInteraction.kind == "interview_set"))
        )
    assert {r.employer_id for r in rows} == {known.host_id}
    assert len(rows) == 3  # two from the fixture, one now
    assert kiosk.banner.text() == "Ana Ruiz: Interview set with Pilsen Bakery Inc. (saved)."


def test_leaving_needs_the_pin(qtbot, store):
    kiosk, _ = make_kiosk(qtbot, store)
    checkin.set_kiosk_pin(store, "2468")
    assert checkin.kiosk_event_id(store) == kiosk.event_id
    kiosk.close()  # a plain close is refused and asks for the PIN
    assert kiosk.isVisible() and kiosk.stack.currentIndex() == PIN
    qtbot.keyClicks(kiosk.pin, "1111")
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert kiosk.isVisible() and "not the kiosk PIN" in kiosk.pin_error.text()
    assert checkin.kiosk_event_id(store) == kiosk.event_id
    qtbot.keyClicks(kiosk.pin, "2468")
    with qtbot.waitSignal(kiosk.exited, timeout=30_000):
        qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert not kiosk.isVisible()
    assert checkin.kiosk_event_id(store) is None


def test_escape_from_the_pin_box_returns_to_check_in(qtbot, store):
    kiosk, _ = make_kiosk(qtbot, store)
    qtbot.keyClick(
        kiosk, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert kiosk.stack.currentIndex() == PIN
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Escape)
    assert kiosk.stack.currentIndex() == SEARCH
