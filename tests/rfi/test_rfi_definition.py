"""The RFI definition: the agency's 15 questions load; broken files are refused with file, line, problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app import forms
from app.core import validation as v
from app.core.rfi import ANSWER_TYPES
from app.core.rfi_answers import (
    display_value,
    missing_fields,
    parse_all,
    parse_answer,
    parse_wage_cents,
)
from app.forms import FormsFileError
from tests.rfi.answers import full_answers


def test_the_rfi_has_the_fifteen_questions_in_order() -> None:
    rfi = forms.RFI.load()
    assert [q.number for q in rfi.questions] == list(range(1, 16))
    ids = [q.id for q in rfi.questions]
    assert ids[1] == "fein" and ids[8] == "open_positions"
    used = {f.type for f in rfi.fields}
    assert used == set(ANSWER_TYPES)
    assert all(q.text.endswith("?") for q in rfi.questions)
    assert all(q.help for q in rfi.questions)
    fills = {f.employer_field for f in rfi.fields if f.employer_field}
    assert {
        "legal_name",
        "dba_name",
        "fein",
        "street",
        "zip_code",
        "employees_total",
        "employees_at_site",
        "industry",
        "naics_code",
    } <= fills


def _write(folder: Path, text: str) -> Path:
    path = folder / "rfi.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_Q = """
[[question]]
id = "fein"
number = 1
text = "FEIN?"
type = "text"
"""

BROKEN = [
    ("syntax", 'title = "x"\n[[question]]\nid = "a\nnumber = 1\n', 3, "not valid TOML"),
    ("no questions", 'title = "x"\n', None, "needs [[question]]"),
    ("bad type", GOOD_Q.replace('type = "text"', 'type = "essay"'), 6, "key 'type' is 'essay'"),
    ("no text", GOOD_Q.replace('text = "FEIN?"\n', ""), 2, "key 'text' is missing"),
    ("bad format", GOOD_Q + 'format = "ssn"\n', 7, "key 'format' is 'ssn'"),
    (
        "bad employer field",
        GOOD_Q + 'employer_field = "salary"\n',
        7,
        "not a field of the employer record",
    ),
    ("duplicate id", GOOD_Q + GOOD_Q.replace("number = 1", "number = 2"), 9, "already used"),
    (
        "duplicate number",
        GOOD_Q + GOOD_Q.replace('"fein"', '"other"'),
        10,
        "number 1 is used twice",
    ),
    (
        "choice without options",
        GOOD_Q.replace('type = "text"', 'type = "choice"'),
        2,
        "a choice needs key 'options'",
    ),
    (
        "group without parts",
        GOOD_Q.replace('type = "text"', 'type = "group"'),
        6,
        "has no [[question.part]]",
    ),
    (
        "min above max",
        GOOD_Q.replace('type = "text"', 'type = "number"\nmin = 5\nmax = 1'),
        7,
        "'min' is larger than 'max'",
    ),
]


@pytest.mark.parametrize(("case", "text", "line", "problem"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_is_refused_with_name_line_and_problem(
    forms_folder: Path, case: str, text: str, line: int | None, problem: str
) -> None:
    _write(forms_folder, text)
    with pytest.raises(FormsFileError) as caught:
        forms.RFI.load()
    message = str(caught.value)
    assert message.startswith("rfi.toml")
    assert problem in message
    assert caught.value.line == line
    if line:
        assert f"line {line}" in message


def test_the_shipped_file_is_the_one_loaded() -> None:
    assert forms.RFI.path() == forms.folder() / "rfi.toml"
    assert forms.RFI.path().is_file()
    assert forms.RFI.load() is forms.RFI.load()


PARSE = [
    ("fein", "361234567", "36-1234567"),
    ("fein", "", None),
    ("employees_total", "1,200", 1200),
    ("relocated_120d", "No", False),
    ("relocated_120d", "/Yes", True),
    ("relocated_120d", "/Off", None),
    ("relocated_120d", True, True),
    ("education_required", "high school diploma or ged", "High school diploma or GED"),
    ("services_wanted", "Referrals; Hiring event", ["Hiring event", "Referrals"]),
    ("hiring_start", "01/15/2027", "2027-01-15"),
    ("worksite_zip", "60608", "60608"),
]


@pytest.mark.parametrize(("answer_id", "raw", "expected"), PARSE)
def test_answers_are_parsed_to_stored_values(answer_id: str, raw: object, expected: object) -> None:
    f = forms.RFI.load().field(answer_id)
    assert parse_answer(f, raw) == expected


BAD = [
    ("fein", "1234", "9 digits"),
    ("employees_total", "forty", "whole number"),
    ("employees_total", "-3", "0 or more"),
    ("employees_total", "2.5", "whole number"),
    ("relocated_120d", "maybe", "yes or no"),
    ("education_required", "PhD", "Choose one of"),
    ("hiring_start", "next week", "date like"),
    ("worksite_zip", "6060", "ZIP"),
    ("main_contact_email", "maria@", "not valid"),
    ("minimum_age", "10", "14 or more"),
]


@pytest.mark.parametrize(("answer_id", "raw", "says"), BAD)
def test_wrong_answers_are_refused_with_a_reason(answer_id: str, raw: str, says: str) -> None:
    f = forms.RFI.load().field(answer_id)
    with pytest.raises(v.FieldError) as caught:
        parse_answer(f, raw)
    assert says in caught.value.message
    assert caught.value.field == answer_id


def test_positions_are_parsed_with_wages_in_cents() -> None:
    f = forms.RFI.load().field("open_positions")
    rows = parse_answer(f, full_answers()["open_positions"] + [{"title": "", "openings": ""}])
    assert rows == [
        {
            "title": "Baker",
            "openings": 2,
            "wage_cents": 1850,
            "hours_per_week": 40,
            "shifts": "5am-1pm",
        },
        {
            "title": "Packer",
            "openings": 3,
            "wage_cents": 1675,
            "hours_per_week": 35,
            "shifts": "Day",
        },
    ]
    assert display_value(f, rows).startswith("Baker, 2 openings, $18.50/hr, 40 h/week")


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ({"title": "", "openings": "2"}, "job title is missing"),
        ({"title": "Baker", "openings": "two"}, "openings must be a whole number"),
        ({"title": "Baker", "wage": "eighteen"}, "hourly wage"),
        ({"title": "Baker", "hours_per_week": "90"}, "at most 80"),
    ],
)
def test_bad_position_rows_name_the_row(row: dict, says: str) -> None:
    f = forms.RFI.load().field("open_positions")
    with pytest.raises(v.FieldError) as caught:
        parse_answer(f, [row])
    assert says in caught.value.message
    assert "Position 1" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "cents"),
    [("18.50", 1850), ("$18", 1800), ("18.5", 1850), ("16.75/hr", 1675), ("", None)],
)
def test_wages(raw: str, cents: int | None) -> None:
    assert parse_wage_cents(raw, "w") == cents


def test_full_answers_parse_cleanly_and_leave_nothing_missing() -> None:
    rfi = forms.RFI.load()
    values, problems = parse_all(rfi, full_answers())
    assert problems == []
    assert missing_fields(rfi, values) == []
    values.pop("fein")
    assert [f.id for f in missing_fields(rfi, values)] == ["fein"]


@settings(max_examples=200, deadline=None)
@example(raw={"open_positions": "[unclosed"})
@example(raw={"employees_total": True, "services_wanted": 7, "relocated_120d": ["x"]})
@given(
    raw=st.dictionaries(
        st.sampled_from(sorted(forms.RFI.load().answer_ids)),
        st.one_of(
            st.text(max_size=30),
            st.booleans(),
            st.integers(),
            st.lists(st.text(max_size=10), max_size=3),
            st.lists(
                st.dictionaries(
                    st.sampled_from(["title", "openings", "wage", "hours_per_week", "shifts"]),
                    st.text(max_size=8),
                ),
                max_size=3,
            ),
        ),
    )
)
def test_whatever_is_typed_parses_or_gets_a_plain_reason(raw: dict) -> None:
    """Returned forms hold anything; every box becomes a value or a FieldError, nothing else."""
    values, problems = parse_all(forms.RFI.load(), raw)
    assert set(values) | {p.field.split(".")[0] for p in problems} == set(raw)
    assert all(p.message for p in problems)
