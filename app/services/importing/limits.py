"""How much an import file may hold, checked before the expensive step reads it.

A spreadsheet, CSV or JSON file can claim (or hold) far more than any master list
of employers: a used range up to cell XFD1048576, one cell holding the rest of
the file, brackets nested thousands deep. Each limit below is generous for real
lists and small enough that reading stays within memory; a file over one is
refused with its name, the limit and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.services.importing.errors import ImportFileError

MIB = 1024 * 1024

#: A spreadsheet or CSV file on disk (a 200,000-row master list is about 40 MB as CSV).
MAX_FILE_BYTES = 100 * MIB
#: The unpacked XML of one .xlsx/.ods part (a sheet, the shared strings).
MAX_XML_BYTES = 400 * MIB
#: Rows, columns and cells of the sheet that is read.
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELLS = 5_000_000
#: Characters in one cell: Excel's own limit, so any file Excel saved fits.
MAX_CELL_CHARS = 32_767
#: A CSV record whose quoted cell runs over more lines than this swallowed the rows below it.
MAX_LINES_PER_ROW = 50
#: An Employer Desk JSON export on disk, its bracket nesting (exports use 5) and one text value.
MAX_JSON_BYTES = 512 * MIB
MAX_JSON_DEPTH = 32
MAX_JSON_TEXT = 100_000


def check_size(path: Path, size: int, limit: int, what: str) -> None:
    """Refuse a file larger than `limit` bytes before any of it is read."""
    if size > limit:
        raise ImportFileError(
            f"{path.name} is {size / MIB:,.0f} MB; Employer Desk imports {what} of up to "
            f"{limit // MIB:,} MB. Split it into smaller files (or delete the rows and sheets "
            "you do not need) and import each one."
        )


def refuse_extent(name: str, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose used range is larger than any list of employers."""
    if rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_CELLS:
        return
    where = f"the sheet “{sheet}”" if sheet else "its sheet"
    raise ImportFileError(
        f"{name}: {where} reaches row {rows:,} and column {columns:,}; Employer Desk reads at "
        f"most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells. Delete the "
        "empty rows and columns below and to the right of your data (or copy the data into a "
        "new workbook), save it, and import it again."
    )


def refuse_long_cell(name: str, where: str, length: int) -> None:
    if length > MAX_CELL_CHARS:
        raise ImportFileError(
            f"{name}: {where} holds {length:,} characters; a cell may hold at most "
            f"{MAX_CELL_CHARS:,} (as in Excel). Shorten that cell, save, and import again."
        )


_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """The deepest bracket nesting of a JSON text (strings skipped), stopping once past `limit`."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in "]}":
            depth -= 1
    return deepest
