"""Registering, checking in, catching the same person twice, and the numbers afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from app.core.models import CheckIn, EventPosition, OpenPosition, Participant, Registration
from app.core.models.events import EventKind
from app.core.validation import FieldError
from app.services.events import checkin, event_report, events
from app.services.events.checkin import AlreadyCheckedIn, PersonInput
from tests.events import fixture


def test_report_numbers_of_the_known_event(store) -> None:
    known = fixture.build(store)
    n = event_report.event_numbers(store, known.event_id)
    assert n.title == "Hiring event: Pilsen Bakery Inc."
    assert (n.registered, n.pre_registered, n.attended) == (6, 3, 5)
    assert (n.walk_ins, n.pre_registered_attended) == (3, 2)
    assert n.show_rate == pytest.approx(2 / 3)
    assert (n.new_people, n.returning_people) == (3, 2)
    assert (n.youth, n.adults) == (2, 3)
    assert (n.applications_helped, n.employers_met, n.interviews_set) == (2, 1, 2)
    assert n.by_hour == {"10:00": 3, "11:00": 1, "12:00": 1}
    assert n.by_program == {
        "WIOA Adult": 1,
        "WIOA Youth": 1,
        "Pathways to Peace": 1,
        "DHS": 1,
        "Not stated": 1,
    }
    assert n.by_zip == {"60623": 3, "60644": 1, "Not stated": 1}
    assert n.by_employer == {
        "Pilsen Bakery Inc.": {"application_help": 2, "met_employer": 1, "interview_set": 2}
    }
    series = event_report.series_numbers(store, known.event_id)
    assert [(p.day.isoformat(), p.attended, p.interviews_set) for p in series.points] == [
        ("2027-02-11", 2, 0),
        ("2027-03-18", 5, 2),
    ]
    assert (series.total_attended, series.unique_people, series.events_held) == (7, 5, 2)


def test_one_person_one_participant_across_events(store) -> None:
    known = fixture.build(store)
    with store.session() as session:
        marias = list(session.exec(select(Participant).where(Participant.first_name == "Maria")))
        regs = list(session.exec(select(Registration).where(Registration.name == "Maria Lopez")))
    assert len(marias) == 1
    assert {r.participant_id for r in regs} == {marias[0].id}
    assert {r.event_id for r in regs} == {known.event_id, known.earlier_event_id}
    # The program she named this time was added to her record.
    assert "wioa-adult" in marias[0].program_codes


def test_second_check_in_and_near_same_walk_in_are_caught(store) -> None:
    known = fixture.build(store)
    roster = checkin.load_roster(store, known.event_id)
    maria = next(e for e in roster.entries.values() if e.name == "Maria Lopez")
    with pytest.raises(AlreadyCheckedIn):
        checkin.check_in(store, roster, maria.registration_id, known.staff_id)
    # Near-same name with the same phone, typed differently.
    with pytest.raises(AlreadyCheckedIn):
        checkin.walk_in(
            store, roster, PersonInput("maria  lopes", phone="773.555.0101"), known.staff_id
        )
    # The no-show arrives as a "walk-in": checked in on the registration, not added again.
    result = checkin.walk_in(
        store, roster, PersonInput("Luis Perez", phone="872 555 0103"), known.staff_id
    )
    assert result.was_registered
    with store.session() as session:
        luis = list(session.exec(select(Registration).where(Registration.name == "Luis Perez")))
        assert len(luis) == 1
        assert (
            len(list(session.exec(select(CheckIn).where(CheckIn.registration_id == luis[0].id))))
            == 1
        )
    # A different person sharing the phone is not taken for Luis.
    other = checkin.walk_in(
        store, roster, PersonInput("Rosa Perez", phone="872 555 0103"), known.staff_id
    )
    assert not other.was_registered


def test_walk_in_needs_name_and_a_way_to_reach_them(store) -> None:
    known = fixture.build(store)
    roster = checkin.load_roster(store, known.event_id)
    before = len(roster.entries)
    with pytest.raises(FieldError) as err:
        checkin.walk_in(store, roster, PersonInput("New Person"), known.staff_id)
    assert err.value.field == "phone"
    with pytest.raises(FieldError) as err:
        checkin.walk_in(store, roster, PersonInput("New Person", phone="12"), known.staff_id)
    assert err.value.field == "phone"
    with pytest.raises(FieldError) as err:
        checkin.walk_in(
            store, roster, PersonInput("New Person", phone="3125550100", zip_code="606"), None
        )
    assert err.value.field == "zip_code"
    assert len(checkin.load_roster(store, known.event_id).entries) == before


def test_roster_search_by_name_prefix_phone_and_email(store) -> None:
    known = fixture.build(store)
    roster = checkin.load_roster(store, known.event_id)
    assert [e.name for e in roster.search("lu pe")] == ["Luis Perez"]
    assert [e.name for e in roster.search("0103")] == ["Luis Perez"]
    assert [e.name for e in roster.search("ana.ruiz@")] == ["Ana Ruiz"]
    assert [e.name for e in roster.search("ana.ruiz@x")] == []
    # Not-yet-arrived people come first: Luis has not come, Maria has.
    assert [e.name for e in roster.search("l")] == ["Luis Perez", "Maria Lopez"]
    assert roster.search("   ") == []


def test_hiring_event_rules_and_open_positions_copied_onto_the_event(store) -> None:
    known = fixture.build(store)
    other = fixture.employer(store, "Midway Logistics LLC")
    with store.transaction() as session:
        session.add(
            OpenPosition(
                employer_id=other,
                title="Forklift operator",
                openings=3,
                wage_cents=2050,
                hours_per_week=40,
                shifts="2nd shift",
            )
        )
        session.add(OpenPosition(employer_id=other, title="Filled job", status="filled"))
    office_id = events.detail(store, known.event_id).event.office_id
    with pytest.raises(FieldError):
        events.create_event(
            store,
            EventKind.HIRING_EVENT,
            fixture.at(10, 0),
            fixture.at(12, 0),
            host_ids=[known.host_id, other],
            office_id=office_id,
        )
    with pytest.raises(FieldError):
        events.create_event(
            store, EventKind.JOB_FAIR, fixture.at(12, 0), fixture.at(10, 0), office_id=office_id
        )
    fair = events.create_event(
        store,
        EventKind.JOB_FAIR,
        fixture.at(9, 0, fixture.DAY.replace(day=25)),
        fixture.at(14, 0, fixture.DAY.replace(day=25)),
        host_ids=[known.host_id, other],
        office_id=office_id,
    )
    d = events.detail(store, fair.id)
    assert {h.legal_name for h in d.hosts} == {"Pilsen Bakery Inc.", "Midway Logistics LLC"}
    assert [(p.title, p.openings, p.wage_min_cents, p.schedule) for p in d.positions] == [
        ("Forklift operator", 3, 2050, "2nd shift, 40 hrs/week")
    ]
    assert d.positions[0].employer_id == other
    with store.session() as session:
        copied = list(session.exec(select(EventPosition).where(EventPosition.event_id == fair.id)))
    assert len(copied) == 1


def test_check_in_list_exports_to_xlsx(store, tmp_path: Path) -> None:
    known = fixture.build(store)
    out = tmp_path / "checkins.xlsx"
    assert event_report.export_checkins_xlsx(store, known.event_id, out) == 6
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0][0] == "Name"
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Luis Perez"][8] is None
    assert by_name["Maria Lopez"][8].strftime("%H:%M") == "10:05"
    assert by_name["Maria Lopez"][9] == "Rocio Benavides"
    assert "Interview set with Pilsen Bakery Inc." in by_name["Maria Lopez"][10]
    assert by_name["Kevin Brown"][6] == "yes"
    assert not list(tmp_path.glob("*.tmp"))
    # Programs by their public names; an internal category reads "Other programs".
    assert rows[0][5] == "Programs"
    assert by_name["Maria Lopez"][5] == "WIOA Adult"
    assert by_name["Kevin Brown"][5] == "WIOA Youth"
    assert by_name["Ana Ruiz"][5] == "Other programs"
    for row in rows[1:]:
        for code in ("wioa-adult", "wioa-youth", "p2p", "dhs", "justice", "Pathways"):
            assert code not in str(row[5] or ""), row


def test_kiosk_pin_is_kept_as_a_salted_hash(store) -> None:
    from app.services.agency import settings

    assert not checkin.has_kiosk_pin(store)
    assert not checkin.check_kiosk_pin(store, "1234")
    with pytest.raises(FieldError):
        checkin.set_kiosk_pin(store, "12a")
    checkin.set_kiosk_pin(store, "4821")
    stored = settings.get(store, checkin.KIOSK_PIN)
    assert "4821" not in str(stored)
    assert checkin.check_kiosk_pin(store, "4821")
    assert not checkin.check_kiosk_pin(store, "4822")
    checkin.set_kiosk_pin(store, "4821")
    assert settings.get(store, checkin.KIOSK_PIN)["salt"] != stored["salt"]


def test_kiosk_event_is_remembered_while_running(store) -> None:
    known = fixture.build(store)
    assert checkin.kiosk_event_id(store) is None
    checkin.start_kiosk(store, known.event_id)
    assert checkin.kiosk_event_id(store) == known.event_id
    assert events.running_event_id(store) == known.event_id
    checkin.leave_kiosk(store)
    assert checkin.kiosk_event_id(store) is None
