"""A hybrid logical clock: stamps that follow wall time yet never go backwards.

A stamp is one integer, `(physical_ms << 16) | counter`, so stamps compare
as plain ints and sort in the order the device made them. The physical part
follows the wall clock; the counter orders events within one millisecond
(and carries into the millisecond when 65,536 events share one).

Observing another device's stamp pulls our clock up to it, so a change made
after seeing a remote change always sorts after it (causality survives small
clock differences between laptops). A remote stamp further ahead of our wall
clock than `max_skew_ms` is the mark of a laptop with a wrong clock: the
change is still applied, but `observe` reports it and does NOT move our
clock, so one bad clock cannot drag the whole team into the future.

Pure: no I/O besides reading the wall clock when none is given.
"""

from __future__ import annotations

import time

COUNTER_BITS = 16
MAX_COUNTER = (1 << COUNTER_BITS) - 1
#: How far ahead of our wall clock a remote stamp may be before it is flagged.
DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000


def pack(physical_ms: int, counter: int = 0) -> int:
    """The stamp for a millisecond and a counter."""
    if physical_ms < 0 or not 0 <= counter <= MAX_COUNTER:
        raise ValueError(f"not a clock reading: {physical_ms} ms, counter {counter}")
    return (physical_ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    """(physical_ms, counter) of a stamp."""
    return stamp >> COUNTER_BITS, stamp & MAX_COUNTER


def physical_ms(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """One device's clock. `last` is the latest stamp issued or observed; persist it."""

    def __init__(self, last: int = 0, max_skew_ms: int = DEFAULT_MAX_SKEW_MS) -> None:
        if last < 0:
            raise ValueError("a clock cannot start before zero")
        self.last = last
        self.max_skew_ms = max_skew_ms

    def now(self, wall_ms: int | None = None) -> int:
        """A new stamp, strictly greater than every stamp issued or observed before."""
        wall = wall_clock_ms() if wall_ms is None else wall_ms
        last_ms, counter = unpack(self.last)
        if wall > last_ms:
            stamp = pack(wall, 0)
        elif counter < MAX_COUNTER:
            stamp = pack(last_ms, counter + 1)
        else:
            stamp = pack(last_ms + 1, 0)
        self.last = stamp
        return stamp

    def is_future(self, remote: int, wall_ms: int | None = None) -> bool:
        """Whether `remote` is further ahead of our wall clock than the allowed skew."""
        wall = wall_clock_ms() if wall_ms is None else wall_ms
        return physical_ms(remote) > wall + self.max_skew_ms

    def observe(self, remote: int, wall_ms: int | None = None) -> bool:
        """Take a remote stamp into account; True when it is flagged as far in the future.

        A flagged stamp leaves the clock untouched: the caller still applies the
        change, and shows the user that some laptop's clock is wrong.
        """
        if self.is_future(remote, wall_ms):
            return True
        if remote > self.last:
            self.last = remote
        return False

    def now_after(self, floor: int, wall_ms: int | None = None) -> int:
        """A new stamp greater than `floor` too, even when `floor` is a flagged future stamp.

        Used only when the user edits a field whose current value carries such a
        stamp: their edit must win everywhere, so it must sort after the value
        they replaced. This is the one case where a future stamp moves our clock.
        """
        if floor > self.last:
            self.last = floor
        return self.now(wall_ms)


__all__ = [
    "COUNTER_BITS",
    "DEFAULT_MAX_SKEW_MS",
    "MAX_COUNTER",
    "HybridClock",
    "pack",
    "physical_ms",
    "unpack",
    "wall_clock_ms",
]
