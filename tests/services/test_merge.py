"""Merging duplicate employers: everything moves to the survivor, nothing is lost, and it syncs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core.validation import FieldError
from app.services.employers import employers, merge
from tests.sync.devices import content, open_devices, sync_pair


@pytest.fixture
def pair(tmp_path: Path):
    stores = open_devices(tmp_path, 2)
    yield stores
    for s in stores:
        s.close()


def test_merge_moves_everything_fills_gaps_and_syncs(pair) -> None:
    a, b = pair
    survivor = employers.create_employer(
        a, {"legal_name": "Pilsen Bakery Inc.", "main_phone": "312-555-0110"}
    )
    sync_pair(a, b)
    # The same business typed on the other laptop, with what the first one lacks.
    twin = employers.create_employer(
        b, {"legal_name": "PILSEN BAKERY, LLC", "street": "1800 S Halsted St", "zip_code": "60608"}
    )
    contact = employers.add_contact(b, twin.id, {"name": "Rosa Garcia", "role": "Owner"})
    activity = employers.log_activity(b, twin.id, "meeting_in_person", "Met at the bakery")
    follow_up = employers.add_follow_up(b, twin.id, date(2026, 12, 3), "Send the RFI")
    sync_pair(a, b)

    [pair_found] = merge.find_duplicate_employers(a)
    assert {pair_found.first_id, pair_found.second_id} == {survivor.id, twin.id}
    assert "same name" in pair_found.reasons

    result = merge.merge_employers(a, survivor.id, twin.id)
    assert result.moved == {"activity": 1, "contact": 1, "followup": 1}
    assert set(result.filled) >= {"street", "zip_code"}
    sync_pair(a, b)
    for store in (a, b):
        kept = employers.get_employer(store, survivor.id)
        gone = employers.get_employer(store, twin.id)
        assert kept.street == "1800 S Halsted St" and kept.main_phone == "(312) 555-0110"
        assert gone.merged_into == survivor.id and gone.deleted_at is not None
        assert [c.id for c in employers.contacts(store, survivor.id)] == [contact.id]
        assert [x.id for x in employers.activities(store, survivor.id)] == [activity.id]
        assert [f.id for f in employers.follow_ups(store, survivor.id)] == [follow_up.id]
        assert [
            r.id for r in employers.list_rows(store) if r.name.lower().startswith("pilsen")
        ] == [survivor.id]
        assert merge.find_duplicate_employers(store) == []
    assert content(a) == content(b)


def test_every_table_with_an_employer_link_is_found() -> None:
    names = {cls.__tablename__ for cls in merge.referencing_classes()}
    assert {"contact", "activity", "followup"} <= names
    assert "employer" not in names


def test_merge_refuses_the_same_or_a_merged_employer(pair) -> None:
    a, _ = pair
    x = employers.create_employer(a, {"legal_name": "Cicero Auto Service"})
    y = employers.create_employer(a, {"legal_name": "Cicero Auto Service Co."})
    with pytest.raises(FieldError, match="two different"):
        merge.merge_employers(a, x.id, x.id)
    merge.merge_employers(a, x.id, y.id)
    with pytest.raises(FieldError, match="merged"):
        merge.merge_employers(a, x.id, y.id)
    with pytest.raises(FieldError, match="merged"):
        merge.merge_employers(a, y.id, x.id)


def test_duplicates_by_phone_or_address_need_names_somewhat_alike(pair) -> None:
    a, _ = pair
    one = employers.create_employer(
        a, {"legal_name": "Midway Logistics", "main_phone": "773-555-0142"}
    )
    two = employers.create_employer(
        a, {"legal_name": "Midway Logistic Services", "main_phone": "(773) 555-0142"}
    )
    employers.create_employer(a, {"legal_name": "Garfield Clinic", "main_phone": "773-555-0142"})
    employers.create_employer(a, {"legal_name": "Skyline Janitorial"})
    pairs = merge.find_duplicate_employers(a)
    assert [{p.first_id, p.second_id} for p in pairs] == [{one.id, two.id}]
    assert "same phone" in pairs[0].reasons
