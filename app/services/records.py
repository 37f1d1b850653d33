"""One way for services to read, edit, delete and list records.

Every synced record has `id`, `updated_at` and `deleted_at` (a soft delete keeps the
row so Undo and sync can bring it back). Services use these helpers rather than
their own, so a missing record always reads the same and every change stamps
`updated_at`::

    with store.transaction() as session:
        tour = records.live(session, Tour, tour_id)          # or NotFound
        records.soft_delete(session, tour)                    # deleted_at = updated_at = now

    records.restore(store, Employer, employer_id)
    value = records.edit_field(store, Placement, pid, "wage", "17.50", CLEANERS)

    query = records.ListQuery(SELECT_PLACEMENTS, tail="ORDER BY pl.hire_date DESC")
    query.where("pl.deleted_at IS NULL")
    if employer_id:
        query.where("pl.employer_id = :e", e=employer_id)
    rows = query.rows(store)

Field cleaners are a table `{field: cleaner}`; a cleaner takes what was typed and
returns the value to store or raises `FieldError` (see `app.core.validation`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Row, text

from app.core.ids import utcnow
from app.core.validation import FieldError
from app.store.engine import Store

if TYPE_CHECKING:
    from sqlmodel import Session

R = TypeVar("R")
#: What may be typed into each field, and how it is stored: {field: cleaner}.
Cleaners = Mapping[str, Callable[[Any], Any]]


class NotFound(KeyError):
    """The record is not in the store, or was deleted: said the same way for every kind.

    A `KeyError` (so a `LookupError` too), whose text is a sentence for people.
    """

    def __init__(self, noun: str, record_id: str) -> None:
        super().__init__(record_id)
        self.noun = noun
        self.record_id = record_id

    def __str__(self) -> str:
        return f"This {self.noun} no longer exists."


def noun(model: type) -> str:
    """ "FollowUp" -> "follow up": how a record kind is named in messages."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def live(session: Any, model: type[R], record_id: str, label: str | None = None) -> R:
    """The record, unless it is missing or deleted: then `NotFound` (named by `label`, when
    the class name does not say it well, as for "OJT agreement")."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise NotFound(label or noun(model), record_id)
    return record


def soft_delete(session: Any, record: Any) -> None:
    """Hide the record (kept for Undo and sync), stamping when."""
    record.deleted_at = record.updated_at = utcnow()
    session.add(record)


def delete(store: Store, model: type, record_id: str) -> None:
    """Soft delete a live record in its own transaction."""
    with store.transaction() as session:
        soft_delete(session, live(session, model, record_id))


def restore(store: Store, model: type, record_id: str) -> None:
    """Bring back a deleted record (Undo); `NotFound` when it was never there."""
    with store.transaction() as session:
        record = session.get(model, record_id)
        if record is None:
            raise NotFound(noun(model), record_id)
        record.deleted_at = None
        record.updated_at = utcnow()
        session.add(record)


def clean(cleaners: Cleaners, field: str, value: Any) -> Any:
    """The value to store for `field`, or `FieldError` (also for a field not editable, and
    for a parser's ValueError, so the message shows at the field)."""
    try:
        cleaner = cleaners[field]
    except KeyError:
        raise FieldError(field, f"{field} cannot be edited here.") from None
    try:
        return cleaner(value)
    except FieldError:
        raise
    except ValueError as exc:  # a parser's own refusal, shown at the field
        raise FieldError(field, str(exc)) from exc


def clean_all(
    cleaners: Cleaners, values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean every field at once: the cleaned values and, per field, what is wrong."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field, value in values.items():
        try:
            cleaned[field] = clean(cleaners, field, value)
        except FieldError as exc:
            errors[field] = exc.message
    return cleaned, errors


def set_field(session: Any, record: Any, field: str, cleaned: Any) -> bool:
    """Store an already cleaned value; stamps `updated_at` only when it changed."""
    if getattr(record, field) == cleaned:
        return False
    setattr(record, field, cleaned)
    record.updated_at = utcnow()
    session.add(record)
    return True


def edit_field(
    store: Store,
    model: type[R],
    record_id: str,
    field: str,
    value: Any,
    cleaners: Cleaners,
    check: Callable[[R, Any], None] | None = None,
) -> Any:
    """Clean and commit one field of a live record at once (no Save button).

    `check(record, cleaned)` may raise `FieldError` for rules between fields.
    Returns the stored value.
    """
    cleaned = clean(cleaners, field, value)
    with store.transaction() as session:
        record = live(session, model, record_id)
        if check is not None:
            check(record, cleaned)
        set_field(session, record, field, cleaned)
    return cleaned


class ListQuery:
    """A SELECT whose WHERE is made of the filters that apply, never of pasted text.

    `select` is the statement up to its WHERE; `tail` follows it (GROUP BY, ORDER BY).
    Conditions are fixed SQL with named parameters; values only ever go in as parameters.
    """

    def __init__(self, select: str, tail: str = "", *conditions: str) -> None:
        self.select = select
        self.tail = tail
        self.conditions: list[str] = list(conditions)
        self.params: dict[str, Any] = {}

    def where(self, condition: str, **params: Any) -> ListQuery:
        self.conditions.append(condition)
        self.params.update(params)
        return self

    def where_in(self, column: str, values: Iterable[Any], name: str) -> ListQuery:
        """`column IN (...)` with one parameter per value (`name0`, `name1`, …)."""
        values = list(values)
        if not values:
            return self.where("0")
        marks = ", ".join(f":{name}{n}" for n in range(len(values)))
        return self.where(
            f"{column} IN ({marks})", **{f"{name}{n}": v for n, v in enumerate(values)}
        )

    def words(self, columns: Sequence[str], search: str, name: str = "w") -> ListQuery:
        """Each word of `search` must appear (LIKE) in one of `columns`."""
        for n, word in enumerate(search.split()):
            either = " OR ".join(f"{column} LIKE :{name}{n}" for column in columns)
            self.where(f"({either})", **{f"{name}{n}": f"%{word}%"})
        return self

    @property
    def sql(self) -> str:
        where = " AND ".join(self.conditions) or "1"
        return f"{self.select}\nWHERE {where}\n{self.tail}"

    def rows(self, store: Store) -> Sequence[Row[Any]]:
        with store.engine.connect() as conn:
            return conn.execute(text(self.sql), self.params).all()


__all__ = [
    "Cleaners",
    "ListQuery",
    "NotFound",
    "clean",
    "clean_all",
    "delete",
    "edit_field",
    "live",
    "noun",
    "restore",
    "set_field",
    "soft_delete",
]


def touch(session: Session, row: Any) -> None:
    """Stamp a change made outside `set_field` (a status with its date, say)."""
    row.updated_at = utcnow()
    session.add(row)


def whole_number(field: str, low: int = 0, high: int = 100_000) -> Callable[[Any], int]:
    """A cleaner for a whole number from `low` to `high`."""

    def clean_whole(value: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise FieldError(field, "Enter a whole number.") from None
        if not low <= number <= high:
            raise FieldError(field, f"Enter a number from {low} to {high}.")
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
