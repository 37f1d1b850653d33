"""Rows written to xlsx and CSV files, with text that never runs as a formula (see app.core.cells).

Every workbook and CSV file the app writes (exports, the check-in list) builds its
rows here, so no writer can forget the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.core.cells import csv_text, runs_as_formula


def xlsx_cells(sheet: Any, values: Iterable[Any], bold: bool = False) -> list[Any]:
    """openpyxl cells for one row of `sheet`: every text a string cell, formula-like text marked
    with Excel's quote prefix, so it stays text even when someone edits the cell."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl makes any text starting with = a formula
            if runs_as_formula(value):
                cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def csv_row(values: Iterable[Any]) -> list[Any]:
    """One CSV row: formula-like text prefixed with an apostrophe (OWASP), numbers as they are."""
    return [csv_text(v) for v in values]
