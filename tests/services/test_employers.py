"""Employer records through the service layer, on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.pipeline import Stage
from app.core.validation import FieldError
from app.services.employers import employers as E
from app.services.employers import today as T


def test_create_edit_delete_restore(store) -> None:
    emp = E.create_employer(store, {"legal_name": "Acme Widgets LLC", "main_phone": "312 555 0100"})
    assert E.get_employer(store, emp.id).main_phone == "(312) 555-0100"
    assert E.update_employer_field(store, emp.id, "fein", "123456789") == "12-3456789"
    E.delete_employer(store, emp.id)
    assert E.list_rows(store) == []
    E.restore_employer(store, emp.id)
    assert [r.id for r in E.list_rows(store)] == [emp.id]


def test_bad_value_is_never_saved(store) -> None:
    emp = E.create_employer(store, {"legal_name": "Acme", "zip_code": "60651"})
    with pytest.raises(FieldError) as err:
        E.update_employer_field(store, emp.id, "zip_code", "6065")
    assert err.value.field == "zip_code"
    assert E.get_employer(store, emp.id).zip_code == "60651"
    with pytest.raises(FieldError):
        E.create_employer(store, {"legal_name": "  "})
    with pytest.raises(FieldError):
        E.create_employer(store, {"legal_name": "Bad Phone", "main_phone": "12"})
    assert len(E.list_rows(store)) == 1


def test_search_finds_names_contacts_address_phone_notes(store) -> None:
    emp = E.create_employer(
        store,
        {
            "legal_name": "Hermosa Bakery Inc.",
            "street": "4100 W Chicago Ave",
            "main_phone": "7735550142",
            "notes": "Second shift hard to fill",
        },
    )
    E.create_employer(store, {"legal_name": "Other Place"})
    E.add_contact(
        store, emp.id, {"name": "Guadalupe Ruiz", "role": "HR Manager", "phone": "3125550199"}
    )
    for typed in [
        "herm",
        "Hermosa bak",
        "ruiz",
        "guad",
        "chicago ave",
        "5550142",
        "773-555",
        "shift",
        "HR manager",
        "5550199",
    ]:
        assert [r.id for r in E.list_rows(store, E.EmployerFilter(text=typed))] == [emp.id], typed
    assert E.list_rows(store, E.EmployerFilter(text="nothing-like-this")) == []
    # FTS operators typed by a user are plain words, not syntax.
    assert E.list_rows(store, E.EmployerFilter(text='"NEAR( OR -')) == []


def test_search_follows_edits_and_deleted_contacts(store) -> None:
    emp = E.create_employer(store, {"legal_name": "Acme"})
    contact = E.add_contact(store, emp.id, {"name": "Zelda Quist"})
    assert E.list_rows(store, E.EmployerFilter(text="zelda"))
    E.delete_contact(store, contact.id)
    assert not E.list_rows(store, E.EmployerFilter(text="zelda"))
    E.update_employer_field(store, emp.id, "legal_name", "Brandnew Co")
    assert not E.list_rows(store, E.EmployerFilter(text="acme"))
    assert E.list_rows(store, E.EmployerFilter(text="brandnew"))


def test_filters(demo_store) -> None:
    rows = E.list_rows(demo_store)
    some = rows[0]
    by_stage = E.list_rows(demo_store, E.EmployerFilter(stage=some.stage))
    assert by_stage and all(r.stage == some.stage for r in by_stage)
    by_industry = E.list_rows(demo_store, E.EmployerFilter(industry=some.industry))
    assert by_industry and all(r.industry == some.industry for r in by_industry)
    assert some.industry in E.industries(demo_store)


def test_not_a_fit_needs_a_reason(store) -> None:
    emp = E.create_employer(store, {"legal_name": "Acme"})
    with pytest.raises(FieldError):
        E.set_stage(store, emp.id, Stage.NOT_A_FIT)
    E.set_stage(store, emp.id, Stage.NOT_A_FIT, "Lays off after 30 days")
    assert E.get_employer(store, emp.id).not_fit_reason == "Lays off after 30 days"


def test_meeting_moves_prospect_forward_only(store) -> None:
    emp = E.create_employer(store, {"legal_name": "Acme"})
    E.log_activity(store, emp.id, "meeting_virtual", "Intro call on Teams")
    assert E.get_employer(store, emp.id).stage == Stage.FIRST_MEETING.value
    E.set_stage(store, emp.id, Stage.ACTIVE_PARTNER)
    E.log_activity(store, emp.id, "meeting_in_person", "Quarterly check-in")
    assert E.get_employer(store, emp.id).stage == Stage.ACTIVE_PARTNER.value
    assert [a.summary for a in E.activities(store, emp.id)][0] == "Quarterly check-in"


def test_today_lists(store) -> None:
    today = date(2026, 3, 10)
    quiet = E.create_employer(store, {"legal_name": "Quiet Co"})
    E.add_follow_up(store, quiet.id, today - timedelta(days=2), "Call back")
    E.add_follow_up(store, quiet.id, today + timedelta(days=2), "Not yet")
    done = E.add_follow_up(store, quiet.id, today, "Done already")
    E.set_follow_up_done(store, done.id)
    due = T.follow_ups_due(store, today)
    assert [d.what for d in due] == ["Call back"]
    assert due[0].overdue(today)
    far = date.today() + timedelta(days=60)
    assert [q.employer_name for q in T.quiet_employers(store, far, 30)] == ["Quiet Co"]
    assert [s.employer_name for s in T.stuck_employers(store, far, 21)] == ["Quiet Co"]
    assert T.stuck_employers(store, date.today(), 21) == []


def test_search_limit_keeps_the_best_matches(store) -> None:
    for n in range(5):
        E.create_employer(store, {"legal_name": f"Calumet Foods {n}"})
    E.create_employer(store, {"legal_name": "Calumet", "notes": "calumet calumet calumet"})
    everything = E.list_rows(store, E.EmployerFilter(text="calumet"))
    top = E.list_rows(store, E.EmployerFilter(text="calumet"), limit=3)
    assert len(everything) == 6
    assert [r.id for r in top] == [r.id for r in everything[:3]]
    assert top[0].name == "Calumet"
