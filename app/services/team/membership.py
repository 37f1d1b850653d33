"""Whether this store belongs to a team: asked at every start by the sync indicator, so
it is kept apart from the team service, whose keys, keyring and share code it does not
need."""

from __future__ import annotations

from app.core.models.team_sync import SyncTeam
from app.store.engine import Store


def team(store: Store) -> SyncTeam | None:
    """This store's team (its folder and id), or None before it joined or made one."""
    with store.session() as session:
        return session.get(SyncTeam, 1)


__all__ = ["team"]
