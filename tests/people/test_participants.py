"""Participants: validation, one person one record (duplicates and merge), search."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.core.models import Participant, Placement, Registration, Resume
from app.core.validation import FieldError
from app.services.people import participants as svc
from tests.people import helpers

TODAY = date(2026, 6, 1)


def _count(store) -> int:
    return len(svc.list_rows(store))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"first_name": "", "last_name": "Lopez", "phone": "312-555-0100"}, "first_name"),
        ({"first_name": "Ana", "last_name": " ", "phone": "312-555-0100"}, "last_name"),
        ({"first_name": "Ana", "last_name": "Lopez"}, "phone"),  # no way to reach her
        ({"first_name": "Ana", "last_name": "Lopez", "phone": "555"}, "phone"),
        ({"first_name": "Ana", "last_name": "Lopez", "email": "ana@"}, "email"),
        (
            {"first_name": "A", "last_name": "L", "phone": "3125550100", "zip_code": "6060"},
            "zip_code",
        ),
        (
            {"first_name": "A", "last_name": "L", "phone": "3125550100", "age_group": "kid"},
            "age_group",
        ),
        (
            {
                "first_name": "A",
                "last_name": "L",
                "phone": "3125550100",
                "work_authorization_confirmed": True,
            },
            "work_authorization_confirmed_on",
        ),
        (
            {
                "first_name": "A",
                "last_name": "L",
                "phone": "3125550100",
                "work_authorization_confirmed": True,
                "work_authorization_confirmed_on": "2026-07-01",
            },
            "work_authorization_confirmed_on",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(store, values, field) -> None:
    with pytest.raises(FieldError) as caught:
        svc.create_participant(store, values, today=TODAY)
    assert caught.value.field == field
    assert _count(store) == 0


def test_create_cleans_values(store) -> None:
    person = svc.create_participant(
        store,
        {
            "first_name": " Ana ",
            "last_name": "Lopez",
            "phone": "312.555.0100",
            "email": "Ana.Lopez@Example.com",
            "zip_code": "60623",
            "age_group": "Youth (16-24)",
            "programs": "WIOA-Youth, p2p, wioa-youth",
            "work_authorization_confirmed": True,
            "work_authorization_confirmed_on": "5/20/2026",
        },
        today=TODAY,
    )
    assert (person.first_name, person.phone, person.age_group) == ("Ana", "(312) 555-0100", "youth")
    assert person.email == "Ana.Lopez@example.com"
    assert person.program_codes == ["wioa-youth", "p2p"]
    assert person.work_authorization_confirmed_on == date(2026, 5, 20)


@pytest.mark.parametrize(
    ("first", "last", "phone", "email", "found"),
    [
        ("Ana", "Lopez", "(312) 555-0100", "", True),  # same person typed again
        ("Anna", "Lopes", "312 555 0100", "", True),  # typos, same phone
        ("Lopez", "Ana", "", "ana@example.com", True),  # names swapped, same email
        ("Ana", "Lopez", "773-555-0199", "", True),  # identical name alone is worth a look
        ("Marco", "Diaz", "(312) 555-0100", "", False),  # a relative sharing the phone
        ("Ana", "Lopezz-Garcia", "773-555-0199", "", False),
    ],
)
def test_duplicates_by_name_plus_phone_or_email(store, first, last, phone, email, found) -> None:
    svc.create_participant(
        store,
        {
            "first_name": "Ana",
            "last_name": "Lopez",
            "phone": "3125550100",
            "email": "ana@example.com",
        },
    )
    matches = svc.find_duplicates(store, first, last, phone, email)
    assert bool(matches) is found


def test_create_refuses_a_likely_twin_until_told_otherwise(store) -> None:
    values = {"first_name": "Ana", "last_name": "Lopez", "phone": "3125550100"}
    first = svc.create_participant(store, values)
    with pytest.raises(svc.PossibleDuplicate) as caught:
        svc.create_participant(store, {**values, "first_name": "Anna"})
    assert caught.value.matches[0].participant_id == first.id
    assert caught.value.matches[0].why == "same phone and a similar name"
    assert _count(store) == 1
    svc.create_participant(store, {**values, "first_name": "Anna"}, allow_duplicate=True)
    assert _count(store) == 2


def test_find_or_create_reuses_the_same_person(store) -> None:
    a, created = svc.find_or_create(
        store, {"first_name": "Luis", "last_name": "Ortiz", "email": "luis@example.com"}
    )
    b, again = svc.find_or_create(
        store, {"first_name": "LUIS", "last_name": "ortiz", "email": "Luis@Example.com"}
    )
    assert created and not again and a.id == b.id


def test_merge_moves_links_fills_gaps_and_hides_the_other(store) -> None:
    employer = helpers.employer(store)
    keep = svc.create_participant(
        store, {"first_name": "Ana", "last_name": "Lopez", "phone": "3125550100", "programs": "p2p"}
    )
    other = svc.create_participant(
        store,
        {
            "first_name": "Anna",
            "last_name": "Lopez",
            "email": "ana@example.com",
            "zip_code": "60623",
            "programs": "dhs",
        },
        allow_duplicate=True,
    )
    placement_id = helpers.placement(store, employer, date(2026, 1, 5), person=other.id)
    with store.transaction() as session:
        session.add(Registration(event_id="ev", participant_id=other.id, name="Anna Lopez"))
        session.add(
            Resume(participant_id=other.id, file_name="r.pdf", sha256="0" * 64, content=b"%PDF")
        )
    svc.merge(store, keep.id, other.id)
    with store.session() as session:
        assert [r.participant_id for r in session.exec(select(Resume))] == [keep.id]

    with store.session() as session:
        kept = session.get(Participant, keep.id)
        gone = session.get(Participant, other.id)
        assert session.get(Placement, placement_id).participant_id == keep.id
        regs = list(session.exec(select(Registration)))
    assert kept.email == "ana@example.com" and kept.zip_code == "60623"
    assert kept.phone == "(312) 555-0100" and kept.first_name == "Ana"
    assert kept.program_codes == ["p2p", "dhs"]
    assert gone.merged_into == keep.id
    assert [r.participant_id for r in regs] == [keep.id]
    assert [r.id for r in svc.list_rows(store)] == [keep.id]
    assert svc.resolve(store, other.id).id == keep.id
    assert set(svc.ids_for(store, keep.id)) == {keep.id, other.id}
    with pytest.raises(ValueError):
        svc.merge(store, keep.id, keep.id)


def test_search_by_name_phone_digits_email_and_zip(store) -> None:
    a = helpers.participant(store, "Ana", "Lopez", zip_code="60623", email="ana@example.com")
    b = helpers.participant(store, "Marcus", "Bell", zip_code="60651")
    phone_digits = svc.get(store, b).phone
    assert [r.id for r in svc.list_rows(store, "lopez")] == [a]
    assert [r.id for r in svc.list_rows(store, "60651")] == [b]
    assert [r.id for r in svc.list_rows(store, "ana@example")] == [a]
    digits = "".join(ch for ch in phone_digits if ch.isdigit())
    assert [r.id for r in svc.list_rows(store, digits[-7:])] == [b]
    assert [r.id for r in svc.list_rows(store, "ana 60623")] == [a]
    assert svc.list_rows(store, "ana 60651") == []


def test_field_edit_keeps_the_record_whole(store) -> None:
    pid = helpers.participant(
        store, work_authorization_confirmed=False, work_authorization_confirmed_on=None
    )
    assert svc.update_field(store, pid, "zip_code", "60623") == "60623"
    with pytest.raises(FieldError):
        svc.update_field(store, pid, "phone", "")  # would leave no way to reach her
    assert svc.get(store, pid).phone
    svc.update_field(store, pid, "work_authorization_confirmed", True, today=TODAY)
    person = svc.get(store, pid)
    assert person.work_authorization_confirmed and person.work_authorization_confirmed_on == TODAY
    with pytest.raises(FieldError):
        svc.update_field(store, pid, "ssn", "123-45-6789")


def test_delete_and_restore(store) -> None:
    pid = helpers.participant(store)
    svc.delete(store, pid)
    assert _count(store) == 0
    svc.restore(store, pid)
    assert _count(store) == 1
