"""Field rules: good values are normalised, bad ones refused with the field named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import validation as v


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("123456789", "12-3456789"),
        ("12-3456789", "12-3456789"),
        (" 12 3456789 ", "12-3456789"),
        ("", ""),
    ],
)
def test_fein_accepts_nine_digits(raw: str, stored: str) -> None:
    assert v.clean_fein(raw) == stored


@pytest.mark.parametrize("raw", ["12345678", "1234567890", "12-34567a9", "ab-cdefghi"])
def test_fein_refuses_anything_else(raw: str) -> None:
    with pytest.raises(v.FieldError) as err:
        v.clean_fein(raw)
    assert err.value.field == "fein"
    assert "9 digits" in err.value.message


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("3125550100", "(312) 555-0100"),
        ("312-555-0100", "(312) 555-0100"),
        ("(312) 555 0100", "(312) 555-0100"),
        ("+1 312 555 0100", "(312) 555-0100"),
        ("312.555.0100 ext. 12", "(312) 555-0100 ext. 12"),
    ],
)
def test_phone_is_stored_in_one_format(raw: str, stored: str) -> None:
    assert v.clean_phone(raw) == stored


@pytest.mark.parametrize("raw", ["555-0100", "123", "call me", "(000) 555-0100"])
def test_phone_refuses_impossible_numbers(raw: str) -> None:
    with pytest.raises(v.FieldError):
        v.clean_phone(raw)


def test_email() -> None:
    assert v.clean_email(" Maria@Example.com ") == "Maria@example.com"
    with pytest.raises(v.FieldError):
        v.clean_email("maria@")
    with pytest.raises(v.FieldError):
        v.clean_email("maria example.com")


@pytest.mark.parametrize("raw", ["60651", "60651-1234", ""])
def test_zip_ok(raw: str) -> None:
    assert v.clean_zip(raw) == raw


@pytest.mark.parametrize("raw", ["6065", "606511", "60651-12", "ABCDE"])
def test_zip_refused(raw: str) -> None:
    with pytest.raises(v.FieldError):
        v.clean_zip(raw)


def test_counts() -> None:
    assert v.clean_count("1,200", "employees_total") == 1200
    assert v.clean_count("", "employees_total") is None
    with pytest.raises(v.FieldError):
        v.clean_count("-3", "employees_total")
    with pytest.raises(v.FieldError):
        v.clean_count("many", "employees_total")


@given(st.text(max_size=30))
def test_cleaners_never_crash_and_are_idempotent(raw: str) -> None:
    """Any typed text either cleans to a value that cleans to itself, or is refused."""
    for cleaner in (v.clean_fein, v.clean_phone, v.clean_email, v.clean_zip, v.clean_naics):
        try:
            once = cleaner(raw)
        except v.FieldError:
            continue
        assert cleaner(once) == once
