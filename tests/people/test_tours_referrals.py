"""Tours, referrals with resumes, shared openings with partner organizations, placements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from app.core.models import OpenPosition, Referral, Resume
from app.core.validation import FieldError
from app.services.people import partners, placements, referrals, tours
from tests.people import helpers

TODAY = date(2026, 6, 1)


# Tours ---------------------------------------------------------------------------------


def test_tour_notes_flow_to_the_employer_page_and_flyers(store) -> None:
    employer = helpers.employer(store)
    assert tours.latest_tour_notes(store, employer) is None
    old = tours.plan_tour(store, employer, "2026-03-02")
    tours.update_field(store, old.id, "parking", "Street only")
    tours.mark_done(store, old.id, "2026-03-02", today=TODAY)
    tour = tours.plan_tour(store, employer, "5/12/2026", site="Dock 4")
    for field, value in [
        ("volume_of_work", " 400 orders a shift "),
        ("shifts", "6am-2pm, 2pm-10pm"),
        ("safety_ppe", "Steel toes, hairnets provided"),
        ("transit_lines", "Pink Line, #60 bus"),
        ("transit_walk", "8 minutes from Kostner"),
        ("impressions", "Supervisor patient with new hires"),
    ]:
        tours.update_field(store, tour.id, field, value)
    planned = tours.latest_tour_notes(store, employer)
    assert planned is not None and planned.tour_id == old.id  # planned tours are not notes yet
    tours.mark_done(store, tour.id, "2026-05-12", today=TODAY)

    notes = tours.latest_tour_notes(store, employer)
    assert notes.tour_id == tour.id and notes.toured_on == date(2026, 5, 12)
    assert notes.items[0] == ("Volume of work", "400 orders a shift")
    labels = [label for label, _ in notes.for_flyer]
    assert labels == [
        "Volume of work",
        "Shifts",
        "Safety and protective equipment",
        "Public transit lines",
        "Walk from transit",
    ]
    assert notes.private == (("BSR's impressions", "Supervisor patient with new hires"),)


def test_tour_rules(store) -> None:
    employer = helpers.employer(store)
    with pytest.raises(FieldError, match="date of the tour"):
        tours.plan_tour(store, employer, "")
    with pytest.raises(FieldError):
        tours.plan_tour(store, "nobody", "2026-06-01")
    tour = tours.plan_tour(store, employer, "2026-06-10")
    with pytest.raises(FieldError, match="still to come"):
        tours.mark_done(store, tour.id, "2026-06-10", today=TODAY)
    with pytest.raises(FieldError):
        tours.update_field(store, tour.id, "status", "done")  # done needs its date
    with pytest.raises(FieldError):
        tours.update_field(store, tour.id, "planned_on", "June tenth")
    assert tours.get(store, tour.id).planned_on == date(2026, 6, 10)


def test_tour_guests_and_list(store) -> None:
    employer = helpers.employer(store, "Midwest Metal Works")
    tour = tours.plan_tour(store, employer, "2026-05-20")
    a = helpers.participant(store, "Ana", "Lopez")
    b = helpers.participant(store, "Marcus", "Bell")
    tours.add_guest(store, tour.id, a)
    tours.add_guest(store, tour.id, a)
    tours.add_guest(store, tour.id, b)
    assert [g.name for g in tours.guests(store, tour.id)] == ["Marcus Bell", "Ana Lopez"]
    tours.remove_guest(store, tour.id, b)
    tours.update_field(store, tour.id, "parking", "Free lot")
    rows = tours.list_rows(store, search="metal")
    assert [(r.guests, r.notes_filled, r.employer_name) for r in rows] == [
        (1, 1, "Midwest Metal Works")
    ]
    assert tours.list_rows(store, search="bakery") == []
    tours.delete_tour(store, tour.id)
    assert tours.list_rows(store) == []


# Referrals and resumes -------------------------------------------------------------------


def _resume(
    tmp_path: Path, name: str = "Ana Lopez resume.pdf", body: bytes = b"%PDF-1.4 ana"
) -> Path:
    path = tmp_path / name
    path.write_bytes(body)
    return path


def test_referral_keeps_the_resume_and_its_outcomes(store, tmp_path: Path) -> None:
    employer = helpers.employer(store)
    with store.transaction() as session:
        position = OpenPosition(employer_id=employer, title="Forklift operator")
        session.add(position)
    person = helpers.participant(store)
    path = _resume(tmp_path)
    ref = referrals.create_referral(
        store,
        person,
        "2026-05-01",
        employer_id=employer,
        position_id=position.id,
        resume_path=path,
        today=TODAY,
    )
    assert ref.position_title == "Forklift operator"
    again = referrals.create_referral(
        store,
        person,
        "2026-05-02",
        employer_id=employer,
        position_title="Picker",
        resume_path=path,
        today=TODAY,
    )
    assert again.resume_id == ref.resume_id  # same file stored once
    path.unlink()  # the original can go: the store holds its own copy
    copy = referrals.save_resume_copy(store, ref.resume_id, tmp_path / "out")
    assert copy.read_bytes() == b"%PDF-1.4 ana"
    assert referrals.save_resume_copy(store, ref.resume_id, tmp_path / "out").name == (
        "Ana Lopez resume (2).pdf"
    )

    referrals.set_outcome(store, ref.id, "interview", "2026-06-03", today=TODAY)
    referrals.set_outcome(store, ref.id, "hired", "2026-05-20", today=TODAY)
    got = referrals.get(store, ref.id)
    assert (got.outcome, got.interview_on, got.outcome_on) == (
        "hired",
        date(2026, 6, 3),
        date(2026, 5, 20),
    )
    rows = referrals.list_rows(store, employer_id=employer)
    assert [r.outcome_label for r in rows] == ["Sent, no answer yet", "Hired"]
    assert rows[1].resume_name == "Ana Lopez resume.pdf"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sent_on": ""}, "sent_on"),
        ({"sent_on": "2026-07-01"}, "sent_on"),
        ({"employer_id": None}, "employer_id"),
        ({"position_title": ""}, "position_title"),
        ({"position_id": "not-a-position"}, "position_id"),
        ({"resume_name": "resume.exe"}, "resume"),
        ({"resume_body": b""}, "resume"),
    ],
)
def test_bad_referral_saves_nothing(store, tmp_path: Path, kwargs, field) -> None:
    employer = helpers.employer(store)
    person = helpers.participant(store)
    args = {
        "sent_on": "2026-05-01",
        "employer_id": employer,
        "position_title": "Cook",
        "position_id": None,
    }
    resume_name = kwargs.pop("resume_name", "r.pdf")
    body = kwargs.pop("resume_body", b"resume")
    args.update(kwargs)
    with pytest.raises(FieldError) as caught:
        referrals.create_referral(
            store, person, resume_path=_resume(tmp_path, resume_name, body), today=TODAY, **args
        )
    assert caught.value.field == field
    with store.session() as session:
        assert list(session.exec(select(Referral))) == []
        assert list(session.exec(select(Resume))) == []


def test_outcome_rules(store) -> None:
    employer = helpers.employer(store)
    ref = referrals.create_referral(
        store,
        helpers.participant(store),
        "2026-05-10",
        employer_id=employer,
        position_title="Cook",
        today=TODAY,
    )
    with pytest.raises(FieldError, match="before the resume was sent"):
        referrals.set_outcome(store, ref.id, "not_hired", "2026-05-01", today=TODAY)
    with pytest.raises(FieldError, match="still to come"):
        referrals.set_outcome(store, ref.id, "hired", "2026-06-05", today=TODAY)
    with pytest.raises(FieldError):
        referrals.set_outcome(store, ref.id, "ghosted", "2026-05-20", today=TODAY)
    assert referrals.get(store, ref.id).outcome == "sent"


# Shared placements --------------------------------------------------------------------------


def test_shared_opening_resumes_go_to_the_managing_partner(store, tmp_path: Path) -> None:
    sector = partners.create_partner(
        store, {"name": "Manufacturing Sector Center", "kind": "sector_center"}
    )
    agency = partners.create_partner(store, {"name": "Westside Works", "email": "jobs@ww.org"})
    partners.add_contact(store, agency.id, {"name": "Jo Park", "email": "jo@ww.org"})
    dist = partners.save_distribution_list(
        store, "Westside openings", "a@ww.org, b@ww.org; A@ww.org\n", partner_id=agency.id
    )
    assert dist.address_list == ["a@ww.org", "b@ww.org"]
    with pytest.raises(FieldError, match="Address 2"):
        partners.save_distribution_list(store, "Bad", "a@ww.org\nnot-an-address")
    opening = partners.record_opening(
        store,
        sector.id,
        "CNC machinist",
        "2026-05-15",
        managed_by_id=agency.id,
        employer_name="Precision Parts LLC",
        positions="3",
        wage="24.75",
    )
    assert opening.wage_cents == 2475
    person = helpers.participant(store)
    ref = partners.send_resume(
        store, opening.id, person, "2026-05-16", resume_path=_resume(tmp_path), today=TODAY
    )
    assert (ref.partner_id, ref.position_title) == (agency.id, "CNC machinist")
    referrals.set_outcome(store, ref.id, "hired", "2026-05-28", today=TODAY)
    [row] = partners.list_openings(store)
    assert (row.partner, row.managed_by, row.employer, row.sent, row.hired) == (
        "Manufacturing Sector Center",
        "Westside Works",
        "Precision Parts LLC",
        1,
        1,
    )
    [ref_row] = referrals.list_rows(store, opening_id=opening.id)
    assert (ref_row.employer, ref_row.via_partner) == ("Precision Parts LLC", "Westside Works")
    partners.set_opening_status(store, opening.id, "filled")
    assert partners.list_openings(store, "open") == []


def test_opening_rules(store) -> None:
    partner = partners.create_partner(store, {"name": "Sector Center"})
    with pytest.raises(FieldError, match="which employer"):
        partners.record_opening(store, partner.id, "Welder", "2026-05-15")
    with pytest.raises(FieldError, match="close before"):
        partners.record_opening(
            store, partner.id, "Welder", "2026-05-15", employer_name="X", closes_on="2026-05-01"
        )
    assert partners.list_openings(store) == []


# Placements ------------------------------------------------------------------------------------


def test_placement_from_a_referral_and_its_separation(store) -> None:
    employer = helpers.employer(store)
    person = helpers.participant(store)
    ref = referrals.create_referral(
        store, person, "2026-04-01", employer_id=employer, position_title="Cook", today=TODAY
    )
    placement = placements.create_placement(
        store,
        person,
        employer,
        {
            "position_title": "Prep cook",
            "hire_date": "2026-04-15",
            "wage_cents": "17.25",
            "hours_per_week": "32",
            "full_time": False,
            "permanent": True,
            "ojt": True,
        },
        referral_id=ref.id,
        today=TODAY,
    )
    assert referrals.get(store, ref.id).outcome == "hired"
    assert referrals.get(store, ref.id).outcome_on == date(2026, 4, 15)
    with pytest.raises(FieldError, match="before the hire date"):
        placements.record_separation(store, placement.id, "2026-04-01", "quit", today=TODAY)
    with pytest.raises(FieldError):
        placements.record_separation(store, placement.id, "2026-05-01", "vanished", today=TODAY)
    placements.record_separation(store, placement.id, "2026-05-01", "Training ended", today=TODAY)
    [row] = placements.list_rows(store, employer_id=employer)
    assert row.wage_text == "$17.25/hr"
    assert row.terms_text == "Part time, permanent, OJT"
    assert row.ended_text == "May 01, 2026: Training ended"
    placements.undo_separation(store, placement.id)
    assert placements.get(store, placement.id).separation_date is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"hire_date": ""}, "hire_date"),
        ({"hire_date": "2026-07-01"}, "hire_date"),
        ({"hire_date": "2026-05-01", "position_title": ""}, "position_title"),
        ({"hire_date": "2026-05-01", "wage_cents": "lots"}, "wage_cents"),
        ({"hire_date": "2026-05-01", "hours_per_week": "90"}, "hours_per_week"),
    ],
)
def test_bad_placement_saves_nothing(store, values, field) -> None:
    employer = helpers.employer(store)
    person = helpers.participant(store)
    values.setdefault("position_title", "Cook")
    with pytest.raises(FieldError) as caught:
        placements.create_placement(store, person, employer, values, today=TODAY)
    assert caught.value.field == field
    assert placements.list_rows(store) == []


def test_opening_goes_to_a_distribution_list_in_bcc(store, tmp_path: Path) -> None:
    import email
    from email import policy

    from app.mail.message import write_eml

    sector = partners.create_partner(store, {"name": "Sector Center"})
    agency = partners.create_partner(store, {"name": "Westside Works", "email": "jobs@ww.org"})
    dist = partners.save_distribution_list(store, "Westside", "a@ww.org\nb@ww.org", agency.id)
    opening = partners.record_opening(
        store,
        sector.id,
        "CNC machinist",
        "2026-05-15",
        managed_by_id=agency.id,
        employer_name="Precision Parts LLC",
        positions="3",
        wage="24.75",
        closes_on="2026-06-30",
    )
    message = partners.opening_email(
        store, opening.id, dist.id, "Rosa Diaz", "rdiaz@agency.example"
    )
    path = write_eml(message, tmp_path, "opening")
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["Bcc"] == "a@ww.org, b@ww.org"
    assert parsed["To"] == "rdiaz@agency.example"
    assert parsed["Subject"] == "Job opening: CNC machinist at Precision Parts LLC"
    body = parsed.get_content()
    assert "Openings: 3." in body and "Wage: $24.75 an hour." in body
    assert "Closes June 30, 2026." in body
    assert "Westside Works runs the recruitment: send resumes to jobs@ww.org." in body
    assert body.rstrip().endswith("Rosa Diaz")
    with pytest.raises(FieldError):
        partners.opening_email(store, opening.id, "no-such-list")
