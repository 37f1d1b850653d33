"""The condition language and every eligibility rule in forms/programs.toml, table-driven."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import forms
from app.core.programs import Result, answer_infos, evaluate_all, evaluate_program
from app.core.rfi_answers import parse_all
from app.core.rules import ConditionError, parse_condition
from app.forms import FormsFileError
from tests.rfi.answers import full_answers

INFOS = answer_infos(forms.RFI.load())
GOOD_FACTS = {"retention_pattern": "none", "stage": "rfi_received"}


def good_answers() -> dict[str, Any]:
    values, problems = parse_all(forms.RFI.load(), full_answers())
    assert not problems
    return {k: v for k, v in values.items() if v is not None}


def test_complete_good_answers_make_every_program_eligible() -> None:
    results = evaluate_all(forms.PROGRAMS.load(), good_answers(), GOOD_FACTS)
    assert {r.code: r.result for r in results} == {
        p.code: Result.ELIGIBLE for p in forms.PROGRAMS.load().programs
    }
    assert all(r.reasons and all(x.outcome == "met" for x in r.reasons) for r in results)


# (program, rule id, answers to change (None removes), facts to change, expected result)
RULE_CASES: list[tuple[str, str, dict[str, Any], dict[str, Any], Result]] = []
_OJT = ("ojt_adult", "ojt_dislocated", "ojt_youth")
_FIT = (*_OJT, "dhs_subsidized", "pathways_to_peace", "hiring_events", "referrals")
for program in _FIT:
    RULE_CASES += [
        (program, "has_positions", {"open_positions": []}, {}, Result.NOT_ELIGIBLE),
        (program, "has_positions", {"open_positions": None}, {}, Result.NEEDS_INFORMATION),
        (program, "jobs_last", {"retained_90d": 4}, {}, Result.NOT_ELIGIBLE),
        (program, "jobs_last", {"retained_90d": 5}, {}, Result.ELIGIBLE),
        (program, "jobs_last", {"hires_12m": 0, "retained_90d": 0}, {}, Result.ELIGIBLE),
        (program, "jobs_last", {"retained_90d": None}, {}, Result.NEEDS_INFORMATION),
    ]
for program in _OJT:
    for rule, answer, bad in [
        ("no_relocation_120d", "relocated_120d", True),
        ("no_one_on_layoff", "on_layoff_from_positions", True),
        ("no_labor_dispute", "strike_lockout_12m", True),
        ("permanent_jobs", "positions_permanent", False),
        ("full_time_jobs", "positions_full_time", False),
        ("workers_comp", "workers_comp", False),
        ("ui_good_standing", "ui_good_standing", False),
    ]:
        RULE_CASES += [
            (program, rule, {answer: bad}, {}, Result.NOT_ELIGIBLE),
            (program, rule, {answer: None}, {}, Result.NEEDS_INFORMATION),
        ]
    RULE_CASES += [
        (
            program,
            "ojt_retention_history",
            {},
            {"retention_pattern": "failing"},
            Result.NOT_ELIGIBLE,
        ),
        (program, "ojt_retention_history", {}, {"retention_pattern": "ok"}, Result.ELIGIBLE),
        (
            program,
            "ojt_retention_history",
            {},
            {"retention_pattern": None},
            Result.NEEDS_INFORMATION,
        ),
        (program, "no_relocation_120d", {"layoffs_12m": True}, {}, Result.ELIGIBLE),
    ]
RULE_CASES += [
    ("ojt_youth", "youth_age", {"minimum_age": 25}, {}, Result.NOT_ELIGIBLE),
    ("ojt_youth", "youth_age", {"minimum_age": 24}, {}, Result.ELIGIBLE),
    ("ojt_youth", "youth_age", {"minimum_age": None}, {}, Result.NEEDS_INFORMATION),
    ("ojt_adult", "youth_age", {"minimum_age": 25}, {}, Result.ELIGIBLE),
    ("wotc", "wotc_hiring", {"open_positions": []}, {}, Result.NOT_ELIGIBLE),
    ("wotc", "wotc_fein", {"fein": None}, {}, Result.NEEDS_INFORMATION),
    ("wotc", "wotc_fein", {"relocated_120d": True, "workers_comp": False}, {}, Result.ELIGIBLE),
    ("federal_bonding", "bonding_hiring", {"open_positions": []}, {}, Result.NOT_ELIGIBLE),
    (
        "federal_bonding",
        "bonding_open_policy",
        {"background_check": "Cannot hire anyone with a record"},
        {},
        Result.NOT_ELIGIBLE,
    ),
    (
        "federal_bonding",
        "bonding_open_policy",
        {"background_check": "Case by case"},
        {},
        Result.ELIGIBLE,
    ),
    (
        "federal_bonding",
        "bonding_open_policy",
        {"background_check": None},
        {},
        Result.NEEDS_INFORMATION,
    ),
    (
        "dhs_subsidized",
        "dhs_no_displacement",
        {"on_layoff_from_positions": True},
        {},
        Result.NOT_ELIGIBLE,
    ),
    ("dhs_subsidized", "dhs_permanent", {"positions_permanent": False}, {}, Result.NOT_ELIGIBLE),
    ("dhs_subsidized", "dhs_workers_comp", {"workers_comp": False}, {}, Result.NOT_ELIGIBLE),
    ("dhs_subsidized", "dhs_workers_comp", {"workers_comp": None}, {}, Result.NEEDS_INFORMATION),
    (
        "pathways_to_peace",
        "p2p_open_policy",
        {"background_check": "Cannot hire anyone with a record"},
        {},
        Result.NOT_ELIGIBLE,
    ),
    (
        "pathways_to_peace",
        "p2p_open_policy",
        {"background_check": "No background check"},
        {},
        Result.ELIGIBLE,
    ),
    (
        "hiring_events",
        "event_openings",
        {
            "open_positions": [
                {
                    "title": "Baker",
                    "openings": 2,
                    "wage_cents": 1800,
                    "hours_per_week": 40,
                    "shifts": "",
                }
            ]
        },
        {},
        Result.NOT_ELIGIBLE,
    ),
    (
        "hiring_events",
        "event_openings",
        {
            "open_positions": [
                {
                    "title": "Baker",
                    "openings": 3,
                    "wage_cents": None,
                    "hours_per_week": None,
                    "shifts": "",
                }
            ]
        },
        {},
        Result.ELIGIBLE,
    ),
    (
        "hiring_events",
        "event_openings",
        {
            "open_positions": [
                {
                    "title": "Baker",
                    "openings": None,
                    "wage_cents": None,
                    "hours_per_week": None,
                    "shifts": "",
                }
            ]
        },
        {},
        Result.NEEDS_INFORMATION,
    ),
    (
        "referrals",
        "has_positions",
        {"background_check": "Cannot hire anyone with a record"},
        {},
        Result.ELIGIBLE,
    ),
]


@pytest.mark.parametrize(
    ("program", "rule", "answers", "facts", "expected"),
    RULE_CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(RULE_CASES)],
)
def test_each_rule(program: str, rule: str, answers: dict, facts: dict, expected: Result) -> None:
    values = good_answers()
    for key, value in answers.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    merged = {**GOOD_FACTS, **facts}
    result = evaluate_program(forms.PROGRAMS.load().program(program), values, merged)
    assert result.result == expected
    assert result.reasons
    if expected == Result.NOT_ELIGIBLE:
        failed = [r for r in result.reasons if r.outcome == "not_met"]
        assert rule in [r.rule_id for r in failed]
        assert all(r.source and r.text for r in failed)
        if "open_positions" not in answers:
            assert [r.rule_id for r in failed] == [rule]
    if expected == Result.NEEDS_INFORMATION:
        assert rule in [r.rule_id for r in result.reasons]
        if "open_positions" not in answers:
            assert [r.rule_id for r in result.reasons] == [rule]
        removed = [k for k, v in answers.items() if v is None]
        assert list(result.missing) == removed


def test_every_rule_of_the_catalog_has_a_case() -> None:
    covered = {(c[0], c[1]) for c in RULE_CASES if c[4] != Result.ELIGIBLE}
    for program in forms.PROGRAMS.load().programs:
        for rule in program.rules:
            assert (program.code, rule.id) in covered, (
                f"no failing case for {program.code}/{rule.id}"
            )


def test_ojt_rules_cite_their_sources() -> None:
    ojt = {r.id: r.source for r in forms.PROGRAMS.load().program("ojt_adult").rules}
    assert "20 CFR 680.700" in ojt["ojt_retention_history"]
    assert "181(d)" in ojt["no_relocation_120d"]


# The language itself ----------------------------------------------------------

LOGIC = [
    (
        {"all": [{"answer": "layoffs_12m", "is": False}, {"answer": "drug_test", "is": False}]},
        {"layoffs_12m": False, "drug_test": False},
        True,
    ),
    (
        {"all": [{"answer": "layoffs_12m", "is": False}, {"answer": "drug_test", "is": False}]},
        {"layoffs_12m": True},
        False,
    ),
    (
        {"all": [{"answer": "layoffs_12m", "is": False}, {"answer": "drug_test", "is": False}]},
        {"layoffs_12m": False},
        None,
    ),
    (
        {"any": [{"answer": "layoffs_12m", "is": True}, {"answer": "drug_test", "is": True}]},
        {"drug_test": True},
        True,
    ),
    (
        {"any": [{"answer": "layoffs_12m", "is": True}, {"answer": "drug_test", "is": True}]},
        {"drug_test": False},
        None,
    ),
    ({"not": {"answer": "layoffs_12m", "is": True}}, {"layoffs_12m": True}, False),
    ({"not": {"answer": "layoffs_12m", "is": True}}, {}, None),
    ({"answer": "naics_code", "answered": True}, {}, False),
    ({"answer": "naics_code", "answered": False}, {}, True),
    ({"answer": "employees_at_site", "at_most": 50}, {"employees_at_site": 50}, True),
    ({"answer": "employees_at_site", "less_than": 50}, {"employees_at_site": 50}, False),
    ({"answer": "employees_at_site", "more_than": 50}, {"employees_at_site": 51}, True),
    (
        {"answer": "services_wanted", "contains": "Referrals"},
        {"services_wanted": ["Referrals"]},
        True,
    ),
    (
        {"answer": "services_wanted", "contains": "Referrals"},
        {"services_wanted": ["Hiring event"]},
        False,
    ),
    ({"answer": "education_required", "is_not": "None"}, {"education_required": "None"}, False),
    (
        {"ratio": ["retained_90d", "hires_12m"], "at_least": 0.5},
        {"retained_90d": 1, "hires_12m": 0},
        None,
    ),
    (
        {"positions": "lowest_wage", "at_least": 17},
        {
            "open_positions": [
                {"title": "a", "wage_cents": 1850},
                {"title": "b", "wage_cents": 1675},
            ]
        },
        False,
    ),
    (
        {"positions": "fewest_hours", "at_least": 30},
        {"open_positions": [{"title": "a", "hours_per_week": 35}]},
        True,
    ),
    ({"fact": "retention_pattern", "is": "ok"}, {}, None),
]


@pytest.mark.parametrize(("condition", "answers", "expected"), LOGIC)
def test_three_valued_logic(condition: dict, answers: dict, expected: bool | None) -> None:
    node = parse_condition(condition, INFOS)
    assert node.evaluate(answers, {}).value is expected


BAD_CONDITIONS = [
    ("x", "must be a table"),
    ({}, "exactly one of"),
    ({"answer": "layoffs_12m", "fact": "stage", "is": True}, "exactly one of"),
    ({"answer": "salary", "is": 3}, "not an answer id"),
    ({"answer": "layoffs_12m", "equals": True}, "unknown key 'equals'"),
    ({"answer": "layoffs_12m"}, "exactly one test"),
    ({"answer": "layoffs_12m", "is": "no"}, "true or false"),
    ({"answer": "education_required", "is": "PhD"}, "not one of the options"),
    ({"answer": "legal_name", "at_least": 3}, "compares numbers"),
    ({"answer": "employees_total", "at_least": "3"}, "takes a number"),
    ({"all": []}, "at least one condition"),
    ({"all": [{"answer": "layoffs_12m", "is": True}], "extra": 1}, "unexpected key"),
    ({"fact": "mood", "is": "good"}, "not a known fact"),
    ({"ratio": ["retained_90d"], "at_least": 1}, "two answer ids"),
    ({"ratio": ["legal_name", "hires_12m"], "at_least": 1}, "not a number answer"),
    ({"positions": "salary", "at_least": 1}, "not a positions figure"),
    ({"answer": "layoffs_12m", "in": []}, "list of values"),
    ({"answer": "legal_name", "contains": "x"}, "works on choice answers"),
    ({"any": [{"answer": "layoffs_12m", "is": True}, {"__import__": "os"}]}, "any[2]"),
]


@pytest.mark.parametrize(("condition", "says"), BAD_CONDITIONS)
def test_bad_conditions_are_refused(condition: Any, says: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(condition, INFOS)
    assert says in str(caught.value)


def test_broken_catalog_names_file_line_program_and_rule(forms_folder: Path) -> None:
    path = forms_folder / "programs.toml"
    text = path.read_text(encoding="utf-8").replace(
        'condition = { answer = "workers_comp", is = true }',
        'condition = { answer = "workers_comp", is = "yes" }',
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.PROGRAMS.load()
    message = str(caught.value)
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if 'is = "yes"' in line)
    assert caught.value.line == expected_line
    assert "rule set 'wioa_ojt'" in message and "'workers_comp'" in message
    assert "true or false" in message


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (("[agency]", "[agencies]"), "unknown section 'agencies'"),
        (
            ('rule_sets = ["employer_fit", "wioa_ojt"]', 'rule_sets = ["wioa"]'),
            "rule set 'wioa' is not defined",
        ),
        (('checks = "You are hiring."', 'chex = "You are hiring."'), "key 'checks' is missing"),
        (('code = "wotc"', 'code = "referrals"'), "code is used by another program"),
    ],
)
def test_broken_catalog_edits(forms_folder: Path, edit: tuple[str, str], says: str) -> None:
    path = forms_folder / "programs.toml"
    text = path.read_text(encoding="utf-8")
    old, new = edit
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.PROGRAMS.load()
    assert says in str(caught.value)
    assert str(caught.value).startswith("programs.toml")


# Any answers at all ---------------------------------------------------------


def _value_strategy(f: Any) -> st.SearchStrategy[Any]:
    if f.type == "yesno":
        return st.booleans()
    if f.type == "number":
        return st.integers(min_value=0, max_value=10_000)
    if f.type == "choice" and f.multiple:
        return st.lists(st.sampled_from(f.options), unique=True)
    if f.type == "choice":
        return st.sampled_from(f.options)
    if f.type == "positions":
        row = st.fixed_dictionaries(
            {
                "title": st.text(min_size=1, max_size=12),
                "openings": st.none() | st.integers(0, 50),
                "wage_cents": st.none() | st.integers(0, 10_000),
                "hours_per_week": st.none() | st.integers(0, 80),
                "shifts": st.text(max_size=8),
            }
        )
        return st.lists(row, max_size=4)
    return st.text(max_size=20)


ANSWER_STRATEGY = st.fixed_dictionaries(
    {},
    optional={f.id: _value_strategy(f) for f in forms.RFI.load().fields},
)
FACT_STRATEGY = st.fixed_dictionaries(
    {},
    optional={
        "retention_pattern": st.none() | st.sampled_from(["none", "ok", "failing", "odd"]),
        "stage": st.text(max_size=10),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=ANSWER_STRATEGY, facts=FACT_STRATEGY)
def test_any_answers_give_every_program_a_decision_with_reasons(
    answers: dict[str, Any], facts: dict[str, Any]
) -> None:
    results = evaluate_all(forms.PROGRAMS.load(), answers, facts)
    assert len(results) == len(forms.PROGRAMS.load().programs)
    for result in results:
        assert result.result in set(Result)
        assert result.reasons
        assert all(r.text and r.source for r in result.reasons)
        if result.result == Result.NEEDS_INFORMATION:
            assert all(r.outcome == "unknown" for r in result.reasons)
            assert set(result.missing) <= set(forms.RFI.load().answer_ids)
