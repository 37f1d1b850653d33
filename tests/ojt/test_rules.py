"""OJT rules that are not money: policy files, occupations, preconditions, plan, status, WOTC."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date

import pytest

from app.core.forms_file import FORMS_DIR
from app.core.ojt import (
    AgreementFacts,
    CheckLevel,
    WotcDue,
    agreement_checks,
    billable_until,
    check_period,
    check_transition,
    plan_total,
    split_skills,
    spread_hours,
    weeks_in,
    wotc_checks,
    wotc_deadline,
    wotc_due,
)
from app.core.ojt_policy import (
    OjtPolicy,
    OjtPolicyError,
    clean_onet_code,
    onet_from_mapping,
    policy_from_mapping,
)

POLICY = OjtPolicy()
TODAY = date(2026, 12, 3)
FACTS = AgreementFacts(
    program_code="wioa-adult",
    participant_programs=("wioa-adult",),
    work_authorization_confirmed=True,
    ojt_decision="eligible",
    decision_current=True,
    retention_pattern=False,
    retention_reasons=(),
    signed_on=date(2026, 12, 1),
    start_date=date(2026, 12, 7),
    earlier_jobs=(),
    today=TODAY,
)


def test_shipped_files_build() -> None:
    policy = policy_from_mapping(tomllib.loads((FORMS_DIR / "ojt.toml").read_text()))
    assert policy.wotc_filing_days == 28 and policy.wotc_warn_days == 7
    assert policy.period_days == {"weekly": 7, "biweekly": 14}
    assert policy.funding_programs["wioa-youth"] == "ojt_youth"
    occupations = onet_from_mapping(tomllib.loads((FORMS_DIR / "onet.toml").read_text()))
    assert 40 <= len(occupations) <= 60
    industries = {o.industry for o in occupations}
    for needed in (
        "Warehousing and logistics",
        "Manufacturing",
        "Food service",
        "Healthcare support",
        "Construction",
        "Retail",
        "Security",
        "Janitorial",
        "Customer service",
    ):
        assert needed in industries


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"wotc": {"filing_days": 0}}, "filing_days"),
        ({"wotc": {"filing_days": 5, "warn_days": 7}}, "warn_days"),
        ({"invoices": {"period_days": {"weekly": 5}}}, "period_days"),
        ({"training_plan": {"levels": ["One"]}}, "levels"),
        ({"agreement": {"funding_programs": {}}}, "funding_programs"),
        ({"agreement": "nope"}, ""),
    ],
)
def test_bad_policy_values_are_refused_by_key(data: dict, key: str) -> None:
    with pytest.raises(OjtPolicyError) as caught:
        policy_from_mapping(data)
    assert caught.value.key == key


def test_bad_occupations_are_refused() -> None:
    with pytest.raises(OjtPolicyError, match="not an O"):
        onet_from_mapping({"occupation": [{"code": "537062", "title": "x"}]})
    with pytest.raises(OjtPolicyError, match="twice"):
        onet_from_mapping({"occupation": [{"code": "53-7062.00", "title": "x"}] * 2})
    with pytest.raises(OjtPolicyError, match="no title"):
        onet_from_mapping({"occupation": [{"code": "53-7062.00"}]})
    with pytest.raises(OjtPolicyError):
        onet_from_mapping({})


def test_onet_codes_typed_freely() -> None:
    assert clean_onet_code("53-7062.00") == "53-7062.00"
    assert clean_onet_code("537062") == "53-7062.00"
    assert clean_onet_code(" ") == ""
    with pytest.raises(ValueError):
        clean_onet_code("53-70")


def levels(facts: AgreementFacts) -> dict[str, CheckLevel]:
    return {c.key: c.level for c in agreement_checks(facts, POLICY)}


def test_all_preconditions_met() -> None:
    assert set(levels(FACTS).values()) == {CheckLevel.OK}


@pytest.mark.parametrize(
    ("change", "key", "level"),
    [
        ({"ojt_decision": None}, "employer_eligible", CheckLevel.PROBLEM),
        ({"ojt_decision": "not_eligible"}, "employer_eligible", CheckLevel.PROBLEM),
        ({"decision_current": False}, "employer_eligible", CheckLevel.WARN),
        ({"retention_pattern": True}, "retention", CheckLevel.PROBLEM),
        ({"retention_pattern": None}, "retention", CheckLevel.UNKNOWN),
        ({"work_authorization_confirmed": False}, "work_authorization", CheckLevel.PROBLEM),
        ({"program_code": ""}, "program", CheckLevel.PROBLEM),
        ({"program_code": "p2p"}, "program", CheckLevel.PROBLEM),
        ({"participant_programs": ("wioa-youth",)}, "program", CheckLevel.PROBLEM),
        ({"signed_on": None}, "signed_before_start", CheckLevel.WARN),
        ({"signed_on": date(2026, 12, 9)}, "signed_before_start", CheckLevel.WARN),
        ({"start_date": None}, "signed_before_start", CheckLevel.UNKNOWN),
        ({"earlier_jobs": (date(2025, 1, 5),)}, "not_already_employed", CheckLevel.PROBLEM),
    ],
)
def test_each_precondition_says_why(change: dict, key: str, level: CheckLevel) -> None:
    checks = {c.key: c for c in agreement_checks(replace(FACTS, **change), POLICY)}
    assert checks[key].level == level
    assert checks[key].text
    # Only the precondition concerned changes.
    assert all(c.ok for k, c in checks.items() if k != key)


def test_retention_reasons_are_quoted() -> None:
    facts = replace(FACTS, retention_pattern=True, retention_reasons=("2 of 3 let go.",))
    text = {c.key: c.text for c in agreement_checks(facts, POLICY)}["retention"]
    assert "2 of 3 let go." in text


def test_plan_total_against_training_hours() -> None:
    plan = plan_total([(200, False), (80, True), (200, False)], 480)
    assert plan.matches and plan.classroom_hours == 80
    short = plan_total([(200, False)], 480)
    assert not short.matches and "280 hours short" in short.text
    over = plan_total([(500, False)], 480)
    assert "20 hours more than" in over.text


def test_rfi_training_answers_become_a_plan() -> None:
    assert split_skills("forklift, picking; safety and RF scanner") == [
        "Forklift",
        "Picking",
        "Safety",
        "RF scanner",
    ]
    assert split_skills("") == []
    assert spread_hours(481, 3) == [161, 160, 160]
    assert sum(spread_hours(17, 4)) == 17
    assert spread_hours(10, 0) == []
    assert weeks_in("6 weeks") == 6
    assert weeks_in("2 months") == 8
    assert weeks_in("about ten") is None


def test_status_moves_one_step_at_a_time() -> None:
    check_transition("draft", "signed")
    check_transition("signed", "active")
    check_transition("active", "ended_early")
    with pytest.raises(ValueError, match="cannot become"):
        check_transition("draft", "active")
    with pytest.raises(ValueError, match="closed"):
        check_transition("completed", "active")
    with pytest.raises(ValueError, match="Unknown"):
        check_transition("draft", "paused")


def test_billing_stops_at_the_earlier_of_end_and_separation() -> None:
    assert billable_until(date(2027, 3, 1), None) == date(2027, 3, 1)
    assert billable_until(date(2027, 3, 1), date(2027, 1, 15)) == date(2027, 1, 15)
    assert billable_until(None, None) is None


def test_pay_periods_start_on_the_training_weekday() -> None:
    anchor = date(2026, 12, 7)  # a Monday
    assert check_period(date(2026, 12, 14), "biweekly", anchor, POLICY) == date(2026, 12, 27)
    with pytest.raises(ValueError, match="Monday"):
        check_period(date(2026, 12, 15), "weekly", anchor, POLICY)
    with pytest.raises(ValueError, match="one of"):
        check_period(anchor, "monthly", anchor, POLICY)


def test_wotc_deadline_and_due_classes() -> None:
    start = date(2026, 11, 10)
    assert wotc_deadline(start, POLICY) == date(2026, 12, 8)
    assert wotc_deadline(None, POLICY) is None
    assert wotc_due("screened", start, date(2026, 12, 1), POLICY) == WotcDue.DUE_SOON
    assert wotc_due("screened", start, date(2026, 11, 30), POLICY) == WotcDue.LATER
    assert wotc_due("screened", start, date(2026, 12, 8), POLICY) == WotcDue.DUE_SOON
    assert wotc_due("screened", start, date(2026, 12, 9), POLICY) == WotcDue.OVERDUE
    assert wotc_due("filed", start, date(2026, 12, 9), POLICY) == WotcDue.DONE
    assert wotc_due("screened", None, TODAY, POLICY) == WotcDue.NO_START


def test_wotc_prescreening_comes_before_the_offer() -> None:
    ok = wotc_checks(date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 10))
    assert [c.level for c in ok] == [CheckLevel.OK]
    late = wotc_checks(date(2026, 11, 3), date(2026, 11, 2), date(2026, 11, 1))
    assert [c.level for c in late] == [CheckLevel.PROBLEM, CheckLevel.PROBLEM]
    assert wotc_checks(None, None, None)[0].level == CheckLevel.UNKNOWN


def test_broken_policy_files_name_file_line_and_problem(tmp_path) -> None:
    from app.core.forms_file import FormsFileError
    from app.services.ojt import policy as ojt_policy

    bad = tmp_path / "ojt.toml"
    bad.write_text("[wotc]\nwarn_days = 3\nfiling_days = 0\n")
    with pytest.raises(FormsFileError) as caught:
        ojt_policy.policy(bad)
    assert caught.value.line == 3 and "filing_days" in str(caught.value)
    broken = tmp_path / "onet.toml"
    broken.write_text('[[occupation]]\ncode = "53-7062"\ntitle = "Movers"\n')
    with pytest.raises(FormsFileError, match="O\\*NET-SOC"):
        ojt_policy.occupations(broken)
    ojt_policy.check()  # the shipped files are fine
