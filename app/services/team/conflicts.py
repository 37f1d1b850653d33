"""The conflict log as a person sees it: values that lost, and "use this value instead".

Sync logs a value when a concurrent edit on another device replaced it (kind
"lww"), and an edit that reached a record someone had deleted (kind
"edited_deleted"). Choosing the logged value makes it a NEW edit on this
device, stamped now, so it wins and reaches every other device like any edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlmodel import SQLModel

from app.core.hlc import physical_ms
from app.core.ids import utcnow
from app.core.models.base import Record
from app.core.models.sync import ConflictRow
from app.core.validation import FieldError
from app.store import codec, journal
from app.store.engine import Store

KIND_LABELS = {
    "lww": "Changed on two computers at once",
    "edited_deleted": "Edited after it was deleted",
}


@dataclass(frozen=True)
class Conflict:
    """One logged conflict, decoded for display."""

    id: int
    kind: str
    table: str
    row_id: str
    column: str
    lost_value: Any
    lost_device: str
    lost_at: datetime
    won_value: Any
    won_device: str
    recorded_at: datetime
    resolved: bool

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _stamp_time(stamp: int) -> datetime:
    return datetime.fromtimestamp(physical_ms(stamp) / 1000, tz=UTC)


def _view(row: ConflictRow) -> Conflict:
    return Conflict(
        id=int(row.id or 0),
        kind=row.kind,
        table=row.tbl,
        row_id=row.row_id,
        column=row.col,
        lost_value=codec.decode(row.lost_value),
        lost_device=row.lost_device,
        lost_at=_stamp_time(row.lost_hlc),
        won_value=codec.decode(row.won_value) if row.won_value is not None else None,
        won_device=row.won_device,
        recorded_at=journal_utc(row.recorded_at),
        resolved=row.resolved,
    )


def journal_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def list_conflicts(
    store: Store,
    include_resolved: bool = False,
    table: str | None = None,
    row_id: str | None = None,
) -> list[Conflict]:
    """Logged conflicts, newest first (only open ones unless asked)."""
    query = select(ConflictRow)
    if not include_resolved:
        query = query.where(ConflictRow.resolved.is_(False))  # type: ignore[attr-defined]
    if table is not None:
        query = query.where(ConflictRow.tbl == table)
    if row_id is not None:
        query = query.where(ConflictRow.row_id == row_id)
    query = query.order_by(ConflictRow.id.desc())  # type: ignore[union-attr]
    with store.session() as session:
        return [_view(r) for r in session.scalars(query)]


def count_open(store: Store) -> int:
    with store.session() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(ConflictRow).where(ConflictRow.resolved.is_(False))  # type: ignore[attr-defined]
            )
            or 0
        )


def _record_class(table_name: str) -> type[Record]:
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if (
            issubclass(cls, Record)
            and isinstance(mapper.local_table, Table)
            and mapper.local_table.name == table_name
        ):
            return cls
    raise FieldError("table", f"This version does not know “{table_name}” records.")


def use_value(store: Store, conflict_id: int) -> None:
    """Put the logged value back as a new edit on this device (it then syncs everywhere).

    For an edit that reached a deleted record, the record is restored too.
    """
    with store.transaction() as session:
        entry = session.get(ConflictRow, conflict_id)
        if entry is None:
            raise FieldError("conflict", "This conflict is no longer in the log.")
        cls = _record_class(entry.tbl)
        if cls.insert_only and not journal.insert_only_mutable(entry.col):
            raise FieldError(entry.col, "This record is history and cannot be changed.")
        record = session.get(cls, entry.row_id)
        if record is None:
            raise FieldError("record", "The record has not arrived on this computer yet.")
        column = cls.__table__.c.get(entry.col)
        if column is None:
            raise FieldError(entry.col, f"This version does not know the field “{entry.col}”.")
        attr = cls.__mapper__.get_property_by_column(column).key
        now = utcnow()
        setattr(record, attr, codec.decode(entry.lost_value))
        if entry.kind == "edited_deleted":
            record.deleted_at = None
        record.updated_at = now
        session.add(record)
        _resolve(entry, now)
        session.add(entry)


def dismiss(store: Store, conflict_id: int) -> None:
    """Keep the current value: the entry leaves the open list (it stays in the history)."""
    with store.transaction() as session:
        entry = session.get(ConflictRow, conflict_id)
        if entry is None:
            raise FieldError("conflict", "This conflict is no longer in the log.")
        _resolve(entry, utcnow())
        session.add(entry)


def _resolve(entry: ConflictRow, when: datetime) -> None:
    entry.resolved = True
    entry.resolved_at = when


__all__ = ["KIND_LABELS", "Conflict", "count_open", "dismiss", "list_conflicts", "use_value"]
