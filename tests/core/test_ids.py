"""Record ids: UUIDv7 text, unique, each sorting after the one made before it."""

from __future__ import annotations

import time
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.ids import new_id, new_ids


def test_ids_are_version_7_with_the_rfc_variant_and_the_current_time() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(new_id())
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= time.time_ns() // 1_000_000 + 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=600), min_size=1, max_size=5))
def test_ids_sort_in_the_order_they_were_made(batches: list[int]) -> None:
    made: list[str] = []
    for size in batches:
        made.extend(new_ids(size))
        made.append(new_id())
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert all(len(i) == 36 and str(uuid.UUID(i)) == i for i in made)


def test_a_large_batch_stays_close_to_the_clock() -> None:
    new_ids(100_000)
    ahead = (uuid.UUID(new_id()).int >> 80) - time.time_ns() // 1_000_000
    assert ahead <= 100  # milliseconds: 4096 ids a millisecond before borrowing the next one
