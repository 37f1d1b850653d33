"""Pull: apply other devices' segments from the share, in order, each whole.

Each segment is applied with `apply_changes` and its device's cursor advances in
the same transaction, so a crash leaves the store before or after a segment,
never in between. A missing sequence number is a gap: we stop there and wait. A
file that cannot be used (damaged, another team's, too large) is reported and
the device waits behind it, until a later segment of that device repairs it
(`segment.Republished`). A change that breaks a rule is set aside
(`quarantine`) and the rest of its segment applied.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError

from app.core import hlc
from app.core.ids import utcnow
from app.core.models.team_sync import SyncCursor, SyncTeam
from app.store import journal
from app.store.engine import Store
from app.sync import quarantine
from app.sync import segment as seg
from app.sync.changes import ApplyResult, Change, apply_changes, device_id
from app.sync.keys import TeamKeys
from app.sync.ledger import cursors, local_setting, put_local_setting
from app.sync.segment import Kind
from app.sync.transport import FileTooLarge, Listing, ShareError, Skipped, Transport


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
            line = problem + (f"; {behind} later segment(s) wait behind it" if behind else "")
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


def _why(exc: SQLAlchemyError) -> str:
    """SQLite's own words (e.g. "database or disk is full"), without the SQL."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]


__all__ = ["PullResult", "pull"]
