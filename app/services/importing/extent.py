"""How far a .xlsx or .ods sheet reaches, read from its XML before the spreadsheet library loads it.

The spreadsheet library makes one dense grid from the first to the last cell of
a sheet, so a 5 KB file with one cell at XFD1048576 asks for 17 billion cells
and ends the process. Here every worksheet part is streamed out of the zip in
chunks and only its row and cell tags are looked at: the furthest row and
column any cell reaches (.xlsx) or any filled cell reaches (.ods, where empty
repeated rows fill every sheet LibreOffice saves), the sheet's name, and the
unpacked size, all bounded by the limits.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.services.importing import limits
from app.services.importing.errors import ImportFileError

_CHUNK = 1 << 20
_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^<>]*)>"
)
_R = re.compile(rb'\br="([A-Z]{0,3})(\d*)"')
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass
class Extent:
    """The furthest row and column (1-based counts) of one sheet."""

    sheet: str
    rows: int = 0
    columns: int = 0


def check_workbook(path: Path) -> None:
    """Refuse a .xlsx/.xlsm/.ods whose parts unpack too large or whose sheets reach too far."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            for info in zf.infolist():
                if info.file_size > limits.MAX_XML_BYTES:
                    _too_big(path, info.filename)
            if "content.xml" in names:
                for extent in _ods_extents(path, zf):
                    limits.refuse_extent(path.name, extent.sheet, extent.rows, extent.columns)
                return
            titles = _xlsx_titles(zf)
            for part in sorted(n for n in names if _SHEET_PART.match(n)):
                extent = _xlsx_extent(path, zf, part, titles.get(part, ""))
                limits.refuse_extent(path.name, extent.sheet, extent.rows, extent.columns)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return  # the spreadsheet library reports a damaged or locked file in its own words


def _too_big(path: Path, part: str) -> None:
    raise ImportFileError(
        f"{path.name}: its part {part} unpacks to more than {limits.MAX_XML_BYTES // limits.MIB:,} "
        "MB, far more than any list of employers. Open it in Excel, copy the data into a new "
        "workbook, save it, and import that file."
    )


def _chunks(path: Path, zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes in chunks, each ending at a tag boundary; refused past MAX_XML_BYTES."""
    total = 0
    carry = b""
    with zf.open(part) as fh:
        while True:
            data = fh.read(_CHUNK)
            total += len(data)
            if total > limits.MAX_XML_BYTES:
                _too_big(path, part)
            if not data:
                if carry:
                    yield carry
                return
            data = carry + data
            cut = data.rfind(b"<")
            carry, data = data[cut:], data[:cut]
            if len(carry) > _CHUNK:  # a tag longer than a chunk is not a tag we read
                carry = b""
            yield data


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _xlsx_extent(path: Path, zf: zipfile.ZipFile, part: str, sheet: str) -> Extent:
    """Rows and columns as the library will place them: by each cell's reference, else in order."""
    extent = Extent(sheet or part)
    row = col = 0
    for chunk in _chunks(path, zf, part):
        quick = _referenced_extent(chunk)
        if quick is not None:  # every row and cell names its place: no need to count
            rows, columns, row = quick
            extent.rows = max(extent.rows, rows)
            extent.columns = max(extent.columns, columns)
            col = 0
            limits.refuse_extent(path.name, extent.sheet, extent.rows, extent.columns)
            continue
        for match in _TAG.finditer(chunk):
            tag, attrs = match.group(1), match.group(2)
            ref = _R.search(attrs)
            if tag == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
            elif tag == b"c":
                if ref and ref.group(1):
                    col = _column_number(ref.group(1))
                    row = int(ref.group(2)) if ref.group(2) else row
                else:
                    col += 1
            else:
                continue
            extent.rows = max(extent.rows, row)
            extent.columns = max(extent.columns, col)
        limits.refuse_extent(path.name, extent.sheet, extent.rows, extent.columns)
    return extent


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])")
_ROW_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^<>]*?\br="(\d+)"')
_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^<>]*?\br="([A-Z]{1,3})(\d+)"')


#: Tags as Excel writes them: no namespace prefix, the reference first.
_PLAIN_ROW_REF = re.compile(rb'<row r="(\d+)"')
_PLAIN_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')


def _plain_refs(chunk: bytes) -> tuple[list[bytes], list[tuple[bytes, bytes]]] | None:
    """Row and cell references of a chunk written as Excel writes them, found by plain byte
    counts and two anchored patterns (several times faster than the general patterns);
    None when any tag has a prefix or a reference elsewhere than first."""
    if b":row" in chunk or b":c " in chunk or b":c>" in chunk or b":c/" in chunk:
        return None
    row_tags = chunk.count(b"<row ") + chunk.count(b"<row>") + chunk.count(b"<row/")
    cell_tags = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/")
    rows = _PLAIN_ROW_REF.findall(chunk)
    cells = _PLAIN_CELL_REF.findall(chunk)
    if len(rows) != row_tags or len(cells) != cell_tags:
        return None
    return rows, cells


def _referenced_extent(chunk: bytes) -> tuple[int, int, int] | None:
    """(furthest row, furthest column, last row) when every row and cell tag carries its
    reference, as Excel and LibreOffice write them; None when some must be counted."""
    plain = _plain_refs(chunk)
    if plain is not None:
        rows, cells = plain
    else:
        rows = _ROW_REF.findall(chunk)
        cells = _CELL_REF.findall(chunk)
        tags = (len(_ROW_TAG.findall(chunk)), len(_CELL_TAG.findall(chunk)))
        if (len(rows), len(cells)) != tags:
            return None
    letters = {c for c, _ in cells}
    numbers = [int(r) for r in rows] + [int(n) for _, n in cells]
    furthest_column = max((_column_number(c) for c in letters), default=0)
    last = int(rows[-1]) if rows else 0
    return max(numbers, default=0), furthest_column, last


def _xlsx_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> the sheet's name, for messages."""
    try:
        return {part: name for name, part in sheet_parts(zf).items()}
    except (KeyError, UnicodeDecodeError):
        return {}


def _ods_extents(path: Path, zf: zipfile.ZipFile) -> list[Extent]:
    """Per table: the last row and column holding a value, counting repeats."""
    extents: list[Extent] = []
    current: Extent | None = None
    row = col = 0
    row_repeat = 1
    for chunk in _chunks(path, zf, "content.xml"):
        for match in _TAG.finditer(chunk):
            tag, attrs = match.group(1), match.group(2)
            if tag == b"table":
                name = _ODS_NAME.search(attrs)
                current = Extent(name.group(1).decode("utf-8", "replace") if name else "")
                extents.append(current)
                row, row_repeat = 0, 1
            elif current is None:
                continue
            elif tag == b"table-row":
                repeat = _ROWS_REPEATED.search(attrs)
                row += row_repeat
                row_repeat = int(repeat.group(1)) if repeat else 1
                col = 0
            elif tag in (b"table-cell", b"covered-table-cell"):
                repeat = _COLUMNS_REPEATED.search(attrs)
                span = int(repeat.group(1)) if repeat else 1
                col += span
                if b"value-type" in attrs or not attrs.rstrip().endswith(b"/"):
                    # A filled cell (or one with text inside): the grid reaches it.
                    current.columns = max(current.columns, col)
                    current.rows = max(current.rows, row + row_repeat - 1)
        for extent in extents:
            limits.refuse_extent(path.name, extent.sheet, extent.rows, extent.columns)
    return extents


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its worksheet part in an .xlsx zip (KeyError when the workbook parts are missing)."""
    workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    found: dict[str, str] = {}
    for m in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = m.group(0)
        name = re.search(r'name="([^"]*)"', tag)
        rid = re.search(r'r:id="([^"]*)"', tag)
        if name and rid:
            rel = re.search(rf'<Relationship\b[^>]*Id="{re.escape(rid.group(1))}"[^>]*>', rels)
            target = re.search(r'Target="([^"]*)"', rel.group(0)) if rel else None
            if target:
                t = target.group(1).lstrip("/")
                found[name.group(1)] = t if t.startswith("xl/") else f"xl/{t}"
    return found
