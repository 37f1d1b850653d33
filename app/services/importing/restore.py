"""Importing an Employer Desk JSON export (format employer-desk/1): a backup restored, or records merged in.

Rows are matched by their id. A new id is inserted; a known id is updated only
when the file's copy was edited later (`updated_at`), so restoring an old
backup never undoes newer work; an identical row changes nothing, which makes
export -> import -> export -> import a no-op.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    TypeDecorator,
    select,
)
from sqlmodel import SQLModel

from app.core.models import Record
from app.services.importing import limits
from app.services.importing.exporting import CONTACTS_KEY, EMPLOYERS_KEY, FORMAT
from app.services.importing.plan import ImportCancelled, ImportRefused
from app.services.importing.reading import ImportFileError
from app.services.importing.rows import RowIssue
from app.store.engine import Store

Progress = Callable[[int, int], None]


def is_export_file(path: Path | str) -> bool:
    """True for a .json file (exports are JSON); its content is checked by `plan_restore`."""
    return Path(path).suffix.lower() == ".json"


@dataclass
class TableChanges:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    kept_newer: int = 0


@dataclass
class RestorePlan:
    """What importing an export would do, per table; nothing written yet."""

    source: str
    tables: dict[str, TableChanges]
    rejected: list[RowIssue]
    notes: list[str]
    duplicates: list[Any] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(len(t.inserts) for t in self.tables.values())

    @property
    def updated(self) -> int:
        return sum(len(t.updates) for t in self.tables.values())

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejected})

    @property
    def changes_nothing(self) -> bool:
        return self.created == 0 and self.updated == 0

    def summary(self) -> str:
        unchanged = sum(t.unchanged for t in self.tables.values())
        kept = sum(t.kept_newer for t in self.tables.values())
        text = f"{self.created} records new, {self.updated} updated, {unchanged} unchanged"
        if kept:
            text += f", {kept} kept because this store's copy is newer"
        return text + f", {len(self.rejected)} rejected"


def _classes() -> dict[str, type[Record]]:
    found = {}
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        cls = mapper.class_
        if issubclass(cls, Record) and hasattr(cls, "__table__"):
            found[cls.__table__.name] = cls  # type: ignore[attr-defined]
    return found


def _from_json(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl  # UTCDateTime wraps DateTime
    if isinstance(kind, LargeBinary):
        try:
            return base64.b64decode(str(value), validate=True)
        except ValueError as exc:
            raise ValueError("must be a file in base64") from exc
    if isinstance(kind, DateTime):
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(kind, Date):
        return date.fromisoformat(str(value))
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        return value
    if isinstance(kind, Float):
        return float(value)
    if isinstance(value, dict | list):
        raise ValueError("must be text")
    value = str(value)
    if len(value) > limits.MAX_JSON_TEXT:
        raise ValueError(f"is {len(value):,} characters long; at most {limits.MAX_JSON_TEXT:,}")
    return value


def _shown(value: Any) -> str:
    """A value for a report line: long ones cut, so the report stays readable."""
    text = repr(value)
    return text if len(text) <= 80 else text[:60] + "…" + text[-10:]


def _comparable(column: Any, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value


def read_export(path: Path | str) -> dict[str, Any]:
    """The export document; size and nesting are checked before the JSON is parsed."""
    path = Path(path)
    try:
        limits.check_size(path, path.stat().st_size, limits.MAX_JSON_BYTES, "exports")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFileError(f"The file {path} does not exist.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; choose an export file.") from None
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not an Employer Desk export (it is not UTF-8 text: {exc})."
        ) from exc
    depth = limits.json_depth(text)
    if depth > limits.MAX_JSON_DEPTH:
        raise ImportFileError(
            f"{path.name} nests brackets more than {limits.MAX_JSON_DEPTH} deep (an Employer Desk "
            "export nests 5), so it is not an export. Choose the .json file Employer Desk wrote."
        )
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFileError(
            f"{path.name} is not an Employer Desk export (it is not valid JSON: {exc})."
        ) from exc
    if not isinstance(doc, dict) or "format" not in doc:
        raise ImportFileError(f"{path.name} is JSON but not an Employer Desk export (no format).")
    fmt = str(doc["format"])
    if fmt != FORMAT:
        if fmt.startswith("employer-desk/"):
            raise ImportFileError(
                f"{path.name} was written by a newer Employer Desk ({fmt}); update this copy to import it."
            )
        raise ImportFileError(f"{path.name} is in the format {fmt!r}, not an Employer Desk export.")
    return doc


def plan_restore(
    store: Store,
    path: Path | str,
    cancel: threading.Event | None = None,
    doc: dict[str, Any] | None = None,
) -> RestorePlan:
    """Compare the export with the store, table by table. Writes nothing.

    `doc` is the document when the caller has read it already (read_export).
    """
    doc = doc if doc is not None else read_export(path)
    classes = _classes()
    rows_by_table: dict[str, list[dict[str, Any]]] = {}
    employers = doc.get(EMPLOYERS_KEY, [])
    if not isinstance(employers, list):
        raise ImportFileError(f"{Path(path).name}: “employers” must be a list.")
    contacts: list[dict[str, Any]] = []
    plain_employers = []
    for e in employers:
        if isinstance(e, dict):
            nested = e.get(CONTACTS_KEY, [])
            contacts.extend(c for c in nested if isinstance(c, dict))
            plain_employers.append({k: v for k, v in e.items() if k != CONTACTS_KEY})
        else:
            plain_employers.append(e)
    rows_by_table["employer"] = plain_employers
    rows_by_table["contact"] = contacts + list(doc.get("contact", []))
    notes: list[str] = []
    for key, value in doc.items():
        if key in ("format", "exported_at", EMPLOYERS_KEY, "contact"):
            continue
        if key not in classes:
            notes.append(f"“{key}” is not known to this version of Employer Desk and was skipped.")
            continue
        if not isinstance(value, list):
            raise ImportFileError(f"{Path(path).name}: “{key}” must be a list.")
        rows_by_table[key] = value
    tables: dict[str, TableChanges] = {}
    rejected: list[RowIssue] = []
    position = 0
    with store.engine.connect() as conn:
        for name, rows in rows_by_table.items():
            if cancel is not None and cancel.is_set():
                raise ImportCancelled()
            table = classes[name].__table__  # type: ignore[attr-defined]
            columns = {c.name: c for c in table.c}
            stored = {r.id: dict(r._mapping) for r in conn.execute(select(table))}
            changes = TableChanges()
            unknown_columns: set[str] = set()
            for n, raw in enumerate(rows, start=1):
                position += 1
                if not isinstance(raw, dict) or not raw.get("id"):
                    rejected.append(RowIssue(n, name, "id", "Each record needs an id."))
                    continue
                values: dict[str, Any] = {}
                bad = False
                for key, value in raw.items():
                    column = columns.get(key)
                    if column is None:
                        unknown_columns.add(key)
                        continue
                    try:
                        values[key] = _from_json(column, value)
                    except (TypeError, ValueError) as exc:
                        rejected.append(RowIssue(n, name, key, f"{_shown(value)} {exc}"))
                        bad = True
                if bad:
                    continue
                current = stored.get(values["id"])
                if current is None:
                    changes.inserts.append(values)
                    continue
                differs = {
                    k: v
                    for k, v in values.items()
                    if _comparable(columns[k], v) != _comparable(columns[k], current.get(k))
                }
                if not differs:
                    changes.unchanged += 1
                    continue
                incoming = _comparable(None, values.get("updated_at"))
                if (
                    incoming is not None
                    and current.get("updated_at")
                    and incoming <= current["updated_at"]
                ):
                    changes.kept_newer += 1
                    continue
                changes.updates.append(values)
            if unknown_columns:
                notes.append(
                    f"{name}: columns not known here were skipped: {', '.join(sorted(unknown_columns))}."
                )
            tables[name] = changes
    return RestorePlan(source=Path(path).name, tables=tables, rejected=rejected, notes=notes)


def apply_restore(
    store: Store,
    plan: RestorePlan,
    accept_partial: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RestorePlan:
    """Write the restore plan in one transaction (ORM objects, so sync sees every change)."""
    if plan.rejected and not accept_partial:
        raise ImportRefused(
            f"{len(plan.rejected)} records were rejected, so nothing was imported. "
            "Accept the report to import the others."
        )
    classes = _classes()
    total = plan.created + plan.updated
    done = 0
    with store.transaction() as session:
        for name, changes in plan.tables.items():
            cls = classes[name]
            session.add_all([cls(**values) for values in changes.inserts])
            done += len(changes.inserts)
            for values in changes.updates:
                record = session.get(cls, values["id"])
                if record is None:
                    session.add(cls(**values))
                    continue
                for key, value in values.items():
                    setattr(record, key, value)
                session.add(record)
                done += 1
                if cancel is not None and cancel.is_set():
                    raise ImportCancelled()
            if progress:
                progress(done, total)
            if cancel is not None and cancel.is_set():
                raise ImportCancelled()
        session.flush()
    return plan
