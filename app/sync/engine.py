"""Publish, then pull, then tidy: one sync: protocol v1 between this store and the shared folder.

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
- **Pull** (`app.sync.reading`) applies every other device's segments past its
  cursor, in order, each whole and in one transaction with its cursor.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.core import hlc
from app.core.ids import utcnow
from app.core.models.team_sync import SyncCursor, SyncTeam
from app.store import journal
from app.store.engine import Store
from app.sync import clock_check, ledger, own_folder, packing, publish_notes, quarantine
from app.sync import segment as seg
from app.sync.changes import Change, device_id, local_changes
from app.sync.keys import TeamKeys
from app.sync.reading import PullResult, _why, pull
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
        found = own_folder.check(store, transport, keys, me)
        result.adopted.extend(found.adopted)
        extra: list[Change] = []
        meta = seg.Republished()
        start = found.next_seq
        if found.clone:
            old, me, extra = become_new_device(store, transport, found.listing)
            result.cloned_from, result.device_id = old, me
            meta = seg.Republished(carries=frozenset({old}) if extra else frozenset())
            start = 1
            result.notes.append(publish_notes.clone_note(found.clone, old, me, len(extra)))
        elif found.damaged:
            repaired = own_folder.repaired_closure(store, me, set(found.damaged))
            extra = own_folder.changes_of_files(store, me, repaired)
            meta = seg.Republished(repairs=frozenset(repaired))
        try:
            files = _publish_pending(
                store, transport, keys.current, me, result, extra, meta, start, found.checked
            )
        except AlreadyPublished:
            continue  # a file appeared at our next number meanwhile: look again
        if found.damaged and not found.clone:
            result.notes.append(
                publish_notes.repair_note(transport, me, found.damaged, len(extra), files)
            )
        return result
    raise ShareError(
        "could not publish: files keep appearing in this computer's folder on the share"
    )


def _publish_pending(
    store: Store,
    transport: Transport,
    key: bytes,
    me: str,
    result: PublishResult,
    extra: list[Change] | None = None,
    meta: seg.Republished | None = None,
    start: int | None = None,
    checked: ledger.Checked | None = None,
) -> list[str]:
    """Write our unpublished changes (after `extra`, changes published again) from `start`;
    what the look at our folder learned (`checked`) is kept with the first file logged."""
    meta = meta or seg.Republished()
    after, last, last_digest = ledger.where_publishing_starts(store, me)
    pending = local_changes(store, after, me=me)
    items: list[tuple[int | None, Change]] = [(None, c) for c in extra or []]
    items += [(n, c) for n, c in pending]
    if not items and not meta:
        if checked:
            with store.engine.begin() as conn:
                ledger.note_checked(conn, me, checked)
        return []
    files: list[str] = []
    seq = max(start or 0, last + 1)
    prev = bytes.fromhex(last_digest) if last else seg.ZERO_HASH
    runs = packing.pack(
        ((item, item[1]) for item in items),
        max_changes=MAX_SEGMENT_CHANGES,
        max_bytes=seg.MAX_PLAIN_BYTES,
    )
    for packed in runs if items else iter([packing.Packed()]):
        batch = packed.items
        first = seq == max(start or 0, last + 1)
        again = meta if first or any(n is None for n, _ in batch) else seg.Republished()
        records = ([packing.dumps(again.to_record())] if again else []) + packed.lines
        data = seg.encode(
            kind=Kind.CHANGES,
            device=me,
            seq=seq,
            prev_hash=prev,
            key=key,
            records=records,
            version=packed.version,
        )
        path = transport.publish(me, Kind.CHANGES, seq, data)
        digest = seg.digest(data)
        new = [(n, c) for n, c in batch if n is not None]
        with store.transaction() as session:
            _record(session, me, Kind.CHANGES, seq, digest, new, records=len(batch))
            if checked:
                ledger.note_checked(session.connection(), me, checked)
                checked = None
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


def publish_next(
    store: Store,
    transport: Transport,
    key: bytes,
    me: str,
    kind: Kind,
    records: list[dict[str, Any]] | list[bytes],
    version: int = 1,
    count: int | None = None,
) -> str:
    """Publish the next file of `kind` (chained to our previous one) and log it.

    `records` may be JSON lines already encoded; `count` is then how many records they hold."""
    with store.session() as session:
        last, last_digest = ledger.last_published(session, me, kind)
    prev = bytes.fromhex(last_digest) if last else seg.ZERO_HASH
    data = seg.encode(
        kind=kind,
        device=me,
        seq=last + 1,
        prev_hash=prev,
        key=key,
        records=records,
        version=version,
    )
    path = transport.publish(me, kind, last + 1, data)
    with store.transaction() as session:
        done = len(records) if count is None else count
        _record(session, me, kind, last + 1, seg.digest(data), records=done)
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
