"""Reading many rows by id: ids in runs short enough for one statement's parameters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Ids per statement: well under SQLite's parameter limit on every build.
CHUNK = 400


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` in runs of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`count` positional placeholders for an IN (...) list."""
    return ", ".join("?" * count)


__all__ = ["CHUNK", "chunks", "marks"]
