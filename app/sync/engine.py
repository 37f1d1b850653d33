"""Publish, pull and sync once: protocol v1 between this store and the shared folder.

- **Publish** puts this device's changes made since its last segment into one new
  segment (`seq` + 1, chained to the previous segment's hash) in its own folder.
  The local log (`sync_published`) is written only after the file exists; if the
  process dies in between, the next run finds the file, sees that it holds exactly
  our next unpublished changes, and adopts it: nothing is published twice.
- **Own folder.** Before publishing, `own_folder.check` sorts what our folder holds:
  our interrupted publish (adopted), a copy of this store publishing as us (we
  take a new id), or damaged and foreign files (our id stays; the changes the team
  cannot read are published again from the journal, in a segment naming the files
  it repairs). No file is ever overwritten.
- **Pull** reads every other device's segments past its cursor, in order. Each
  segment is applied whole with `apply_changes` and the cursor advances in the
  same transaction, so a crash leaves the store before or after a segment, never
  in between. A missing sequence number is a gap: we stop there and wait. A file
  that fails to authenticate is skipped (not applied, reported) and the device
  waits behind it until a later segment of that device repairs it; a file whose key
  we lack stays untouched, "waiting for the team key". A change that breaks a rule
  is set aside (`quarantine`) and the rest of its segment applied.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError

from app.core import hlc
from app.core.ids import utcnow
from app.core.models.team_sync import SyncCursor, SyncTeam
from app.store import journal
from app.store.engine import Store
from app.sync import clock_check, ledger, own_folder, quarantine
from app.sync import segment as seg
from app.sync.changes import ApplyResult, Change, apply_changes, device_id, local_changes
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from app.sync.transport import (
    AlreadyPublished,
    FileTooLarge,
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
    #: The share's time stamp of the last file written (ms), a witness for our clock.
    written_ms: list[int] = field(default_factory=list)


@dataclass
class PullResult:
    applied: ApplyResult = field(default_factory=ApplyResult)
    segments: int = 0
    devices: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    snapshot: str | None = None
    stopped: bool = False
    notes: list[str] = field(default_factory=list)
    #: One line per change set aside in this pull.
    quarantined: list[str] = field(default_factory=list)
    #: Devices whose later segments wait behind a file that cannot be used.
    blocked: list[str] = field(default_factory=list)
    #: Share time stamps (ms) of the newest file applied from each device.
    written_ms: list[int] = field(default_factory=list)


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
    #: Changes set aside in this sync (device, segment, reason), and how many are kept.
    quarantined: list[str] = field(default_factory=list)
    quarantined_total: int = 0
    #: Devices whose later segments wait behind a file that cannot be used.
    blocked: list[str] = field(default_factory=list)
    #: How far the true time is ahead of this computer's clock, when it is off.
    clock_off_ms: int | None = None

    @property
    def needs_attention(self) -> bool:
        """Something waits, is blocked or is set aside: `sync` then exits non-zero."""
        return bool(self.errors or self.waiting or self.blocked or self.quarantined_total)

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
            "quarantined": self.quarantined,
            "quarantined_total": self.quarantined_total,
            "blocked": self.blocked,
            "clock_off_ms": self.clock_off_ms,
        }


# --- local bookkeeping -----------------------------------------------------------------

_published = ledger.published
_last_local_seq = ledger.last_local_seq
_record = ledger.record
local_setting = ledger.local_setting
put_local_setting = ledger.put_local_setting
cursors = ledger.cursors


# --- publish -------------------------------------------------------------------------------


def _shared_prefix(
    transport: Transport, device: str, ours: dict[int, str], listing: Listing
) -> int:
    """The highest sequence where the share still holds exactly the file we published."""
    present = sorted(listing.files)
    for s in sorted(ours, reverse=True):
        if s in listing.files:
            try:
                data = transport.read(device, Kind.CHANGES, s)
            except (FileNotFoundError, FileTooLarge):
                continue
            if seg.digest(data).hex() == ours[s]:
                return s
        elif not present or s < present[0]:
            return s  # pruned by us after everyone had read it
    return 0


def become_new_device(
    store: Store, transport: Transport, listing: Listing
) -> tuple[str, str, list[Change]]:
    """This store is a copy: take a new id; read the old id's folder as another device's.

    Returns (old id, new id, changes to carry). Our changes never published move to
    the new id; the cursor for the old id starts where the share and our own log last
    agree, and the changes of our files past that point (which the share no longer
    holds as we wrote them) are carried under the new id.
    """
    with store.session() as session:
        old = device_id(store)
        ours = _published(session, old)
    agreed = _shared_prefix(transport, old, ours, listing)
    lost = own_folder.repaired_closure(store, old, {s for s in ours if s > agreed})
    carried = own_folder.changes_of_files(store, old, lost)
    with store.transaction() as session:
        after = _last_local_seq(session)
        new = journal.rotate_device_id(session.connection(), restamp_after_seq=after)
        cursor = session.get(SyncCursor, old) or SyncCursor(device_id=old)
        cursor.seq = agreed
        cursor.last_hash = ours.get(agreed, "")
        session.add(cursor)
    return old, new, carried


def publish(store: Store, transport: Transport, keys: TeamKeys) -> PublishResult:
    """Publish this device's new changes as one new segment (several when large).

    First the own folder is checked (`own_folder.check`): our interrupted publish is
    adopted, a copy of this store makes us take a new id, and files of ours the team
    cannot read are published again from the journal.
    """
    if keys.current is None:
        raise ShareError("this device does not have the team key, so it cannot publish")
    result = PublishResult(device_id=device_id(store))
    me = result.device_id
    for _attempt in range(3):
        listing = transport.scan(me, (Kind.CHANGES,))[Kind.CHANGES]
        found = own_folder.check(store, transport, keys, me, listing)
        result.adopted.extend(found.adopted)
        extra: list[Change] = []
        meta = seg.Republished()
        start = found.next_seq
        if found.clone:
            old, me, extra = become_new_device(store, transport, listing)
            result.cloned_from, result.device_id = old, me
            meta = seg.Republished(carries=frozenset({old}) if extra else frozenset())
            start = 1
            result.notes.append(_clone_note(found.clone, old, me, len(extra)))
        elif found.damaged:
            repaired = own_folder.repaired_closure(store, me, set(found.damaged))
            extra = own_folder.changes_of_files(store, me, repaired)
            meta = seg.Republished(repairs=frozenset(repaired))
        try:
            files = _publish_pending(store, transport, keys.current, me, result, extra, meta, start)
        except AlreadyPublished:
            continue  # a file appeared at our next number meanwhile: look again
        if found.damaged and not found.clone:
            result.notes.append(_repair_note(transport, me, found.damaged, len(extra), files))
        return result
    raise ShareError(
        "could not publish: files keep appearing in this computer's folder on the share"
    )


def _clone_note(evidence: str, old: str, new: str, carried: int) -> str:
    again = (
        f" {carried} change(s) of this store that the share no longer held as written "
        "are published again under it."
        if carried
        else ""
    )
    return (
        f"This store file is a copy of another computer's: {evidence}. Both copies used "
        f"device id {old}; this one now publishes as device {new}.{again}"
    )


def _repair_note(
    transport: Transport, me: str, damaged: dict[int, str], changes: int, files: list[str]
) -> str:
    which = "; ".join(
        f"{transport.publish_path(me, Kind.CHANGES, s)}: {why}"
        for s, why in sorted(damaged.items())
    )
    where = ", ".join(files) or "a new file"
    return (
        f"This computer's folder on the share holds file(s) the team cannot read as this "
        f"computer wrote them ({which}). This is not a copied store: the device id stays. "
        f"{changes} change(s) from those files were published again from this computer's "
        f"records in {where}, and the team is told to skip the bad file(s)."
    )


def _batches(items: list[tuple[int | None, Change]]) -> Iterator[list[tuple[int | None, Change]]]:
    """Runs of at most MAX_SEGMENT_CHANGES changes and MAX_PLAIN_BYTES of JSON lines."""
    batch: list[tuple[int | None, Change]] = []
    size = 0
    for item in items:
        line = len(item[1].to_json()) + 1
        if batch and (len(batch) >= MAX_SEGMENT_CHANGES or size + line > seg.MAX_PLAIN_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += line
    if batch:
        yield batch


def _publish_pending(
    store: Store,
    transport: Transport,
    key: bytes,
    me: str,
    result: PublishResult,
    extra: list[Change] | None = None,
    meta: seg.Republished | None = None,
    start: int | None = None,
) -> list[str]:
    """Write our unpublished changes (after `extra`, changes published again) from `start`."""
    meta = meta or seg.Republished()
    with store.session() as session:
        after = _last_local_seq(session)
        ours = _published(session, me)
    pending = local_changes(store, after)
    items: list[tuple[int | None, Change]] = [(None, c) for c in extra or []]
    items += [(n, c) for n, c in pending]
    if not items and not meta:
        return []
    files: list[str] = []
    last = max(ours, default=0)
    seq = max(start or 0, last + 1)
    prev = bytes.fromhex(ours[last]) if last else seg.ZERO_HASH
    for batch in _batches(items) if items else iter([[]]):
        first = seq == max(start or 0, last + 1)
        again = meta if first or any(n is None for n, _ in batch) else seg.Republished()
        records = ([again.to_record()] if again else []) + [c.to_plain() for _, c in batch]
        data = seg.encode(
            kind=Kind.CHANGES, device=me, seq=seq, prev_hash=prev, key=key, records=records
        )
        path = transport.publish(me, Kind.CHANGES, seq, data)
        digest = seg.digest(data)
        new = [(n, c) for n, c in batch if n is not None]
        with store.transaction() as session:
            _record(session, me, Kind.CHANGES, seq, digest, new, records=len(batch))
        if again.repairs:
            own_folder.note_repair(store, me, seq, sorted(again.repairs))
        result.changes += len(new)
        result.files.append(path)
        files.append(path)
        seq, prev = seq + 1, digest
    written = transport.written_at(me, Kind.CHANGES, seq - 1)
    if written is not None:
        result.written_ms.append(int(written * 1000))
    return files


# --- pull ------------------------------------------------------------------------------------


def _apply_segment(
    store: Store,
    got: seg.Segment,
    changes: list[Change],
    rejected: list[quarantine.Rejected] | None = None,
) -> ApplyResult:
    """Apply a segment and advance its device's cursor in one transaction.

    A change the store refuses (a constraint, a type SQLite cannot take) is found by
    applying the segment change by change, each in a savepoint, and quarantined with
    the rest; a full disk or a locked store still fails the whole segment.
    """
    rejected = list(rejected or ())
    with store.transaction() as session:
        cursor = session.get(SyncCursor, got.device) or SyncCursor(device_id=got.device)
        cursor.seq = got.seq
        cursor.last_hash = got.digest.hex()
        cursor.last_seen_at = utcnow()
        session.add(cursor)
        session.flush()  # the transaction is open before the first savepoint
        try:
            with session.begin_nested():
                applied = apply_changes(session, changes)
        except _REFUSED as exc:
            _reraise_if_the_store_failed(exc)
            applied = ApplyResult()
            for change in changes:
                try:
                    with session.begin_nested():
                        applied = applied + apply_changes(session, [change])
                except _REFUSED as one:
                    _reraise_if_the_store_failed(one)
                    rejected.append(
                        quarantine.Rejected(
                            change.to_plain(), f"this store refused it ({_why(one)})", change
                        )
                    )
        quarantine.keep(session, got.device, got.seq, rejected)
        applied.quarantined += len(rejected)
        applied.received += len(rejected)
        cursor.changes_applied = (cursor.changes_applied or 0) + len(changes)
        session.add(cursor)
    return applied


_REFUSED = (StatementError, TypeError, ValueError)


def _reraise_if_the_store_failed(exc: BaseException) -> None:
    """A full disk, a locked or read-only store is no fault of the change: fail it all."""
    if isinstance(exc, OperationalError):
        raise exc


def _changes_of(
    got: seg.Segment, device: str, written_at: Callable[[], int | None] | None = None
) -> tuple[list[Change], list[quarantine.Rejected], seg.Republished]:
    """The usable changes of a segment, the records set aside, and what it republishes."""
    meta, records = seg.split_republished(got.records)
    allowed = {device} | meta.carries
    tables = journal.synced_tables()
    now = hlc.wall_clock_ms()
    newest = max((r.get("hlc", 0) for r in records if isinstance(r.get("hlc"), int)), default=0)
    if written_at is not None and hlc.physical_ms(newest) - now > quarantine.MAX_AHEAD_MS:
        # Our own clock may be the one that is behind: the share's time of the file
        # is a second witness, and a stamp is judged against the later of the two.
        share_ms = written_at()
        if share_ms is not None:
            now = max(now, share_ms)
    good: list[Change] = []
    bad: list[quarantine.Rejected] = []
    for record in records:
        try:
            change = Change.from_plain(record)
        except ValueError as exc:
            bad.append(quarantine.Rejected(record if isinstance(record, dict) else {}, str(exc)))
            continue
        if change.device not in allowed:
            why = f"made by device {change.device}, in a file of device {device}"
        else:
            why = quarantine.problem(change, tables, now)
        if why:
            bad.append(quarantine.Rejected(record, why, change))
        else:
            good.append(change)
    return good, bad, meta


def _find_repair(
    transport: Transport, keys: TeamKeys, device: str, listing: Listing, s: int
) -> int | None:
    """A later segment of `device` saying that its file `s` is to be skipped (newest first)."""
    later = sorted((x for x in listing.files if x > s), reverse=True)[:MAX_REPAIR_LOOKAHEAD]
    for x in later:
        try:
            got = seg.decode(transport.read(device, Kind.CHANGES, x), keys.by_id())
            meta, _records = seg.split_republished(got.records)
        except (seg.SegmentError, FileNotFoundError, FileTooLarge, ValueError, TypeError):
            continue
        if got.device == device and got.seq == x and s in meta.repairs:
            return x
    return None


#: Newest files of a device read, at most, to find one that repairs a bad file.
MAX_REPAIR_LOOKAHEAD = 20


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


def _team_key_id(store: Store, keys: TeamKeys) -> str | None:
    """The key id of the team this store belongs to (the key it may not hold yet)."""
    with store.session() as session:
        team = session.get(SyncTeam, 1)
    return (team.key_id if team and team.key_id else None) or keys.current_id


def _unreadable(
    store: Store, transport: Transport, keys: TeamKeys, device: str, s: int
) -> tuple[seg.Segment | None, str, bool]:
    """(segment, why it cannot be used, whether to wait quietly rather than report)."""
    try:
        return seg.decode(transport.read(device, Kind.CHANGES, s), keys.by_id()), "", False
    except FileNotFoundError:
        return None, "disappeared while reading; will retry", True
    except FileTooLarge as exc:
        return None, str(exc), _reported_once(store, exc.name, exc.size)
    except seg.KeyMissing as exc:
        team = _team_key_id(store, keys)
        if team and exc.key_id != team:
            return (
                None,
                (
                    f"encrypted with another team's key ({exc.key_id}; this team's key is {team}): "
                    "a file of another team, not applied and left untouched"
                ),
                False,
            )
        return None, f"waiting for the team key {exc.key_id}", True
    except seg.SegmentError as exc:
        return None, exc.reason, False


def _reported_once(store: Store, name: str, size: int) -> bool:
    """True when this oversized file was already reported (shown once, not every sync)."""
    seen = local_setting(store, OVERSIZED_SETTING) or {}
    if seen.get(name) == size:
        return True
    seen[name] = size
    put_local_setting(store, OVERSIZED_SETTING, seen)
    return False


OVERSIZED_SETTING = "sync.oversized_reported"


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
        behind = len([x for x in later if x > s])
        if s != at + 1:
            missing = "" if at + 1 == s - 1 else f" to {s - 1}"
            result.waiting.append(
                f"device {device}: segment {at + 1}{missing} is not on the share yet; "
                f"{behind + 1} later one(s) wait behind it"
            )
            return
        got, problem, quiet = _unreadable(store, transport, keys, device, s)
        meta = seg.Republished()
        if got is not None:
            try:
                changes, rejected, meta = _changes_of(
                    got, device, functools.partial(_share_ms, transport, device, s)
                )
            except (ValueError, TypeError) as exc:
                problem = f"authentic but unreadable ({exc})"
        if got is not None and not problem:
            if got.device != device or got.seq != s or got.kind is not Kind.CHANGES:
                problem = "belongs to another device or place in the sequence"
            elif last_hash and not meta.repairs and got.header.prev_hash.hex() != last_hash:
                problem = "does not follow the segment before it (hash chain broken)"
        if problem:
            repair = _find_repair(transport, keys, device, listing, s)
            if repair is not None:
                result.notes.append(
                    f"{name}: {problem}; its device published its changes again in "
                    f"{transport.publish_path(device, Kind.CHANGES, repair)}, so it is skipped"
                )
                _skip_repaired(store, device, s)
                at, last_hash = s, ""
                continue
            line = f"{problem}; {behind} later segment(s) wait behind it"
            if quiet:
                result.waiting.append(f"device {device}: {name} {line}")
            else:
                result.skipped.append(Skipped(name, line))
            result.blocked.append(device)
            return
        result.applied = result.applied + _apply_segment(store, got, changes, rejected)
        result.quarantined.extend(f"{device} segment {s}: {r.reason}" for r in rejected)
        result.segments += 1
        if on_segment:
            on_segment(device, s)
        at, last_hash = s, got.digest.hex()
        if s == later[-1]:
            _note_written(transport, device, s, result)


def _share_ms(transport: Transport, device: str, s: int) -> int | None:
    written = transport.written_at(device, Kind.CHANGES, s)
    return None if written is None else int(written * 1000)


def _note_written(transport: Transport, device: str, s: int, result: PullResult) -> None:
    written = transport.written_at(device, Kind.CHANGES, s)
    if written is not None:
        result.written_ms.append(int(written * 1000))


def _skip_repaired(store: Store, device: str, s: int) -> None:
    with store.transaction() as session:
        cursor = session.get(SyncCursor, device) or SyncCursor(device_id=device)
        cursor.seq, cursor.last_hash, cursor.last_seen_at = s, "", utcnow()
        session.add(cursor)


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
    pub_written: list[int] = []
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
        pub_written = pub.written_ms
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
        summary.notes.extend(got.notes)
        summary.quarantined.extend(got.quarantined)
        summary.blocked = sorted(set(got.blocked))
        summary.flagged_devices = sorted(got.applied.flagged_devices)
        summary.snapshot_used = got.snapshot
        summary.pulled_ok = True
        summary.clock_off_ms = clock_check.offset(
            clock_check.ClockEvidence(
                now_ms=hlc.wall_clock_ms(),
                own_written_ms=pub_written,
                others_written_ms=got.written_ms,
                peers_ms=clock_check.peers_newest(store, summary.device_id),
            )
        )
        if summary.clock_off_ms is not None:
            summary.notes.append(clock_check.warning(summary.clock_off_ms))
        elif got.applied.flagged:
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
    with contextlib.suppress(SQLAlchemyError), store.session() as session:
        summary.quarantined_total = quarantine.count(session)
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
