"""What the retention and check-in rules share: reading a forms/ file into rules once,
with errors that point at the line, and reading many rows straight from SQLite."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.core.forms_file import FormsFileError, read_toml
from app.store.engine import Store

_T = TypeVar("_T")


class SectionError(Protocol):
    """A rules error naming the [section] and key at fault (core rule modules raise these)."""

    section: str
    key: str
    problem: str


def line_in_section(raw: str, section: str, key: str) -> int | None:
    """The line assigning `key` inside `[section]` (the same key may live in two sections);
    with no key, the section's own header line."""
    inside = False
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[]").strip() == section
            if inside and not key:
                return number
        elif inside and "=" in stripped and stripped.split("=", 1)[0].strip() == key:
            return number
    return None


def load(
    path: Path,
    build: Callable[[Mapping[str, Any]], _T],
    errors: type[Exception],
    cache: dict[Path, _T],
) -> _T:
    """Rules from `path`, built once per file; a bad value raises FormsFileError with its line."""
    if path in cache:
        return cache[path]
    data, raw = read_toml(path)
    try:
        rules = build(data)
    except errors as exc:
        where: SectionError = exc  # type: ignore[assignment]
        line = line_in_section(raw, where.section, where.key)
        problem = f"[{where.section}] {where.key} {where.problem}".replace("  ", " ")
        raise FormsFileError(path, problem, line) from exc
    cache[path] = rules
    return rules


def fetch(store: Store, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
    """Rows straight from SQLite's cursor, for queries that read tens of thousands of rows."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        return raw.execute(sql, dict(params or {})).fetchall()
