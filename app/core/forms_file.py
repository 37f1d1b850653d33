"""Reading agency-editable TOML files from forms/ with errors that name file, line and problem.

Agency rules are data that BSRs and managers edit by hand; a typo must stop the
app at start with a message that points at the line, not fail later mid-task.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"


class FormsFileError(ValueError):
    """A forms/ file that cannot be used: which file, which line (when known), what is wrong."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path.name}, line {line}" if line else self.path.name
        super().__init__(f"{where}: {problem}")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text; syntax errors carry tomllib's line number."""
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


def line_of(text: str, key: str, value: str | None = None) -> int | None:
    """The first line assigning `key` (to `value`, when given): semantic errors point there."""
    if value is None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    else:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*[\"']{re.escape(value)}[\"']")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return number
    return None


def line_after(text: str, start: int | None, key: str) -> int | None:
    """The first line at or after `start` assigning `key`, for an error inside one entry."""
    if start is None:
        return None
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
        if number > start and lines[number - 1].lstrip().startswith("[["):
            break
    return start


def entry_line(text: str, header: str, n: int, start: int = 1) -> int | None:
    """The line of the n-th `[[header]]` at or after line `start` (n from 1)."""
    count = 0
    lines = text.splitlines()
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].strip().startswith(f"[[{header}]]"):
            count += 1
            if count == n:
                return number
    return None
