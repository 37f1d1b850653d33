"""Changes from colleagues' computers that were set aside instead of applied.

A change that breaks a rule (see `app.sync.quarantine`) is kept, with the device it
came from and the reason, so the Sync page and `team status` can show it. Once a
person has looked, they dismiss it: it stays listed as dismissed (who, when) and no
longer makes `sync` ask for attention. It is never applied.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime

from app.core.ids import utcnow
from app.services.agency import settings
from app.services.team.computers import computer_labels
from app.services.team.record_labels import field_title, record_labels, table_title
from app.store.engine import Store
from app.sync import quarantine


class UnknownChange(ValueError):
    """An id that names no set-aside change on this computer."""


@dataclass(frozen=True)
class QuarantinedChange:
    """One set-aside change as a person reads it."""

    id: int
    device_id: str
    segment: int
    #: The table's readable name ("Employer"), empty when the record was not a change.
    table: str
    what: str
    reason: str
    quarantined_at: datetime
    dismissed_at: datetime | None = None
    dismissed_by: str = ""
    #: "Person — computer name" as that computer wrote it; empty until it has.
    computer: str = ""

    @property
    def sender(self) -> str:
        """The computer as a person knows it, its short id when it has not said who it is."""
        return self.computer or f"computer {self.device_id[-8:]}"

    @property
    def dismissed(self) -> bool:
        return self.dismissed_at is not None

    def dropping(self) -> str:
        """What dismissing it drops, in one sentence (for the confirmation)."""
        return (
            f"The change from {self.sender} (device {self.device_id}, "
            f"file {self.segment}) to {self.what}, set aside "
            f"because {self.reason}. It will never be applied on this computer."
        )


def quarantined(store: Store, limit: int = 500) -> list[QuarantinedChange]:
    """The changes set aside on this computer, dismissed ones included, newest first."""
    with store.session() as session:
        rows = quarantine.listed(session, limit)
    labels = record_labels(store, [(r.tbl, r.row_id) for r in rows if r.tbl])
    computers = computer_labels(store)
    return [
        QuarantinedChange(
            id=int(r.id or 0),
            device_id=r.device_id,
            segment=r.seq,
            table=table_title(r.tbl) if r.tbl else "",
            what=f"{labels.get((r.tbl, r.row_id), r.row_id)}: {field_title(r.col)}"
            if r.tbl
            else "(not a change)",
            reason=r.reason,
            quarantined_at=r.quarantined_at,
            dismissed_at=r.dismissed_at,
            dismissed_by=r.dismissed_by,
            computer=computers.get(r.device_id, ""),
        )
        for r in rows
    ]


def waiting(store: Store) -> int:
    """Set-aside changes nobody has dismissed yet."""
    with store.session() as session:
        return quarantine.count(session)


def who(store: Store) -> str:
    """Who is dismissing: the BSR of this store, else the computer's user name."""
    me = settings.me(store)
    if me is not None and me.name:
        return me.name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "this computer's user"


def dismiss(store: Store, ids: list[int], by: str | None = None) -> int:
    """Dismiss these set-aside changes (kept and listed, never applied); how many were
    dismissed now. Unknown ids raise UnknownChange and nothing changes."""
    by = by or who(store)
    try:
        with store.transaction() as session:
            return len(quarantine.dismiss(session, ids, by, utcnow()))
    except KeyError as exc:
        shown = ", ".join(str(i) for i in exc.args[0])
        raise UnknownChange(f"no set-aside change numbered {shown} on this computer") from exc


__all__ = ["QuarantinedChange", "UnknownChange", "dismiss", "quarantined", "waiting", "who"]
