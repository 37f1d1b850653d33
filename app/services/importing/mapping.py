"""Which column means what: the header row found, each column guessed onto a field, choices remembered.

A mapping is a tuple of field keys, one per column ("" = not imported). The one a
BSR confirms is saved under a key made from the normalised header list, so next
month's file with the same columns maps itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.normalize import fold
from app.services.importing.reading import ImportFileError, RawSheet

if TYPE_CHECKING:
    from app.store.engine import Store

IGNORE = ""

#: Every field a column can fill, with the label shown in the mapping table.
TARGETS: dict[str, str] = {
    IGNORE: "(not imported)",
    "legal_name": "Employer: legal name",
    "dba_name": "Employer: doing business as",
    "street": "Employer: street or full address",
    "city": "Employer: city",
    "state": "Employer: state",
    "zip_code": "Employer: ZIP code",
    "main_phone": "Employer: main phone",
    "website": "Employer: website",
    "industry": "Employer: industry",
    "naics_code": "Employer: NAICS code",
    "fein": "Employer: FEIN",
    "employees_total": "Employer: number of employees",
    "source": "Employer: source",
    "notes": "Employer: notes",
    "contact_name": "Contact: full name",
    "contact_first": "Contact: first name",
    "contact_last": "Contact: last name",
    "contact_role": "Contact: title or role",
    "contact_email": "Contact: email",
    "contact_phone": "Contact: phone",
    "key": "Same business when equal (account number, ID)",
    "as_of": "Date of the row (the newest row wins)",
}

EMPLOYER_TARGETS = (
    "legal_name", "dba_name", "street", "city", "state", "zip_code", "main_phone", "website",
    "industry", "naics_code", "fein", "employees_total", "source", "notes",
)  # fmt: skip

#: Header words (folded) that name each field, most specific first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "legal_name": (
        "legal name", "company", "company name", "business name", "business", "employer",
        "employer name", "organization", "organisation", "organization name", "name of company",
        "account name", "firm", "firm name", "legal business name", "name of business",
    ),
    "dba_name": (
        "doing business as name", "doing business as", "dba", "dba name", "d b a", "trade name",
        "store name", "assumed name",
    ),
    "street": (
        "address", "street", "street address", "address 1", "address line 1", "addr",
        "business address", "company address", "mailing address", "location address", "site address",
    ),
    "city": ("city", "town", "municipality"),
    "state": ("state", "st", "province", "state code"),
    "zip_code": ("zip code", "zip", "zipcode", "postal code", "postcode", "zip5", "zip 5"),
    "main_phone": (
        "phone", "telephone", "main phone", "business phone", "company phone", "office phone",
        "tel", "phone number", "phone no", "telephone number", "main number",
    ),
    "website": ("website", "web site", "url", "web", "homepage", "web address"),
    "industry": ("industry", "sector", "business type", "type of business"),
    "naics_code": ("naics", "naics code"),
    "fein": ("fein", "ein", "tax id", "federal tax id", "federal ein", "tin"),
    "employees_total": (
        "employees", "number of employees", "employee count", "headcount", "no of employees",
        "total employees", "size",
    ),
    "source": ("source", "lead source", "referral source", "how we met"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "memo"),
    "contact_name": (
        "contact person", "contact", "contact name", "primary contact", "full name", "hr contact",
        "hiring manager", "point of contact", "poc", "owner", "owner name", "name",
    ),
    "contact_first": ("first name", "first", "given name", "contact first name"),
    "contact_last": ("last name", "last", "surname", "family name", "contact last name"),
    "contact_role": ("title", "job title", "role", "position", "contact title"),
    "contact_email": ("email", "e mail", "email address", "contact email", "e mail address"),
    "contact_phone": (
        "contact phone", "mobile", "cell", "cell phone", "direct phone", "direct line",
        "mobile phone",
    ),
    "key": (
        "account number", "account no", "account", "acct", "account id", "customer number",
        "customer id", "employer id", "business id", "company id", "account num",
    ),
    "as_of": (
        "license term start date", "last updated", "updated", "date updated", "modified",
        "last modified", "as of", "date", "updated at", "issued", "issue date", "date issued",
    ),
}  # fmt: skip

_LOOKUP: dict[str, str] = {}
for _target, _words in SYNONYMS.items():
    for _w in _words:
        _LOOKUP.setdefault(_w, _target)


#: Invisible characters spreadsheet programs leave in headers (BOMs, zero-width spaces).
_INVISIBLE = ("\ufeff", "\ufffe", "\u200b", "\u200c", "\u200d", "\u2060")
#: What a byte-order mark becomes when a program reads it in the wrong encoding.
_BOM_JUNK = (
    "\u00c3\u00af\u00c2\u00bb\u00c2\u00bf",  # UTF-8 BOM read as Windows-1252 twice
    "\u00ef\u00bb\u00bf",  # UTF-8 BOM read as Windows-1252 (ï»¿)
    "\u00ef\u00bb",  # the same, its last byte lost
    "\u00fe\u00ff",  # UTF-16 BOMs read as Windows-1252
    "\u00ff\u00fe",
    "\ufffd",  # a BOM byte that could not be decoded at all
    *_INVISIBLE,
)


def clean_header(header: str) -> str:
    """A header as written, without byte-order marks (or their mojibake) and odd spaces around it."""
    text = header
    while True:
        stripped = text.lstrip()
        for junk in _BOM_JUNK:
            if stripped.startswith(junk):
                stripped = stripped[len(junk) :]
                break
        if stripped == text:
            break
        text = stripped
    for junk in _INVISIBLE:
        text = text.replace(junk, "")
    return " ".join(text.split())


def header_word(header: str) -> str:
    """A header folded for comparison: 'ZIP CODE', 'Zip_Code' and 'zip-code' all give 'zip code'."""
    return fold(clean_header(header).replace("#", " number "))


def guess_target(header: str) -> str:
    word = header_word(header)
    if word in _LOOKUP:
        return _LOOKUP[word]
    words = word.replace(" number", "").strip()
    return _LOOKUP.get(words, IGNORE)


def guess_mapping(headers: Sequence[str]) -> tuple[str, ...]:
    """One field per column from its header; each field used once (the first column wins).

    A plain 'Phone' or 'Email' belongs to the contact person when the sheet names one.
    """
    guesses = [guess_target(h) for h in headers]
    has_contact = any(g in ("contact_name", "contact_first", "contact_last") for g in guesses)
    if has_contact:
        for i, g in enumerate(guesses):
            if (
                g == "main_phone"
                and "contact_phone" not in guesses
                and header_word(headers[i])
                in (
                    "phone",
                    "phone number",
                    "telephone",
                    "tel",
                )
            ):
                guesses[i] = "contact_phone"
    used: set[str] = set()
    result = []
    for g in guesses:
        if g and g in used:
            g = IGNORE
        used.add(g)
        result.append(g)
    # A sheet with "Name" but no company column: the name is the business.
    if "legal_name" not in used and "contact_name" in used:
        i = result.index("contact_name")
        if header_word(headers[i]) == "name":
            result[i] = "legal_name"
    return tuple(result)


def header_set_key(headers: Sequence[str]) -> str:
    """The settings key that remembers a mapping for this exact set of columns."""
    joined = "\x1f".join(header_word(h) for h in headers)
    return "import.mapping." + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def validate_mapping(headers: Sequence[str], mapping: Sequence[str]) -> list[str]:
    """Problems with a mapping, in words; an empty list means it can be used."""
    problems = []
    if len(mapping) != len(headers):
        problems.append("The mapping does not have one choice per column.")
    unknown = [m for m in mapping if m not in TARGETS]
    if unknown:
        problems.append(f"Unknown fields: {', '.join(sorted(set(unknown)))}.")
    seen: dict[str, str] = {}
    for header, target in zip(headers, mapping, strict=False):
        if target and target in seen:
            problems.append(
                f"“{seen[target]}” and “{header}” both fill {TARGETS.get(target, target)}; choose one."
            )
        seen.setdefault(target, header)
    if "legal_name" not in mapping and "dba_name" not in mapping:
        problems.append("Choose the column that holds the employer's name.")
    return problems


# Header row ---------------------------------------------------------------------

_DATA_LIKE = re.compile(
    r"^(?:[\d\s().+/-]{5,}|\d+(?:\.\d+)?|\d{4}-\d{2}-\d{2}.*|[^@\s]+@[^@\s]+\.\w+|https?://.*)$"
)


@dataclass
class Table:
    """The sheet once its header row is known: column names and data rows with sheet row numbers."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    header_row: int
    sheet: str
    notes: list[str]


def _header_score(row: list[str]) -> tuple[int, int]:
    filled = [clean_header(c) for c in row if clean_header(c)]
    known = sum(1 for c in filled if guess_target(c))
    data_like = sum(1 for c in filled if _DATA_LIKE.match(c))
    return known, len(filled) - data_like


def find_header(raw: RawSheet, name: str = "the file", scan: int = 20) -> Table:
    """Find the row of column names (title rows above it are skipped); ImportFileError if none."""
    rows = raw.rows
    while rows and not any(rows[-1]):
        rows.pop()
    if not any(any(c for c in r) for r in rows):
        raise ImportFileError(f"{name} has no filled cells: there is nothing to import.")
    best: int | None = None
    for i, row in enumerate(rows[:scan]):
        known, texty = _header_score(row)
        filled = sum(1 for c in row if c)
        if filled == 0:
            continue
        if known >= 1 and texty == filled and filled >= 2:
            best = i
            break
        if known >= 2 and texty >= filled - 1:
            best = i
            break
    if best is None:
        sample = ", ".join(f"“{c}”" for c in next(r for r in rows if any(r)) if c)[:120]
        raise ImportFileError(
            f"{name} has no header row: its first rows hold data ({sample}), not column names. "
            "Add a first row naming each column, like Company, Contact Person, Phone, Address, "
            "and import it again."
        )
    headers = [clean_header(h) or f"Column {i + 1}" for i, h in enumerate(rows[best])]
    width = len(headers)
    body: list[list[str]] = []
    numbers: list[int] = []
    for offset, row in enumerate(rows[best + 1 :], start=best + 2):
        if not any(row):
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        body.append(row[:width] if len(row) > width and not any(row[width:]) else row)
        numbers.append(offset)
    notes = list(raw.notes)
    if best:
        notes.append(
            f"The column names are on row {best + 1}; the {best} row(s) above were skipped."
        )
    if not body:
        raise ImportFileError(f"{name} has column names but no rows of data below them.")
    return Table(
        headers=headers,
        rows=body,
        row_numbers=numbers,
        header_row=best + 1,
        sheet=raw.sheet,
        notes=notes,
    )


def remembered_mapping(store: Store, headers: Sequence[str]) -> tuple[str, ...] | None:
    """The mapping confirmed last time for these exact columns, if it still fits."""
    from app.services.agency import settings

    saved = settings.get(store, header_set_key(headers))
    if not isinstance(saved, list) or len(saved) != len(headers):
        return None
    mapping = tuple(str(s) for s in saved)
    return mapping if all(m in TARGETS for m in mapping) else None


def remember_mapping(store: Store, headers: Sequence[str], mapping: Sequence[str]) -> None:
    from app.services.agency import settings

    settings.put(store, header_set_key(headers), list(mapping))


def initial_mapping(store: Store | None, headers: Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """The remembered mapping for these columns if any (True), else the guess (False)."""
    if store is not None:
        saved = remembered_mapping(store, headers)
        if saved is not None:
            return saved, True
    return guess_mapping(headers), False
