"""Several rows of one business in a spreadsheet made into one planned employer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from app.core import normalize as norm
from app.services.importing.existing import PlannedEmployer
from app.services.importing.rows import CleanRow


def combine_rows(rows: Sequence[CleanRow], source: str) -> PlannedEmployer:
    """One business from its rows: the newest row's non-empty values win, contacts kept together."""
    if len(rows) == 1:  # most businesses have one row: nothing to combine
        only = rows[0]
        return PlannedEmployer(
            ref=f"row:{only.row}",
            rows=[only.row],
            values=dict(only.employer),
            contacts=[dict(only.contact)] if only.contact else [],
        )
    order = sorted(range(len(rows)), key=lambda i: (rows[i].as_of or date.min, i))
    ordered = [rows[i] for i in order]  # oldest first: later values win
    values: dict[str, Any] = {}
    notes: list[str] = []
    for row in ordered:
        for key, value in row.employer.items():
            if key == "notes":
                if value not in notes:
                    notes.append(value)
            else:
                values[key] = value
    # Other addresses and names of the same business are kept where a person will see them.
    other_streets = _others(ordered, values, "street", norm.street)
    other_names = _others(ordered, values, "dba_name", norm.name_key)
    extra = []
    if other_streets:
        extra.append("also at " + "; ".join(other_streets))
    if other_names:
        extra.append("also known as " + "; ".join(other_names))
    if extra:
        notes.append(f"From {source}: " + ", ".join(extra) + ".")
    if notes:
        values["notes"] = "\n".join(notes)
    contacts: dict[str, dict[str, Any]] = {}
    for row in ordered:
        if row.contact:
            contacts.setdefault(norm.person_name(row.contact["name"]), {}).update(row.contact)
    return PlannedEmployer(
        ref=f"row:{rows[0].row}",
        rows=[r.row for r in rows],
        values=values,
        contacts=list(contacts.values()),
    )


def _others(
    rows: Sequence[CleanRow], values: dict[str, Any], field: str, key: Callable[[str], str]
) -> list[str]:
    """The rows' values of `field` that are not the winning one (compared by `key`), each
    once, in the order given."""
    winner = key(values.get(field, ""))
    found: list[str] = []
    for row in rows:
        value = row.employer.get(field, "")
        if value and key(value) != winner and value not in found:
            found.append(value)
    return found


__all__ = ["combine_rows"]
