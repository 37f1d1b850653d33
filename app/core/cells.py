"""Which spreadsheet cells a program would run as a formula, and how they are written as text instead.

Excel and LibreOffice treat a cell that starts with =, +, -, @ (or a tab or
carriage return before one) as a formula, so a company name typed as
=HYPERLINK(...) or =cmd|... in an imported sheet would run on the computer of
whoever opens an export. Every spreadsheet and CSV the app writes passes its
text through these rules. Plain numbers such as -5 or +12.50 stay numbers: they
calculate nothing.
"""

from __future__ import annotations

import re

#: First characters that start a formula (with the full-width forms some programs accept).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
#: The OWASP prefix: a leading apostrophe makes the cell text in every spreadsheet program.
CSV_TEXT_PREFIX = "'"


def runs_as_formula(text: str) -> bool:
    """True when a spreadsheet program would read `text` as a formula (leading spaces ignored)."""
    stripped = text.lstrip(" ")
    if not stripped or stripped[0] not in FORMULA_STARTS:
        return False
    return not (any(ch.isdigit() for ch in stripped) and _PLAIN_NUMBER.fullmatch(stripped))


def csv_text(value: object) -> object:
    """A CSV cell: text that would run as a formula gets the apostrophe prefix; the rest as is."""
    if isinstance(value, str) and runs_as_formula(value):
        return CSV_TEXT_PREFIX + value
    return value


def from_csv_text(text: str) -> str:
    """The inverse of `csv_text`, for reading a CSV back: the apostrophe before a formula goes."""
    if text.startswith(CSV_TEXT_PREFIX) and runs_as_formula(text[1:]):
        return text[1:]
    return text
