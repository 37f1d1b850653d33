"""The one record helper: live or a plain "not found", soft delete, restore, edit by cleaners,
and filtered list queries whose values only ever travel as parameters."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import validation as v
from app.core.models import Employer, Event, Placement, Tour
from app.core.models.events import EventKind
from app.services import records
from app.services.agency import org
from app.services.employers import employers
from app.services.events import events
from app.services.people import tours


def test_a_missing_record_reads_the_same_for_every_kind(store) -> None:
    for model, noun in ((Event, "event"), (Tour, "tour"), (Placement, "placement")):
        with store.session() as session, pytest.raises(records.NotFound) as caught:
            records.live(session, model, "0190f3a2-0000-7000-8000-000000000000")
        assert str(caught.value) == f"This {noun} no longer exists."
        assert isinstance(caught.value, KeyError) and isinstance(caught.value, LookupError)
    assert records.noun(Employer) == "employer"
    from app.core.models import FollowUp

    assert records.noun(FollowUp) == "follow up"


def test_deleting_an_event_stamps_when_and_hides_it(store) -> None:
    starts = events.chicago(date(2026, 5, 4), time(10, 0))
    office = org.offices(store)[0].id
    event = events.create_event(
        store, EventKind.JOB_FAIR, starts, starts + timedelta(hours=3), office_id=office
    )
    before = event.updated_at
    events.delete_event(store, event.id)
    with store.session() as session:
        gone = session.get(Event, event.id)
        assert gone.deleted_at is not None and gone.updated_at == gone.deleted_at
        assert gone.updated_at >= before
        with pytest.raises(records.NotFound, match="This event no longer exists."):
            records.live(session, Event, event.id)
    with pytest.raises(LookupError):  # what the Events page and the command line catch
        events.delete_event(store, event.id)


def test_delete_then_restore_brings_the_record_back(store) -> None:
    employer = employers.create_employer(store, {"legal_name": "Pilsen Bakery Supply"})
    records.delete(store, Employer, employer.id)
    assert employers.get_employer(store, employer.id).deleted_at is not None
    with pytest.raises(records.NotFound):
        employers.update_employer_field(store, employer.id, "city", "Chicago")
    records.restore(store, Employer, employer.id)
    assert employers.get_employer(store, employer.id).deleted_at is None
    with pytest.raises(records.NotFound, match="This employer no longer exists."):
        records.restore(store, Employer, "0190f3a2-0000-7000-8000-000000000000")


def test_edit_through_the_cleaners_table(store) -> None:
    employer = employers.create_employer(store, {"legal_name": "Canal Street Metals"})
    tour = tours.plan_tour(store, employer.id, "2026-06-01")
    stamp = tours.get(store, tour.id).updated_at
    assert records.edit_field(store, Tour, tour.id, "site", "  Dock 4 ", {"site": str.strip}) == (
        "Dock 4"
    )
    edited = tours.get(store, tour.id)
    assert edited.site == "Dock 4" and edited.updated_at >= stamp
    # The same value again changes nothing, not even the stamp.
    records.edit_field(store, Tour, tour.id, "site", "Dock 4", {"site": str.strip})
    assert tours.get(store, tour.id).updated_at == edited.updated_at
    with pytest.raises(v.FieldError, match="status cannot be edited here"):
        records.edit_field(store, Tour, tour.id, "status", "done", {"site": str.strip})

    def no_docks(record: Tour, cleaned: str) -> None:
        if "Dock" in cleaned:
            raise v.FieldError("site", "Not a dock.")

    with pytest.raises(v.FieldError, match="Not a dock"):
        records.edit_field(store, Tour, tour.id, "site", "Dock 5", {"site": str.strip}, no_docks)
    assert tours.get(store, tour.id).site == "Dock 4"  # the rule kept the store as it was


def test_clean_all_names_each_bad_field() -> None:
    cleaners = {"zip_code": v.clean_zip, "city": str.strip}
    cleaned, errors = records.clean_all(cleaners, {"zip_code": "6060", "city": " Cicero "})
    assert cleaned == {"city": "Cicero"} and set(errors) == {"zip_code"}


def test_a_list_query_is_built_from_the_filters_that_apply(store) -> None:
    for name in ("Archer Foods", "Archer Tool", "Halsted Foods"):
        employers.create_employer(store, {"legal_name": name, "city": "Chicago"})
    query = records.ListQuery("SELECT legal_name FROM employer", "ORDER BY legal_name")
    query.where("deleted_at IS NULL").words(("legal_name",), "archer")
    assert [r[0] for r in query.rows(store)] == ["Archer Foods", "Archer Tool"]
    query.where_in("legal_name", ["Archer Tool", "Halsted Foods"], "n")
    assert [r[0] for r in query.rows(store)] == ["Archer Tool"]
    assert "Archer" not in query.sql  # values travel as parameters only
    nothing = records.ListQuery("SELECT legal_name FROM employer").where_in("id", [], "i")
    assert list(nothing.rows(store)) == []


@given(st.text(max_size=40))
def test_typed_words_never_become_sql(typed: str) -> None:
    query = records.ListQuery("SELECT 1").words(("a", "b"), typed)
    stand_in = records.ListQuery("SELECT 1").words(("a", "b"), " ".join("x" for _ in typed.split()))
    assert query.sql == stand_in.sql  # the statement depends on how many words, not which
    assert list(query.params.values()) == [f"%{word}%" for word in typed.split()]
