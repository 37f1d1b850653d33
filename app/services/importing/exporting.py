"""The way back out: the whole store as JSON (backup, other tools), xlsx (a sheet per table), CSV.

Tables are found from the SQLModel metadata (every `Record` table), so a table
added later appears in every export without code here. The JSON format is
described in docs/export-format.md.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import SQLModel

from app.core.ids import utcnow
from app.core.models import Record
from app.services.importing.sheets import csv_row, xlsx_cells
from app.store.engine import Store

FORMAT = "employer-desk/1"
EMPLOYERS_KEY = "employers"
CONTACTS_KEY = "contacts"

#: Readable column headers for the spreadsheet exports; others are made from the column name.
LABELS: dict[str, str] = {
    "id": "ID",
    "legal_name": "Company",
    "dba_name": "Doing business as",
    "fein": "FEIN",
    "naics_code": "NAICS code",
    "employees_total": "Number of employees",
    "employees_at_site": "Employees at this site",
    "street": "Address",
    "zip_code": "ZIP code",
    "main_phone": "Phone",
    "stage_changed_at": "Stage changed",
    "not_fit_reason": "Why not a fit",
    "owner_id": "Owner ID",
    "office_id": "Office ID",
    "employer_id": "Employer ID",
    "staff_id": "Staff ID",
    "contact_id": "Contact ID",
    "merged_into": "Merged into",
    "created_at": "Created",
    "updated_at": "Updated",
    "deleted_at": "Deleted",
    "is_primary": "Primary contact",
    "due_on": "Due on",
    "occurred_at": "When",
    "website": "Website",
    "ojt": "OJT",
}


def synced_tables() -> list[Table]:
    """Every table of a `Record` model (synced data), by name; the employer table first."""
    tables: dict[str, Table] = {}
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        cls = mapper.class_
        if issubclass(cls, Record) and hasattr(cls, "__table__"):
            tables[cls.__table__.name] = cls.__table__  # type: ignore[attr-defined]
    names = sorted(tables, key=lambda n: (n != "employer", n != "contact", n))
    return [tables[n] for n in names]


def json_value(value: Any) -> Any:
    """A column value as JSON: datetimes as ISO 8601 in UTC, dates as YYYY-MM-DD, files as base64."""
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(store: Store, table: Table) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn:
        order = table.c.id if "id" in table.c else list(table.c)[0]
        for row in conn.execute(select(table).order_by(order)):
            yield {k: json_value(v) for k, v in row._mapping.items()}


def export_document(store: Store) -> dict[str, Any]:
    """The whole store as one JSON-ready document (format employer-desk/1)."""
    doc: dict[str, Any] = {"format": FORMAT, "exported_at": utcnow().isoformat()}
    tables = synced_tables()
    by_name = {t.name: t for t in tables}
    employers = list(_rows(store, by_name["employer"]))
    contacts_by_employer: dict[str, list[dict[str, Any]]] = {}
    orphans: list[dict[str, Any]] = []
    known = {e["id"] for e in employers}
    for contact in _rows(store, by_name["contact"]):
        if contact["employer_id"] in known:
            contacts_by_employer.setdefault(contact["employer_id"], []).append(contact)
        else:
            orphans.append(contact)
    for employer in employers:
        employer[CONTACTS_KEY] = contacts_by_employer.get(employer["id"], [])
    doc[EMPLOYERS_KEY] = employers
    if orphans:
        doc["contact"] = orphans
    for table in tables:
        if table.name not in ("employer", "contact"):
            doc[table.name] = list(_rows(store, table))
    return doc


def _atomic_write(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_json(store: Store, path: Path | str) -> dict[str, int]:
    """Write the whole store to `path` as JSON; returns rows per table."""
    doc = export_document(store)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")

    _atomic_write(Path(path), write)
    counts = {"employer": len(doc[EMPLOYERS_KEY])}
    counts["contact"] = sum(len(e[CONTACTS_KEY]) for e in doc[EMPLOYERS_KEY]) + len(
        doc.get("contact", [])
    )
    for key, value in doc.items():
        if isinstance(value, list) and key not in (EMPLOYERS_KEY, "contact"):
            counts[key] = len(value)
    return counts


def label(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


def _sheet_title(name: str) -> str:
    titles = {"employer": "Employers", "contact": "Contacts", "followup": "Follow-ups"}
    return titles.get(name, name.replace("_", " ").title())[:31]


def _cell(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return f"(file of {len(bytes(value)):,} bytes)"  # a stored file (a resume) is no cell
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return value


def _live_rows(store: Store, table: Table) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn:
        query = select(table)
        if "deleted_at" in table.c:
            query = query.where(table.c.deleted_at.is_(None))
        if "merged_into" in table.c:
            query = query.where(table.c.merged_into.is_(None))
        for row in conn.execute(query.order_by(*_order(table))):
            yield dict(row._mapping)


def _order(table: Table) -> list[Any]:
    for name in ("legal_name", "name", "occurred_at", "due_on"):
        if name in table.c:
            return [table.c[name], table.c.id]
    return [table.c.id]


def _columns(table: Table) -> list[str]:
    """Data columns first, bookkeeping (ids and stamps) last."""
    tail = ("id", "created_at", "updated_at", "deleted_at")
    return [c.name for c in table.c if c.name not in tail] + [c for c in tail if c in table.c]


def export_xlsx(store: Store, path: Path | str) -> dict[str, int]:
    """A workbook with a sheet per table (live records only) that people can read: names
    instead of ids, dollars instead of cents, dates as date cells (Chicago time), plain
    labels for codes. Each record's own id is kept in a hidden last column for re-import.

    The Employers sheet also carries each employer's primary contact, so it pastes
    straight into a master spreadsheet (and imports back with no mapping clicks).
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from app.services.importing.readable import Readable

    counts: dict[str, int] = {}
    workbook = Workbook(write_only=True)
    tables = synced_tables()
    primary = _primary_contacts(store)
    readable = Readable(store)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.name))
        columns = [
            c for c in _columns(table) if c not in ("id", "deleted_at") and readable.shown(c)
        ] + ["id"]
        extra = (
            ["Contact person", "Contact title", "Contact phone", "Contact email"]
            if table.name == "employer"
            else []
        )
        titles = [readable.header(c, label) for c in columns]
        header = xlsx_cells(sheet, titles[:3] + extra + titles[3:], bold=True)
        sheet.column_dimensions[get_column_letter(len(header))].hidden = True
        sheet.append(header)
        sheet.freeze_panes = "A2"
        n = 0
        for row in _live_rows(store, table):
            shown = [readable.cell(table.name, c, _cell(row[c])) for c in columns]
            values = [value for value, _ in shown]
            formats = [number_format for _, number_format in shown]
            if extra:
                c = primary.get(row["id"])
                people = (
                    [c.get("name", ""), c.get("role", ""), c.get("phone", ""), c.get("email", "")]
                    if c
                    else ["", "", "", ""]
                )
                values = values[:3] + people + values[3:]
                formats = formats[:3] + [None] * len(people) + formats[3:]
            cells = xlsx_cells(sheet, values)
            for cell, number_format in zip(cells, formats, strict=True):
                if number_format:
                    cell.number_format = number_format
            sheet.append(cells)
            n += 1
        counts[table.name] = n

    _atomic_write(Path(path), lambda tmp: workbook.save(tmp))
    return counts


def _primary_contacts(store: Store) -> dict[str, dict[str, Any]]:
    """Each employer's primary contact (or its first live contact)."""
    by_name = {t.name: t for t in synced_tables()}
    found: dict[str, dict[str, Any]] = {}
    rows = sorted(
        _live_rows(store, by_name["contact"]), key=lambda c: (not c["is_primary"], c["id"])
    )
    for contact in rows:
        found.setdefault(contact["employer_id"], contact)
    return found


#: Columns of the CSV export: one row per live employer with its primary contact.
CSV_COLUMNS: list[tuple[str, str]] = [
    ("Company", "legal_name"),
    ("Doing business as", "dba_name"),
    ("Contact person", "contact.name"),
    ("Contact title", "contact.role"),
    ("Contact phone", "contact.phone"),
    ("Contact email", "contact.email"),
    ("Address", "street"),
    ("City", "city"),
    ("State", "state"),
    ("ZIP code", "zip_code"),
    ("Phone", "main_phone"),
    ("Website", "website"),
    ("Industry", "industry"),
    ("NAICS code", "naics_code"),
    ("FEIN", "fein"),
    ("Number of employees", "employees_total"),
    ("Stage", "stage"),
    ("Source", "source"),
    ("Notes", "notes"),
    ("ID", "id"),
]


def export_csv(store: Store, path: Path | str) -> int:
    """One CSV file: live employers, each with its primary contact (UTF-8 with BOM, for Excel).

    Text a spreadsheet would run as a formula is written with an apostrophe first.
    """
    by_name = {t.name: t for t in synced_tables()}
    primary = _primary_contacts(store)
    employers = list(_live_rows(store, by_name["employer"]))

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(csv_row(h for h, _ in CSV_COLUMNS))
            for e in employers:
                contact = primary.get(e["id"], {})
                row = []
                for _h, key in CSV_COLUMNS:
                    if key.startswith("contact."):
                        row.append(contact.get(key.split(".", 1)[1], ""))
                    else:
                        value = e[key]
                        row.append("" if value is None else value)
                out.writerow(csv_row(row))

    _atomic_write(Path(path), write)
    return len(employers)


def export(store: Store, fmt: str, path: Path | str) -> str:
    """Export in `fmt` (json, xlsx, csv); returns a one-line summary for people."""
    if fmt == "json":
        counts = export_json(store, path)
        return f"Exported {counts['employer']} employers and {sum(counts.values()) - counts['employer']} other records to {path}."
    if fmt == "xlsx":
        counts = export_xlsx(store, path)
        return f"Exported {counts.get('employer', 0)} employers ({len(counts)} sheets) to {path}."
    if fmt == "csv":
        n = export_csv(store, path)
        return f"Exported {n} employers to {path}."
    raise ValueError(f"Unknown export format {fmt!r}; use json, xlsx or csv.")
