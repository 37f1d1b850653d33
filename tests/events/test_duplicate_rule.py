"""The door and the participants screen apply one duplicate-person rule: what the kiosk
takes for a registered person without asking is exactly what the participants service
is sure of, and what it only suspects is left to a BSR at both places."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.core.models import Participant, Registration
from app.services.events import checkin
from app.services.events.checkin import PersonInput
from app.services.people import participants
from app.store.engine import Store
from tests.events import fixture

# Registered for the known event: Maria Lopez (773) 555-0101, checked in at 10:05;
# Luis Perez (872) 555-0103, not yet arrived.
CASES = [
    # (typed at the door, phone, caught as Luis at the door)
    ("Luis Perez", "872 555 0103", True),
    ("luis  PÉREZ", "+1 (872) 555-0103", True),
    ("Perez, Luis", "872.555.0103", True),
    ("Luis Peres", "8725550103", True),
    ("Luiz Peres", "8725550103", False),  # two slips in a short name: a BSR is asked
    ("Luisa Perez-Gomez", "8725550103", False),  # suspected: a BSR is asked
    ("Rosa Perez", "8725550103", False),  # a relative on the same phone
    ("Luis Perez", "3125550199", False),  # the same name, another person
]


@pytest.mark.parametrize(("name", "phone", "caught"), CASES)
def test_door_and_desk_agree(store: Store, name: str, phone: str, caught: bool) -> None:
    known = fixture.build(store)
    roster = checkin.load_roster(store, known.event_id)
    luis = next(e for e in roster.entries.values() if e.name == "Luis Perez")
    words = name.replace(",", "").split()
    matches = participants.find_duplicates(store, words[0], " ".join(words[1:]), phone)
    certain = [m for m in matches if m.certain]
    assert bool(certain) is caught
    assert all(m.participant_id == luis.participant_id for m in certain)

    result = checkin.walk_in(store, roster, PersonInput(name, phone=phone), known.staff_id)
    assert result.was_registered is caught
    with store.session() as session:
        regs = session.exec(
            select(Registration).where(Registration.event_id == known.event_id)
        ).all()
        linked = session.get(Registration, result.registration_id)
    assert linked is not None
    if caught:
        assert result.registration_id == luis.registration_id
    else:
        assert linked.participant_id != luis.participant_id
        assert len(regs) == len(roster.entries)


def test_find_or_create_never_merges_a_suspected_twin_silently(store: Store) -> None:
    jose = participants.create_participant(
        store, {"first_name": "Jose", "last_name": "Diaz", "phone": "(708) 555-0104"}
    )
    values = {"first_name": "Jesus", "last_name": "Diaz", "phone": "708-555-0104"}
    offered = participants.find_duplicates(store, "Jesus", "Diaz", "708-555-0104")
    assert [(m.participant_id, m.certain) for m in offered] == [(jose.id, False)]
    jesus, created = participants.find_or_create(store, values)
    assert created and jesus.id != jose.id
    again, created = participants.find_or_create(
        store, {"first_name": "JOSÉ", "last_name": "díaz", "phone": "7085550104"}
    )
    assert not created and again.id == jose.id


def test_walk_in_finds_earlier_participant_through_the_phone_index(store: Store) -> None:
    known = fixture.build(store)
    roster = checkin.load_roster(store, known.event_id)
    # Known from the participants screen, new at this event; typed another way at the door.
    renee = participants.create_participant(
        store, {"first_name": "Renée", "last_name": "Whitfield", "phone": "312-555-0177"}
    )
    result = checkin.walk_in(
        store, roster, PersonInput("RENEE whitfield", phone="1 312 555 0177"), known.staff_id
    )
    assert not result.was_registered
    with store.session() as session:
        found = session.exec(select(Participant).where(Participant.last_name == "Whitfield"))
        reg = session.get(Registration, result.registration_id)
        assert [p.id for p in found] == [renee.id]
    assert reg is not None and reg.participant_id == renee.id
    with store.engine.connect() as conn:
        for column in ("phone", "email"):
            plan = " ".join(
                str(row[-1])
                for row in conn.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN SELECT id FROM participant WHERE {column} = ?",
                    ("x",),
                )
            )
            assert f"INDEX ix_participant_{column}" in plan, plan
