"""The employer list's rows: one query, read through any connection that hands back raw rows.

Kept free of SQLModel and SQLAlchemy so the list shown at start can be read from a plain
read-only SQLite connection (`app.store.peek`) while the full store is still opening; the
open store reads the very same query, so both show the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, Protocol

#: How many search matches the list shows; more means "keep typing".
SEARCH_LIMIT = 500


class RawReader(Protocol):
    """What the list needs of a store: rows straight from SQLite's cursor."""

    def raw_rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]: ...


@dataclass(frozen=True)
class EmployerFilter:
    """What the employer list shows: search text plus exact filters (empty means any)."""

    text: str = ""
    stage: str = ""
    office_id: str = ""
    owner_id: str = ""
    industry: str = ""


class EmployerRow(NamedTuple):
    """One line of the employer list, read in one query; a tuple because 10k are built at once."""

    id: str
    name: str
    dba_name: str
    stage: str
    industry: str
    owner: str
    office: str
    phone: str
    zip_code: str
    last_contact: datetime | None
    next_follow_up: date | None


def list_rows(
    store: RawReader, flt: EmployerFilter = EmployerFilter(), limit: int | None = None
) -> list[EmployerRow]:
    """The employer list for a filter; search results keep their rank order.

    The inner query picks (and limits) the matching employers; the outer one reads
    the display columns, so per-row lookups run only for rows that will be shown.
    """
    where = ["e.deleted_at IS NULL", "e.merged_into IS NULL"]
    params: dict[str, Any] = {}
    order = "lower(e.legal_name)"
    source = "employer e"
    if flt.text.strip():
        from app.store import search  # the search index's module: only when searching

        query = search.fts_query(flt.text)
        if query is None:
            return []
        source = "employer_search s JOIN employer e ON e.rowid = s.rowid"
        where.append("employer_search MATCH :q")
        params["q"] = query
        order = "s.rank"
    for column, value in (
        ("stage", flt.stage),
        ("office_id", flt.office_id),
        ("owner_id", flt.owner_id),
        ("industry", flt.industry),
    ):
        if value:
            where.append(f"e.{column} = :{column}")
            params[column] = value
    conditions = " AND ".join(where)
    if limit is None and source == "employer e":
        # The whole list: one pass, no need to pick first.
        picked, outer_where, outer_order = source, f"WHERE {conditions}", order
    else:
        params["limit"] = -1 if limit is None else limit
        picked = (
            f"(SELECT e.rowid AS rid, {order} AS sort_key FROM {source} WHERE {conditions}"
            f" ORDER BY {order} LIMIT :limit) AS chosen JOIN employer e ON e.rowid = chosen.rid"
        )
        outer_where, outer_order = "", "chosen.sort_key"
    sql = f"""
        SELECT e.id, e.legal_name, e.dba_name, e.stage, e.industry,
               coalesce(st.name, ''), coalesce(o.name, ''), e.main_phone, e.zip_code,
               (SELECT max(a.occurred_at) FROM activity a
                 WHERE a.employer_id = e.id AND a.deleted_at IS NULL),
               (SELECT min(f.due_on) FROM followup f
                 WHERE f.employer_id = e.id AND f.done = 0 AND f.deleted_at IS NULL)
        FROM {picked}
        LEFT JOIN staff st ON st.id = e.owner_id
        LEFT JOIN office o ON o.id = e.office_id
        {outer_where} ORDER BY {outer_order}
    """
    # The driver's own cursor: no per-row result processing, which dominates at 10k rows.
    return [
        EmployerRow(
            *r[:9],
            _parse_dt(r[9]),
            date.fromisoformat(r[10]) if r[10] else None,
        )
        for r in store.raw_rows(sql, params)
    ]


def _parse_dt(raw: str | None) -> datetime | None:
    if not raw:
        return None
    value = datetime.fromisoformat(raw)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
