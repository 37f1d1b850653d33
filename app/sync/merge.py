"""The merge step of applying changes: rows and stamps in, writes and conflicts out.

Pure: no SQL, no session. `Merger.merge_table` takes, for one table, the changes
of each record, the stamps of the values this store holds (`field_version`) and
which records exist; it decides last-writer-wins per field (rules in
`app.sync.changes`) and collects what the writer must do (`RowWrite`,
`VersionWrite`) and what the conflict log may need (`LostValue`, `EditedDeleted`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app.store import journal
from app.store.journal import NO_STAMP, ROW, Stamp

#: Bookkeeping columns whose losing values are not worth a person's attention.
UNLOGGED = frozenset(("updated_at",))


def _key(s: Stamp) -> tuple[int, str]:
    return (s.hlc, s.device)


@dataclass(slots=True)
class RowWrite:
    """What one batch does to one record."""

    table: str
    row_id: str
    exists: bool
    deleted_at: Any = None
    values: dict[str, Any] = field(default_factory=dict)
    inserted: dict[str, Any] | None = None
    #: Columns of a record arriving now whose newer edits are already in the journal.
    need: dict[str, Stamp] = field(default_factory=dict)
    #: The insert this batch stores as the record, every field of it known: its journal
    #: row need not copy the value (`app.store.journal`).
    stored_insert: Stamp | None = None


class FieldKey(NamedTuple):
    """One field of one record (a tuple: it is a dictionary key on the hot path)."""

    table: str
    row_id: str
    column: str


@dataclass(frozen=True, slots=True)
class LostValue:
    """A value that lost; logged unless some change was made on top of it.

    A value of None means "look it up in the journal" (`loser_value` when
    `look_up_loser`, `winner_value` when it is None).
    """

    field: FieldKey
    loser: Stamp
    loser_value: Any
    winner: Stamp
    winner_value: Any
    look_up_loser: bool


@dataclass(frozen=True, slots=True)
class EditedDeleted:
    """An edit made on another device after the record was deleted."""

    field: FieldKey
    edit: Stamp
    delete: Stamp


@dataclass(slots=True)
class MergeOutcome:
    """Everything a batch decided; the writer turns it into SQL."""

    rows: list[RowWrite] = field(default_factory=list)
    #: New stamps of fields (and of whole records, column "*").
    versions: dict[FieldKey, Stamp] = field(default_factory=dict)
    #: Keyed by (field, losing stamp).
    lost: dict[tuple[FieldKey, Stamp], LostValue] = field(default_factory=dict)
    edited_deleted: list[EditedDeleted] = field(default_factory=list)
    applied: int = 0
    older: int = 0
    unknown: int = 0


@dataclass(frozen=True, slots=True)
class TableShape:
    """What the merge needs to know of a table: its columns, and if it is insert-only."""

    name: str
    columns: tuple[str, ...]
    column_set: frozenset[str]
    insert_only: bool


class Merger:
    """Last writer wins per field, for one batch, table by table."""

    def __init__(self) -> None:
        self.out = MergeOutcome()
        self._versioned: set[str] = set()

    def merge_table(
        self,
        shape: TableShape,
        versions: dict[tuple[str, str], Stamp],
        existing: Mapping[str, Any],
        changes_by_row: Mapping[str, Iterable[Any]],
    ) -> None:
        """`versions`: (row id, column) -> stamp held; `existing`: row id -> deleted_at."""
        self._versioned = {row_id for row_id, _ in versions}
        for row_id, changes in changes_by_row.items():
            work = RowWrite(shape.name, row_id, row_id in existing, existing.get(row_id))
            self._merge_row(work, shape, versions, changes)
            self.out.rows.append(work)

    def _merge_row(
        self,
        work: RowWrite,
        shape: TableShape,
        versions: dict[tuple[str, str], Stamp],
        changes: Iterable[Any],
    ) -> None:
        row_id = work.row_id
        if not isinstance(changes, list) or len(changes) > 1:  # most records get one change
            changes = sorted(changes, key=lambda c: (c.hlc, c.device))
        for change in changes:
            if change.column == ROW:
                self._merge_insert(work, shape, versions, change)
                continue
            if shape.insert_only and not journal.insert_only_mutable(change.column):
                self.out.older += 1
                continue
            stamp = change.stamp
            current = journal.effective(versions, row_id, change.column)
            if (stamp.hlc, stamp.device) > (current.hlc, current.device):
                if current != NO_STAMP and change.seen != current:
                    self._lost(work, change.column, current, None, stamp, change.value)
                self._note_version(versions, work, change.column, stamp)
                work.values[change.column] = change.value
                if change.column == "deleted_at":
                    work.deleted_at = change.value
                self.out.applied += 1
            else:
                self._lost(work, change.column, stamp, change.value, current, None)
                self.out.older += 1
        self._check_deleted_edits(work, shape, versions)

    def _merge_insert(
        self,
        work: RowWrite,
        shape: TableShape,
        versions: dict[tuple[str, str], Stamp],
        change: Any,
    ) -> None:
        row_id = work.row_id
        value = change.value if isinstance(change.value, dict) else {}
        columns = shape.column_set
        whole = columns.issuperset(value)
        if whole:
            row = dict(value)
        else:  # fields of a newer version: kept in the journal, not written
            row = {k: v for k, v in value.items() if k in columns}
            self.out.unknown += 1
        if not work.exists and row_id not in self._versioned:
            # The common case (a record seen for the first time): the insert is the row.
            work.inserted = row
            if whole:
                work.stored_insert = change.stamp
            work.values.update(row)
            if "deleted_at" in row:
                work.deleted_at = row["deleted_at"]
            self._note_version(versions, work, ROW, change.stamp)
            self.out.applied += 1
            return
        previous = versions.get((row_id, ROW), NO_STAMP)
        if shape.insert_only and previous != NO_STAMP and _key(change.stamp) > _key(previous):
            # The record is present: an insert-only record is never overwritten.
            self.out.older += 1
            return
        won_any = False
        for column, col_value in row.items():
            if column == "id":
                continue
            current = journal.effective(versions, row_id, column)
            if shape.insert_only and not journal.insert_only_mutable(column):
                current = versions.get((row_id, column), NO_STAMP)
                wins = True
            else:
                wins = _key(change.stamp) > _key(current)
            if wins:
                if current != NO_STAMP:
                    self._lost(work, column, current, None, change.stamp, col_value)
                work.values[column] = col_value
                work.need.pop(column, None)
                if column == "deleted_at":
                    work.deleted_at = col_value
                won_any = True
            else:
                self._lost(work, column, change.stamp, col_value, current, None)
                if not work.exists and column not in work.values:
                    work.need[column] = current
        if not work.exists and work.inserted is None:
            work.inserted = row
        self._note_version(versions, work, ROW, change.stamp)
        if won_any:
            self.out.applied += 1
        else:
            self.out.older += 1

    def _note_version(
        self, versions: dict[tuple[str, str], Stamp], work: RowWrite, column: str, stamp: Stamp
    ) -> None:
        versions[(work.row_id, column)] = stamp
        self._versioned.add(work.row_id)
        self.out.versions[FieldKey(work.table, work.row_id, column)] = stamp

    def _lost(
        self,
        work: RowWrite,
        column: str,
        loser: Stamp,
        loser_value: Any,
        winner: Stamp,
        winner_value: Any,
    ) -> None:
        if column in UNLOGGED:
            return
        key = FieldKey(work.table, work.row_id, column)
        self.out.lost[(key, loser)] = LostValue(
            key, loser, loser_value, winner, winner_value, loser_value is None
        )

    def _check_deleted_edits(
        self, work: RowWrite, shape: TableShape, versions: dict[tuple[str, str], Stamp]
    ) -> None:
        """Delete versus edit: edits made elsewhere after the delete go to the log too."""
        if work.deleted_at is None:
            return
        delete = journal.effective(versions, work.row_id, "deleted_at")
        new = self.out.versions
        delete_is_new = FieldKey(work.table, work.row_id, "deleted_at") in new
        for column in shape.columns:
            if column in ("id", "deleted_at", "updated_at"):
                continue
            stamp = versions.get((work.row_id, column))
            if stamp is None or stamp.device == delete.device or _key(stamp) <= _key(delete):
                continue
            key = FieldKey(work.table, work.row_id, column)
            if delete_is_new or key in new:
                self.out.edited_deleted.append(EditedDeleted(key, stamp, delete))


__all__ = [
    "UNLOGGED",
    "EditedDeleted",
    "FieldKey",
    "LostValue",
    "MergeOutcome",
    "Merger",
    "RowWrite",
    "TableShape",
]
