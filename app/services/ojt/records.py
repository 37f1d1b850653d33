"""Small record helpers for the OJT services: a live record or a clear error, soft delete, and
field edits through cleaners. Shaped like a generic record helper so they can be swapped for
one shared by every area."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session

from app.core import validation as v
from app.core.ids import utcnow
from app.core.models.base import Record

if TYPE_CHECKING:
    from app.store.engine import Store

R = TypeVar("R", bound=Record)

Cleaners = Mapping[str, Callable[[Any], Any]]


class NotFound(LookupError):
    """No live record with this id (never stored, or deleted)."""

    def __init__(self, label: str, record_id: str) -> None:
        super().__init__(f"No {label} with id {record_id}.")
        self.label = label
        self.record_id = record_id


def live(session: Session, model: type[R], record_id: str, label: str) -> R:
    """The record, or NotFound naming what was looked for."""
    row = session.get(model, record_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(label, record_id)
    return row


def clean(cleaners: Cleaners, field: str, value: Any) -> Any:
    """The value to store for `field`, or a FieldError saying why not."""
    try:
        cleaner = cleaners[field]
    except KeyError:
        raise v.FieldError(field, f"{field} cannot be edited here.") from None
    try:
        return cleaner(value)
    except v.FieldError:
        raise
    except ValueError as exc:
        raise v.FieldError(field, str(exc)) from exc


def set_field(session: Session, row: Record, field: str, value: Any) -> bool:
    """Store an already-cleaned value; True when it changed anything."""
    if getattr(row, field) == value:
        return False
    setattr(row, field, value)
    touch(session, row)
    return True


def touch(session: Session, row: Record) -> None:
    row.updated_at = utcnow()
    session.add(row)


def soft_delete(session: Session, row: Record) -> None:
    row.deleted_at = row.updated_at = utcnow()
    session.add(row)


def whole_number(field: str, low: int = 0, high: int = 100_000) -> Callable[[Any], int]:
    """A cleaner for a whole number from `low` to `high`."""

    def clean_whole(value: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise v.FieldError(field, "Enter a whole number.") from None
        if not low <= number <= high:
            raise v.FieldError(field, f"Enter a number from {low} to {high}.")
        return number

    return clean_whole


@contextmanager
def within(store: Store, session: Session | None = None) -> Iterator[Session]:
    """The caller's session when it passes one (several steps in one transaction, as the demo
    builder does), else a transaction of its own: all or nothing either way."""
    if session is not None:
        yield session
        return
    with store.transaction() as own:
        yield own
