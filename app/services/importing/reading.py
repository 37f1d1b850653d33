"""Reading a master spreadsheet into rows of text: .xlsx, .xls, .ods (python-calamine) and .csv.

Every way a file can be unreadable becomes an `ImportFileError` whose message says
what is wrong and what to do, in the BSR's words.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.core.cells import from_csv_text
from app.services.importing import limits
from app.services.importing.errors import ImportFileError
from app.services.importing.extent import check_workbook, sheet_parts

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUPPORTED = "Excel (.xlsx, .xls), OpenDocument (.ods) or CSV (.csv)"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawSheet:
    """The cells of one sheet as text, in file order, before the header is found."""

    rows: list[list[str]]
    sheet: str = ""
    notes: list[str] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A cell as the text a person would read: 60651.0 -> '60651', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def read_file(path: Path | str) -> RawSheet:
    """The rows of a spreadsheet or CSV file; ImportFileError when it cannot be read."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"The file {path} does not exist.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; choose a spreadsheet file.") from None
    except PermissionError:
        raise ImportFileError(
            f"Employer Desk may not read {path.name}. If it is open in Excel, close it and try again."
        ) from None
    if size == 0:
        raise ImportFileError(f"{path.name} is empty: it holds no rows at all.")
    limits.check_size(path, size, limits.MAX_FILE_BYTES, "spreadsheets and CSV files")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        if not (head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC)):
            kind = "text" if _looks_like_text(path) else "something else"
            hint = (
                " It looks like a CSV or text file: rename it to .csv and import it again."
                if kind == "text"
                else " Open it in Excel and save it again as an Excel workbook."
            )
            raise ImportFileError(
                f"{path.name} is named like a spreadsheet but is not one (it holds {kind}).{hint}"
            )
        return _read_spreadsheet(path)
    if suffix in TEXT_SUFFIXES or suffix == "":
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
            raise ImportFileError(
                f"{path.name} is a spreadsheet saved under a text name; rename it to .xlsx "
                "(or .xls) and import it again."
            )
        return _read_csv(path)
    raise ImportFileError(f"{path.name} is not a file Employer Desk can import; use {SUPPORTED}.")


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as fh:
        sample = fh.read(4096)
    return b"\x00" not in sample


# Spreadsheets -----------------------------------------------------------------


def _read_spreadsheet(path: Path) -> RawSheet:
    from python_calamine import CalamineError, load_workbook

    check_workbook(path)  # before the library makes a grid of the whole used range
    try:
        workbook = load_workbook(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} could not be opened as a spreadsheet ({_short(exc)}). It may be damaged, "
            "password-protected or still downloading; open it in Excel, save it, and try again."
        ) from exc
    notes: list[str] = []
    try:
        chosen = None
        for meta in workbook.sheets_metadata:
            if str(meta.typ).endswith("WorkSheet") and str(meta.visible).endswith("Visible"):
                sheet = workbook.get_sheet_by_name(meta.name)
                if sheet.height > 0 and any(
                    any(c != "" for c in r) for r in sheet.to_python(nrows=50)
                ):
                    chosen = sheet
                    break
        if chosen is None:
            raise ImportFileError(f"{path.name} has no sheet with any filled cells.")
        limits.refuse_extent(path.name, chosen.name, chosen.height, chosen.width)
        values = chosen.to_python(skip_empty_area=False)
        ranges = chosen.merged_cell_ranges or []
    except ImportFileError:
        raise
    except Exception as exc:  # calamine raises several types for damaged parts
        raise ImportFileError(
            f"{path.name} could not be read ({_short(exc)}). Open it in Excel, save it, and try again."
        ) from exc
    if len(workbook.sheet_names) > 1:
        notes.append(f"Read the sheet “{chosen.name}”; other sheets in the file were not imported.")
    rows = [[v.strip() if type(v) is str else cell_text(v) for v in row] for row in values]
    _check_cells(path.name, rows)
    filled = _fill_merged(rows, ranges)
    if filled:
        notes.append(f"{filled} merged cells were filled with the value shown in each merged area.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        missing = _formulas_without_values(path, chosen.name)
        if missing:
            notes.append(
                f"{missing} cells hold formulas whose result was never saved (the file was made by a "
                "program, not saved in Excel); they are read as empty. Open the file in Excel, save "
                "it, and import it again to bring their values in."
            )
    return RawSheet(rows=rows, sheet=chosen.name, notes=notes)


def _check_cells(name: str, rows: list[list[str]]) -> None:
    """Refuse a cell longer than any real one (a runaway quote, a pasted file)."""
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if len(value) > limits.MAX_CELL_CHARS:
                limits.refuse_long_cell(name, f"the cell in row {r}, column {c}", len(value))


def _fill_merged(rows: list[list[str]], ranges: list) -> int:  # type: ignore[type-arg]
    """Copy each merged area's value into all its cells: a company name merged over its contacts."""
    filled = 0
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows):
            continue
        row0 = rows[r0]
        value = row0[c0] if c0 < len(row0) else ""
        if not value:
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and not row[c]:
                    row[c] = value
                    filled += 1
    return filled


_FORMULA_NO_VALUE = re.compile(rb"<f[ >][^<]*(?:</f>)?\s*(?:<v>\s*</v>|<v\s*/>)?\s*</c>")


def _formulas_without_values(path: Path, sheet_name: str) -> int:
    """Count formula cells with no cached result (calamine reads those as empty)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
            if not names:
                return 0
            target = _sheet_part(zf, sheet_name) or sorted(names)[0]
            if zf.getinfo(target).file_size > 50_000_000:
                return 0
            data = zf.read(target)
    except (zipfile.BadZipFile, KeyError, OSError):
        return 0
    if b"<f" not in data:
        return 0
    return len(_FORMULA_NO_VALUE.findall(data))


def _sheet_part(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    try:
        return sheet_parts(zf).get(sheet_name)
    except KeyError:
        return None


# CSV --------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding used: UTF-8 (with or without BOM), else Windows-1252 (Excel)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            f"{name} holds binary data, not text. If it is a spreadsheet, give it its real "
            "extension (.xlsx, .xls or .ods); otherwise it cannot be imported."
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name} has characters that are neither UTF-8 nor Windows (Excel) text, first on "
            f"line {line} (byte 0x{data[exc.start]:02X}). In Excel, save it with "
            "File > Save As > “CSV UTF-8 (Comma delimited)” and import that file."
        ) from exc


def sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text, encoding = decode_text(data, path.name)
    if not text.strip():
        raise ImportFileError(f"{path.name} holds only blank lines: there is nothing to import.")
    delimiter = sniff_delimiter(text)
    rows = _csv_rows(path.name, text, delimiter)
    _check_cells(path.name, rows)
    notes = []
    if encoding == "cp1252":
        notes.append("The file was read as Windows (Excel) text, not UTF-8.")
    if delimiter != ",":
        names = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
        notes.append(f"Columns are separated by {names[delimiter]}.")
    return RawSheet(rows=rows, sheet="", notes=notes)


def _csv_rows(name: str, text: str, delimiter: str) -> list[list[str]]:
    """The records of a CSV text; a quote that is never closed is refused, naming its line.

    Left alone, the csv module reads an unclosed quote as one cell holding the rest
    of the file: one employer named after every row below it.
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    start = first = 1
    raw: list[str] = []
    try:
        for raw in reader:
            first = start
            if len(rows) >= limits.MAX_ROWS:
                raise ImportFileError(
                    f"{name} has more than {limits.MAX_ROWS:,} rows; Employer Desk imports at most "
                    f"{limits.MAX_ROWS:,} at a time. Split it into smaller files and import each one."
                )
            if len(raw) > limits.MAX_COLUMNS:
                limits.refuse_extent(name, "", len(rows) + 1, len(raw))
            if reader.line_num - start >= limits.MAX_LINES_PER_ROW or _swallowed_rows(
                raw, delimiter, len(rows[0]) if rows else 0
            ):
                _unclosed_quote(name, start, reader.line_num)
            rows.append([from_csv_text(c.strip()).strip() for c in raw])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"{name} is not a well-formed CSV file: {exc}.") from exc
    if any("\n" in c for c in raw) and _ends_inside_quote(text, first, delimiter):
        _unclosed_quote(name, first, reader.line_num)
    return rows


def _swallowed_rows(raw: list[str], delimiter: str, width: int) -> bool:
    """A cell whose lines look like whole rows of this file: a quote opened and closed rows later."""
    if width < 3:
        return False
    for cell in raw:
        if cell.count("\n") >= 2:
            rowlike = sum(1 for line in cell.split("\n") if line.count(delimiter) >= width - 1)
            if rowlike >= 2:
                return True
    return False


def _ends_inside_quote(text: str, start: int, delimiter: str) -> bool:
    """True when the file ends inside a quoted cell (a strict reading of the last record fails)."""
    tail = "\n".join(text.split("\n")[max(0, start - 1) :])
    try:
        for _ in csv.reader(io.StringIO(tail), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def _unclosed_quote(name: str, first: int, last: int) -> None:
    raise ImportFileError(
        f'{name}: the row starting on line {first} has a quote mark (") that is never closed, so '
        f"it runs on through line {last} and would swallow the rows below it. Open the file in a "
        "text editor, add the missing quote (or remove the stray one) on that line, and import it "
        "again."
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
