"""Reading a forms file and finding the line of a place in it, for errors a person can act on.

A builder names a bad value by its place in the document: keys and 0-based list
positions, as in ``("question", 2, "part", 0, "type")``. `locate` walks the TOML
text (table headers, arrays of tables, key lines; multi-line strings and arrays
skipped) and returns the line of that place, or of the nearest enclosing one
that is written down (a missing key points at its table's header).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.forms_data import Place


class FormsFileError(ValueError):
    """A forms file that cannot be used: which file, which line (when known), what is wrong."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path.name}, line {line}" if line else self.path.name
        super().__init__(f"{where}: {problem}")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text; a syntax error carries tomllib's line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FormsFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            found = re.search(r"line (\d+)", str(exc))
            line = int(found.group(1)) if found else None
        message = getattr(exc, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise FormsFileError(path, f"not valid TOML: {message}", line) from exc


def locate(text: str, at: Place, near: tuple[str, ...] = ()) -> int | None:
    """The line of place `at` (or of the closest written place around it); with `near`,
    the first line of that value holding one of those texts (a placeholder in a body)."""
    if not at:
        return None
    found = list(places(text))
    best: int | None = None
    best_length = 0
    for index, (_, path) in enumerate(found):
        if len(path) > best_length and at[: len(path)] == path:
            best, best_length = index, len(path)
    if best is None:
        return None
    line = found[best][0]
    if near and best_length == len(at):
        lines = text.splitlines()
        stop = found[best + 1][0] if best + 1 < len(found) else len(lines) + 1
        for number in range(line, stop):
            if any(t in lines[number - 1] for t in near):
                return number
    return line


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_ARRAY_HEADER = re.compile(rf"^\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"^({_DOTTED})\s*=(.*)$")
_ONE_KEY = re.compile(_KEY)


def places(text: str) -> Iterator[tuple[int, Place]]:
    """(line, place) for every table header and key line, in file order."""
    state = _Scan()
    table: Place = ()
    arrays: dict[Place, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if state.inside:
            state.feed(raw)
            continue
        line = raw.strip()
        if header := _ARRAY_HEADER.match(line):
            *parents, name = _names(header.group(1))
            array = (*_resolve(parents, arrays), name)
            arrays[array] = arrays.get(array, -1) + 1
            if arrays[array] == 0:
                yield number, array  # the array as a whole starts at its first entry
            table = (*array, arrays[array])
        elif header := _TABLE_HEADER.match(line):
            table = _resolve(_names(header.group(1)), arrays)
        elif key := _KEY_LINE.match(line):
            yield number, (*table, *_names(key.group(1)))
            state.feed(key.group(2))
            continue
        else:
            continue
        yield number, table


def _names(dotted: str) -> list[str]:
    return [
        m.group(0)[1:-1] if m.group(0)[0] in "\"'" else m.group(0)
        for m in _ONE_KEY.finditer(dotted)
    ]


def _resolve(names: list[str], arrays: dict[Place, int]) -> Place:
    """A dotted table name as a place: an array of tables stands for its latest entry."""
    path: Place = ()
    for name in names:
        path = (*path, name)
        if path in arrays:
            path = (*path, arrays[path])
    return path


@dataclass
class _Scan:
    """Whether a value goes on past its line: an open multi-line string, or open brackets."""

    string: str = ""
    depth: int = 0

    @property
    def inside(self) -> bool:
        return bool(self.string) or self.depth > 0

    def feed(self, text: str) -> None:
        i = 0
        while i < len(text):
            if self.string:
                end = text.find(self.string, i)
                if end < 0:
                    return
                i, self.string = end + 3, ""
                continue
            char = text[i]
            if char == "#":
                return
            if text.startswith(('"""', "'''"), i):
                self.string, i = text[i : i + 3], i + 3
                continue
            if char in "\"'":
                i = _string_end(text, i)
                continue
            if char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1
            i += 1


def _string_end(text: str, start: int) -> int:
    """The position after a one-line string opened at `start`."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return i
