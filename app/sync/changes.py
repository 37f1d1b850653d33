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

Rows are written through SQLAlchemy Core on the caller's session connection,
inside the caller's transaction, so they are not captured again as this
device's own changes; the search index follows through its triggers.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, text, tuple_
from sqlalchemy.orm import Session

from app.core.ids import utcnow
from app.core.models.sync import ConflictRow
from app.store import codec, journal, search
from app.store.engine import Store
from app.store.journal import CHANGE, NO_STAMP, ROW, Stamp

CONFLICT = ConflictRow.__table__
#: Bookkeeping columns whose losing values are not worth a person's attention.
UNLOGGED = frozenset(("updated_at",))
_CHUNK = 400


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
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["value"] = codec.to_plain(self.value)
        return out

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> Change:
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
    """This store's device id (made at first open)."""
    with store.engine.begin() as conn:
        return journal.load_device(conn).device_id


def row_to_change(row: Any) -> Change:
    return Change(
        hlc=int(row.hlc),
        device=row.device,
        table=row.tbl,
        row_id=row.row_id,
        column=row.col,
        value=codec.decode(row.value),
        seen_hlc=int(row.seen_hlc),
        seen_device=row.seen_device,
    )


def _journal_query(after_seq: int, limit: int | None, device: str | None) -> Any:
    query = select(CHANGE).where(CHANGE.c.seq > after_seq)
    if device is not None:
        query = query.where(CHANGE.c.device == device)
    query = query.order_by(CHANGE.c.seq)
    if limit is not None:
        query = query.limit(limit)
    return query


def local_changes(
    store: Store, after_seq: int = 0, limit: int | None = None
) -> list[tuple[int, Change]]:
    """This device's own changes after journal position `after_seq`, oldest first."""
    with store.engine.connect() as conn:
        me = journal.load_device(conn).device_id
        rows = conn.execute(_journal_query(after_seq, limit, me))
        return [(int(r.seq), row_to_change(r)) for r in rows]


def journal_changes(
    conn: Connection, after_seq: int = 0, limit: int | None = None
) -> list[tuple[int, Change]]:
    """Every change in the journal (own and applied) after `after_seq`: what a snapshot relays."""
    rows = conn.execute(_journal_query(after_seq, limit, None))
    return [(int(r.seq), row_to_change(r)) for r in rows]


# --- applying --------------------------------------------------------------------


def _key(s: Stamp) -> tuple[int, str]:
    return (s.hlc, s.device)


@dataclass
class _RowWork:
    """What one batch does to one record."""

    table: str
    row_id: str
    exists: bool
    deleted_at: Any = None
    values: dict[str, Any] = field(default_factory=dict)
    inserted: dict[str, Any] | None = None
    #: Columns of a record arriving now whose newer edits are already in the journal.
    need: dict[str, Stamp] = field(default_factory=dict)


class _Applier:
    def __init__(self, session: Session) -> None:
        session.flush()
        self.session = session
        self.conn = session.connection()
        self.device = journal.load_device(self.conn)
        self.tables = journal.synced_tables()
        self.insert_only = journal.insert_only_tables()
        self.result = ApplyResult()
        self.journal_rows: list[dict[str, Any]] = []
        self.version_rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        # (table, row, col, loser stamp) -> (loser value or None to look up, winner stamp, winner value)
        self.candidates: dict[tuple[str, str, str, Stamp], tuple[Any, Stamp, Any, bool]] = {}
        self.deleted_edits: list[tuple[str, str, str, Stamp, Stamp]] = []
        self.seen_in_batch: set[tuple[str, str, str, Stamp]] = set()
        #: Columns a whole record cannot lack, per table.
        self.required: dict[str, tuple[str, ...]] = {}
        #: Rows of the table being merged that have any field version.
        self.versioned: set[str] = set()

    # -- step 1: drop what we have, sort out what we cannot use -------------------

    def fresh(self, changes: Iterable[Change]) -> list[Change]:
        unique: dict[tuple[str, int], Change] = {}
        for change in changes:
            self.result.received += 1
            if change.id in unique:
                self.result.duplicates += 1
                continue
            unique[change.id] = change
        by_device: dict[str, list[int]] = defaultdict(list)
        for dev, hlc in unique:
            by_device[dev].append(hlc)
        have: set[tuple[str, int]] = set()
        for dev, stamps in by_device.items():
            lo, hi = min(stamps), max(stamps)
            rows = self.conn.execute(
                text("SELECT hlc FROM change WHERE device = :d AND hlc BETWEEN :lo AND :hi"),
                {"d": dev, "lo": lo, "hi": hi},
            )
            have.update((dev, int(r[0])) for r in rows)
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

    # -- step 2: merge, row by row ------------------------------------------------------

    def run(self, changes: Iterable[Change]) -> ApplyResult:
        batch = self.fresh(changes)
        clock = self.device.clock
        by_row: dict[tuple[str, str], list[Change]] = defaultdict(list)
        for change in batch:
            if clock.observe(change.hlc):
                self.result.flagged += 1
                self.result.flagged_devices.add(change.device)
            if self.known(change):
                by_row[(change.table, change.row_id)].append(change)
                if change.seen_hlc:
                    self.seen_in_batch.add(
                        (change.table, change.row_id, change.column, change.seen)
                    )
                self.journal_rows.append(_journal_row(change, applied=True))
            else:
                self.result.unknown += 1
                self.journal_rows.append(_journal_row(change, applied=False))
        per_table: dict[str, list[str]] = defaultdict(list)
        for table_name, row_id in by_row:
            per_table[table_name].append(row_id)
        works: list[_RowWork] = []
        for table_name, row_ids in per_table.items():
            table = self.tables[table_name]
            versions = journal.field_versions(self.conn, table_name, row_ids)
            self.versioned = {row_id for row_id, _ in versions}
            existing = _existing(self.conn, table, row_ids)
            for row_id in row_ids:
                work = _RowWork(table_name, row_id, row_id in existing, existing.get(row_id))
                self.merge_row(work, table, versions, by_row[(table_name, row_id)])
                works.append(work)
        self.finish(works)
        journal.save_clock(self.conn, clock)
        self.session.expire_all()
        return self.result

    def merge_row(
        self,
        work: _RowWork,
        table: Table,
        versions: dict[tuple[str, str], Stamp],
        changes: list[Change],
    ) -> None:
        insert_only = work.table in self.insert_only
        row_id = work.row_id
        for change in sorted(changes, key=lambda c: (c.hlc, c.device)):
            if change.column == ROW:
                self.merge_insert(work, table, versions, change, insert_only)
                continue
            if insert_only and not journal.insert_only_mutable(change.column):
                self.result.older += 1
                continue
            current = journal.effective(versions, row_id, change.column)
            if _key(change.stamp) > _key(current):
                if current != NO_STAMP and change.seen != current:
                    self.candidate(work, change.column, current, None, change.stamp, change.value)
                self.note_version(versions, work, change.column, change.stamp)
                work.values[change.column] = change.value
                if change.column == "deleted_at":
                    work.deleted_at = change.value
                self.result.applied += 1
            else:
                self.candidate(work, change.column, change.stamp, change.value, current, None)
                self.result.older += 1
        self.check_deleted_edits(work, table, versions)

    def merge_insert(
        self,
        work: _RowWork,
        table: Table,
        versions: dict[tuple[str, str], Stamp],
        change: Change,
        insert_only: bool,
    ) -> None:
        row_id = work.row_id
        value = change.value if isinstance(change.value, dict) else {}
        row = {k: v for k, v in value.items() if k in table.c}
        if len(row) < len(value):
            self.result.unknown += 1
        if not work.exists and row_id not in self.versioned:
            # The common case (a record seen for the first time): the insert is the row.
            work.inserted = row
            work.values.update(row)
            if "deleted_at" in row:
                work.deleted_at = row["deleted_at"]
            self.note_version(versions, work, ROW, change.stamp)
            self.result.applied += 1
            return
        previous = versions.get((row_id, ROW), NO_STAMP)
        if insert_only and previous != NO_STAMP and _key(change.stamp) > _key(previous):
            # The record is present: an insert-only record is never overwritten.
            self.result.older += 1
            return
        won_any = False
        for column, col_value in row.items():
            if column == "id":
                continue
            current = journal.effective(versions, row_id, column)
            if insert_only and not journal.insert_only_mutable(column):
                current = versions.get((row_id, column), NO_STAMP)
                wins = True
            else:
                wins = _key(change.stamp) > _key(current)
            if wins:
                if current != NO_STAMP:
                    self.candidate(work, column, current, None, change.stamp, col_value)
                work.values[column] = col_value
                work.need.pop(column, None)
                if column == "deleted_at":
                    work.deleted_at = col_value
                won_any = True
            else:
                self.candidate(work, column, change.stamp, col_value, current, None)
                if not work.exists and column not in work.values:
                    work.need[column] = current
        if not work.exists and work.inserted is None:
            work.inserted = row
        self.note_version(versions, work, ROW, change.stamp)
        if won_any:
            self.result.applied += 1
        else:
            self.result.older += 1

    def note_version(
        self, versions: dict[tuple[str, str], Stamp], work: _RowWork, column: str, stamp: Stamp
    ) -> None:
        versions[(work.row_id, column)] = stamp
        self.versioned.add(work.row_id)
        self.set_version(work, column, stamp)

    def set_version(self, work: _RowWork, column: str, stamp: Stamp) -> None:
        self.version_rows[(work.table, work.row_id, column)] = {
            "tbl": work.table,
            "row_id": work.row_id,
            "col": column,
            "hlc": stamp.hlc,
            "device": stamp.device,
        }

    def candidate(
        self,
        work: _RowWork,
        column: str,
        loser: Stamp,
        loser_value: Any,
        winner: Stamp,
        winner_value: Any,
    ) -> None:
        """A value that lost; logged at the end unless some change was made on top of it."""
        if column in UNLOGGED:
            return
        key = (work.table, work.row_id, column, loser)
        self.candidates[key] = (loser_value, winner, winner_value, loser_value is None)

    def check_deleted_edits(
        self, work: _RowWork, table: Table, versions: dict[tuple[str, str], Stamp]
    ) -> None:
        """Delete versus edit: edits made elsewhere after the delete go to the log too."""
        if work.deleted_at is None:
            return
        delete = journal.effective(versions, work.row_id, "deleted_at")
        delete_is_new = (work.table, work.row_id, "deleted_at") in self.version_rows
        for column in [c.name for c in table.c]:
            if column in ("id", "deleted_at", "updated_at"):
                continue
            stamp = versions.get((work.row_id, column))
            if stamp is None or stamp.device == delete.device or _key(stamp) <= _key(delete):
                continue
            if delete_is_new or (work.table, work.row_id, column) in self.version_rows:
                self.deleted_edits.append((work.table, work.row_id, column, stamp, delete))

    # -- step 3: write everything, in bulk ------------------------------------------------

    def finish(self, works: list[_RowWork]) -> None:
        if self.journal_rows:
            self.conn.execute(CHANGE.insert(), self.journal_rows)
        journal.upsert_versions(self.conn, list(self.version_rows.values()))
        self.write_rows(works)
        self.write_conflicts()

    def write_rows(self, works: list[_RowWork]) -> None:
        """Write the merged rows; the employer search index is refreshed once at the end."""
        touched = [w for w in works if w.table in _INDEXED and (w.values or w.inserted)]
        if not touched:
            self._write_rows(works)
            return
        reindex = {
            w.row_id
            for w in touched
            if w.table == "employer"
            and w.exists
            and not search.INDEXED_EMPLOYER_COLUMNS.isdisjoint(w.values)
        }
        contact_ids = [w.row_id for w in touched if w.table == "contact"]
        reindex |= _employers_of_contacts(
            self.conn, self.tables["contact"], contact_ids
        )  # where they were
        before = search.last_rowid(self.conn)
        with search.paused(self.conn):
            self._write_rows(works)
        reindex |= _employers_of_contacts(
            self.conn, self.tables["contact"], contact_ids
        )  # where they are now
        search.refresh_new(self.conn, before)
        search.refresh(self.conn, reindex - _employers_after(self.conn, before))

    def _write_rows(self, works: list[_RowWork]) -> None:
        inserts: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        updates: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        wanted = {
            (stamp.device, stamp.hlc): column
            for w in works
            if not w.exists and w.inserted is not None
            for column, stamp in w.need.items()
        }
        fetched = _journal_values(self.conn, wanted)
        for work in works:
            if not work.exists:
                if work.inserted is None:
                    continue  # edits that arrived before their record: kept in the journal
                pending = {
                    column: _column_value(fetched.get((stamp.device, stamp.hlc)), column)
                    for column, stamp in work.need.items()
                    if (stamp.device, stamp.hlc) in fetched
                }
                row = {**work.inserted, **pending, **work.values}
                row["id"] = work.row_id
                inserts[work.table][frozenset(row)].append(row)
            elif work.values:
                params = {f"v_{k}": v for k, v in work.values.items()}
                params["_id"] = work.row_id
                updates[work.table][frozenset(work.values)].append(params)
        for table_name, groups in inserts.items():
            table = self.tables[table_name]
            for rows in groups.values():
                self.conn.execute(table.insert(), rows)
        for table_name, groups in updates.items():
            table = self.tables[table_name]
            for columns, rows in groups.items():
                stmt = (
                    table.update()
                    .where(table.c.id == bindparam("_id"))
                    .values({c: bindparam(f"v_{c}") for c in columns})
                )
                self.conn.execute(stmt, rows)

    def write_conflicts(self) -> None:
        existing = {
            (r.kind, r.tbl, r.row_id, r.col, r.lost_device, int(r.lost_hlc)): r.id
            for r in self.conn.execute(
                select(
                    CONFLICT.c.id,
                    CONFLICT.c.kind,
                    CONFLICT.c.tbl,
                    CONFLICT.c.row_id,
                    CONFLICT.c.col,
                    CONFLICT.c.lost_device,
                    CONFLICT.c.lost_hlc,
                )
            )
        }
        # A change made on top of a logged value settles that entry.
        settled = [
            existing[k]
            for k in existing
            if k[0] == "lww" and (k[1], k[2], k[3], Stamp(k[5], k[4])) in self.seen_in_batch
        ]
        if settled:
            self.conn.execute(
                CONFLICT.delete().where(CONFLICT.c.id.in_(bindparam("ids", expanding=True))),
                {"ids": settled},
            )
        candidates = {
            k: v
            for k, v in self.candidates.items()
            if k not in self.seen_in_batch
            and ("lww", k[0], k[1], k[2], k[3].device, k[3].hlc) not in existing
        }
        seen_before = _seen_in_journal(self.conn, [k[3] for k in candidates])
        lookups: dict[tuple[str, int], tuple[str, str, str]] = {}
        for (tbl, row_id, col, loser), (_lv, winner, wv, lookup) in candidates.items():
            if (tbl, row_id, col, loser) in seen_before:
                continue
            if lookup:
                lookups[(loser.device, loser.hlc)] = (tbl, row_id, col)
            if wv is None:
                lookups[(winner.device, winner.hlc)] = (tbl, row_id, col)
        for tbl, row_id, col, edit, _delete in self.deleted_edits:
            lookups[(edit.device, edit.hlc)] = (tbl, row_id, col)
        raw_values = _journal_values(self.conn, lookups)
        now = utcnow()
        rows: list[dict[str, Any]] = []
        for (tbl, row_id, col, loser), (lv, winner, wv, lookup) in candidates.items():
            if (tbl, row_id, col, loser) in seen_before:
                continue
            lost = (
                _field_of(raw_values.get((loser.device, loser.hlc)), col)
                if lookup
                else codec.encode(lv)
            )
            if lost is None:
                continue
            won = (
                _field_of(raw_values.get((winner.device, winner.hlc)), col)
                if wv is None
                else codec.encode(wv)
            )
            rows.append(_conflict_row("lww", tbl, row_id, col, loser, lost, winner, won, now))
        for tbl, row_id, col, edit, delete in self.deleted_edits:
            if ("edited_deleted", tbl, row_id, col, edit.device, edit.hlc) in existing:
                continue
            lost = _field_of(raw_values.get((edit.device, edit.hlc)), col)
            if lost is None:
                continue
            rows.append(
                _conflict_row("edited_deleted", tbl, row_id, col, edit, lost, delete, None, now)
            )
        if rows:
            self.conn.execute(CONFLICT.insert(), rows)
        self.result.conflicts += len(rows)


#: Tables whose rows feed the employer search index.
_INDEXED = frozenset(("employer", "contact"))


def _employers_of_contacts(conn: Connection, contact: Table, contact_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start : start + 500]
        found.update(
            r[0] for r in conn.execute(select(contact.c.employer_id).where(contact.c.id.in_(chunk)))
        )
    return found


def _employers_after(conn: Connection, rowid: int) -> set[str]:
    """Employers inserted after `rowid` (already indexed by `search.refresh_new`)."""
    return {
        r[0] for r in conn.execute(text("SELECT id FROM employer WHERE rowid > :r"), {"r": rowid})
    }


def _conflict_row(
    kind: str,
    tbl: str,
    row_id: str,
    col: str,
    loser: Stamp,
    lost: str,
    winner: Stamp,
    won: str | None,
    now: Any,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "tbl": tbl,
        "row_id": row_id,
        "col": col,
        "lost_value": lost,
        "lost_hlc": loser.hlc,
        "lost_device": loser.device,
        "won_value": won,
        "won_hlc": winner.hlc,
        "won_device": winner.device,
        "recorded_at": now,
        "resolved": False,
        "resolved_at": None,
    }


def _column_value(found: tuple[str, str] | None, column: str) -> Any:
    """The Python value of `column` from a journal change (a whole row for inserts)."""
    if found is None:
        return None
    col, raw = found
    value = codec.decode(raw)
    if col == ROW and isinstance(value, dict):
        return value.get(column)
    return value


def _field_of(found: tuple[str, str] | None, column: str) -> str | None:
    """The JSON of `column` from a journal change, or None when the journal lacks it."""
    if found is None:
        return None
    col, raw = found
    if col != ROW:
        return raw
    return codec.encode(_column_value(found, column))


def _journal_row(change: Change, applied: bool) -> dict[str, Any]:
    return {
        "hlc": change.hlc,
        "device": change.device,
        "tbl": change.table,
        "row_id": change.row_id,
        "col": change.column,
        "value": codec.encode(change.value),
        "seen_hlc": change.seen_hlc,
        "seen_device": change.seen_device,
        "applied": applied,
    }


def _existing(conn: Connection, table: Table, row_ids: list[str]) -> dict[str, Any]:
    """{id: deleted_at} of the rows among `row_ids` the table holds."""
    out: dict[str, Any] = {}
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        for row_id, deleted_at in conn.execute(
            select(table.c.id, table.c.deleted_at).where(table.c.id.in_(chunk))
        ):
            out[row_id] = deleted_at
    return out


def _journal_values(
    conn: Connection, ids: Mapping[tuple[str, int], Any]
) -> dict[tuple[str, int], tuple[str, str]]:
    """(column, raw JSON value) of journal changes, by (device, hlc)."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    keys = list(ids)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        rows = conn.execute(
            select(CHANGE.c.device, CHANGE.c.hlc, CHANGE.c.col, CHANGE.c.value).where(
                tuple_(CHANGE.c.device, CHANGE.c.hlc).in_(chunk)
            )
        )
        for dev, hlc, col, value in rows:
            out[(dev, int(hlc))] = (col, value)
    return out


def _seen_in_journal(conn: Connection, stamps: list[Stamp]) -> set[tuple[str, str, str, Stamp]]:
    """(table, row, column, seen stamp) of journal changes made on top of these stamps."""
    out: set[tuple[str, str, str, Stamp]] = set()
    keys = list({(s.device, s.hlc) for s in stamps})
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        rows = conn.execute(
            select(
                CHANGE.c.tbl, CHANGE.c.row_id, CHANGE.c.col, CHANGE.c.seen_device, CHANGE.c.seen_hlc
            ).where(
                CHANGE.c.seen_hlc > 0,
                tuple_(CHANGE.c.seen_device, CHANGE.c.seen_hlc).in_(chunk),
            )
        )
        for tbl, row_id, col, dev, hlc in rows:
            out.add((tbl, row_id, col, Stamp(int(hlc), dev)))
    return out


def apply_changes(session: Session, changes: Iterable[Change]) -> ApplyResult:
    """Merge other devices' changes into the store, inside the caller's transaction.

    Idempotent and order-independent (see the module notes). Never raises on
    changes from newer versions; they are counted as unknown and kept.
    """
    return _Applier(session).run(changes)


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
]
