"""The hybrid logical clock: never backwards, follows wall time, resists a bad clock."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.hlc import DEFAULT_MAX_SKEW_MS, MAX_COUNTER, HybridClock, pack, physical_ms, unpack

WALL = st.integers(min_value=0, max_value=2**40)
HOUR = 3_600_000


@given(st.lists(st.tuples(st.booleans(), WALL, WALL), min_size=1, max_size=200))
def test_stamps_strictly_increase_whatever_the_wall_clock_and_remote_stamps(
    steps: list[tuple[bool, int, int]],
) -> None:
    clock = HybridClock()
    issued: list[int] = []
    for is_local, wall, remote in steps:
        if is_local:
            issued.append(clock.now(wall))
        else:
            clock.observe(pack(remote), wall)
    assert all(a < b for a, b in zip(issued, issued[1:], strict=False))


@given(st.lists(st.tuples(WALL, WALL), min_size=1, max_size=100))
def test_a_stamp_made_after_observing_sorts_after_the_observed_stamp(
    pairs: list[tuple[int, int]],
) -> None:
    clock = HybridClock()
    for wall, remote_ms in pairs:
        remote = pack(remote_ms, 7)
        flagged = clock.observe(remote, wall)
        stamp = clock.now(wall)
        assert flagged == (remote_ms > wall + DEFAULT_MAX_SKEW_MS)
        if not flagged:
            assert stamp > remote


@given(WALL, st.integers(min_value=1, max_value=200))
def test_stamps_follow_a_wall_clock_that_moves_on(start: int, step: int) -> None:
    clock = HybridClock()
    for i in range(20):
        stamp = clock.now(start + i * step)
        assert physical_ms(stamp) == start + i * step


@given(WALL)
@settings(max_examples=20)
def test_counter_carries_into_the_next_millisecond(wall: int) -> None:
    clock = HybridClock(last=pack(wall, MAX_COUNTER - 1))
    a = clock.now(wall)
    b = clock.now(wall)
    assert unpack(a) == (wall, MAX_COUNTER)
    assert unpack(b) == (wall + 1, 0)


def test_a_stamp_two_hours_ahead_is_flagged_and_does_not_drag_the_clock() -> None:
    wall = 1_800_000_000_000
    clock = HybridClock(last=pack(wall - 1000))
    remote = pack(wall + 2 * HOUR)
    assert clock.observe(remote, wall) is True
    assert physical_ms(clock.now(wall)) == wall
    assert clock.now(wall) < remote


def test_a_device_twenty_years_behind_flags_the_team_and_the_team_does_not_flag_it() -> None:
    real = 1_800_000_000_000
    behind = real - 20 * 365 * 24 * HOUR
    laggard = HybridClock()
    team = HybridClock()
    old = laggard.now(behind)
    # Seen from the laggard, everyone is far in the future: flagged, clock kept.
    assert laggard.observe(team.now(real), behind) is True
    assert physical_ms(laggard.now(behind)) == behind
    # Seen from the team, the laggard's stamps are merely old: applied, nothing flagged.
    assert team.observe(old, real) is False
    assert team.now(real) > old


def test_now_after_moves_past_a_future_floor_without_moving_the_clock() -> None:
    wall = 1_800_000_000_000
    clock = HybridClock()
    future = pack(wall + 2 * HOUR, 3)
    assert clock.now_after(future, wall) > future
    assert physical_ms(clock.now(wall + 1)) == wall + 1


OPS = st.lists(
    st.tuples(
        st.sampled_from(["now", "observe", "after"]),
        st.integers(min_value=0, max_value=5000),
        st.integers(min_value=0, max_value=20_000),
    ),
    min_size=1,
    max_size=300,
)


@given(OPS)
def test_no_stamp_is_ever_issued_twice_and_now_after_beats_its_floor(ops) -> None:
    """Also across restarts: the persisted fields alone carry the guarantee."""
    clock = HybridClock(max_skew_ms=100)
    issued: list[int] = []
    plain: list[int] = []
    wall = 1_000_000
    for op, step, offset in ops:
        wall += step % 50
        if op == "now":
            plain.append(clock.now(wall))
            issued.append(plain[-1])
        elif op == "observe":
            clock.observe(pack(wall + offset - 2000), wall)
        else:
            floor = pack(wall + offset)
            stamp = clock.now_after(floor, wall)
            assert stamp > floor
            issued.append(stamp)
        clock = HybridClock(clock.last, 100, clock.ahead_lo, clock.ahead_hi)
    assert len(set(issued)) == len(issued)
    assert all(a < b for a, b in zip(plain, plain[1:], strict=False))


def test_pack_refuses_impossible_readings() -> None:
    import pytest

    with pytest.raises(ValueError):
        pack(-1)
    with pytest.raises(ValueError):
        pack(1, MAX_COUNTER + 1)
