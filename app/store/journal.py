"""Change capture: every write to a synced record lands in the journal, in the same transaction.

`install_capture()` hooks SQLAlchemy's session events once for every Session in
the process. After each flush it walks what the flush wrote:

- an insert of a `Record` becomes one change, column "*", the whole row as value
  (one journal row per record keeps imports fast);
- an update becomes one change per column whose value changed, each carrying
  the stamp of the value it replaced (`seen`), so a merge can tell an edit made
  on top of another from one made beside it;
- a hard delete (`session.delete`) becomes a tombstone: the record is kept,
  soft-deleted (`deleted_at` set), and the change is to `deleted_at`. Every
  device then holds the same deleted record, and undeleting brings it back.

An insert's journal row does not copy the row: its value is SQL NULL, meaning
"the stored row's" (`app.store.journal_values` reads it back when a publish, a
snapshot or the merge needs it). The row is there from the same transaction on, and records
are never removed (tombstones), so it can always be read. While the insert is
the stamp of a field, the stored field is exactly the insert's value; once a
later edit replaced a field, that edit is in the journal too and wins wherever
the insert goes. Offices and programs keep their values: a duplicate of one is
removed when two computers' copies are merged (`app.store.reference`).

Because it keys on `Record` and reads the mapper, a table added later syncs
with no extra code. Writes made with plain SQL (Core) outside a Session are
not seen: synced data must be written through a Session (sync's own apply
writes through Core on purpose, so applied changes are not captured again).

Insert-only records (activities, check-ins, notes, timesheets) are history:
changing any field of one except its tombstone (`deleted_at`, `updated_at`) and
its links (`..._id`, re-pointed by merges) is refused with `InsertOnlyError`
before anything is written.

Every change gets its own stamp from the device's hybrid logical clock, read
and saved in the `sync_device` row inside the transaction (after the flush the
connection holds SQLite's write lock, so two processes on one store never
hand out the same stamp). When the user edits a field whose current value
carries a stamp from a laptop with a clock far ahead, the edit is stamped past
it (`HybridClock.now_after`, which does not move the clock): the user saw that
value and replaced it, so their edit must win everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, event, inspect, select, text
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import SQLModel

from app.core.hlc import HybridClock
from app.core.ids import new_id, utcnow
from app.core.models.base import Record
from app.core.models.sync import ChangeRow, FieldVersion, SyncDevice
from app.store import codec, reference
from app.store.batches import chunks, marks

ROW = "*"
#: The value of an insert's journal row that is the stored row's (SQL NULL in `change.value`).
STORED: Any = object()
#: Columns an insert-only record may still change: its tombstone.
INSERT_ONLY_MUTABLE = frozenset(("deleted_at", "updated_at"))


def insert_only_mutable(column: str) -> bool:
    """Whether an insert-only record may change `column`: its tombstone, and its links.

    Its own facts never change; a link (`employer_id`...) may be re-pointed when
    the record it points at is merged into another.
    """
    return column in INSERT_ONLY_MUTABLE or column.endswith("_id")


CHANGE = ChangeRow.__table__
FIELD_VERSION = FieldVersion.__table__
SYNC_DEVICE = SyncDevice.__table__

_PENDING_DELETES = "_sync_hard_deleted"

#: A journal row as `insert_changes` takes it: the `change` table's columns in this order,
#: then applied (1 or 0).
JOURNAL_COLUMNS = ("hlc", "device", "tbl", "row_id", "col", "value", "seen_hlc", "seen_device")
_INSERT_CHANGE = (
    f"INSERT INTO change ({', '.join(JOURNAL_COLUMNS)}, applied) "
    f"VALUES ({', '.join('?' for _ in JOURNAL_COLUMNS)}, ?)"
)
_SET_VERSION = (
    "INSERT INTO field_version (tbl, row_id, col, hlc, device) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, device = excluded.device"
)


def _driver(conn: Connection) -> Any:
    """The sqlite3 connection under `conn`, inside the same transaction.

    Journal writes go to it with plain statements and positional parameters: an edit
    writes four of them, an import or a join hundreds of thousands, and SQLAlchemy's
    statement building costs more than SQLite's work for a row."""
    raw = conn.connection.driver_connection
    assert raw is not None
    return raw


def insert_changes(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Add journal rows (tuples in `JOURNAL_COLUMNS` order, then applied)."""
    if rows:
        _driver(conn).executemany(_INSERT_CHANGE, rows)


def set_versions(conn: Connection, rows: list[tuple[str, str, str, int, str]]) -> None:
    """Set the stamps of fields: (table, row id, column, hlc, device); last one wins."""
    if rows:
        _driver(conn).executemany(_SET_VERSION, rows)


class InsertOnlyError(ValueError):
    """An edit of a record that is history (an activity, a check-in...)."""

    def __init__(self, table: str, columns: Iterable[str]) -> None:
        self.table = table
        self.columns = sorted(columns)
        super().__init__(
            f"A saved {table} record is history and cannot be changed "
            f"({', '.join(self.columns)}); add a new one instead."
        )


@dataclass(frozen=True)
class Stamp:
    """A change's identity and order: (hlc, device); compares as the tuple."""

    hlc: int
    device: str

    def key(self) -> tuple[int, str]:
        return (self.hlc, self.device)


NO_STAMP = Stamp(0, "")


# --- which tables sync -------------------------------------------------------


def synced_tables() -> dict[str, Table]:
    """Every table mapped by a `Record` subclass, by name."""
    out: dict[str, Table] = {}
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Record) and mapper.local_table is not None:
            table = mapper.local_table
            if isinstance(table, Table):
                out[table.name] = table
    return out


def insert_only_tables() -> frozenset[str]:
    names = set()
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Record) and cls.insert_only and isinstance(mapper.local_table, Table):
            names.add(mapper.local_table.name)
    return frozenset(names)


def keeps_values(table: str) -> bool:
    """Whether inserts of `table` keep their values in the journal (rows that may go)."""
    return table in reference.LINKS


# --- device and clock --------------------------------------------------------


@dataclass
class DeviceState:
    device_id: str
    clock: HybridClock


def load_device(conn: Connection) -> DeviceState:
    """This store's device row, made on first use (a UUIDv7 id and a zero clock)."""
    row = conn.exec_driver_sql(
        "SELECT device_id, clock, ahead_lo, ahead_hi FROM sync_device WHERE slot = 1"
    ).first()
    if row is None:
        device_id = new_id()
        conn.execute(
            SYNC_DEVICE.insert().values(
                slot=1,
                device_id=device_id,
                clock=0,
                ahead_lo=0,
                ahead_hi=0,
                created_at=utcnow(),
                former_ids="",
            )
        )
        return DeviceState(device_id, HybridClock(0))
    clock = HybridClock(int(row[1]), ahead_lo=int(row[2]), ahead_hi=int(row[3]))
    return DeviceState(row[0], clock)


def save_clock(conn: Connection, clock: HybridClock) -> None:
    """Persist the clock; never lowers it (another process may have moved it further)."""
    conn.exec_driver_sql(
        "UPDATE sync_device SET clock = max(clock, ?), ahead_lo = ?, ahead_hi = ? WHERE slot = 1",
        (clock.last, clock.ahead_lo, clock.ahead_hi),
    )


def ensure_device(engine: Engine) -> str:
    """Make sure the store has its device id; journal any rows written before sync existed."""
    with engine.begin() as conn:
        exists = conn.execute(select(SYNC_DEVICE.c.device_id)).first()
        if exists is not None:
            return exists[0]
        state = load_device(conn)
        _journal_existing_rows(conn, state)
        save_clock(conn, state.clock)
        return state.device_id


def _journal_existing_rows(conn: Connection, state: DeviceState) -> None:
    """Rows that predate the journal (a store upgraded with data) become inserts."""
    for name, table in synced_tables().items():
        rows = conn.execute(select(table)).mappings().all()
        if not rows:
            continue
        changes = []
        versions = []
        for row in rows:
            stamp = state.clock.now()
            value = dict(row) if keeps_values(name) else STORED
            changes.append(_change_row(stamp, state.device_id, name, row["id"], ROW, value))
            versions.append(_version_row(name, row["id"], ROW, stamp, state.device_id))
        insert_changes(conn, changes)
        set_versions(conn, versions)


def rotate_device_id(conn: Connection, restamp_after_seq: int | None = None) -> str:
    """Give this store a new device id (it was found to be a copy of another store).

    Changes this store made after `restamp_after_seq` (those its original never
    published) move to the new id, so they are published under it; earlier
    ones stay under the old id, which the original keeps publishing.
    """
    old = load_device(conn)
    new = new_id()
    former = conn.execute(select(SYNC_DEVICE.c.former_ids)).scalar_one()
    former_ids = ",".join(p for p in (former, old.device_id) if p)
    conn.execute(
        SYNC_DEVICE.update()
        .where(SYNC_DEVICE.c.slot == 1)
        .values(device_id=new, former_ids=former_ids)
    )
    if restamp_after_seq is not None:
        params = {"old": old.device_id, "new": new, "after": restamp_after_seq}
        conn.execute(
            text(
                "UPDATE field_version SET device = :new WHERE device = :old AND hlc IN "
                "(SELECT hlc FROM change WHERE device = :old AND seq > :after)"
            ),
            params,
        )
        conn.execute(
            text("UPDATE change SET device = :new WHERE device = :old AND seq > :after"), params
        )
    return new


# --- journal rows ------------------------------------------------------------


def _change_row(
    hlc: int,
    device: str,
    table: str,
    row_id: str,
    column: str,
    value: Any,
    seen: Stamp = NO_STAMP,
) -> tuple[Any, ...]:
    encoded = None if value is STORED else codec.encode(value)
    return (hlc, device, table, row_id, column, encoded, seen.hlc, seen.device, 1)


def _version_row(
    table: str, row_id: str, column: str, hlc: int, device: str
) -> tuple[str, str, str, int, str]:
    return (table, row_id, column, hlc, device)


def upsert_versions(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Set the stamps of fields given as mappings (tbl, row_id, col, hlc, device)."""
    set_versions(conn, [(r["tbl"], r["row_id"], r["col"], r["hlc"], r["device"]) for r in rows])


def field_versions(
    conn: Connection, table: str, row_ids: Iterable[str]
) -> dict[tuple[str, str], Stamp]:
    """{(row_id, col): stamp} of the given rows of a table, col "*" included."""
    out: dict[tuple[str, str], Stamp] = {}
    ids = list(dict.fromkeys(row_ids))
    for chunk in chunks(ids):
        rows = conn.exec_driver_sql(
            "SELECT row_id, col, hlc, device FROM field_version "
            f"WHERE tbl = ? AND row_id IN ({marks(len(chunk))})",
            (table, *chunk),
        )
        for row_id, col, hlc, device in rows:
            out[(row_id, col)] = Stamp(int(hlc), device)
    return out


def effective(versions: Mapping[tuple[str, str], Stamp], row_id: str, column: str) -> Stamp:
    """The stamp of a field's value: its own edit's, or the row insert's if later or alone."""
    own = versions.get((row_id, column), NO_STAMP)
    row = versions.get((row_id, ROW), NO_STAMP)
    return own if own.key() >= row.key() else row


# --- capture -----------------------------------------------------------------

_installed = False


def install_capture() -> None:
    """Register the session hooks once per process (safe to call again)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _refuse_bulk_writes)
    _installed = True


class UnjournaledWriteError(RuntimeError):
    """A bulk statement would change synced records without journaling them."""


def _refuse_bulk_writes(state: ORMExecuteState) -> None:
    """ORM bulk INSERT/UPDATE/DELETE statements skip the flush, so they would not sync."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, Record):
        raise UnjournaledWriteError(
            f"{mapper.local_table.name}: synced records must be written through session.add "
            "and attribute changes; a bulk statement would not reach the other computers."
        )


def _columns(obj: Record) -> list[tuple[str, str]]:
    """(attribute key, column name) of a mapped record."""
    mapper = inspect(type(obj))
    return [(prop.key, prop.columns[0].name) for prop in mapper.column_attrs]


def _table_name(obj: Record) -> str:
    return str(inspect(type(obj)).local_table.name)


def _before_flush(session: Session, _ctx: object, _instances: object) -> None:
    for obj in session.dirty:
        if not isinstance(obj, Record) or not type(obj).insert_only:
            continue
        state = inspect(obj)
        changed = {
            column
            for key, column in _columns(obj)
            if state.attrs[key].history.has_changes() and not insert_only_mutable(column)
        }
        if changed:
            raise InsertOnlyError(_table_name(obj), changed)
    deleted = [obj for obj in session.deleted if isinstance(obj, Record)]
    if deleted:
        # Read the rows now: after the flush they are gone from the database.
        pending = session.info.setdefault(_PENDING_DELETES, {})
        for obj in deleted:
            pending[id(obj)] = (
                _table_name(obj),
                {column: getattr(obj, key) for key, column in _columns(obj)},
            )


def _after_flush(session: Session, _ctx: object) -> None:
    inserted = [obj for obj in session.new if isinstance(obj, Record)]
    updated = [
        obj
        for obj in session.dirty
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False)
    ]
    pending = session.info.pop(_PENDING_DELETES, {})
    deleted = [pending[id(obj)] for obj in session.deleted if id(obj) in pending]
    if not (inserted or updated or deleted):
        return
    conn = session.connection()
    state = load_device(conn)
    me = state.device_id
    changes: list[tuple[Any, ...]] = []
    versions: list[tuple[str, str, str, int, str]] = []

    for obj in inserted:
        table = _table_name(obj)
        row = {column: getattr(obj, key) for key, column in _columns(obj)}
        stamp = state.clock.now()
        value = row if keeps_values(table) else STORED
        changes.append(_change_row(stamp, me, table, row["id"], ROW, value))
        versions.append(_version_row(table, row["id"], ROW, stamp, me))

    for obj in updated:
        table = _table_name(obj)
        insp = inspect(obj)
        edits = [
            (column, getattr(obj, key))
            for key, column in _columns(obj)
            if insp.attrs[key].history.has_changes()
        ]
        if not edits:
            continue
        row_id = obj.id
        known = field_versions(conn, table, [row_id])
        for column, value in edits:
            seen = effective(known, row_id, column)
            stamp = state.clock.now_after(seen.hlc)
            changes.append(_change_row(stamp, me, table, row_id, column, value, seen))
            versions.append(_version_row(table, row_id, column, stamp, me))

    now = utcnow()
    for table_name, row in deleted:
        # Keep the record as a tombstone so every device holds the same rows.
        table = synced_tables()[table_name]
        if row.get("deleted_at") is None:
            row["deleted_at"] = now
        conn.execute(table.insert(), [row])
        known = field_versions(conn, table_name, [row["id"]])
        seen = effective(known, row["id"], "deleted_at")
        stamp = state.clock.now_after(seen.hlc)
        changes.append(
            _change_row(stamp, me, table_name, row["id"], "deleted_at", row["deleted_at"], seen)
        )
        versions.append(_version_row(table_name, row["id"], "deleted_at", stamp, me))

    insert_changes(conn, changes)
    set_versions(conn, versions)
    save_clock(conn, state.clock)


__all__ = [
    "CHANGE",
    "FIELD_VERSION",
    "INSERT_ONLY_MUTABLE",
    "JOURNAL_COLUMNS",
    "NO_STAMP",
    "ROW",
    "STORED",
    "SYNC_DEVICE",
    "DeviceState",
    "InsertOnlyError",
    "UnjournaledWriteError",
    "Stamp",
    "effective",
    "ensure_device",
    "field_versions",
    "insert_only_mutable",
    "insert_changes",
    "insert_only_tables",
    "install_capture",
    "keeps_values",
    "load_device",
    "rotate_device_id",
    "save_clock",
    "set_versions",
    "synced_tables",
    "upsert_versions",
]
