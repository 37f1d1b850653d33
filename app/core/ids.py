"""Identifiers and clocks shared by every table."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from datetime import UTC, datetime

_lock = threading.Lock()
#: The last (milliseconds << 12 | sequence) handed out: ids made later sort after it.
_last = 0


def _reserve(count: int) -> int:
    """The first of `count` consecutive 60-bit time-and-sequence prefixes, never reused.

    Within one millisecond the 12-bit sequence counts up; past 4096 ids it borrows
    the next millisecond, so a batch of 100k ids runs about 25 ms ahead of the clock.
    """
    global _last
    with _lock:
        start = max(time.time_ns() // 1_000_000 << 12, _last + 1)
        _last = start + count - 1
    return start


def _format(prefix: int, tail: int) -> str:
    # 48-bit ms | version 7 | 12-bit sequence | variant 10 | 62 random bits (RFC 9562).
    value = (prefix >> 12) << 80 | 0x7 << 76 | (prefix & 0xFFF) << 64 | 0b10 << 62 | tail
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_ids(count: int) -> list[str]:
    """`count` time-ordered UUIDv7s as text, each sorting after the one before."""
    if count <= 0:
        return []
    start = _reserve(count)
    noise = os.urandom(8 * count)
    mask = (1 << 62) - 1
    return [
        _format(start + i, int.from_bytes(noise[8 * i : 8 * i + 8], "big") & mask)
        for i in range(count)
    ]


def new_id() -> str:
    """A time-ordered UUIDv7 as text: sortable, unique across laptops without coordination."""
    return new_ids(1)[0]


#: When every reference row (an office, a program seeded from forms/) is said to be made:
#: the same on every computer, so two computers seeding one code make the same row.
REFERENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def reference_id(table: str, code: str) -> str:
    """The id of the reference row with `code` (an office, a program), the same on every
    computer: shaped like the UUIDv7s of other rows, with time zero, so it sorts first."""
    digest = hashlib.sha256(f"employer-desk/{table}/{code}".encode()).digest()
    sequence = int.from_bytes(digest[:2], "big") & 0xFFF
    tail = int.from_bytes(digest[2:10], "big") & ((1 << 62) - 1)
    return _format(sequence, tail)


def utcnow() -> datetime:
    """Now, timezone-aware in UTC: stored as UTC, shown in America/Chicago."""
    return datetime.now(UTC)
