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
    """One device's clock. Persist `last`, `ahead_lo` and `ahead_hi`.

    `ahead_lo`..`ahead_hi` is the range of stamps issued past the clock by
    `now_after` (0 when none): the clock skips over it once it gets there, so
    no stamp is ever issued twice, yet those stamps never move the clock.
    """

    def __init__(
        self,
        last: int = 0,
        max_skew_ms: int = DEFAULT_MAX_SKEW_MS,
        ahead_lo: int = 0,
        ahead_hi: int = 0,
    ) -> None:
        if last < 0:
            raise ValueError("a clock cannot start before zero")
        self.last = last
        self.max_skew_ms = max_skew_ms
        self.ahead_lo = ahead_lo
        self.ahead_hi = ahead_hi

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
        if self.ahead_lo and stamp >= self.ahead_lo:
            stamp = max(stamp, self.ahead_hi + 1)
            self.ahead_lo = self.ahead_hi = 0
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

        Used when the user edits a field whose value carries a stamp from a
        laptop with a clock far ahead: the edit must win everywhere, since the
        user saw the value they replaced. Such a stamp is issued from a
        separate range just past `floor` and does not move the clock.
        """
        stamp = self.now(wall_ms)
        if stamp > floor:
            return stamp
        ahead = max(floor, self.ahead_hi) + 1
        if not self.ahead_lo:
            self.ahead_lo = ahead
        self.ahead_hi = ahead
        return ahead


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
