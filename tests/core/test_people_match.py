"""The one rule for "is this the same person?": examples from the door and the desk, and
properties that must hold for every pair of people."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.people_match import (
    POSSIBLE_NAME_ALONE,
    POSSIBLE_NAME_WITH_CONTACT,
    SAME_NAME_WITH_CONTACT,
    MatchLevel,
    PersonKey,
    match_people,
    name_score,
)

SAME, POSSIBLE, NONE = MatchLevel.SAME, MatchLevel.POSSIBLE, MatchLevel.NONE
MARIA = PersonKey("Maria Lopez", "(773) 555-0101", "maria.lopez@example.com")


@pytest.mark.parametrize(
    ("other", "level", "shared"),
    [
        # Typed again at the door, another spacing, spelling and phone format.
        (PersonKey("maria  lopes", "773.555.0101"), SAME, "phone"),
        (PersonKey("LOPEZ, María", "+1 773 555 0101 ext. 4"), SAME, "phone"),
        (PersonKey("Maria Lopez", "", " Maria.Lopez@Example.com "), SAME, "email"),
        # Relatives sharing the household phone: never taken for her; a sister with
        # the same last name is at most asked about.
        (PersonKey("Rosa Lopez", "773-555-0101"), POSSIBLE, "phone"),
        (PersonKey("Marco Diaz", "773-555-0101"), NONE, "phone"),
        # Similar enough to ask, not enough to act on: a BSR decides.
        (PersonKey("Mariana Lopez Garcia", "773-555-0101"), POSSIBLE, "phone"),
        # The same common name and nothing else shared: asked, never merged alone.
        (PersonKey("Maria Lopez", "312-555-0199"), POSSIBLE, ""),
        (PersonKey("Maria Lopes", "312-555-0199"), NONE, ""),
        # A phone too short to be one is no shared contact.
        (PersonKey("Maria Lopez", "0101"), POSSIBLE, ""),
    ],
)
def test_examples(other: PersonKey, level: MatchLevel, shared: str) -> None:
    found = match_people(MARIA, other)
    assert (found.level, found.shared) == (level, shared)


def test_thresholds_are_ordered_and_reasons_read_well() -> None:
    assert POSSIBLE_NAME_WITH_CONTACT < SAME_NAME_WITH_CONTACT < POSSIBLE_NAME_ALONE <= 100
    assert match_people(MARIA, PersonKey("Maria Lopes", "7735550101")).reason == (
        "same phone and a similar name"
    )
    assert match_people(MARIA, PersonKey("Maria Lopez")).reason == "same name"
    assert match_people(MARIA, PersonKey("Luis Perez")).reason == ""


def test_a_blank_name_matches_nobody() -> None:
    assert name_score("", "") == 0
    assert match_people(PersonKey("", "7735550101"), PersonKey("", "7735550101")).level is NONE
    assert match_people(PersonKey("  -  ", "7735550101"), MARIA).level is NONE


# Properties -------------------------------------------------------------------------------

LETTERS = "abcdeghilmnorstuyzáéíñóúü"
words = st.text(alphabet=LETTERS, min_size=1, max_size=9)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
phones = st.one_of(
    st.just(""),
    st.from_regex(r"[2-9][0-9]{2}[2-9][0-9]{6}", fullmatch=True),
)
emails = st.one_of(st.just(""), st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(org|com)", fullmatch=True))
people = st.builds(PersonKey, names, phones, emails)


def _strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def _reformat_phone(digits: str, style: int) -> str:
    if not digits:
        return ""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return [
        f"({area}) {exchange}-{line}",
        f"{area}.{exchange}.{line}",
        f"+1 {area} {exchange} {line}",
        f"1-{area}-{exchange}-{line} ext. 12",
    ][style]


@given(people, people)
def test_symmetric(a: PersonKey, b: PersonKey) -> None:
    assert match_people(a, b) == match_people(b, a)


@given(people)
def test_a_person_always_matches_themself(a: PersonKey) -> None:
    found = match_people(a, a)
    assert found.score == 100
    assert found.level is (SAME if (a.phone or a.email) else POSSIBLE)


@given(people, people, st.integers(0, 3), st.booleans(), st.booleans())
def test_formatting_does_not_change_the_answer(
    a: PersonKey, b: PersonKey, style: int, upper: bool, plain: bool
) -> None:
    name = b.name.upper() if upper else b.name.title()
    retyped = PersonKey(
        f"  {_strip_accents(name) if plain else name} ",
        _reformat_phone(b.phone, style),
        b.email.upper(),
    )
    assert match_people(a, retyped) == match_people(a, b)
