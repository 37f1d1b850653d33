"""The error a pure builder raises when the agency's forms data cannot be used.

Builders in core see only the parsed mapping, never the file: they name the
place of the bad value as a path of keys and list positions (like
``("question", 2, "type")``), and `app.forms` turns that path into the line of
the file, so the person who edits forms/ reads "rfi.toml, line 40: ...".
"""

from __future__ import annotations

Place = tuple[str | int, ...]


class FormsDataError(ValueError):
    """A value a builder refuses: what is wrong, and where in the document it sits."""

    def __init__(self, problem: str, at: Place = (), near: tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        #: Keys and 0-based list positions from the top of the document; () when nowhere.
        self.at = at
        #: Texts to look for inside the value (a placeholder in a long body), for a finer line.
        self.near = near


class SectionError(FormsDataError):
    """A refused setting in a file of `[section]`s of settings: `key` in `section`
    ("" for the section itself)."""

    def __init__(self, section: str, key: str, problem: str) -> None:
        at: Place = (section, key) if key else (section,)
        super().__init__(f"[{section}] {key} {problem}".replace("  ", " "), at)
        self.section = section
        self.key = key
