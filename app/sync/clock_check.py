"""Whose clock is wrong? Judged against the share's file times and the team's majority.

A stamp far ahead of ours means one of two computers is off, and the stamp alone
cannot say which. Two other witnesses can:

- **the share's file times**: a file's modification time comes from the machine
  that wrote it (or the file server). A file on the share stamped later than our
  clock says now cannot come from the future, so our clock is behind; a file we
  have just written, stamped well before our clock, says our clock is ahead.
- **the team's majority**: when most other computers' newest changes are stamped
  ahead of our clock, we are the odd one out.

A computer judged off is told so on that computer, and does not blame the others
for its own clock. Small differences (under `OFF_MS`) are left alone.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from sqlalchemy import text

from app.store.engine import Store

#: How far off a clock must be before this computer is told to set it.
OFF_MS = 3_600_000
_YEAR_MS = 365 * 24 * 3_600_000


@dataclass
class ClockEvidence:
    """Times in POSIX milliseconds; `now_ms` is this computer's clock."""

    now_ms: int
    #: Share times of files this computer has just written.
    own_written_ms: list[int] = field(default_factory=list)
    #: Share times of files other computers wrote (none can be in the future).
    others_written_ms: list[int] = field(default_factory=list)
    #: Newest change stamp of every other computer.
    peers_ms: dict[str, int] = field(default_factory=dict)


def offset(e: ClockEvidence) -> int | None:
    """How far (ms) the true time is ahead of our clock (negative: we are ahead),
    when the witnesses agree we are off by more than OFF_MS; else None."""
    votes = [t - e.now_ms for t in e.own_written_ms if abs(t - e.now_ms) > OFF_MS]
    votes += [t - e.now_ms for t in e.others_written_ms if t - e.now_ms > OFF_MS]
    ahead = [t - e.now_ms for t in e.peers_ms.values() if t - e.now_ms > OFF_MS]
    if len(e.peers_ms) >= 2 and len(ahead) * 2 > len(e.peers_ms):
        votes.append(int(statistics.median(ahead)))
    if not votes:
        return None
    return int(statistics.median(votes))


#: Each device in the journal, then its newest stamp: two seeks in the (device, hlc)
#: index per device, where GROUP BY read every change ever kept on every sync.
_NEWEST_PER_DEVICE = """
WITH RECURSIVE devices(device) AS (
    SELECT min(device) FROM change
    UNION ALL
    SELECT (SELECT min(device) FROM change WHERE device > devices.device)
    FROM devices WHERE devices.device IS NOT NULL
)
SELECT device, (SELECT max(hlc) FROM change WHERE change.device = devices.device)
FROM devices WHERE device IS NOT NULL AND device != :me
"""


def peers_newest(store: Store, me: str) -> dict[str, int]:
    """Newest stamp (physical ms) of every other device in the journal."""
    from app.core import hlc

    with store.engine.connect() as conn:
        rows = conn.execute(text(_NEWEST_PER_DEVICE), {"me": me}).all()
    return {str(d): hlc.physical_ms(int(h)) for d, h in rows if h}


def describe(off_ms: int) -> str:
    """'about 20 years' / 'about 3 hours' / 'about 2 days'."""
    size = abs(off_ms)
    if size >= _YEAR_MS:
        amount, unit = round(size / _YEAR_MS), "year"
    elif size >= 86_400_000:
        amount, unit = round(size / 86_400_000), "day"
    elif size >= 3_600_000:
        amount, unit = round(size / 3_600_000), "hour"
    else:
        amount, unit = round(size / 60_000), "minute"
    return f"about {amount} {unit}{'' if amount == 1 else 's'}"


def warning(off_ms: int) -> str:
    """What this computer's user is told when its own clock is off."""
    way = "behind" if off_ms > 0 else "ahead of"
    return (
        f"This computer's clock is {describe(off_ms)} {way} the shared folder's and the "
        "other computers' clocks. Set this computer's date and time: until then, records "
        "made here get wrong dates and its edits lose to older ones."
    )


__all__ = ["OFF_MS", "ClockEvidence", "describe", "offset", "peers_newest", "warning"]
