"""A short name for any synced record, for lists that mix tables (the conflict log).

The conflict log knows only (table, row id, column); a person knows "Ogden Metal
Works, notes". The name comes from the first name-like column the table has, so
a table added later is named without extra code.
"""

from __future__ import annotations

from sqlalchemy import Table, select
from sqlmodel import SQLModel

from app.store.engine import Store

#: Columns that name a record, most telling first.
_NAME_COLUMNS = ("legal_name", "name", "title", "full_name", "subject", "email")
#: Readable names for tables whose own name reads oddly.
_TABLE_TITLES = {"follow_up": "Follow-up", "rfi_answer": "RFI answer"}


def _table(name: str) -> Table | None:
    table = SQLModel.metadata.tables.get(name)
    return table if isinstance(table, Table) else None


def table_title(name: str) -> str:
    """ "employer" -> "Employer", "job_opening" -> "Job opening"."""
    return _TABLE_TITLES.get(name, name.replace("_", " ").capitalize())


def field_title(column: str) -> str:
    """ "main_phone" -> "Main phone"; a whole-row insert ("*") -> "Whole record"."""
    if column == "*":
        return "Whole record"
    return column.replace("_id", "").replace("_", " ").capitalize()


def record_labels(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """{(table, row id): "Table: name"} in one query per table; unknown rows by short id."""
    by_table: dict[str, set[str]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, set()).add(row_id)
    out: dict[tuple[str, str], str] = {}
    with store.engine.connect() as conn:
        for name, ids in by_table.items():
            table = _table(name)
            column = next((c for c in _NAME_COLUMNS if table is not None and c in table.c), None)
            names: dict[str, str] = {}
            if table is not None and column is not None:
                rows = conn.execute(
                    select(table.c.id, table.c[column]).where(table.c.id.in_(sorted(ids)))
                ).all()
                names = {r[0]: str(r[1] or "") for r in rows}
            for row_id in ids:
                shown = names.get(row_id) or f"record …{row_id[-6:]}"
                out[(name, row_id)] = f"{table_title(name)}: {shown}"
    return out


__all__ = ["field_title", "record_labels", "table_title"]
