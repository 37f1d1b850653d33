"""Snapshots and pruning: a new laptop starts from a compacted state, not years of segments.

A snapshot is a file of kind SNAPSHOT in the publishing device's `snapshots/`
folder, encrypted like a segment. Its first record holds the watermarks, for each
device the highest segment sequence whose changes it contains (with that
segment's hash, so the chain can be checked from there); the others are the
journal compacted to the winning change of every field:

- per record, the insert ("*") that decides it: the latest one for ordinary
  tables, the first one for insert-only tables (which keep their first write);
- per field, the latest edit made after that insert, marked as made on top of it,
  so applying the snapshot to an empty store logs no false conflicts;
- changes of tables this version does not know, all of them, untouched.

A new device (no cursors yet) applies the newest snapshot in one transaction,
sets its cursors to the watermarks in the same transaction, then pulls the
segments past them as usual.

Pruning: a device deletes only its own files, and a change segment only when
every device it knows has published a cursor past it AND the newest snapshot on
the share includes it; its latest segment always stays (the next one chains to it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from app.core.ids import utcnow
from app.core.models.team_sync import SyncCursor, SyncPublished
from app.store import journal
from app.store.bulk import roomy_cache
from app.store.engine import Store
from app.sync import packing, value_pruning
from app.sync import segment as seg
from app.sync.changes import Change, apply_changes, device_id, journal_changes
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from app.sync.transport import Transport

SEEN_SETTING = "sync.snapshots_seen"
META = "snapshot"


def _key(c: Change) -> tuple[int, str]:
    return (c.hlc, c.device)


def compact(changes: list[Change]) -> list[Change]:
    """The winning change of every field, in an order that applies cleanly."""
    tables = journal.synced_tables()
    insert_only = journal.insert_only_tables()
    rows: dict[tuple[str, str], Change] = {}
    cols: dict[tuple[str, str, str], Change] = {}
    foreign: list[Change] = []
    for c in changes:
        if c.table not in tables:
            foreign.append(c)
        elif c.column == journal.ROW:
            have = rows.get((c.table, c.row_id))
            first = c.table in insert_only
            if have is None or (_key(c) < _key(have) if first else _key(c) > _key(have)):
                rows[(c.table, c.row_id)] = c
        else:
            have = cols.get((c.table, c.row_id, c.column))
            if have is None or _key(c) > _key(have):
                cols[(c.table, c.row_id, c.column)] = c
    out = list(rows.values())
    for (table, row_id, _col), c in cols.items():
        base = rows.get((table, row_id))
        if base is not None and _key(c) < _key(base):
            continue  # the insert decides this field
        # Kept as made, `seen` included: every journal holds the same change, so the
        # conflict logs of a device that joined from this snapshot and of the others agree.
        out.append(c)
    return out + foreign


def watermarks(store: Store) -> dict[str, dict[str, Any]]:
    """For every device, the last segment whose changes this store holds (seq and hash)."""
    marks: dict[str, dict[str, Any]] = {}
    with store.session() as session:
        for c in session.exec(select(SyncCursor)).all():
            if c.seq > 0:
                marks[c.device_id] = {"seq": c.seq, "hash": c.last_hash}
        for p in session.exec(
            select(SyncPublished).where(SyncPublished.kind == int(Kind.CHANGES))
        ).all():
            have = marks.get(p.device_id)
            if have is None or p.seq > have["seq"]:
                marks[p.device_id] = {"seq": p.seq, "hash": p.digest}
    return marks


def due(store: Store, every: int) -> bool:
    """Whether this device has published `every` change segments since its last snapshot."""
    me = device_id(store)
    with store.session() as session:
        rows = session.exec(select(SyncPublished).where(SyncPublished.device_id == me)).all()
    last_snap = max((r.published_at for r in rows if r.kind == int(Kind.SNAPSHOT)), default=None)
    since = [
        r
        for r in rows
        if r.kind == int(Kind.CHANGES) and (last_snap is None or r.published_at > last_snap)
    ]
    return len(since) >= every


def build(store: Store) -> list[Any]:
    """A snapshot of this store now: its meta record first, then the compacted changes."""
    with store.engine.connect() as conn:
        changes = [c for _seq, c in journal_changes(conn)]
    meta = {
        META: 1,
        "created_at": utcnow().isoformat(),
        "device": device_id(store),
        "watermarks": watermarks(store),
    }
    return [meta, *compact(changes)]


def publish_snapshot(store: Store, transport: Transport, keys: TeamKeys) -> str:
    """Write a new snapshot of this store to our own `snapshots/` folder, then drop the
    journal values it makes useless (`app.sync.value_pruning`)."""
    from app.sync.engine import publish_next

    if keys.current is None:
        raise ValueError("publishing needs the team key")
    me = device_id(store)
    covers = value_pruning.journal_end(store)
    meta, *changes = build(store)
    packed = packing.pack_all(changes)
    path = publish_next(
        store,
        transport,
        keys.current,
        me,
        Kind.SNAPSHOT,
        [packing.dumps(meta), *packed.lines],
        version=packed.version,
        count=1 + len(changes),
    )
    value_pruning.prune_values(store, covers)
    return path


def _open(transport: Transport, keys: TeamKeys, device: str, seq: int) -> seg.Segment:
    got = seg.decode(transport.read(device, Kind.SNAPSHOT, seq), keys.by_id())
    if got.device != device or got.seq != seq or got.kind is not Kind.SNAPSHOT:
        raise seg.NotAuthentic("snapshot belongs to another device or place")
    if not got.records or got.records[0].get(META) != 1:
        raise seg.NotAuthentic("snapshot without its watermarks")
    return got


def newest(
    transport: Transport, keys: TeamKeys, devices: list[str]
) -> tuple[seg.Segment | None, list[str]]:
    """The newest readable snapshot on the share (by its creation time), and problems met."""
    best: seg.Segment | None = None
    problems: list[str] = []
    for device in devices:
        files = transport.listing(device, Kind.SNAPSHOT).files
        if not files:
            continue
        seq = max(files)
        try:
            got = _open(transport, keys, device, seq)
        except seg.SegmentError as exc:
            problems.append(f"{device}/snapshots/{files[seq]}: {exc.reason}")
            continue
        if best is None or got.records[0]["created_at"] > best.records[0]["created_at"]:
            best = got
    return best, problems


def bootstrap(store: Store, transport: Transport, keys: TeamKeys, devices: list[str]) -> str | None:
    """Start a new device from the newest snapshot; returns its name, or None if none."""
    best, _problems = newest(transport, keys, devices)
    if best is None:
        return None
    me = device_id(store)
    meta = best.records[0]
    changes = [Change.from_plain(r) for r in best.records[1:]]
    with store.transaction() as session:
        # One transaction writes the whole team's records, journal and index: a roomy
        # page cache keeps the index pages in memory instead of spilling them.
        with roomy_cache(session.connection()):
            apply_changes(session, changes, from_snapshot=True)
        for device, mark in meta["watermarks"].items():
            if device == me:
                continue
            cursor = session.get(SyncCursor, device) or SyncCursor(device_id=device)
            if cursor.seq < int(mark["seq"]):
                cursor.seq = int(mark["seq"])
                cursor.last_hash = str(mark.get("hash", ""))
                cursor.last_seen_at = utcnow()
                session.add(cursor)
    return f"{best.device}/snapshots/{seg_name(best.seq)}"


def seg_name(seq: int) -> str:
    from app.sync.transport import file_name

    return file_name(Kind.SNAPSHOT, seq)


def _snapshot_mark_for(store: Store, transport: Transport, keys: TeamKeys, me: str) -> int:
    """Our watermark in the newest snapshot on the share (0 when there is none).

    Each device's newest snapshot is read once and remembered (SEEN_SETTING).
    """
    from app.sync.engine import local_setting, put_local_setting

    seen: dict[str, Any] = local_setting(store, SEEN_SETTING) or {}
    devices, _ = transport.devices()
    changed = False
    for device in devices:
        files = transport.listing(device, Kind.SNAPSHOT).files
        if not files:
            continue
        seq = max(files)
        if seen.get(device, {}).get("seq") == seq:
            continue
        try:
            got = _open(transport, keys, device, seq)
        except seg.SegmentError:
            continue
        meta = got.records[0]
        seen[device] = {
            "seq": seq,
            "created_at": meta["created_at"],
            "marks": {d: int(m["seq"]) for d, m in meta["watermarks"].items()},
        }
        changed = True
    if changed:
        put_local_setting(store, SEEN_SETTING, seen)
    if not seen:
        return 0
    latest = max(seen.values(), key=lambda v: datetime.fromisoformat(v["created_at"]))
    return int(latest["marks"].get(me, 0))


def prune(store: Store, transport: Transport, keys: TeamKeys) -> list[str]:
    """Delete our own change segments that every known device and the newest snapshot passed."""
    import json

    me = device_id(store)
    with store.session() as session:
        mine = session.exec(
            select(SyncPublished).where(
                SyncPublished.device_id == me,
                SyncPublished.kind == int(Kind.CHANGES),
                SyncPublished.pruned == False,  # noqa: E712
            )
        ).all()
        others = [c for c in session.exec(select(SyncCursor)).all() if c.device_id != me]
    if len(mine) < 2:
        return []
    latest = max(p.seq for p in mine)
    horizon = min((json.loads(c.peer_cursors).get(me, 0) for c in others), default=None)
    if horizon is None:
        return []  # nobody has told us how far they read
    candidates = [p for p in mine if p.seq < latest and p.seq <= horizon]
    if not candidates:
        return []
    bound = min(horizon, _snapshot_mark_for(store, transport, keys, me))
    removed = []
    for p in sorted(candidates, key=lambda p: p.seq):
        if p.seq > bound:
            break
        transport.delete(me, Kind.CHANGES, p.seq)
        with store.transaction() as session:
            row = session.get(SyncPublished, (me, int(Kind.CHANGES), p.seq))
            if row is not None:
                row.pruned = True
                session.add(row)
        removed.append(transport.publish_path(me, Kind.CHANGES, p.seq))
    return removed


__all__ = [
    "bootstrap",
    "build",
    "compact",
    "due",
    "newest",
    "prune",
    "publish_snapshot",
    "watermarks",
]
