"""Changes from colleagues' computers that were set aside instead of applied.

A change that breaks a rule (see `app.sync.quarantine`) is kept, with the device it
came from and the reason, so the Sync page and `team status` can show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.store.engine import Store
from app.sync import quarantine


@dataclass(frozen=True)
class QuarantinedChange:
    """One set-aside change as a person reads it."""

    device_id: str
    segment: int
    what: str
    reason: str
    quarantined_at: datetime


def quarantined(store: Store, limit: int = 500) -> list[QuarantinedChange]:
    """The changes set aside on this computer, newest first."""
    with store.session() as session:
        rows = quarantine.listed(session, limit)
    return [
        QuarantinedChange(
            device_id=r.device_id,
            segment=r.seq,
            what=f"{r.tbl}.{r.col if r.col != '*' else '(new record)'} of {r.row_id}"
            if r.tbl
            else "(not a change)",
            reason=r.reason,
            quarantined_at=r.quarantined_at,
        )
        for r in rows
    ]


__all__ = ["QuarantinedChange", "quarantined"]
