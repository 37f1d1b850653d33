"""Team sync as the app and the command line use it: create, join, export the key, sync, status.

Every function here may touch the share, so the UI calls them from a worker
thread; none of them waits on the share longer than the transport's timeout.
Errors come as `TeamError` with a message in the user's words.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import func, select

from app.core.ids import new_id
from app.core.models.team_sync import SyncCursor, SyncPublished, SyncTeam
from app.services.team import computers
from app.services.team.membership import team
from app.store.engine import Store
from app.sync import keys as team_keys
from app.sync.changes import device_id, local_changes
from app.sync.engine import SyncSummary, sync_once
from app.sync.folder import FolderTransport
from app.sync.keys import Custody, TeamKeys
from app.sync.segment import Kind
from app.sync.share_calls import ShareClock
from app.sync.smb import SmbTransport, is_unc, parse_unc, save_password
from app.sync.transport import ShareError, Transport


class TeamError(Exception):
    """A team operation that cannot go ahead, said plainly."""


@dataclass(frozen=True)
class KeyNotice:
    """Where the key is kept now, and what the user must know about it."""

    team_id: str
    key_id: str
    custody: Custody

    @property
    def message(self) -> str:
        if self.custody is Custody.KEYRING:
            return "The team key is kept in this computer's keyring."
        return team_keys.SESSION_ONLY_NOTICE


@dataclass
class DeviceStatus:
    device_id: str
    is_me: bool
    last_seen: datetime | None
    #: Segments on the share this store has not applied yet (None: share not reached).
    segments_waiting: int | None
    changes_applied: int
    #: "Person — computer name" once that computer has written its row ("" before).
    label: str = ""


@dataclass
class TeamStatus:
    in_team: bool
    team_id: str = ""
    folder: str = ""
    device_id: str = ""
    key: Custody | None = None
    reachable: bool = False
    unreachable_reason: str = ""
    #: This device's changes not yet published.
    changes_to_publish: int = 0
    devices: list[DeviceStatus] = field(default_factory=list)
    last_sync_at: datetime | None = None
    last_summary: dict = field(default_factory=dict)


def _uses_smb(folder: str, smb_user: str) -> bool:
    return bool(smb_user) and is_unc(folder)


def transport_for(
    store: Store,
    folder: str | None = None,
    *,
    timeout: float | None = None,
    clock: ShareClock | None = None,
) -> Transport:
    """The transport for the team's folder (or `folder`, overriding it for this call).

    `clock` measures each share call's bound (the app's own, so quitting can cut it short).
    """
    row = team(store)
    target = folder or (row.folder if row else "")
    if not target:
        raise TeamError("No shared folder is set: create or join a team first.")
    transport = _make_transport(target, row.smb_user if row else "", timeout=timeout)
    if clock is not None:
        transport.clock = clock
    return transport


def _make_transport(
    folder: str, smb_user: str, smb_password: str | None = None, timeout: float | None = None
) -> Transport:
    kwargs = {"timeout": timeout} if timeout else {}
    if _uses_smb(folder, smb_user):
        return SmbTransport(folder, smb_user, smb_password, **kwargs)
    return FolderTransport(Path(folder), **kwargs)


def keys_for(store: Store) -> TeamKeys:
    row = team(store)
    if row is None:
        return TeamKeys(None)
    return TeamKeys(team_keys.load_key(row.team_id))


def _save_team(store: Store, team_id: str, folder: str, key_id: str, smb_user: str) -> None:
    with store.transaction() as session:
        row = session.get(SyncTeam, 1) or SyncTeam(team_id=team_id)
        row.team_id = team_id
        row.folder = folder
        row.key_id = key_id
        row.smb_user = smb_user
        row.transport = "smb" if _uses_smb(folder, smb_user) else "folder"
        session.add(row)


def _check_reachable(transport: Transport) -> None:
    try:
        transport.check()
    except ShareError as exc:
        raise TeamError(f"{exc}. Connect to the office network or choose another folder.") from exc


def _smb_login(folder: str, smb_user: str, smb_password: str | None) -> bool:
    """Keep the SMB password given; False when it is kept for this session only (no keyring)."""
    if smb_user and smb_password is not None and is_unc(folder):
        return save_password(smb_user, parse_unc(folder).server, smb_password)
    return True


def create_team(
    store: Store, folder: str, *, smb_user: str = "", smb_password: str | None = None
) -> KeyNotice:
    """Make a new team on this device: a new key, kept in the keyring, and the folder."""
    existing = team(store)
    if existing is not None:
        raise TeamError(
            f"This store already belongs to team {existing.team_id}; it cannot start another."
        )
    _smb_login(folder, smb_user, smb_password)
    _check_reachable(_make_transport(folder, smb_user, smb_password))
    team_id = new_id()
    key = team_keys.new_key()
    custody = team_keys.save_key(team_id, key)
    _save_team(store, team_id, folder, team_keys.key_id_of(key), smb_user)
    return KeyNotice(team_id, team_keys.key_id_of(key), custody)


def export_key(store: Store, out: Path, passphrase: str) -> Path:
    """Write the team key, wrapped under `passphrase`, for another laptop to join."""
    row = team(store)
    if row is None:
        raise TeamError("This store is not in a team yet: create or join one first.")
    key = team_keys.load_key(row.team_id)
    if key is None:
        raise TeamError(
            "This computer does not hold the team key (it was kept for one session only, "
            "or never imported). Export it from another team member's computer."
        )
    try:
        return team_keys.export_key_file(out, passphrase, team_id=row.team_id, key=key)
    except team_keys.TeamKeyError as exc:
        raise TeamError(str(exc)) from exc


def join_team(
    store: Store,
    folder: str,
    key_file: Path,
    passphrase: str,
    *,
    smb_user: str = "",
    smb_password: str | None = None,
) -> KeyNotice:
    """Join the team whose key file this is; the folder is remembered for syncing."""
    try:
        imported = team_keys.import_key_file(key_file, passphrase)
    except team_keys.TeamKeyError as exc:
        raise TeamError(str(exc)) from exc
    existing = team(store)
    if existing is not None and existing.team_id != imported.team_id:
        raise TeamError(
            f"This store already belongs to team {existing.team_id}; the key file is for "
            f"team {imported.team_id}."
        )
    _smb_login(folder, smb_user, smb_password)
    custody = team_keys.save_key(imported.team_id, imported.key)
    _save_team(store, imported.team_id, folder, imported.key_id, smb_user)
    return KeyNotice(imported.team_id, imported.key_id, custody)


def use_key_file(store: Store, key_file: Path, passphrase: str) -> KeyNotice:
    """Load the team key from a key file for this session (no keyring, or a new keyring)."""
    row = team(store)
    if row is None:
        raise TeamError("This store is not in a team yet: join one with the key file.")
    return join_team(store, row.folder, key_file, passphrase, smb_user=row.smb_user)


def set_folder(
    store: Store, folder: str, smb_user: str | None = None, smb_password: str | None = None
) -> bool:
    """Point the team at another folder (and SMB user name and password, when given).

    Returns False when the password could only be kept for this session (no secure keyring).
    """
    row = team(store)
    if row is None:
        raise TeamError("This store is not in a team yet: create or join one first.")
    user = row.smb_user if smb_user is None else smb_user
    _save_team(store, row.team_id, folder, row.key_id, user)
    return _smb_login(folder, user, smb_password)


def sync_now(
    store: Store,
    folder: str | None = None,
    *,
    on_segment: Callable[[str, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout: float | None = None,
    clock: ShareClock | None = None,
) -> SyncSummary:
    """Publish and pull once. Never raises for share problems: they are in the summary.

    The one sync path of the command line and the app. For a worker thread:
    `on_segment(device, seq)` reports progress after each segment applied,
    `should_stop()` is asked before each one so the user can cancel, and `clock`
    bounds each share call (see `transport_for`).
    """
    row = team(store)
    if row is None:
        summary = SyncSummary(device_id=device_id(store))
        summary.errors.append("This store is not in a team yet: create or join one first.")
        return summary
    computers.record_this_computer(store)
    transport = transport_for(store, folder, timeout=timeout, clock=clock)
    try:
        return sync_once(
            store, transport, keys_for(store), on_segment=on_segment, should_stop=should_stop
        )
    finally:
        close = getattr(transport, "close", None)
        if close:
            close()


def _to_publish(store: Store) -> int:
    with store.session() as session:
        after = session.exec(
            select(func.max(SyncPublished.last_local_seq)).where(
                SyncPublished.kind == int(Kind.CHANGES)
            )
        ).one()
    return len(local_changes(store, int(after or 0)))


def local_status(store: Store) -> TeamStatus:
    """What this store knows of its team without asking the share (no devices, not reachable)."""
    row = team(store)
    me = device_id(store)
    if row is None:
        return TeamStatus(in_team=False, device_id=me, changes_to_publish=_to_publish(store))
    return TeamStatus(
        in_team=True,
        team_id=row.team_id,
        folder=row.folder,
        device_id=me,
        key=team_keys.custody(row.team_id),
        changes_to_publish=_to_publish(store),
        last_sync_at=row.last_sync_at,
        last_summary=json.loads(row.last_summary) if row.last_summary else {},
    )


def status(
    store: Store, *, timeout: float | None = None, clock: ShareClock | None = None
) -> TeamStatus:
    """Team, devices (last seen, segments waiting) and whether the folder answers now."""
    out = local_status(store)
    if not out.in_team:
        return out
    me = out.device_id
    with store.session() as session:
        known = {c.device_id: c for c in session.exec(select(SyncCursor)).all()}
    labels = computers.computer_labels(store)
    transport = transport_for(store, timeout=timeout, clock=clock)
    on_share: list[str] = []
    try:
        transport.check()
        on_share, _ = transport.devices()
        out.reachable = True
    except ShareError as exc:
        out.unreachable_reason = str(exc)
    for dev in sorted(set(known) | set(on_share) | {me}):
        cursor = known.get(dev)
        waiting: int | None = None
        if out.reachable and dev != me:
            try:
                files = transport.listing(dev, Kind.CHANGES).files
                waiting = len([s for s in files if s > (cursor.seq if cursor else 0)])
            except ShareError:
                waiting = None
        out.devices.append(
            DeviceStatus(
                device_id=dev,
                is_me=dev == me,
                last_seen=cursor.last_seen_at if cursor else None,
                segments_waiting=0 if dev == me else waiting,
                changes_applied=cursor.changes_applied if cursor else 0,
                label=labels.get(dev, ""),
            )
        )
    close = getattr(transport, "close", None)
    if close:
        close()
    return out


__all__ = [
    "DeviceStatus",
    "KeyNotice",
    "TeamError",
    "TeamStatus",
    "create_team",
    "local_status",
    "export_key",
    "join_team",
    "keys_for",
    "set_folder",
    "status",
    "sync_now",
    "team",
    "transport_for",
    "use_key_file",
]
