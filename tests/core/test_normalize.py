"""Names, streets and phones typed many ways compare equal; every normaliser is idempotent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core import normalize as norm


def test_business_name_ignores_case_punctuation_and_legal_suffixes() -> None:
    assert norm.business_name("The Acme Foods, Inc.") == "acme foods"
    assert norm.business_name("ACME FOODS LLC") == "acme foods"
    assert norm.business_name("Acme Foods Co.") == "acme foods"
    assert norm.business_name("Acme Foods Corp") == "acme foods"
    assert norm.business_name("Acme Foods Ltd") == "acme foods"
    assert norm.business_name("Betty's Day Care Academy, Inc.") == "bettys day care academy"
    assert norm.business_name("L & E Vienna LLC") == "l and e vienna"


def test_a_name_that_is_only_a_suffix_is_kept() -> None:
    assert norm.business_name("Inc.") == "inc"
    assert norm.business_name("The Company") == "company"


def test_name_key_ignores_spacing() -> None:
    assert norm.name_key("C A BEEF") == norm.name_key("CA Beef")


def test_street_unifies_abbreviations_and_drops_units() -> None:
    assert norm.street("227 West Jefferson Boulevard") == norm.street("227 W JEFFERSON BLVD")
    assert norm.street("5801 W CHICAGO AVE  1ST") == "5801 w chicago ave"
    assert norm.street("5700 W CHICAGO AVE 1 #") == norm.street("5700 W Chicago Avenue")
    assert norm.street("100 N State St, Suite 200") == "100 n state st"
    assert norm.street("100 N State St Ste. 4") == "100 n state st"
    assert norm.street("12 Oak Street Unit B") == "12 oak st"
    assert norm.street("12 Oak St Apt 3") == "12 oak st"
    assert norm.street("5600 W CHICAGO AVE # 1ST") == "5600 w chicago ave"
    assert norm.street("5605 W Chicago Ave") != norm.street("5609 W Chicago Ave")


def test_phone_formats_agree() -> None:
    assert norm.phone_digits("574-232-2277") == norm.phone_digits("5742322277") == "5742322277"
    assert norm.phone_digits("(574) 232-2277") == "5742322277"
    assert norm.phone_digits("+1 574.232.2277") == "5742322277"
    assert norm.phone_digits("574-232-2277 ext. 12") == "5742322277"
    assert norm.phone_digits("12") == ""


def test_zip5() -> None:
    assert norm.zip5("60651-1234") == "60651"
    assert norm.zip5("606") == ""


def test_tidy_caps_only_changes_all_capitals() -> None:
    assert norm.tidy_caps("FREEDOM TAX SERVICES INC") == "Freedom Tax Services Inc"
    assert norm.tidy_caps("BETTY'S DAY CARE ACADEMY, INC.") == "Betty's Day Care Academy, Inc."
    assert norm.tidy_caps("5801 W CHICAGO AVE 1ST") == "5801 W Chicago Ave 1st"
    assert norm.tidy_caps("ACME LLC") == "Acme LLC"
    assert norm.tidy_caps("McDonald's of Oak Park") == "McDonald's of Oak Park"
    assert norm.tidy_caps("60651") == "60651"


_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
) | st.sampled_from(
    [
        "The Acme Co Inc",
        "5801 W CHICAGO AVE  1ST",
        "Suite 5",
        "# 1",
        "co inc",
        "the the",
        "1-574-232-2277 x5",
        "Avenue Ave",
        "ÉCOLE & Café, LLC",
    ]
)


@given(_text)
def test_every_normaliser_is_idempotent(value: str) -> None:
    for f in (
        norm.fold,
        norm.business_name,
        norm.name_key,
        norm.street,
        norm.phone_digits,
        norm.zip5,
        norm.person_name,
        norm.tidy_caps,
    ):
        once = f(value)
        assert f(once) == once, f.__name__
