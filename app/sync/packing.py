"""How changes are laid out as the JSON lines of a segment body.

Format 1 writes one JSON object per change. Most changes an import or a first
sync carries are inserts, and an object per insert repeats every column name
and the change's bookkeeping on every line. Format 2 adds a compact form for
them: a header line names the table, the device and the columns once,

    {"rows": "employer", "device": "<id>", "columns": ["id", "legal_name", ...]}

and each following JSON array is one insert under it: `[hlc, value, value...]`
in the order of the columns (its record id is the "id" column). Everything that
is not a plain insert still travels as a format-1 object. A file is written as
format 2 only when it holds such a header, so a file of edits stays readable by
an Employer Desk that knows format 1 only.

Readers expand the compact lines back into the same change objects format 1
holds (`expand`), so nothing past decoding knows the difference. A compact line
that makes no sense becomes `{"unreadable": reason}`, which the reader sets
aside like any other record that is not a change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from app.store import codec

#: The format version a file with compact insert rows is written as.
ROWS_FORMAT = 2
#: The format of a file of change objects only.
OBJECTS_FORMAT = 1
ROWS_KEY = "rows"
UNREADABLE = "unreadable"
ROW = "*"


class ChangeLike(Protocol):
    """What packing reads of a change (`app.sync.changes.Change`)."""

    hlc: int
    device: str
    table: str
    row_id: str
    column: str
    value: Any
    seen_hlc: int

    def to_plain(self) -> dict[str, Any]: ...


T = TypeVar("T")


def dumps(record: Any) -> bytes:
    """One JSON line, as every segment writes it (no newline)."""
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass
class Packed(Generic[T]):
    """One segment's worth: the items it carries and its JSON lines, headers included."""

    items: list[T] = field(default_factory=list)
    lines: list[bytes] = field(default_factory=list)
    size: int = 0
    version: int = OBJECTS_FORMAT


def _row_key(change: ChangeLike) -> tuple[str, str, tuple[str, ...]] | None:
    """The header a change fits under, or None when it must travel as an object."""
    value = change.value
    if change.column != ROW or change.seen_hlc or not isinstance(value, dict):
        return None
    if value.get("id") != change.row_id:
        return None
    return (change.table, change.device, tuple(value))


def _row_line(change: ChangeLike) -> bytes:
    plain = codec.to_plain
    return dumps([change.hlc, *(plain(v) for v in change.value.values())])


def pack(
    items: Iterable[tuple[T, ChangeLike]],
    max_changes: int | None = None,
    max_bytes: int | None = None,
) -> Iterator[Packed[T]]:
    """Lines for `items` (anything, and its change), split into runs of at most
    `max_changes` changes and about `max_bytes` of lines; inserts in the compact form."""
    batch: Packed[T] = Packed()
    header: tuple[str, str, tuple[str, ...]] | None = None
    for item, change in items:
        key = _row_key(change)
        line = _row_line(change) if key is not None else dumps(change.to_plain())
        cost = len(line) + 1
        full = max_changes is not None and len(batch.items) >= max_changes
        over = max_bytes is not None and batch.size + cost > max_bytes
        if batch.items and (full or over):
            yield batch
            batch, header = Packed(), None
        if key is not None and key != header:
            head = dumps({ROWS_KEY: key[0], "device": key[1], "columns": list(key[2])})
            batch.lines.append(head)
            batch.size += len(head) + 1
            batch.version = ROWS_FORMAT
            header = key
        batch.lines.append(line)
        batch.items.append(item)
        batch.size += cost
    if batch.items:
        yield batch


def pack_all(changes: Sequence[ChangeLike]) -> Packed[None]:
    """All of `changes` as one run (a snapshot is one file)."""
    out: Packed[None] = Packed()
    for part in pack((None, c) for c in changes):
        out.items += part.items
        out.lines += part.lines
        out.size += part.size
        out.version = max(out.version, part.version)
    return out


def expand(records: Iterable[Any]) -> Iterator[Any]:
    """Records as format 1 holds them: compact rows become change objects again."""
    header: dict[str, Any] | None = None
    for n, record in enumerate(records, start=1):
        if isinstance(record, dict) and ROWS_KEY in record:
            header = record if _good_header(record) else None
            if header is None:
                yield {UNREADABLE: f"line {n}: a rows header without a table, device or columns"}
            continue
        if not isinstance(record, list):
            yield record
            continue
        if header is None:
            yield {UNREADABLE: f"line {n}: a row of values with no rows header before it"}
            continue
        columns = header["columns"]
        if len(record) != len(columns) + 1 or not isinstance(record[0], int):
            yield {
                UNREADABLE: f"line {n}: a {header[ROWS_KEY]} row of {len(record)} values for "
                f"{len(columns)} columns and a stamp"
            }
            continue
        value = dict(zip(columns, record[1:], strict=True))
        yield {
            "hlc": record[0],
            "device": header["device"],
            "table": header[ROWS_KEY],
            "row_id": value.get("id"),
            "column": ROW,
            "value": value,
            "seen_hlc": 0,
            "seen_device": "",
        }


def _good_header(record: dict[str, Any]) -> bool:
    columns = record.get("columns")
    return (
        isinstance(record.get(ROWS_KEY), str)
        and isinstance(record.get("device"), str)
        and isinstance(columns, list)
        and "id" in columns
        and all(isinstance(c, str) for c in columns)
        and len(set(columns)) == len(columns)
    )


__all__ = [
    "OBJECTS_FORMAT",
    "ROWS_FORMAT",
    "UNREADABLE",
    "Packed",
    "dumps",
    "expand",
    "pack",
    "pack_all",
]
