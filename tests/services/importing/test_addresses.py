"""Packed addresses split into street, city, state and ZIP, however long the street part."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.importing.addresses import Address, _split_general, split_address


@pytest.mark.parametrize(
    ("packed", "parts"),
    [
        ("5801 W Chicago Ave", Address("5801 W Chicago Ave")),
        ("123 Main St, Chicago, IL 60601", Address("123 Main St", "Chicago", "IL", "60601")),
        (
            "2400 S Kedzie Ave, Suite 4, Chicago, Illinois 60623-1234",
            Address("2400 S Kedzie Ave, Suite 4", "Chicago", "IL", "60623-1234"),
        ),
        (
            "1 Pennsylvania Ave, Washington, District of Columbia 20500",
            Address("1 Pennsylvania Ave", "Washington", "DC", "20500"),
        ),
        ("4400 W Ogden Ave Cicero IL 60804", Address("4400 W Ogden Ave", "Cicero", "IL", "60804")),
    ],
)
def test_known_shapes(packed: str, parts: Address) -> None:
    assert split_address(packed) == parts


_WORDS = st.lists(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#.",
        min_size=1,
        max_size=12,
    ),
    min_size=1,
    max_size=40,
)


@given(_WORDS)
def test_state_and_zip_are_found_after_a_street_of_any_length(words: list[str]) -> None:
    street = " ".join(words)
    found = split_address(f"{street}, Chicago, IL 60601")
    assert (found.city, found.state, found.zip_code) == ("Chicago", "IL", "60601")
    assert found.street == street.rstrip(" ,")


_PIECE = st.text(alphabet="AbcNw 1#.,-'", min_size=0, max_size=14)


@given(
    street=_PIECE,
    city=_PIECE,
    state=st.sampled_from(["IL", "IN", "NY", "DC", "XX", "il", "Il", "ILL", "Illinois"]),
    zip_code=st.sampled_from(["60601", "60623-1234", "6060", "606011"]),
    joints=st.tuples(*[st.sampled_from([", ", ",", " ", " , ", ",  "])] * 2),
)
def test_the_common_shape_reads_as_the_general_reading_does(
    street: str, city: str, state: str, zip_code: str, joints: tuple[str, str]
) -> None:
    """'street, city, ST 12345' is read by one pattern first; whatever the pieces hold
    (commas, blanks, a state that is no state), the parts must be the general reading's."""
    packed = f"{street}{joints[0]}{city}{joints[1]}{state} {zip_code}"
    text = " ".join(packed.split())
    assert split_address(packed) == (_split_general(text) if text else Address(""))
