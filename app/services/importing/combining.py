"""Several rows of one business in a spreadsheet made into one planned employer."""

from __future__ import annotations

from collections.abc import Sequence
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
    values: dict[str, Any] = {}
    notes: list[str] = []
    for i in order:
        for key, value in rows[i].employer.items():
            if key == "notes":
                if value not in notes:
                    notes.append(value)
            else:
                values[key] = value
    # Other addresses and names of the same business are kept where a person will see them.
    winner_street = norm.street(values.get("street", ""))
    other_streets = []
    for i in order:
        s = rows[i].employer.get("street", "")
        if s and norm.street(s) != winner_street and s not in other_streets:
            other_streets.append(s)
    winner_dba = norm.name_key(values.get("dba_name", ""))
    other_names = []
    for i in order:
        d = rows[i].employer.get("dba_name", "")
        if d and norm.name_key(d) != winner_dba and d not in other_names:
            other_names.append(d)
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
    for i in order:
        c = rows[i].contact
        if c:
            contacts.setdefault(norm.person_name(c["name"]), {}).update(c)
    return PlannedEmployer(
        ref=f"row:{rows[0].row}",
        rows=[r.row for r in rows],
        values=values,
        contacts=list(contacts.values()),
    )


__all__ = ["combine_rows"]
