"""Pre-registration lists from csv and Excel, with the mapping guessed and bad rows refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.services.events import checkin, prereg
from app.services.importing.reading import ImportFileError
from tests.events import fixture


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_list_is_mapped_and_imported_with_people_already_there_skipped(store, tmp_path) -> None:
    known = fixture.build(store)
    path = write_csv(
        tmp_path / "signups.csv",
        "First Name,Last Name,Cell,E-mail,Zip Code,Age,Program,Needs help\n"
        "Rosa,Delgado,(773) 555-0150,,60623,19,WIOA Youth,yes\n"
        "Marcus,Hill,,mhill@example.com,60644,adult,,\n"
        "Maria,Lopez,773-555-0101,,60623,,,\n",  # already registered for this event
    )
    sheet = prereg.read_sheet(path)
    mapping = prereg.guess_mapping(sheet.headers)
    assert mapping == (
        "first_name",
        "last_name",
        "phone",
        "email",
        "zip_code",
        "age_group",
        "programs",
        "needs_application_help",
    )
    assert prereg.import_people(store, known.event_id, sheet, mapping, "signups.csv") == (2, 1)
    regs = {r.name: r for r in checkin.registrations(store, known.event_id)}
    rosa = regs["Rosa Delgado"]
    assert (rosa.phone, rosa.age_group, rosa.programs, rosa.needs_application_help) == (
        "(773) 555-0150",
        "youth",
        "wioa-youth",
        True,
    )
    assert rosa.participant_id and not rosa.walk_in and rosa.source == "signups.csv"
    assert regs["Marcus Hill"].email == "mhill@example.com"
    # The kiosk finds them at once.
    assert [e.name for e in checkin.load_roster(store, known.event_id).search("ros del")] == [
        "Rosa Delgado"
    ]


def test_xlsx_list_with_a_bad_row_imports_nothing_and_says_where(store, tmp_path) -> None:
    known = fixture.build(store)
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Phone", "ZIP"])
    sheet.append(["Good Person", "3125550170", 60623])
    sheet.append(["Bad Phone", "12345", "60623"])
    sheet.append(["", "3125550171", "60623"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = prereg.read_sheet(path)
    assert table.rows[0] == ["Good Person", "3125550170", "60623"]
    before = len(checkin.registrations(store, known.event_id))
    with pytest.raises(prereg.PreRegistrationError) as err:
        prereg.import_people(
            store, known.event_id, table, prereg.guess_mapping(table.headers), "list.xlsx"
        )
    problems = [(p.row, p.column) for p in err.value.problems]
    assert problems == [(3, "Phone"), (4, "Name")]
    assert "Row 3, column “Phone”" in str(err.value)
    assert len(checkin.registrations(store, known.event_id)) == before


def test_mapping_can_be_chosen_by_hand_and_a_list_without_names_is_refused(store, tmp_path) -> None:
    known = fixture.build(store)
    path = write_csv(tmp_path / "odd.csv", "Who,How to reach\nJane Roe,jroe@example.com\n")
    sheet = prereg.read_sheet(path)
    assert prereg.guess_mapping(sheet.headers) == ("", "")
    with pytest.raises(prereg.PreRegistrationError):
        prereg.import_people(store, known.event_id, sheet, ("", ""), "odd.csv")
    assert prereg.import_people(store, known.event_id, sheet, ("name", "email"), "odd.csv") == (
        1,
        0,
    )
    with pytest.raises(ImportFileError):
        prereg.read_sheet(write_csv(tmp_path / "empty.csv", "Name,Phone\n"))
