"""Publish, pull and sync once: protocol v1 between this store and the shared folder.

- **Publish** puts this device's changes made since its last segment into one new
  segment (`seq` + 1, chained to the previous segment's hash) in its own folder.
  The local log (`sync_published`) is written only after the file exists; if the
  process dies in between, the next run finds the file, sees that it holds exactly
  our next unpublished changes, and adopts it: nothing is published twice.
- **Clone detection.** Our folder holding a segment this store did not write (a
  sequence past ours that is not our own interrupted publish, a file whose hash
  does not match our log, or a name taken when we publish) means this store file
  was copied from another machine. The store then takes a new device id: the
  changes it never published move to the new id and are published under it, the
  old id is treated as another device from where both copies parted, and no file
  is ever overwritten.
- **Pull** reads every other device's segments past its cursor, in order. Each
  segment is applied whole with `apply_changes` and the cursor advances in the
  same transaction, so a crash leaves the store before or after a segment, never
  in between. A missing sequence number is a gap: we stop there and wait. A file
  that fails to authenticate is skipped (not applied, reported) and the device
  waits behind it; a file whose key we lack stays untouched, "waiting for the team
  key".
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from app.core.ids import utcnow
from app.core.models.local import LocalSetting
from app.core.models.team_sync import SyncCursor, SyncPublished, SyncTeam
from app.store import journal
from app.store.engine import Store
from app.sync import segment as seg
from app.sync.changes import ApplyResult, Change, apply_changes, device_id, local_changes
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from app.sync.transport import (
    AlreadyPublished,
    IoStats,
    Listing,
    ShareError,
    Skipped,
    Transport,
)

#: A publish with more changes than this writes several segments (bounds memory).
MAX_SEGMENT_CHANGES = 50_000
CURSORS_SETTING = "sync.cursors_published"


# --- results ------------------------------------------------------------------------


@dataclass
class PublishResult:
    """What a publish wrote: change count, files, and the device id it wrote them as."""

    device_id: str = ""
    changes: int = 0
    files: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    #: The id this store had before it was found to be a copy, else None.
    cloned_from: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class PullResult:
    applied: ApplyResult = field(default_factory=ApplyResult)
    segments: int = 0
    devices: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    snapshot: str | None = None
    stopped: bool = False


@dataclass
class SyncSummary:
    """Everything one sync did and did not do, for the CLI and the Sync page."""

    device_id: str = ""
    published: int = 0
    published_files: list[str] = field(default_factory=list)
    applied: int = 0
    received: int = 0
    conflicts: int = 0
    segments_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cloned_from: str | None = None
    flagged_devices: list[str] = field(default_factory=list)
    snapshot_used: str | None = None
    snapshot_published: str | None = None
    pruned: list[str] = field(default_factory=list)
    io: IoStats = field(default_factory=IoStats)
    published_ok: bool = False
    pulled_ok: bool = False
    #: The user cancelled: what was applied stays applied, the rest comes next time.
    stopped: bool = False

    @property
    def nothing_done(self) -> bool:
        """True when neither publishing nor pulling could run at all."""
        return not (self.published_ok or self.pulled_ok)

    def to_plain(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "published": self.published,
            "applied": self.applied,
            "conflicts": self.conflicts,
            "segments_read": self.segments_read,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "waiting": self.waiting,
            "errors": self.errors,
            "notes": self.notes,
            "cloned_from": self.cloned_from,
            "flagged_devices": self.flagged_devices,
        }


# --- local bookkeeping -----------------------------------------------------------------


def _published(session: Session, device: str, kind: Kind = Kind.CHANGES) -> dict[int, str]:
    rows = session.exec(
        select(SyncPublished.seq, SyncPublished.digest).where(
            SyncPublished.device_id == device, SyncPublished.kind == int(kind)
        )
    ).all()
    return {int(s): d for s, d in rows}


def _last_local_seq(session: Session) -> int:
    """Journal position of the last change this store put in any segment."""
    value = session.exec(
        select(func.max(SyncPublished.last_local_seq)).where(
            SyncPublished.kind == int(Kind.CHANGES)
        )
    ).one()
    return int(value or 0)


def _record(
    session: Session,
    device: str,
    kind: Kind,
    seq: int,
    data_digest: bytes,
    changes: list[tuple[int, Change]] | None = None,
    records: int = 0,
) -> None:
    session.add(
        SyncPublished(
            device_id=device,
            kind=int(kind),
            seq=seq,
            digest=data_digest.hex(),
            first_local_seq=changes[0][0] if changes else 0,
            last_local_seq=changes[-1][0] if changes else 0,
            records=len(changes) if changes else records,
        )
    )


def local_setting(store: Store, key: str) -> Any:
    with store.session() as session:
        row = session.get(LocalSetting, key)
    return json.loads(row.value) if row else None


def put_local_setting(store: Store, key: str, value: Any) -> None:
    with store.transaction() as session:
        row = session.get(LocalSetting, key) or LocalSetting(key=key)
        row.value = json.dumps(value, sort_keys=True)
        session.add(row)


def cursors(store: Store) -> dict[str, SyncCursor]:
    with store.session() as session:
        return {c.device_id: c for c in session.exec(select(SyncCursor)).all()}


# --- publish -------------------------------------------------------------------------------


def _encode_changes(
    device: str, seq: int, prev: bytes, key: bytes, changes: list[tuple[int, Change]]
) -> bytes:
    return seg.encode(
        kind=Kind.CHANGES,
        device=device,
        seq=seq,
        prev_hash=prev,
        key=key,
        records=[c.to_plain() for _, c in changes],
    )


def _adopt_interrupted(
    store: Store, transport: Transport, keys: TeamKeys, me: str, listing: Listing
) -> tuple[list[str], bool]:
    """Record segments that an interrupted publish of ours left on the share.

    Returns (adopted file names, foreign_found): foreign_found is True when a file past
    our log is not ours, i.e. another copy of this store publishes as this device.
    """
    adopted: list[str] = []
    with store.session() as session:
        ours = _published(session, me)
        after = _last_local_seq(session)
    last = max(ours, default=0)
    beyond = sorted(s for s in listing.files if s > last)
    if not beyond:
        return adopted, False
    pending = local_changes(store, after)
    prev = bytes.fromhex(ours[last]) if last else seg.ZERO_HASH
    for s in beyond:
        if s != last + 1:
            return adopted, True
        data = transport.read(me, Kind.CHANGES, s)
        try:
            got = seg.decode(data, keys.by_id())
        except seg.SegmentError:
            return adopted, True
        ids = [(r.get("device"), r.get("hlc")) for r in got.records]
        mine = [c.id for _, c in pending[: len(ids)]]
        if not ids or ids != mine or got.header.prev_hash != prev or got.device != me:
            return adopted, True
        taken, pending = pending[: len(ids)], pending[len(ids) :]
        with store.transaction() as session:
            _record(session, me, Kind.CHANGES, s, got.digest, taken)
        adopted.append(transport.publish_path(me, Kind.CHANGES, s))
        last, prev = s, got.digest
    return adopted, False


def _chain_broken(store: Store, transport: Transport, me: str, listing: Listing) -> bool:
    """Before chaining a new segment to our last one, check the share still holds ours.

    Read only when there is something to publish (one small file).
    """
    with store.session() as session:
        ours = _published(session, me)
        after = _last_local_seq(session)
    last = max(ours, default=0)
    if not last or last not in listing.files or not local_changes(store, after, limit=1):
        return False
    return seg.digest(transport.read(me, Kind.CHANGES, last)).hex() != ours[last]


def _shared_prefix(
    transport: Transport, device: str, ours: dict[int, str], listing: Listing
) -> int:
    """The highest sequence where the share still holds exactly the file we published."""
    present = sorted(listing.files)
    for s in sorted(ours, reverse=True):
        if s in listing.files:
            if seg.digest(transport.read(device, Kind.CHANGES, s)).hex() == ours[s]:
                return s
        elif not present or s < present[0]:
            return s  # pruned by us after everyone had read it
    return 0


def become_new_device(store: Store, transport: Transport, listing: Listing) -> tuple[str, str]:
    """This store is a copy: take a new id; read the old id's folder as another device's.

    Returns (old id, new id). Our changes never published move to the new id; the
    cursor for the old id starts where the share and our own log last agree.
    """
    with store.session() as session:
        old = device_id(store)
        ours = _published(session, old)
    agreed = _shared_prefix(transport, old, ours, listing)
    with store.transaction() as session:
        after = _last_local_seq(session)
        new = journal.rotate_device_id(session.connection(), restamp_after_seq=after)
        cursor = session.get(SyncCursor, old) or SyncCursor(device_id=old)
        cursor.seq = agreed
        cursor.last_hash = ours.get(agreed, "")
        session.add(cursor)
    return old, new


def publish(store: Store, transport: Transport, keys: TeamKeys) -> PublishResult:
    """Publish this device's new changes as one new segment (several past 50,000 changes)."""
    if keys.current is None:
        raise ShareError("this device does not have the team key, so it cannot publish")
    result = PublishResult(device_id=device_id(store))
    me = result.device_id
    listing = transport.scan(me, (Kind.CHANGES,))[Kind.CHANGES]
    adopted, foreign = _adopt_interrupted(store, transport, keys, me, listing)
    result.adopted = adopted
    if not foreign:
        foreign = _chain_broken(store, transport, me, listing)
    if foreign:
        old, me = become_new_device(store, transport, listing)
        result.cloned_from, result.device_id = old, me
        result.notes.append(
            f"This store is a copy of another computer's (both used device {old}); "
            f"it now publishes as device {me}. Nothing was lost or overwritten."
        )
    for _attempt in range(3):
        try:
            _publish_pending(store, transport, keys.current, me, result)
            return result
        except AlreadyPublished:
            # Another copy took the name between our listing and our write.
            listing = transport.scan(me, (Kind.CHANGES,))[Kind.CHANGES]
            old, me = become_new_device(store, transport, listing)
            result.cloned_from, result.device_id = old, me
            result.notes.append(
                f"Another copy of this store published as device {old}; "
                f"this one now publishes as device {me}."
            )
    raise ShareError("could not find a free device id to publish under")


def _publish_pending(
    store: Store, transport: Transport, key: bytes, me: str, result: PublishResult
) -> None:
    with store.session() as session:
        after = _last_local_seq(session)
        ours = _published(session, me)
    pending = local_changes(store, after)
    while pending:
        batch, pending = pending[:MAX_SEGMENT_CHANGES], pending[MAX_SEGMENT_CHANGES:]
        last = max(ours, default=0)
        prev = bytes.fromhex(ours[last]) if last else seg.ZERO_HASH
        data = _encode_changes(me, last + 1, prev, key, batch)
        path = transport.publish(me, Kind.CHANGES, last + 1, data)
        digest = seg.digest(data)
        with store.transaction() as session:
            _record(session, me, Kind.CHANGES, last + 1, digest, batch)
        ours[last + 1] = digest.hex()
        result.changes += len(batch)
        result.files.append(path)


# --- pull ------------------------------------------------------------------------------------


def _apply_segment(store: Store, got: seg.Segment, changes: list[Change]) -> ApplyResult:
    """Apply a whole segment and advance its device's cursor in one transaction."""
    with store.transaction() as session:
        applied = apply_changes(session, changes)
        cursor = session.get(SyncCursor, got.device) or SyncCursor(device_id=got.device)
        cursor.seq = got.seq
        cursor.last_hash = got.digest.hex()
        cursor.changes_applied = (cursor.changes_applied or 0) + len(changes)
        cursor.last_seen_at = utcnow()
        session.add(cursor)
    return applied


def _changes_of(got: seg.Segment) -> list[Change]:
    out = []
    for record in got.records:
        change = Change.from_plain(record)
        if change.device != got.device:
            raise ValueError(f"holds a change made by another device ({change.device})")
        out.append(change)
    return out


def _read_peer_cursors(
    store: Store, transport: Transport, keys: TeamKeys, device: str, listing: Listing
) -> Skipped | None:
    """Keep the newest cursors file another device published (used for pruning)."""
    if not listing.files:
        return None
    newest = max(listing.files)
    with store.session() as session:
        cursor = session.get(SyncCursor, device)
    if cursor is not None and cursor.peer_cursors_seq >= newest:
        return None
    try:
        got = seg.decode(transport.read(device, Kind.CURSORS, newest), keys.by_id())
        if got.device != device or got.seq != newest or got.kind is not Kind.CURSORS:
            raise seg.SegmentError("belongs to another device or place")
        plain = {str(r["device"]): int(r["seq"]) for r in got.records}
    except seg.KeyMissing:
        return None
    except (seg.SegmentError, KeyError, TypeError, ValueError) as exc:
        return Skipped(f"{device}/{listing.files[newest]}", str(exc))
    with store.transaction() as session:
        cursor = session.get(SyncCursor, device) or SyncCursor(device_id=device)
        cursor.peer_cursors_seq = newest
        cursor.peer_cursors = json.dumps(plain, sort_keys=True)
        cursor.last_seen_at = cursor.last_seen_at or utcnow()
        session.add(cursor)
    return None


def _pull_device(
    store: Store,
    transport: Transport,
    keys: TeamKeys,
    device: str,
    listing: Listing,
    result: PullResult,
    on_segment: Callable[[str, int], None] | None,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    with store.session() as session:
        cursor = session.get(SyncCursor, device)
    at = cursor.seq if cursor else 0
    last_hash = cursor.last_hash if cursor else ""
    later = sorted(s for s in listing.files if s > at)
    for s in later:
        if should_stop is not None and should_stop():
            result.stopped = True
            return
        name = f"{device}/{listing.files[s]}"
        if s != at + 1:
            missing = "" if at + 1 == s - 1 else f" to {s - 1}"
            result.waiting.append(
                f"device {device}: segment {at + 1}{missing} is not on the share yet; "
                f"{len([x for x in later if x >= s])} later ones wait behind it"
            )
            return
        try:
            got = seg.decode(transport.read(device, Kind.CHANGES, s), keys.by_id())
        except FileNotFoundError:
            result.waiting.append(f"device {device}: {name} disappeared while reading; will retry")
            return
        except seg.KeyMissing as exc:
            result.waiting.append(
                f"device {device}: {len(later) - later.index(s)} segment(s) waiting for the "
                f"team key {exc.key_id}"
            )
            return
        except seg.SegmentError as exc:
            result.skipped.append(Skipped(name, f"{exc.reason}; later segments wait behind it"))
            return
        problem = None
        if got.device != device or got.seq != s or got.kind is not Kind.CHANGES:
            problem = "belongs to another device or place in the sequence"
        elif last_hash and got.header.prev_hash.hex() != last_hash:
            problem = "does not follow the segment before it (hash chain broken)"
        if problem is None:
            try:
                changes = _changes_of(got)
            except ValueError as exc:
                problem = str(exc)
        if problem is not None:
            result.skipped.append(Skipped(name, f"{problem}; later segments wait behind it"))
            return
        result.applied = result.applied + _apply_segment(store, got, changes)
        result.segments += 1
        if on_segment:
            on_segment(device, s)
        at, last_hash = s, got.digest.hex()


def pull(
    store: Store,
    transport: Transport,
    keys: TeamKeys,
    on_segment: Callable[[str, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PullResult:
    """Apply every other device's new segments, in order, each in its own transaction.

    `on_segment(device, seq)` is called after each segment is in (progress);
    `should_stop()` is asked before each one (cancel: what is applied stays applied).
    """
    from app.sync import snapshot

    result = PullResult()
    me = device_id(store)
    devices, skipped = transport.devices()
    result.skipped.extend(skipped)
    if not cursors(store) and any(d != me for d in devices):
        try:
            result.snapshot = snapshot.bootstrap(store, transport, keys, devices)
        except ShareError:
            raise
        except seg.SegmentError as exc:
            result.skipped.append(Skipped("snapshot", exc.reason))
    for device in devices:
        if device == me:
            continue
        result.devices.append(device)
        found = transport.scan(device)
        result.skipped.extend(found[Kind.CHANGES].skipped)
        problem = _read_peer_cursors(store, transport, keys, device, found[Kind.CURSORS])
        if problem:
            result.skipped.append(problem)
        _pull_device(
            store, transport, keys, device, found[Kind.CHANGES], result, on_segment, should_stop
        )
        if result.stopped:
            break
    return result


def publish_next(
    store: Store,
    transport: Transport,
    key: bytes,
    me: str,
    kind: Kind,
    records: list[dict[str, Any]],
) -> str:
    """Publish the next file of `kind` (chained to our previous one) and log it."""
    with store.session() as session:
        ours = _published(session, me, kind)
    last = max(ours, default=0)
    prev = bytes.fromhex(ours[last]) if last else seg.ZERO_HASH
    data = seg.encode(kind=kind, device=me, seq=last + 1, prev_hash=prev, key=key, records=records)
    path = transport.publish(me, kind, last + 1, data)
    with store.transaction() as session:
        _record(session, me, kind, last + 1, seg.digest(data), records=len(records))
    return path


# --- cursors published for pruning ----------------------------------------------------------


def publish_cursors(store: Store, transport: Transport, keys: TeamKeys) -> str | None:
    """Tell the team how far we have read, when that changed (a small cursors file)."""
    if keys.current is None:
        return None
    me = device_id(store)
    state = {d: c.seq for d, c in cursors(store).items() if c.seq > 0}
    if not state or local_setting(store, CURSORS_SETTING) == {"device": me, "cursors": state}:
        return None
    with store.session() as session:
        ours = _published(session, me, Kind.CURSORS)
    records = [{"device": d, "seq": s} for d, s in sorted(state.items())]
    try:
        path = publish_next(store, transport, keys.current, me, Kind.CURSORS, records)
    except AlreadyPublished:
        return None  # a copy of this store; the next publish gives us our own id
    put_local_setting(store, CURSORS_SETTING, {"device": me, "cursors": state})
    for old in sorted(ours):
        transport.delete(me, Kind.CURSORS, old)  # superseded; only our own files
    return path


# --- one sync --------------------------------------------------------------------------------


def _remember(store: Store, summary: SyncSummary) -> None:
    with store.transaction() as session:
        team = session.get(SyncTeam, 1)
        if team is None:
            return
        team.last_sync_at = utcnow()
        team.last_summary = json.dumps(summary.to_plain())
        session.add(team)


def sync_once(
    store: Store,
    transport: Transport,
    keys: TeamKeys,
    *,
    snapshot_every: int = 200,
    prune: bool = True,
    on_segment: Callable[[str, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SyncSummary:
    """Publish, then pull, then tell the team our cursors; every problem lands in the summary."""
    from app.sync import snapshot

    summary = SyncSummary(device_id=device_id(store))
    transport.stats = IoStats()
    try:
        transport.check()
    except ShareError as exc:
        summary.errors.append(str(exc))
        return summary
    if not keys.by_id():
        summary.errors.append(
            "This device does not have the team key: join the team with a key file first."
        )
        return summary
    try:
        pub = publish(store, transport, keys)
        summary.published = pub.changes
        summary.published_files = pub.files + pub.adopted
        summary.cloned_from = pub.cloned_from
        summary.device_id = pub.device_id
        summary.notes.extend(pub.notes)
        summary.published_ok = True
    except (ShareError, OSError) as exc:
        summary.errors.append(f"publishing: {exc}")
    except SQLAlchemyError as exc:
        summary.errors.append(
            f"publishing: this computer's store could not be written ({_why(exc)})"
        )
    try:
        got = pull(store, transport, keys, on_segment=on_segment, should_stop=should_stop)
        summary.stopped = got.stopped
        summary.applied = got.applied.applied
        summary.received = got.applied.received
        summary.conflicts = got.applied.conflicts
        summary.segments_read = got.segments
        summary.skipped.extend(got.skipped)
        summary.waiting.extend(got.waiting)
        summary.flagged_devices = sorted(got.applied.flagged_devices)
        summary.snapshot_used = got.snapshot
        summary.pulled_ok = True
        if got.applied.flagged:
            summary.notes.append(
                f"{got.applied.flagged} change(s) carry a clock far ahead of this computer's "
                f"(from {', '.join(summary.flagged_devices)}): applied, but check that "
                "computer's date and time."
            )
    except (ShareError, OSError) as exc:
        summary.errors.append(f"reading the team's changes: {exc}")
    except SQLAlchemyError as exc:
        summary.errors.append(
            f"applying the team's changes: this computer's store could not be written "
            f"({_why(exc)}); nothing was half-applied"
        )
    if summary.published_ok or summary.pulled_ok:
        try:
            publish_cursors(store, transport, keys)
            if keys.current is not None and snapshot.due(store, snapshot_every):
                summary.snapshot_published = snapshot.publish_snapshot(store, transport, keys)
            if prune:
                summary.pruned = snapshot.prune(store, transport, keys)
        except (ShareError, OSError) as exc:
            summary.errors.append(f"tidying the share: {exc}")
        except SQLAlchemyError as exc:
            summary.errors.append(f"tidying the share: {_why(exc)}")
    summary.io = transport.stats
    with contextlib.suppress(SQLAlchemyError):
        _remember(store, summary)
    return summary


def _why(exc: SQLAlchemyError) -> str:
    """SQLite's own words (e.g. "database or disk is full"), without the SQL."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]


__all__ = [
    "MAX_SEGMENT_CHANGES",
    "PublishResult",
    "PullResult",
    "SyncSummary",
    "become_new_device",
    "cursors",
    "publish",
    "publish_cursors",
    "pull",
    "sync_once",
]
