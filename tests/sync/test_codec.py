"""Field values survive the trip through JSON with their Python types."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.store import codec

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(),
    st.floats(allow_nan=False),
    st.datetimes(timezones=st.just(UTC)),
    st.dates(),
    st.times(),
    st.binary(max_size=64),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(VALUES)
def test_every_value_round_trips_with_its_type(value: object) -> None:
    back = codec.decode(codec.encode(value))
    assert back == value
    assert type(back) is type(value)


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-6))])))
def test_datetimes_come_back_aware_in_utc_at_the_same_instant(value: datetime) -> None:
    back = codec.decode(codec.encode(value))
    assert back == value
    assert back.tzinfo is UTC


def test_a_naive_datetime_is_taken_as_utc() -> None:
    back = codec.decode(codec.encode(datetime(2026, 11, 28, 9, 30)))
    assert back == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def test_a_row_with_every_column_type_round_trips() -> None:
    row = {
        "id": "01a2",
        "created_at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "due_on": date(2026, 12, 1),
        "done": False,
        "employees_total": 40,
        "deleted_at": None,
        "notes": 'Quote " and {"$ed.dt": "x"} as text',
        "starts": time(9, 30),
    }
    assert codec.decode(codec.encode(row)) == row


def test_unsupported_types_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match="cannot encode"):
        codec.encode(object())


def test_a_change_read_from_a_segment_journals_its_value_as_it_travelled() -> None:
    """Applying stores the value it received, not a decode and re-encode of it: the text
    must be the one the sending device's journal holds."""
    from app.sync.changes import Change

    value = {
        "id": "r1",
        "created_at": datetime(2026, 3, 1, 14, 5, tzinfo=UTC),
        "due_on": date(2026, 3, 9),
        "notes": "Café, 2nd floor",
        "count": 3,
        "ratio": 0.25,
        "gone": None,
    }
    made = Change(7, "dev", "employer", "r1", "*", value)
    read = Change.from_json(made.to_json())
    assert read == made
    assert read.encoded_value() == made.encoded_value() == codec.encode(value)
    assert codec.decode(read.encoded_value()) == value
