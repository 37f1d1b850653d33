"""Changes between devices: what one device made, and how another merges it.

Merge rules (the same on every device, whatever order changes arrive in):

- **Last writer wins per column**, ordered by (hlc, device id). A device holds,
  for every field, the stamp of the value it stores (`field_version`); a change
  replaces the value only when its stamp is greater. The winner is therefore
  the greatest stamp among all changes a device has, so applying is
  order-independent, and idempotent (a change already in the journal, known by
  its identity (device, hlc), is skipped).
- **Inserts** travel as one change, column "*", the whole row as value; it
  stands for every column that no later edit has replaced. An edit that
  arrives before its row's insert waits in the journal and is laid over the
  row when the insert comes.
- **Insert-only records** (activities, check-ins, notes, timesheets) are never
  overwritten once present: their fields are set by the insert; only the
  tombstone (`deleted_at`, with `updated_at`) and links to other records
  (`..._id`, re-pointed when records are merged) follow last writer wins.
  Edits of other fields are ignored (a device refuses to make them).
- **Deletes are tombstones**: `deleted_at` is set, never is a row removed, and
  `deleted_at` is a column like any other (last writer wins, so an undelete
  made later wins over the delete).
- **Delete versus edit**: the record stays deleted, and an edit made on another
  device after the delete is still applied to its column, so undeleting brings
  it back; such an edit is also written to the conflict log (kind
  "edited_deleted"), so a person sees that someone was still working on it.
- **Conflict log**: a value that lost to a concurrent edit is logged (kind
  "lww") with the value that won. An edit is concurrent unless some change was
  made on top of it (its `seen` stamp names it): a value overwritten by
  someone who had it is no conflict. When such a change turns up later, the
  entry logged in the meantime is removed. So on every device the log ends up
  holding exactly the values that lost without anyone having seen them
  (`updated_at`, bookkeeping that every edit touches, is never logged).
- **Clock**: every applied stamp is observed by this device's clock; one far in
  the future (a laptop with a wrong clock) is applied but counted as flagged,
  and does not move our clock.
- **Newer versions**: changes to tables or columns this version does not know
  are kept in the journal (relayed in snapshots, applied after an upgrade by
  `apply_pending`) and counted as unknown, never an error.

Applying is three steps: this module reads what the store holds (duplicates,
field versions, which records exist); `app.sync.merge` decides, without SQL,
what wins and what is a conflict; `app.sync.merge_writer` writes it through
SQLAlchemy Core on the caller's session connection, inside the caller's
transaction (so nothing is captured again as this device's own changes), and
`app.store.search` keeps the search index current.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from app.core.collector import collector_paused
from app.store import codec, journal, journal_values, reference
from app.store.engine import Store
from app.store.journal import CHANGE, ROW, Stamp
from app.sync import merge_writer, packing
from app.sync.merge import UNLOGGED, FieldKey, Merger, TableShape

#: `Change.plain_value` of a change made here, not read from a segment.
_NOT_READ: Any = object()


@dataclass(frozen=True)
class Change:
    """One change to one field of one record, as it travels between devices."""

    hlc: int
    device: str
    table: str
    row_id: str
    column: str
    value: Any
    seen_hlc: int = 0
    seen_device: str = ""
    #: The value as it travelled (JSON-ready), when the change was read from a segment:
    #: the journal stores it as it came instead of encoding the decoded value again.
    plain_value: Any = field(default=_NOT_READ, compare=False, repr=False)

    @property
    def id(self) -> tuple[str, int]:
        """The change's identity: who made it, and when by their clock."""
        return (self.device, self.hlc)

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.hlc, self.device)

    @property
    def seen(self) -> Stamp:
        return Stamp(self.seen_hlc, self.seen_device)

    def to_plain(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "plain_value"}
        out["value"] = codec.to_plain(self.value)
        return out

    def encoded_value(self) -> str:
        """The value as journal JSON."""
        if self.plain_value is _NOT_READ:
            return codec.encode(self.value)
        return codec.compact_json(self.plain_value)

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> Change:
        if isinstance(data, Mapping) and packing.UNREADABLE in data:
            raise ValueError(str(data[packing.UNREADABLE]))
        try:
            return cls(
                hlc=int(data["hlc"]),
                device=str(data["device"]),
                table=str(data["table"]),
                row_id=str(data["row_id"]),
                column=str(data["column"]),
                value=codec.from_plain(data.get("value")),
                seen_hlc=int(data.get("seen_hlc", 0)),
                seen_device=str(data.get("seen_device", "")),
                plain_value=data.get("value"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a change record: {exc}") from exc

    def to_json(self) -> str:
        return json.dumps(self.to_plain(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text_: str | bytes) -> Change:
        return cls.from_plain(json.loads(text_))


@dataclass
class ApplyResult:
    """What applying a batch did. `ignored` = duplicates + older than what we hold."""

    received: int = 0
    applied: int = 0
    duplicates: int = 0
    older: int = 0
    conflicts: int = 0
    flagged: int = 0
    unknown: int = 0
    #: Changes set aside (`app.sync.quarantine`), counted in `received` too.
    quarantined: int = 0
    flagged_devices: set[str] = field(default_factory=set)

    @property
    def ignored(self) -> int:
        return self.duplicates + self.older

    def __add__(self, other: ApplyResult) -> ApplyResult:
        return ApplyResult(
            received=self.received + other.received,
            applied=self.applied + other.applied,
            duplicates=self.duplicates + other.duplicates,
            older=self.older + other.older,
            conflicts=self.conflicts + other.conflicts,
            flagged=self.flagged + other.flagged,
            unknown=self.unknown + other.unknown,
            quarantined=self.quarantined + other.quarantined,
            flagged_devices=self.flagged_devices | other.flagged_devices,
        )


# --- reading the journal -------------------------------------------------------


def device_id(store: Store) -> str:
    """This store's device id (made at first open; one plain query once it is there)."""
    rows = store.raw_rows("SELECT device_id FROM sync_device WHERE slot = 1")
    if rows:
        return rows[0][0]
    with store.engine.begin() as conn:
        return journal.load_device(conn).device_id


def row_to_change(row: Any, stored: Mapping[tuple[str, str, str], Any] | None = None) -> Change:
    """A journal row as a change; a value the journal does not keep comes from `stored`."""
    if row.value is None:
        value = (stored or {}).get((row.tbl, row.row_id, row.col))
    else:
        value = codec.decode(row.value)
    return Change(
        hlc=int(row.hlc),
        device=row.device,
        table=row.tbl,
        row_id=row.row_id,
        column=row.col,
        value=value,
        seen_hlc=int(row.seen_hlc),
        seen_device=row.seen_device,
    )


def rows_to_changes(conn: Connection, rows: Iterable[Any]) -> list[tuple[int, Change]]:
    """(journal position, change) of journal rows, values kept by the stored rows read back."""
    rows = list(rows)
    wanted = [(r.tbl, r.row_id, r.col) for r in rows if r.value is None]
    stored = journal_values.stored_values(conn, wanted) if wanted else None
    return [(int(r.seq), row_to_change(r, stored)) for r in rows]


def _journal_query(after_seq: int, limit: int | None, device: str | None) -> Any:
    query = select(CHANGE).where(CHANGE.c.seq > after_seq)
    if device is not None:
        query = query.where(CHANGE.c.device == device)
    query = query.order_by(CHANGE.c.seq)
    if limit is not None:
        query = query.limit(limit)
    return query


_OWN_AFTER = "SELECT * FROM change WHERE seq > ? AND device = ? ORDER BY seq"


def local_changes(
    store: Store, after_seq: int = 0, limit: int | None = None, me: str | None = None
) -> list[tuple[int, Change]]:
    """This device's own changes after journal position `after_seq`, oldest first (`me`:
    this device's id when the caller has just read it)."""
    with store.engine.connect() as conn:
        me = me or journal.load_device(conn).device_id
        if limit is None:  # a plain statement: publishing one edit runs this every time
            rows = conn.exec_driver_sql(_OWN_AFTER, (after_seq, me))
        else:
            rows = conn.execute(_journal_query(after_seq, limit, me))
        return rows_to_changes(conn, rows)


def journal_changes(
    conn: Connection, after_seq: int = 0, limit: int | None = None
) -> list[tuple[int, Change]]:
    """Every change in the journal (own and applied) after `after_seq`: what a snapshot relays."""
    return rows_to_changes(conn, conn.execute(_journal_query(after_seq, limit, None)))


# --- applying: read what we hold, merge (pure), write ----------------------------


class _Apply:
    """One batch: drop what we have, sort out what we cannot use, merge, write."""

    def __init__(self, session: Session, from_snapshot: bool = False) -> None:
        session.flush()
        self.from_snapshot = from_snapshot
        self.session = session
        self.conn = session.connection()
        self.device = journal.load_device(self.conn)
        self.tables = journal.synced_tables()
        self.insert_only = journal.insert_only_tables()
        self.result = ApplyResult()
        #: Columns a whole record cannot lack, per table.
        self.required: dict[str, tuple[str, ...]] = {}

    def fresh(self, changes: Iterable[Change]) -> list[Change]:
        unique: dict[tuple[str, int], Change] = {}
        for change in changes:
            self.result.received += 1
            if change.id in unique:
                self.result.duplicates += 1
                continue
            unique[change.id] = change
        have = merge_writer.in_journal(self.conn, unique)
        out = []
        for cid, change in unique.items():
            if cid in have:
                self.result.duplicates += 1
            else:
                out.append(change)
        return out

    def known(self, change: Change) -> bool:
        table = self.tables.get(change.table)
        if table is None:
            return False
        if change.column == ROW:
            # A whole record must at least be a record, with the fields it cannot lack.
            value = change.value
            if not isinstance(value, dict) or value.get("id") != change.row_id:
                return False
            required = self.required.get(change.table)
            if required is None:
                required = self.required[change.table] = tuple(
                    c.name
                    for c in table.c
                    if not c.nullable and c.default is None and c.server_default is None
                )
            return all(value.get(name) is not None for name in required)
        return change.column in table.c and change.column != "id"

    def run(self, changes: Iterable[Change]) -> ApplyResult:
        batch = self.fresh(changes)
        clock = self.device.clock
        by_table: dict[str, dict[str, list[Change]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple[FieldKey, Stamp]] = set()
        known: list[bool] = []
        for change in batch:
            if clock.observe(change.hlc):
                self.result.flagged += 1
                self.result.flagged_devices.add(change.device)
            usable = self.known(change)
            known.append(usable)
            if usable:
                by_table[change.table][change.row_id].append(change)
                if change.seen_hlc:
                    seen.add((FieldKey(change.table, change.row_id, change.column), change.seen))
            else:
                self.result.unknown += 1
        merger = Merger()
        for table_name, rows in by_table.items():
            table = self.tables[table_name]
            row_ids = list(rows)
            columns = tuple(c.name for c in table.c)
            merger.merge_table(
                TableShape(table_name, columns, frozenset(columns), table_name in self.insert_only),
                journal.field_versions(self.conn, table_name, row_ids),
                merge_writer.existing_rows(self.conn, table, row_ids),
                rows,
            )
        outcome = merger.out
        if self.from_snapshot:
            stamps = {change.stamp for change in batch}
            outcome.lost = {k: v for k, v in outcome.lost.items() if v.loser not in stamps}
        self.result.applied += outcome.applied
        self.result.older += outcome.older
        self.result.unknown += outcome.unknown
        stored = {
            w.stored_insert
            for w in outcome.rows
            if w.stored_insert is not None and not journal.keeps_values(w.table)
        }
        journal_rows = [
            _journal_row(change, applied=usable, stored=change.stamp in stored)
            for change, usable in zip(batch, known, strict=True)
        ]
        self.result.conflicts += merge_writer.write(
            self.conn, self.tables, outcome, journal_rows, seen
        )
        journal.save_clock(self.conn, clock)
        self.session.expire_all()
        return self.result


def _journal_row(change: Change, applied: bool, stored: bool = False) -> tuple[Any, ...]:
    """The change as `merge_writer.write` takes it: `journal.JOURNAL_COLUMNS`, then applied.

    `stored`: an insert the batch stores as the record, whose value is the stored row's."""
    return (
        change.hlc,
        change.device,
        change.table,
        change.row_id,
        change.column,
        None if stored else change.encoded_value(),
        change.seen_hlc,
        change.seen_device,
        1 if applied else 0,
    )


def apply_changes(
    session: Session, changes: Iterable[Change], from_snapshot: bool = False
) -> ApplyResult:
    """Merge other devices' changes into the store, inside the caller's transaction.

    Idempotent and order-independent (see the module notes). Never raises on
    changes from newer versions; they are counted as unknown and kept. A snapshot holds
    the winning value of every field, each change as it was made: its values never lost
    to one another (the changes they overwrote are simply not in it), so with
    `from_snapshot` none of them is logged as a lost value.
    """
    batch = list(changes)
    with collector_paused():
        result = _Apply(session, from_snapshot).run(batch)
        if any(_may_link_reference(c) for c in batch):
            reference.merge_by_code(session.connection(), _links_brought(batch))
    return result


def _may_link_reference(change: Change) -> bool:
    """Whether a change may bring a second row of an office or program, or a link to one
    (an older version still makes them with random ids): see `app.store.reference`."""
    if change.table in reference.LINKS:
        return True
    if change.column in reference.LINK_COLUMNS:
        return change.value is not None
    return (
        change.column == ROW
        and isinstance(change.value, dict)
        and any(change.value.get(link) is not None for link in reference.LINK_COLUMNS)
    )


def _links_brought(batch: list[Change]) -> dict[str, set[str]] | None:
    """Reference table -> the ids the batch links to; None when the batch brings reference
    rows themselves (then any link in the store may now be resolved)."""
    by_column = {link: table for table, link in reference.LINKS.items()}
    out: dict[str, set[str]] = {table: set() for table in reference.LINKS}
    for change in batch:
        if change.table in reference.LINKS:
            return None
        if change.column in by_column and isinstance(change.value, str):
            out[by_column[change.column]].add(change.value)
        elif change.column == ROW and isinstance(change.value, dict):
            for link, table in by_column.items():
                value = change.value.get(link)
                if isinstance(value, str):
                    out[table].add(value)
    return out


def apply_pending(session: Session) -> ApplyResult:
    """Apply journal changes kept from a newer version, now that this version may know them."""
    conn = session.connection()
    rows = conn.execute(select(CHANGE).where(CHANGE.c.applied.is_(False))).all()
    known_tables = journal.synced_tables()
    usable = [
        r
        for r in rows
        if r.tbl in known_tables and (r.col == ROW or r.col in known_tables[r.tbl].c)
    ]
    if not usable:
        return ApplyResult()
    conn.execute(
        CHANGE.delete().where(CHANGE.c.seq.in_(bindparam("seqs", expanding=True))),
        {"seqs": [r.seq for r in usable]},
    )
    return apply_changes(session, [row_to_change(r) for r in usable])


__all__ = [
    "UNLOGGED",
    "ApplyResult",
    "Change",
    "apply_changes",
    "apply_pending",
    "device_id",
    "journal_changes",
    "local_changes",
    "row_to_change",
    "rows_to_changes",
]
