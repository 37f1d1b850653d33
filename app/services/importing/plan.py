"""The import as a plan first (nothing written), then applied in one transaction.

`plan_import` reads the file, cleans every row, groups rows into businesses,
matches them against the store and reports what would happen. `apply_plan`
writes exactly that, all or nothing, and refuses a plan with rejected rows
unless the person accepted them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from app.core import normalize as norm
from app.core.collector import collector_paused
from app.core.ids import new_ids, utcnow
from app.core.models import Contact, Employer
from app.core.validation import FieldError
from app.services.employers.merge import merge_in_session
from app.services.importing.combining import combine_rows
from app.services.importing.existing import PlannedEmployer, StoreIndex, store_stamp
from app.services.importing.mapping import (
    TARGETS,
    Table,
    find_header,
    remember_mapping,
    validate_mapping,
)
from app.services.importing.matching import (
    Candidate,
    PossibleDuplicate,
    candidate_names,
    find_possible_duplicates,
    group_rows,
)
from app.services.importing.reading import ImportFileError, read_file
from app.services.importing.rows import CleanRow, RowCleaner, RowIssue
from app.store import bulk, search
from app.store.engine import Store

EMPLOYER = Employer.__table__  # type: ignore[attr-defined]
CONTACT = Contact.__table__  # type: ignore[attr-defined]

Progress = Callable[[int, int], None]

#: Employer fields the import may fill; what a person typed is never blanked by an empty cell.
IMPORTED_FIELDS = (
    "legal_name", "dba_name", "street", "city", "state", "zip_code", "main_phone", "website",
    "industry", "naics_code", "fein", "employees_total", "source", "notes",
)  # fmt: skip
PREVIEW_ROWS = 20


class ImportRefused(Exception):
    """The plan may not be applied as it is (rejected rows not accepted, store changed)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportCancelled(Exception):
    """The person cancelled; the transaction was rolled back and the store is as it was."""


@collector_paused()
def load_table(path: Path | str) -> Table:
    """Read a file and find its header row: the first step of every import."""
    path = Path(path)
    return find_header(read_file(path), path.name)


@dataclass
class ImportPlan:
    """What the import would do; shown to the person before anything is written."""

    source: str
    sheet: str
    headers: list[str]
    mapping: tuple[str, ...]
    total_rows: int
    creates: list[PlannedEmployer]
    updates: list[PlannedEmployer]
    unchanged: int
    duplicates: list[PossibleDuplicate]
    rejected: list[RowIssue]
    notes: list[str]
    preview: list[dict[str, str]]
    merges: list[tuple[str, str]] = field(default_factory=list)
    store_stamp: tuple[Any, ...] = ()

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejected})

    @property
    def changes_nothing(self) -> bool:
        return not self.creates and not self.updates and not self.merges

    def summary(self) -> str:
        return (
            f"{len(self.creates)} new employers, {len(self.updates)} updated, "
            f"{self.unchanged} already up to date, {len(self.duplicates)} possible duplicates, "
            f"{len(self.rejected_rows)} rows rejected (of {self.total_rows})"
        )


@dataclass
class ImportResult:
    created: int
    updated: int
    contacts_added: int
    merged: int


# Planning -----------------------------------------------------------------------


@collector_paused()
def plan_import(
    store: Store,
    file: Path | str | Table,
    mapping: Sequence[str] | None = None,
    merges: Iterable[tuple[str, str]] = (),
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportPlan:
    """What importing `file` with `mapping` would do. Writes nothing.

    `merges` are pairs of refs (from `ImportPlan.duplicates`) a person said are one business.
    Raises ImportFileError for an unreadable file or an unusable mapping.
    """
    table = file if isinstance(file, Table) else load_table(file)
    source = Path(file).name if not isinstance(file, Table) else table.sheet or "spreadsheet"
    if mapping is None:
        from app.services.importing.mapping import initial_mapping

        mapping, _ = initial_mapping(store, table.headers)
    mapping = tuple(mapping)
    problems = validate_mapping(table.headers, mapping)
    if problems:
        raise ImportFileError(" ".join(problems))
    merges = [tuple(sorted(m)) for m in merges]
    total = len(table.rows)
    clean: list[CleanRow] = []
    rejected: list[RowIssue] = []
    cleaner = RowCleaner(table.headers, mapping)
    for n, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        if cancel is not None and cancel.is_set():
            raise ImportCancelled()
        if progress and n % 2000 == 0:
            progress(n, total)
        row = cleaner.clean(number, cells)
        if row is None:
            continue
        if row.issues:
            rejected.extend(row.issues)
        else:
            clean.append(row)
    row_links = [
        (int(a.split(":")[1]), int(b.split(":")[1]))
        for a, b in merges
        if a.startswith("row:") and b.startswith("row:")
    ]
    groups = group_rows(clean, row_links)
    existing = StoreIndex(store)
    forced = {
        (a if a.startswith("row:") else b): (b if a.startswith("row:") else a)
        for a, b in merges
        if a.startswith("row:") != b.startswith("row:")
    }
    creates: list[PlannedEmployer] = []
    updates: list[PlannedEmployer] = []
    unchanged = 0
    ambiguous: list[PossibleDuplicate] = []
    planned: list[PlannedEmployer] = []
    skipped: list[str] = []
    for members in groups:
        rows = [clean[i] for i in members]
        item = combine_rows(rows, source)
        matches, gone = existing.match(rows)
        if gone:
            skipped.append(f"{existing.gone[gone[0]]}, row {rows[0].row}")
            continue
        for ref in item_refs(rows):
            if ref in forced:
                target = forced[ref].split(":", 1)[1]
                if target in existing.employers:
                    matches = [target, *[m for m in matches if m != target]]
        if matches:
            item.existing_id = matches[0]
            for other in matches[1:]:
                ambiguous.append(
                    PossibleDuplicate(
                        a=f"employer:{matches[0]}",
                        b=f"employer:{other}",
                        a_label=existing.label(matches[0]),
                        b_label=existing.label(other),
                        evidence=[f"row {rows[0].row} matches both"],
                        score=100,
                    )
                )
            existing.diff(item)
            if item.changes_anything:
                updates.append(item)
            else:
                unchanged += 1
        else:
            creates.append(item)
        planned.append(item)
    candidates = [
        Candidate(
            ref=item.ref,
            label=item.label,
            names=candidate_names(
                item.values.get("legal_name", ""), item.values.get("dba_name", "")
            ),
            street_key=norm.street(item.values.get("street", "")),
            street=item.values.get("street", ""),
            phones=_phones(item),
            is_new=True,
        )
        for item in creates
    ]
    candidates += existing.candidates()
    duplicates, notes = find_possible_duplicates(candidates)
    seen = {d.pair for d in duplicates}
    duplicates += [d for d in ambiguous if d.pair not in seen]
    merged_pairs = {tuple(sorted(m)) for m in merges}
    duplicates = [d for d in duplicates if d.pair not in merged_pairs]
    store_merges = [
        (a, b) for a, b in merges if a.startswith("employer:") and b.startswith("employer:")
    ]
    if progress:
        progress(total, total)
    return ImportPlan(
        source=source,
        sheet=table.sheet,
        headers=list(table.headers),
        mapping=mapping,
        total_rows=total,
        creates=creates,
        updates=updates,
        unchanged=unchanged,
        duplicates=duplicates,
        rejected=sorted(rejected, key=lambda r: (r.row, r.column)),
        notes=list(table.notes) + notes + _gone_note(skipped),
        preview=_preview(planned[:PREVIEW_ROWS], existing),
        merges=store_merges,
        store_stamp=existing.stamp,
    )


def _gone_note(skipped: Sequence[str]) -> list[str]:
    if not skipped:
        return []
    shown = "; ".join(skipped[:10]) + (
        f"; and {len(skipped) - 10} more" if len(skipped) > 10 else ""
    )
    one = len(skipped) == 1
    what = "1 business in this file was" if one else f"{len(skipped)} businesses in this file were"
    left = "as it is" if one else "as they are"
    return [
        f"{what} deleted or merged in Employer Desk and left {left}: {shown}. "
        "Undelete it on the Employers page to bring it back."
    ]


def item_refs(rows: Sequence[CleanRow]) -> list[str]:
    return [f"row:{r.row}" for r in rows]


def _phones(item: PlannedEmployer) -> tuple[str, ...]:
    found = [norm.phone_digits(item.values.get("main_phone", ""))]
    found += [norm.phone_digits(c.get("phone", "")) for c in item.contacts]
    return tuple(dict.fromkeys(p for p in found if p))


def _preview(items: Sequence[PlannedEmployer], existing: StoreIndex) -> list[dict[str, str]]:
    """The first employers as they will be stored, in plain words."""
    out = []
    for item in items:
        if item.existing_id:
            stored = existing.employers[item.existing_id]
            values = {k: getattr(stored, k) for k in IMPORTED_FIELDS}
            values.update({k: new for k, (_old, new) in item.changes.items()})
            action = "update" if item.changes_anything else "no change"
        else:
            defaults = Employer(legal_name="")
            values = {k: getattr(defaults, k) for k in IMPORTED_FIELDS}
            values.update(item.values)
            action = "new"
        contact = item.contacts[0] if item.contacts else {}
        out.append(
            {
                "Rows": ", ".join(str(r) for r in item.rows[:6])
                + (" …" if len(item.rows) > 6 else ""),
                "Action": action,
                "Legal name": values["legal_name"],
                "Doing business as": values["dba_name"],
                "Street": values["street"],
                "City": values["city"],
                "State": values["state"],
                "ZIP": values["zip_code"],
                "Phone": values["main_phone"],
                "Contact": contact.get("name", ""),
                "Contact phone": contact.get("phone", ""),
                "Contact email": contact.get("email", ""),
            }
        )
    return out


# Applying -----------------------------------------------------------------------


@collector_paused()
def apply_plan(
    store: Store,
    plan: ImportPlan,
    accept_partial: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    remember: bool = True,
) -> ImportResult:
    """Write the plan in one transaction: all of it, or (on error or cancel) none of it."""
    if plan.rejected and not accept_partial:
        raise ImportRefused(
            f"{len(plan.rejected_rows)} rows were rejected, so nothing was imported. Fix those rows "
            "and import again, or accept the report to import the other rows."
        )
    total = len(plan.creates) + len(plan.updates) + len(plan.merges)
    done = 0
    contacts_added = 0
    now = utcnow()

    def tick() -> None:
        nonlocal done
        done += 1
        if cancel is not None and cancel.is_set():
            raise ImportCancelled()
        if progress and (done % 500 == 0 or done == total):
            progress(done, total)

    with store.transaction() as session:
        if store_stamp(session) != plan.store_stamp:
            raise ImportRefused(
                "Employers changed since this report was made (someone edited or synced). "
                "Make the report again and import."
            )
        employers: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        stamps = {"created_at": now, "updated_at": now}
        ids = iter(new_ids(len(plan.creates) + sum(len(i.contacts) for i in plan.creates)))
        for item in plan.creates:
            employer_id = next(ids)
            employers.append(
                {
                    "source": f"Imported from {plan.source}",
                    **item.values,
                    "id": employer_id,
                    "stage_changed_at": now,
                    **stamps,
                }
            )
            for n, c in enumerate(item.contacts):
                contacts.append(
                    {
                        **c,
                        "id": next(ids),
                        "employer_id": employer_id,
                        "is_primary": n == 0,
                        **stamps,
                    }
                )
            contacts_added += len(item.contacts)
            tick()
        # The search index is built once at the end, each employer with its people.
        conn = session.connection()
        before = search.last_rowid(conn)
        with bulk.roomy_cache(conn):
            with search.paused(conn):
                bulk.insert_records(conn, CONTACT, contacts)
                bulk.insert_records(conn, EMPLOYER, employers)
            search.refresh_new(conn, before)
        update_ids = [i.existing_id for i in plan.updates if i.existing_id]
        stored = {
            e.id: e
            for e in session.exec(select(Employer).where(Employer.id.in_(update_ids)))  # type: ignore[union-attr]
        }
        for item in plan.updates:
            employer = stored.get(item.existing_id or "")
            if employer is None or employer.deleted_at is not None:
                raise ImportRefused(
                    f"{item.label} was deleted since the report was made. Make the report again."
                )
            for key, (_old, new) in item.changes.items():
                setattr(employer, key, new)
            if item.changes:
                employer.updated_at = now
            has_primary = bool(
                session.exec(
                    select(func.count()).where(  # type: ignore[call-overload]
                        Contact.employer_id == employer.id,
                        Contact.is_primary.is_(True),  # type: ignore[attr-defined]
                        Contact.deleted_at.is_(None),  # type: ignore[union-attr]
                    )
                ).one()
            )
            for n, c in enumerate(item.contacts):
                session.add(
                    Contact(
                        employer_id=employer.id,
                        is_primary=not has_primary and n == 0,
                        created_at=now,
                        updated_at=now,
                        **c,
                    )
                )
                contacts_added += 1
            for contact_id, change in item.contact_updates:
                contact = session.get(Contact, contact_id)
                if contact is not None:
                    for key, value in change.items():
                        setattr(contact, key, value)
                    contact.updated_at = now
            session.add(employer)
            tick()
        merged = 0
        for a, b in plan.merges:
            keep, other = sorted((a.split(":", 1)[1], b.split(":", 1)[1]))
            try:
                merge_in_session(session, keep, other)
            except FieldError as exc:
                raise ImportRefused(f"{exc.message} Make the report again.") from None
            merged += 1
            tick()
        session.flush()
        if cancel is not None and cancel.is_set():
            raise ImportCancelled()
    if remember:
        remember_mapping(store, plan.headers, plan.mapping)
    if progress:
        progress(total, total)
    return ImportResult(
        created=len(plan.creates),
        updated=len(plan.updates),
        contacts_added=contacts_added,
        merged=merged,
    )


__all__ = [
    "TARGETS",
    "ImportCancelled",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlannedEmployer",
    "apply_plan",
    "load_table",
    "plan_import",
]
