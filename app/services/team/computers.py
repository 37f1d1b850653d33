"""Computers of the team named by the person who uses them and their own name.

The share and the sync journal know a computer only by its device id. Before each sync
this computer writes (or refreshes) its own `team_computer` row, which then travels to
the others; the Sync page reads the rows to say "Rosa Delgado — LV-DESK-04".
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from sqlmodel import select

from app.core.ids import utcnow
from app.core.models import Staff
from app.core.models.computers import TeamComputer, device_label
from app.services.agency import settings
from app.store.engine import Store
from app.sync.changes import device_id


def _user_and_host(
    store: Store, host_name: Callable[[], str] | None
) -> tuple[Staff | None, str, str]:
    """The BSR of this store (if set up), their name, and this computer's name."""
    me = settings.me(store)
    return me, (me.name if me else ""), (host_name or socket.gethostname)().strip()


def record_this_computer(store: Store, host_name: Callable[[], str] | None = None) -> None:
    """Write this computer's row when it is missing or says something else now."""
    me, person, name = _user_and_host(store, host_name)
    device = device_id(store)
    with store.transaction() as session:
        row = session.get(TeamComputer, device)
        if row is None:
            row = TeamComputer(id=device)
        elif (row.staff_id, row.person, row.computer_name) == (me and me.id, person, name):
            return
        row.staff_id = me.id if me else None
        row.person = person
        row.computer_name = name
        row.updated_at = utcnow()
        session.add(row)


def computer_labels(store: Store) -> dict[str, str]:
    """Device id -> "Person — computer name", for every computer that wrote its row.

    The person's current name is taken from the staff record when it is here.
    """
    with store.session() as session:
        staff = {s.id: s.name for s in session.exec(select(Staff))}
        rows = session.exec(select(TeamComputer).where(TeamComputer.deleted_at.is_(None))).all()
        out = {}
        for row in rows:
            person = staff.get(row.staff_id or "", "") or row.person
            label = device_label(person, row.computer_name)
            if label:
                out[row.id] = label
        return out


def this_computer(store: Store, host_name: Callable[[], str] | None = None) -> str:
    """This computer as the team will read it, before its row was ever written."""
    _me, person, name = _user_and_host(store, host_name)
    return device_label(person, name)
