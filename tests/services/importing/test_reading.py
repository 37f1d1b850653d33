"""Every way a spreadsheet can be wrong gets a clear answer, and odd-but-valid files are read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.importing import ImportFileError, load_table
from app.services.importing.reading import cell_text, decode_text, read_file
from tests.services.importing.files import write_csv, write_ods, write_xlsx

HEADER = ["Company", "Contact Person", "Phone", "Address"]
ROW = [
    "Pilsen Bakery Inc.",
    "Maria Garcia",
    "312-555-0101",
    "1800 S Blue Island Ave, Chicago, IL 60608",
]


def _error(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        load_table(path)
    return caught.value.message


def test_csv_in_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffCompany,Phone\nCafé Olé LLC,312-555-0101\n".encode())
    table = load_table(path)
    assert table.headers == ["Company", "Phone"]
    assert table.rows == [["Café Olé LLC", "312-555-0101"]]


def test_csv_from_excel_on_windows_is_read_as_cp1252(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        [HEADER, ["Peña’s Café", "José Núñez", "312-555-0102", ""]],
        "cp1252",
    )
    table = load_table(path)
    assert table.rows[0][0] == "Peña’s Café"
    assert table.rows[0][1] == "José Núñez"
    assert any("Windows" in n for n in table.notes)


def test_bytes_that_no_encoding_explains_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(b"Company,Phone\nAcme,312-555-0101\nBad\x81\x8d name,1\n")
    message = _error(path)
    assert "line 3" in message and "CSV UTF-8" in message


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(bytes(range(256)) * 8)
    assert "binary data" in _error(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert "empty" in _error(path)


def test_blank_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("\n\n  \n", encoding="utf-8")
    assert "nothing to import" in _error(path)


def test_header_but_no_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header-only.csv", [HEADER])
    assert "no rows of data" in _error(path)


def test_no_header_row_is_named_with_what_was_found(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "no-header.csv", [ROW, ["Kedzie Logistics", "Luis Ortega", "773-555-0110", ""]]
    )
    message = _error(path)
    assert "no header row" in message
    assert "Pilsen Bakery Inc." in message


def test_xlsx_that_is_really_text(tmp_path: Path) -> None:
    path = tmp_path / "employers.xlsx"
    path.write_text("Company,Phone\nAcme,312-555-0101\n", encoding="utf-8")
    message = _error(path)
    assert "not one" in message and "rename it to .csv" in message


def test_damaged_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert "could not be" in _error(path)


def test_spreadsheet_saved_under_a_csv_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "real.xlsx", [HEADER, ROW])
    renamed = path.rename(tmp_path / "real.csv")
    assert "rename it to .xlsx" in _error(renamed)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"hello")
    assert "not a file Employer Desk can import" in _error(path)


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("Company;Phone;Address\nAcme, Inc.;312-555-0101;1 Main St\n", encoding="utf-8")
    table = load_table(path)
    assert table.headers == ["Company", "Phone", "Address"]
    assert table.rows[0][0] == "Acme, Inc."


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "titled.xlsx",
        [["Little Village employers — March"], [], HEADER, ROW],
        merged=["A1:D1"],
    )
    table = load_table(path)
    assert table.headers == HEADER
    assert table.header_row == 3
    assert table.row_numbers == [4]


def test_formulas_without_saved_values_are_explained(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "formulas.xlsx", [["Company", "Employees"], ["Acme", "=10+2"], ["Beta", 7]]
    )
    table = load_table(path)
    assert table.rows == [["Acme", ""], ["Beta", "7"]]
    assert any("1 cells hold formulas" in n for n in table.notes)


def test_merged_company_cell_fills_every_row_of_it(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "merged.xlsx",
        [
            HEADER,
            ["Kedzie Logistics", "Luis Ortega", "773-555-0110", ""],
            [None, "Ana Ruiz", "773-555-0111", ""],
        ],
        merged=["A2:A3"],
    )
    table = load_table(path)
    assert [r[0] for r in table.rows] == ["Kedzie Logistics", "Kedzie Logistics"]
    assert any("merged" in n for n in table.notes)


def test_numbers_and_dates_read_as_text_people_see(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "numbers.xlsx",
        [
            ["Company", "ZIP", "Phone", "Since", "Serial"],
            ["Acme", 60651, 5742322277, date(2024, 3, 1), 45352],
        ],
    )
    table = load_table(path)
    assert table.rows[0] == ["Acme", "60651", "5742322277", "2024-03-01", "45352"]


def test_ods_is_read(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "employers.ods", [HEADER, ["Acme Inc", "Jo Smith", 5742322277, ""]])
    table = load_table(path)
    assert table.headers == HEADER
    assert table.rows[0][:3] == ["Acme Inc", "Jo Smith", "5742322277"]


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in _error(tmp_path / "nope.csv")


def test_cell_text() -> None:
    assert cell_text(60651.0) == "60651"
    assert cell_text(12.5) == "12.5"
    assert cell_text(None) == ""
    assert cell_text(True) == "yes"


def test_decode_prefers_utf8() -> None:
    assert decode_text("Peña".encode(), "x") == ("Peña", "utf-8")
    assert decode_text("Peña".encode("cp1252"), "x") == ("Peña", "cp1252")


def test_read_file_keeps_quoted_commas(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('Company,Phone\n"ONLY BY FAITH, INC.",1\n', encoding="utf-8")
    assert read_file(path).rows[1][0] == "ONLY BY FAITH, INC."
