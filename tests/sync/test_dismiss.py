"""Dismissing set-aside changes: kept and listed with who and when, never applied, and no
longer counted as waiting; bad ids change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.team.quarantine import UnknownChange, dismiss, quarantined, waiting, who
from app.sync import quarantine
from app.sync.changes import Change
from tests.sync.helpers import add_employer, employer


def _set_aside(store, eid: str, reasons: list[str]) -> None:
    """Keep changes as the sync keeps them when they break a rule."""
    rejected = [
        quarantine.Rejected(
            record={"table": "employer", "row_id": eid, "column": "legal_name", "value": None},
            reason=reason,
            change=Change(
                device="d" * 32,
                hlc=1000 + n,
                table="employer",
                row_id=eid,
                column="legal_name",
                value=None,
            ),
        )
        for n, reason in enumerate(reasons)
    ]
    with store.transaction() as session:
        quarantine.keep(session, "d" * 32, 7, rejected)


@pytest.fixture
def store(tmp_path: Path, make_store):
    return make_store(tmp_path / "s.sqlite")


def test_dismissed_changes_stay_listed_with_who_and_when(store) -> None:
    eid = add_employer(store, "Pilsen Print Shop")
    _set_aside(store, eid, ["employer.legal_name cannot be empty (NULL)", "second reason"])
    first, second = sorted(quarantined(store), key=lambda q: q.id)
    assert waiting(store) == 2 and not first.dismissed
    assert first.table == "Employer" and first.what == "Employer: Pilsen Print Shop: Legal name"
    assert "cannot be empty" in first.dropping() and "d" * 32 in first.dropping()
    assert dismiss(store, [first.id], by="Ana Ruiz") == 1
    assert waiting(store) == 1
    listed = {q.id: q for q in quarantined(store)}
    assert set(listed) == {first.id, second.id}, "a dismissed change is kept, not deleted"
    assert listed[first.id].dismissed_by == "Ana Ruiz" and listed[first.id].dismissed_at
    assert not listed[second.id].dismissed
    # Dismissing again keeps the first who and when; the record itself is never touched.
    when = listed[first.id].dismissed_at
    assert dismiss(store, [first.id, second.id], by="Someone Else") == 1
    again = {q.id: q for q in quarantined(store)}
    assert again[first.id].dismissed_by == "Ana Ruiz" and again[first.id].dismissed_at == when
    assert waiting(store) == 0
    assert employer(store, eid).legal_name == "Pilsen Print Shop"


def test_an_unknown_number_dismisses_nothing(store) -> None:
    eid = add_employer(store, "Back of the Yards Bakery")
    _set_aside(store, eid, ["a reason"])
    (only,) = quarantined(store)
    with pytest.raises(UnknownChange, match=f"numbered {only.id + 50}"):
        dismiss(store, [only.id, only.id + 50])
    assert waiting(store) == 1 and not quarantined(store)[0].dismissed


def test_who_is_the_bsr_of_this_store_else_the_computer_user(store) -> None:
    from app.services.agency.org import ensure_reference_data, offices, save_profile

    assert who(store)  # no profile yet: the computer's user name
    ensure_reference_data(store)
    office = offices(store)[0]
    save_profile(store, "Dana Okafor", office.id, [])
    assert who(store) == "Dana Okafor"


def test_a_set_aside_change_names_the_computer_it_came_from(store) -> None:
    from app.core.models.computers import TeamComputer

    eid = add_employer(store, "Little Village Tortilleria")
    _set_aside(store, eid, ["a reason"])
    assert quarantined(store)[0].sender == f"computer {'d' * 8}"  # not named yet
    with store.transaction() as session:
        session.add(TeamComputer(id="d" * 32, person="Ana Ruiz", computer_name="LV-DESK-04"))
    (named,) = quarantined(store)
    assert named.sender == "Ana Ruiz — LV-DESK-04"
    assert named.dropping().startswith("The change from Ana Ruiz — LV-DESK-04 (device ")
