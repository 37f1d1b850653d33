"""Changes from colleagues' computers that were set aside instead of applied.

A change that breaks a rule (see `app.sync.quarantine`) is kept, with the device it
came from and the reason, so the Sync page and `team status` can show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.team.record_labels import field_title, record_labels
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
    labels = record_labels(store, [(r.tbl, r.row_id) for r in rows if r.tbl])
    return [
        QuarantinedChange(
            device_id=r.device_id,
            segment=r.seq,
            what=f"{labels.get((r.tbl, r.row_id), r.row_id)}: {field_title(r.col)}"
            if r.tbl
            else "(not a change)",
            reason=r.reason,
            quarantined_at=r.quarantined_at,
        )
        for r in rows
    ]


__all__ = ["QuarantinedChange", "quarantined"]
