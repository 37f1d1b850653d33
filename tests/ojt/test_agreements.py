"""Agreements made from a placement in one step, edited, checked, signed and ended."""

from __future__ import annotations

from datetime import date

import pytest

from app.core import validation as v
from app.core.ojt import CheckLevel
from app.core.reimbursement import Band, OjtScale
from app.services.ojt import agreements, preconditions
from app.services.people import placements
from app.services.records import NotFound
from tests.ojt.fixture import HIRE, active_agreement, make_case


def test_created_from_the_placement_and_rfi_in_one_step(store) -> None:
    case = make_case(store)
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    assert (a.employer_legal_name, a.employer_fein) == ("Pilsen Bakery LLC", "36-1234567")
    assert (a.worksite_street, a.worksite_city, a.worksite_zip) == (
        "1800 S Halsted St",
        "Chicago",
        "60608",
    )
    assert (a.signer_name, a.signer_title) == ("Maria Hernandez", "Owner")
    assert (a.supervisor_name, a.supervisor_title) == ("", "Head baker")  # no person named
    assert a.employer_phone == "(312) 555-0142"
    assert (a.position_title, a.wage_cents, a.hours_per_week) == ("Baker", 1850, 40.0)
    assert a.program_code == "wioa-adult"
    # 6 weeks of training at 40 hours; 30 employees at the site: 75%.
    assert a.training_hours == 240 and a.start_date == HIRE and a.end_date == date(2026, 10, 18)
    assert (a.employees_at_site, a.rate_percent, a.scale_rate_percent) == (30, 75, 75)
    assert a.max_reimbursement_cents == 333_000  # 75% x $18.50 x 240 h
    assert a.status == "draft"
    assert placements.get(store, case.placement_id).ojt  # counted by the OJT retention rule
    skills = agreements.skills(store, a.id)
    assert [s.skill for s in skills] == ["Mixing", "Shaping", "Oven work", "Food safety"]
    assert sum(s.hours for s in skills) == 240
    assert {(s.start_level, s.target_level) for s in skills} == {("None", "Proficient")}


def test_all_preconditions_met_for_a_ready_case(store) -> None:
    case = make_case(store)
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    agreements.set_status(store, a.id, "signed", date(2026, 9, 1))
    checks = {c.key: c for c in preconditions.checks(store, a.id, today=HIRE)}
    assert {k: c.level for k, c in checks.items() if not c.ok} == {}, checks


def test_gaps_are_shown_with_reasons_not_enforced(store) -> None:
    case = make_case(store, confirm=False, work_authorization_confirmed=False, programs="p2p")
    a = agreements.create_from_placement(
        store, case.placement_id, program_code="wioa-adult", today=HIRE
    )
    agreements.update_field(store, a.id, "training_hours", "200")
    levels = {c.key: c.level for c in preconditions.checks(store, a.id, today=HIRE)}
    assert levels["employer_eligible"] == CheckLevel.PROBLEM
    assert levels["work_authorization"] == CheckLevel.PROBLEM
    assert levels["program"] == CheckLevel.PROBLEM
    assert levels["signed_before_start"] == CheckLevel.WARN
    assert levels["plan_total"] == CheckLevel.WARN
    # Still a draft that can be signed: shown, not enforced.
    agreements.set_status(store, a.id, "signed", HIRE)


def test_already_employed_there_is_a_problem(store) -> None:
    case = make_case(store)
    placements.create_placement(
        store,
        case.participant_id,
        case.employer_id,
        {"position_title": "Porter", "hire_date": date(2025, 1, 6)},
        today=date(2025, 1, 7),
    )
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    levels = {c.key: c.level for c in preconditions.checks(store, a.id, today=HIRE)}
    assert levels["not_already_employed"] == CheckLevel.PROBLEM


def test_money_terms_follow_edits_while_draft_then_freeze(store) -> None:
    case = make_case(store)
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    agreements.update_field(store, a.id, "employees_at_site", "120")
    got = agreements.get(store, a.id)
    assert (got.rate_percent, got.max_reimbursement_cents) == (60, 266_400)
    with pytest.raises(v.FieldError, match="reason"):
        agreements.update_field(store, a.id, "rate_percent", "70")
    agreements.set_rate(store, a.id, "70", "Board approved a higher rate for a hard-to-fill trade")
    got = agreements.get(store, a.id)
    assert (got.rate_percent, got.scale_rate_percent, got.max_reimbursement_cents) == (
        70,
        60,
        310_800,
    )
    levels = {c.key: c.level for c in preconditions.checks(store, a.id, today=HIRE)}
    assert levels["rate"] == CheckLevel.WARN
    agreements.set_status(store, a.id, "signed", date(2026, 9, 1))
    with pytest.raises(v.FieldError, match="signed"):
        agreements.update_field(store, a.id, "wage_cents", "25.00")
    with pytest.raises(v.FieldError, match="start date"):
        agreements.update_field(store, a.id, "start_date", "2026-09-14")
    agreements.update_field(store, a.id, "end_date", "2026-11-01")  # an extension
    with pytest.raises(v.FieldError, match="FEIN"):
        agreements.update_field(store, a.id, "employer_fein", "123")
    assert agreements.update_field(store, a.id, "onet_code", "513011") == "51-3011.00"
    assert agreements.get(store, a.id).onet_title == "Bakers"


def test_policy_change_does_not_rewrite_a_signed_agreement(store) -> None:
    case = make_case(store)
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    agreements.set_status(store, a.id, "signed", date(2026, 9, 1))
    stingy = OjtScale((Band(None, 50),), 40, 100_000, "new policy")
    b = agreements.create_from_placement(store, case.placement_id, today=HIRE, scale=stingy)
    assert agreements.get(store, a.id).max_reimbursement_cents == 333_000
    assert (b.rate_percent, b.max_reimbursement_cents) == (50, 100_000)


def test_status_steps_and_dates(store) -> None:
    case = make_case(store)
    agreement_id = active_agreement(store, case)
    got = agreements.get(store, agreement_id)
    assert (got.status, got.signed_on, got.activated_on) == ("active", date(2026, 9, 1), HIRE)
    with pytest.raises(v.FieldError, match="cannot become"):
        agreements.set_status(store, agreement_id, "draft")
    with pytest.raises(v.FieldError, match="separation"):
        agreements.set_status(store, agreement_id, "ended_early")
    agreements.set_status(store, agreement_id, "completed", date(2026, 10, 18))
    assert agreements.get(store, agreement_id).completed_on == date(2026, 10, 18)


def test_separation_ends_the_agreement_and_the_placement(store) -> None:
    case = make_case(store)
    agreement_id = active_agreement(store, case)
    with pytest.raises(v.FieldError):
        agreements.separate(store, agreement_id, date(2026, 9, 1), "quit", today=HIRE)
    agreements.separate(
        store, agreement_id, "2026-09-23", "quit", "moved away", today=date(2026, 9, 30)
    )
    got = agreements.get(store, agreement_id)
    assert (got.status, got.ended_on, got.ended_reason) == (
        "ended_early",
        date(2026, 9, 23),
        "Quit: moved away",
    )
    placement = placements.get(store, case.placement_id)
    assert (placement.separation_date, placement.separation_reason) == (date(2026, 9, 23), "quit")


def test_training_plan_edits(store) -> None:
    case = make_case(store)
    a = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    extra = agreements.add_skill(
        store,
        a.id,
        {
            "skill": "Sanitation class",
            "hours": "16",
            "classroom": "yes",
            "start_level": "basic",
            "target_level": "Proficient",
        },
    )
    assert extra.start_level == "Basic" and extra.classroom
    with pytest.raises(v.FieldError):
        agreements.add_skill(store, a.id, {"hours": "4"})
    with pytest.raises(v.FieldError, match="level"):
        agreements.update_skill(store, extra.id, "target_level", "Wizard")
    plan = {c.key: c for c in preconditions.checks(store, a.id, today=HIRE)}["plan_total"]
    assert "16 hours more than" in plan.text
    agreements.delete_skill(store, extra.id)
    assert len(agreements.skills(store, a.id)) == 4


def test_not_found_is_clear(store) -> None:
    with pytest.raises(NotFound, match="This OJT agreement no longer exists"):
        agreements.get(store, "nope")
    with pytest.raises(NotFound, match="placement"):
        agreements.create_from_placement(store, "nope")


def test_only_drafts_are_deleted(store) -> None:
    case = make_case(store)
    agreement_id = active_agreement(store, case)
    with pytest.raises(v.FieldError):
        agreements.delete_draft(store, agreement_id)
    draft = agreements.create_from_placement(store, case.placement_id, today=HIRE)
    agreements.delete_draft(store, draft.id)
    assert [a.id for a in agreements.agreements(store)] == [agreement_id]
