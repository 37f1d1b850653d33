"""This device's own folder on the share: is every file there the one we wrote?

Before publishing, a device looks at what the share holds under its id. The store
knows what it published (`sync_published`: each file's hash and the journal
positions it carried), so every file falls in one of three cases:

- **Our interrupted publish**: past our log, holding exactly our next unpublished
  changes and chaining to our last file. Adopted, not published twice.
- **A copy of this store** (a clone): an authentic file (our team key, our device
  id, its own place) holding changes made under our id that this store never
  made. Only another copy of this store file can write that; this store then takes
  a new device id.
- **Damaged or foreign**: anything else where a file of ours is or should be: cut
  short, a flipped bit, zeros, bytes appended, replaced by a file we did not write,
  missing, or a stray file dropped at our next number. That is no clone: the id
  stays, and every change the team cannot read from those files is published again
  from the local journal, in a new segment that names the files it repairs so that
  readers skip them.

Files already in our log are checked against the hash the store wrote for them:
the latest and any other device is stuck before are read and hashed on every sync.
Every older one still on the share is looked at in turn, up to `VERIFY_PER_SYNC` a
sync (all of them on each sync while there are no more than that; the place to go
on from is kept): its size and time stamp are compared with those the share gave
when its bytes were last found as written, and it is read and hashed when they
differ (or were never taken). Any change to a file's bytes moves its time stamp,
except one made with care to set it back: for that, `HASH_PER_SYNC` older files a
sync are read and hashed whatever their size and time say, in turn, so every file
is read again within as many syncs as there are files.

Size and time are kept only for a file whose time stamp is older than that of our
latest file: the share's clock had moved on before this check read it, so any
later change gets a new time stamp (a change within the same tick of the share's
clock as the writing would not; such a file is read until then).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from app.store import batches
from app.store.engine import Store
from app.sync import ledger
from app.sync import segment as seg
from app.sync.changes import Change, local_changes, rows_to_changes
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from app.sync.transport import Examined, FileTooLarge, Listing, Transport

#: {device: {repairing seq: [seqs it repaired]}}: files already published again.
REPAIRS_SETTING = "sync.own_repairs"
#: Older files of ours looked at per sync (size and time stamp; read and hashed when
#: those changed), beyond the latest one and those another device is stuck before,
#: which are always read.
VERIFY_PER_SYNC = 32
#: {device: sequence}: where the next sync goes on looking at our older files.
VERIFY_SETTING = "sync.own_verify_from"
#: Older files of ours read and hashed per sync whatever their size and time say.
HASH_PER_SYNC = 1
#: {device: sequence}: where the next sync goes on hashing our older files.
HASH_SETTING = "sync.own_hash_from"


@dataclass
class OwnFolder:
    """What publishing found in our folder."""

    adopted: list[str] = field(default_factory=list)
    #: Why this store is a copy of another (empty when it is not).
    clone: str = ""
    #: Our files the team cannot read as we wrote them: sequence -> what is wrong.
    damaged: dict[int, str] = field(default_factory=dict)
    #: The first sequence past every file on the share and in our log.
    next_seq: int = 1
    #: Our folder's changes files as listed for this check.
    listing: Listing = field(default_factory=Listing)
    #: What to keep of this look (publishing keeps it with the file it logs).
    checked: ledger.Checked = field(default_factory=lambda: ledger.Checked({}, {}))


def repairs(store: Store, device: str) -> dict[int, list[int]]:
    """{repairing seq: repaired seqs} this store published as `device`."""
    return _repairs_of(ledger.local_setting(store, REPAIRS_SETTING), device)


def _repairs_of(setting: dict | None, device: str) -> dict[int, list[int]]:
    plain = (setting or {}).get(device, {})
    return {int(k): [int(s) for s in v] for k, v in plain.items()}


def note_repair(store: Store, device: str, seq: int, repaired: list[int]) -> None:
    plain = ledger.local_setting(store, REPAIRS_SETTING) or {}
    plain.setdefault(device, {})[str(seq)] = sorted(repaired)
    ledger.put_local_setting(store, REPAIRS_SETTING, plain)


def _open(
    transport: Transport,
    keys: TeamKeys,
    device: str,
    s: int,
    expect: str = "",
    read: Examined | None = None,
) -> tuple[seg.Segment | None, bytes, str]:
    """(decoded or None, raw bytes, why it cannot be read); not decoded when its digest is
    `expect` (the bytes are the ones we wrote). Bytes already in `read` are not read again."""
    if read is not None and s in read.unreadable:
        return None, b"", read.unreadable[s]
    if read is not None and s in read.data:
        data = read.data[s]
    else:
        try:
            data = transport.read(device, Kind.CHANGES, s)
        except FileNotFoundError:
            return None, b"", "missing from the share"
        except FileTooLarge as exc:
            return None, b"", str(exc)
    if expect and seg.digest(data).hex() == expect:
        return None, data, ""
    try:
        return seg.decode(data, keys.by_id()), data, ""
    except seg.SegmentError as exc:
        return None, data, exc.reason


def _made_by_a_copy(store: Store, got: seg.Segment, me: str, s: int) -> bool:
    """An authentic file in its place holding changes under our id that we never made."""
    if got.device != me or got.seq != s or got.kind is not Kind.CHANGES:
        return False
    try:
        _meta, records = seg.split_republished(got.records)
    except (TypeError, ValueError):
        return False
    stamps = sorted({int(r["hlc"]) for r in records if r.get("device") == me and "hlc" in r})
    if not stamps:
        return False
    known: set[int] = set()
    with store.engine.connect() as conn:
        for chunk in batches.chunks(stamps):
            rows = conn.exec_driver_sql(
                f"SELECT hlc FROM change WHERE device = ? AND hlc IN ({batches.marks(len(chunk))})",
                (me, *chunk),
            )
            known.update(int(r[0]) for r in rows)
    return bool(set(stamps) - known)


def _ours_interrupted(
    got: seg.Segment, me: str, s: int, prev: bytes, pending: list[tuple[int, Change]]
) -> int:
    """How many pending changes `got` carries when it is our own unlogged publish, else 0."""
    if got.device != me or got.seq != s or got.header.prev_hash != prev:
        return 0
    meta, records = seg.split_republished(got.records)
    ids = [(r.get("device"), r.get("hlc")) for r in records]
    if meta or not ids or ids != [c.id for _, c in pending[: len(ids)]]:
        return 0
    return len(ids)


def _blocked_at(store: Store, me: str) -> set[int]:
    """Our sequences other devices said (in their cursors files) they are stuck before."""
    import json

    stuck: set[int] = set()
    rows = store.raw_rows(
        "SELECT peer_cursors FROM sync_cursor WHERE device_id != :me AND peer_cursors_seq > 0",
        {"me": me},
    )
    for (plain,) in rows:
        read = json.loads(plain or "{}").get(me)
        if read is not None:
            stuck.add(int(read) + 1)
    return stuck


def check(store: Store, transport: Transport, keys: TeamKeys, me: str) -> OwnFolder:
    """Sort every file in our folder that is not plainly ours (see the module notes)."""
    live, last = ledger.own_log(store, me)
    settings = ledger.local_settings(store, (REPAIRS_SETTING, VERIFY_SETTING, HASH_SETTING))
    done = {s for seqs in _repairs_of(settings.get(REPAIRS_SETTING), me).values() for s in seqs}
    plan = _to_verify(store, me, [s for s in live if s not in done], last, settings)
    rows = ledger.own_files(store, me, [*plan.looked, last])
    # One trip: list the folder, look at the planned files, read those read whatever and
    # those never looked at before.
    must = [s for s in plan.looked if s in plan.hashed or rows[s].stat is None]
    seen = transport.examine(me, Kind.CHANGES, plan.looked, must)
    listing = seen.listing
    out = OwnFolder(next_seq=max([last, *listing.files]) + 1, listing=listing)
    newer = sorted(x for x in listing.files if x > last and x not in done)
    pending: list[tuple[int, Change]] = []
    if newer:
        with store.session() as session:
            pending = local_changes(store, ledger.last_local_seq(session))
    prev = bytes.fromhex(rows[last].digest) if last else seg.ZERO_HASH
    expect: int | None = last + 1
    for s in newer:
        got, _data, why = _open(transport, keys, me, s)
        taken = _ours_interrupted(got, me, s, prev, pending) if got and s == expect else 0
        if got is not None and taken:
            with store.transaction() as session:
                ledger.record(session, me, Kind.CHANGES, s, got.digest, pending[:taken])
            pending = pending[taken:]
            out.adopted.append(transport.publish_path(me, Kind.CHANGES, s))
            prev, expect = got.digest, s + 1
            continue
        expect = None
        if got is not None and _made_by_a_copy(store, got, me, s):
            out.clone = f"{transport.publish_path(me, Kind.CHANGES, s)} holds changes made "
            out.clone += "under this device id that this store never made"
            return out
        out.damaged[s] = (
            f"a file this computer did not write ({why or 'none of its changes are ours'})"
        )
    found_intact: dict[int, tuple[int, float]] = {}
    # Time stamps later than this one were set after our latest file was written.
    latest_at = seen.stats[last][1] if last in seen.stats else float("-inf")
    for s in plan.looked:
        if s not in listing.files:
            out.damaged[s] = "missing from the share"
            continue
        stat = seen.stats.get(s)
        if s not in plan.hashed and stat is not None and stat == rows[s].stat:
            continue  # untouched since its bytes were last found as written
        got, data, why = _open(transport, keys, me, s, rows[s].digest, seen)
        if data and seg.digest(data).hex() == rows[s].digest:
            if stat is not None and stat[1] < latest_at and stat != rows[s].stat:
                found_intact[s] = stat
            continue
        if got is not None and _made_by_a_copy(store, got, me, s):
            out.clone = f"{transport.publish_path(me, Kind.CHANGES, s)} was replaced by a file "
            out.clone += "holding changes made under this device id that this store never made"
            return out
        out.damaged[s] = why or "replaced by a file this computer did not write"
    out.checked = ledger.Checked(found_intact, plan.places)
    return out


@dataclass
class _Plan:
    """Our logged files to look at this sync, and those of them to read whatever."""

    looked: list[int]
    hashed: set[int]
    #: Settings to keep: where the next sync goes on (only those that moved).
    places: dict[str, dict]


def _to_verify(store: Store, me: str, live: list[int], last: int, settings: dict) -> _Plan:
    """The latest and those another device is stuck before (always read), then older
    ones in turn from the kept place (looked at), of which `HASH_PER_SYNC` in their own
    turn are read whatever their size and time say."""
    first = sorted(({last} | _blocked_at(store, me)) & set(live), reverse=True)
    older = [s for s in live if s not in first]
    places = {key: (settings.get(key) or {}).get(me, 0) for key in (VERIFY_SETTING, HASH_SETTING)}
    turn = _in_turn(older, places[VERIFY_SETTING])
    hash_turn = _in_turn(older, places[HASH_SETTING])
    moved = {
        VERIFY_SETTING: turn[VERIFY_PER_SYNC] if len(turn) > VERIFY_PER_SYNC else 0,
        HASH_SETTING: hash_turn[HASH_PER_SYNC] if len(hash_turn) > HASH_PER_SYNC else 0,
    }
    changed = {
        key: {**(settings.get(key) or {}), me: place}
        for key, place in moved.items()
        if place != places[key]
    }
    read = hash_turn[:HASH_PER_SYNC]
    looked = first + read + [s for s in turn[:VERIFY_PER_SYNC] if s not in read]
    return _Plan(looked=looked, hashed={*first, *read}, places=changed)


def _in_turn(seqs: list[int], place: int) -> list[int]:
    """`seqs` (ascending) from `place` on, then round to those before it."""
    return [s for s in seqs if s >= place] + [s for s in seqs if s < place]


def repaired_closure(store: Store, device: str, seqs: set[int]) -> set[int]:
    """`seqs` and every file they themselves published again, transitively."""
    known = repairs(store, device)
    out, todo = set(), list(seqs)
    while todo:
        s = todo.pop()
        if s not in out:
            out.add(s)
            todo.extend(known.get(s, ()))
    return out


def changes_of_files(store: Store, device: str, seqs: set[int]) -> list[Change]:
    """The changes the local journal holds for files this store published as `device`."""
    with store.session() as session:
        rows = ledger.published_rows(session, device)
    ranges = sorted(
        (rows[s].first_local_seq, rows[s].last_local_seq)
        for s in seqs
        if s in rows and rows[s].last_local_seq
    )
    out: list[Change] = []
    with store.engine.connect() as conn:
        for lo, hi in ranges:
            found = conn.execute(
                text(
                    "SELECT * FROM change WHERE device = :d AND seq BETWEEN :lo AND :hi "
                    "ORDER BY seq"
                ),
                {"d": device, "lo": lo, "hi": hi},
            )
            out.extend(change for _n, change in rows_to_changes(conn, found))
    return out


__all__ = [
    "OwnFolder",
    "changes_of_files",
    "check",
    "note_repair",
    "repaired_closure",
    "repairs",
]
