"""Pre-registration lists: a sign-up sheet (csv or Excel) read into an event's registrations.

The file is read by the importer's readers; its first filled row names the
columns, each column is guessed onto a field and the BSR may change the
mapping. Every row is checked before anything is saved: one bad row stops the
import with its row number, column and reason, and the event is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.validation import FieldError
from app.services.events import checkin
from app.services.events.checkin import PersonInput
from app.services.importing.reading import ImportFileError, read_file
from app.store.engine import Store

IGNORE = ""

FIELDS: dict[str, str] = {
    IGNORE: "(not imported)",
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "phone": "Phone",
    "email": "Email",
    "zip_code": "ZIP code",
    "age_group": "Age group (youth/adult) or age",
    "programs": "Program interest",
    "needs_application_help": "Needs help with an application",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "attendee", "participant", "job seeker", "nombre"),
    "first_name": ("first name", "first", "given name", "firstname"),
    "last_name": ("last name", "last", "surname", "family name", "lastname", "apellido"),
    "phone": ("phone", "phone number", "cell", "mobile", "telephone", "tel", "telefono"),
    "email": ("email", "e mail", "email address", "correo"),
    "zip_code": ("zip", "zip code", "zipcode", "postal code", "codigo postal"),
    "age_group": ("age group", "age", "youth adult", "youth or adult"),
    "programs": ("program", "programs", "program interest", "interest"),
    "needs_application_help": ("needs help", "application help", "help with application"),
}


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def guess_mapping(headers: Sequence[str]) -> tuple[str, ...]:
    """One field per column, each field used once; unknown columns are not imported."""
    used: set[str] = set()
    result = []
    for header in headers:
        folded = _fold(header)
        field = next(
            (f for f, words in SYNONYMS.items() if folded in words and f not in used), IGNORE
        )
        used.add(field)
        result.append(field)
    return tuple(result)


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def read_sheet(path: Path | str) -> Sheet:
    """The columns and rows of a sign-up sheet; ImportFileError when it cannot be used."""
    raw = read_file(path)
    rows = [[c.strip() for c in r] for r in raw.rows]
    start = next((i for i, r in enumerate(rows) if any(r)), None)
    if start is None:
        raise ImportFileError(f"{Path(path).name} has no filled cells: there is nothing to import.")
    headers = [h or f"Column {i + 1}" for i, h in enumerate(rows[start])]
    body, numbers = [], []
    for n, row in enumerate(rows[start + 1 :], start=start + 2):
        if any(row):
            body.append((row + [""] * len(headers))[: len(headers)])
            numbers.append(n)
    if not body:
        raise ImportFileError(f"{Path(path).name} has column names but no people below them.")
    return Sheet(headers, body, numbers)


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, column “{self.column}”: {self.reason}"


class PreRegistrationError(Exception):
    """The list cannot be imported as it is; nothing was saved."""

    def __init__(self, problems: list[RowProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"Nothing was imported. {shown}{more}.")
        self.problems = problems


_YES = {"yes", "y", "true", "1", "x", "si", "sí"}


def _age_group(value: str) -> str:
    folded = value.strip().casefold()
    if not folded:
        return "adult"
    if folded.startswith("y") or folded.startswith("joven"):
        return "youth"
    if folded.startswith("a"):
        return "adult"
    if folded.isdigit():
        return "youth" if 16 <= int(folded) <= 24 else "adult"
    raise FieldError("age_group", "write youth, adult, or the person's age")


def people_from_sheet(
    sheet: Sheet, mapping: Sequence[str], program_codes: dict[str, str]
) -> list[PersonInput]:
    """Every row as a person, or PreRegistrationError listing each bad row.

    `program_codes` maps folded program names and codes to codes.
    """
    if len(mapping) != len(sheet.headers):
        raise ValueError("one field per column is needed")
    chosen = [f for f in mapping if f]
    if "name" not in chosen and not {"first_name", "last_name"} & set(chosen):
        raise PreRegistrationError([RowProblem(1, "(none)", "choose the column that holds names")])
    column_of = {f: i for i, f in enumerate(mapping) if f}
    people, problems = [], []
    for row, number in zip(sheet.rows, sheet.row_numbers, strict=True):

        def cell(field: str, row: list[str] = row) -> str:
            return row[column_of[field]] if field in column_of else ""

        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        try:
            age = _age_group(cell("age_group"))
        except FieldError as err:
            problems.append(RowProblem(number, sheet.headers[column_of["age_group"]], err.message))
            continue
        programs = []
        for part in re.split(r"[;,/]", cell("programs")):
            if part.strip():
                code = program_codes.get(_fold(part))
                if code is None:
                    problems.append(
                        RowProblem(
                            number,
                            sheet.headers[column_of["programs"]],
                            f"no program called “{part.strip()}”",
                        )
                    )
                    break
                programs.append(code)
        person = PersonInput(
            name=name,
            phone=cell("phone"),
            email=cell("email"),
            zip_code=cell("zip_code")[:10],
            age_group=age,
            programs=tuple(programs),
            needs_application_help=cell("needs_application_help").casefold() in _YES,
        )
        try:
            checkin.clean_person(person, require_contact=False)
        except FieldError as err:
            field = "name" if err.field == "name" and "name" in column_of else err.field
            column = sheet.headers[column_of[field]] if field in column_of else field
            problems.append(RowProblem(number, column, err.message))
            continue
        people.append(person)
    if problems:
        raise PreRegistrationError(problems)
    return people


def program_lookup(store: Store) -> dict[str, str]:
    from app.services.agency.org import programs

    lookup: dict[str, str] = {}
    for p in programs(store):
        lookup[_fold(p.code)] = p.code
        lookup[_fold(p.name)] = p.code
    return lookup


def import_people(
    store: Store, event_id: str, sheet: Sheet, mapping: Sequence[str], source: str
) -> tuple[int, int]:
    """Check every row, then add them all in one transaction: (added, already on the list)."""
    people = people_from_sheet(sheet, mapping, program_lookup(store))
    return checkin.bulk_register(store, event_id, people, source=source)
