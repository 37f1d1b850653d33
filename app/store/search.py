"""Employer search as you type, on SQLite FTS5.

The index (`employer_search`) is kept by triggers created in the first
migration: one row per employer, rowid equal to the employer's rowid, holding
names, contact people, address, phones (as typed, as bare digits and as the
last seven digits, so 5550100 and 312-555-0100 both find it) and notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.store import batches

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str | None:
    """Turn what a BSR typed into an FTS5 query: every word must match as a prefix.

    Quoting each token keeps FTS5 operators (AND, NEAR, -, *) typed by a user
    from being parsed as syntax.
    """
    tokens = _TOKEN.findall(user_text.casefold())
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def search_employer_ids(conn: Connection, user_text: str, limit: int | None = None) -> list[str]:
    """Ids of matching, live employers, best match first."""
    query = fts_query(user_text)
    if query is None:
        return []
    sql = (
        "SELECT e.id FROM employer_search s JOIN employer e ON e.rowid = s.rowid "
        "WHERE employer_search MATCH :q AND e.deleted_at IS NULL AND e.merged_into IS NULL "
        "ORDER BY s.rank"
    )
    params: dict[str, object] = {"q": query}
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [row[0] for row in conn.execute(text(sql), params)]


def rebuild(conn: Connection) -> None:
    """Rebuild the whole index (after VACUUM, which may renumber rowids, or a bulk load)."""
    conn.execute(text("DELETE FROM employer_search"))
    conn.execute(text(INDEX_ROWS))


def _digits(expr: str) -> str:
    for ch in "()-. +/":
        expr = f"replace({expr}, '{ch}', '')"
    return expr


_NAME = "e.legal_name || ' ' || e.dba_name"
_PEOPLE = (
    "coalesce((SELECT group_concat(c.name || ' ' || c.role || ' ' || c.email || ' ' || c.phone"
    f" || ' ' || {_digits('c.phone')} || ' ' || substr({_digits('c.phone')}, -7), ' ')"
    " FROM contact c WHERE c.employer_id = e.id"
    " AND c.deleted_at IS NULL), '')"
)
_PLACE = (
    "e.street || ' ' || e.city || ' ' || e.zip_code || ' ' || e.industry || ' ' || e.naics_code"
)
_PHONE = f"e.main_phone || ' ' || {_digits('e.main_phone')} || ' ' || substr({_digits('e.main_phone')}, -7)"

#: The index's columns computed from an employer row `e` (and its live contacts).
DOCUMENT_COLUMNS = f"{_NAME}, {_PEOPLE}, {_PLACE}, {_PHONE}, e.notes"
#: Every employer's index row; add a WHERE on `e` to pick some.
INDEX_ROWS = (
    "INSERT INTO employer_search(rowid, name, people, place, phone, notes) "
    f"SELECT e.rowid, {DOCUMENT_COLUMNS} FROM employer e"
)


def _refresh(employer_id_expr: str) -> str:
    """Statements that re-index one employer, given an SQL expression for its id."""
    return (
        "DELETE FROM employer_search WHERE rowid = "
        f"(SELECT rowid FROM employer WHERE id = {employer_id_expr}); "
        f"{INDEX_ROWS} WHERE e.id = {employer_id_expr};"
    )


#: Employer columns the index reads (an edit of any other column leaves it as it is).
INDEXED_EMPLOYER_COLUMNS_IN_ORDER = (
    "legal_name", "dba_name", "street", "city", "zip_code", "industry", "naics_code",
    "main_phone", "notes",
)  # fmt: skip
INDEXED_EMPLOYER_COLUMNS = frozenset(INDEXED_EMPLOYER_COLUMNS_IN_ORDER)

#: While this table holds a row (only ever inside one writer's transaction), the
#: triggers below leave the index alone and the writer refreshes it once at the end.
#: Each trigger-fired FTS5 write is its own statement, and FTS5 flushes its pending
#: terms to a new segment at every statement, so a bulk load through the triggers
#: costs about 300 us a row against 30 us for one statement over all the rows.
PAUSE_TABLE = "employer_search_pause"
_UNLESS_PAUSED = f"WHEN NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE})"


@contextmanager
def paused(conn: Connection) -> Iterator[None]:
    """Triggers skip the index inside the block; the caller must `refresh_new` or `refresh`."""
    conn.execute(text(f"INSERT INTO {PAUSE_TABLE} (paused) VALUES (1)"))
    try:
        yield
    finally:
        conn.execute(text(f"DELETE FROM {PAUSE_TABLE}"))


def last_rowid(conn: Connection) -> int:
    """The highest employer rowid now: employers inserted later get higher ones."""
    return int(conn.execute(text("SELECT coalesce(max(rowid), 0) FROM employer")).scalar_one())


def refresh_new(conn: Connection, after_rowid: int) -> None:
    """Index every employer inserted since `last_rowid` returned `after_rowid`, in one statement."""
    conn.execute(
        text(f"{INDEX_ROWS} WHERE e.rowid > :after"),
        {"after": after_rowid},
    )


def refresh(conn: Connection, employer_ids: Iterable[str]) -> None:
    """Re-index the given employers (their rows or their contacts changed while paused)."""
    ids = list(dict.fromkeys(employer_ids))
    for chunk in batches.chunks(ids):
        ask = batches.marks(len(chunk))
        conn.exec_driver_sql(
            "DELETE FROM employer_search WHERE rowid IN "
            f"(SELECT rowid FROM employer WHERE id IN ({ask}))",
            tuple(chunk),
        )
        conn.exec_driver_sql(f"{INDEX_ROWS} WHERE e.id IN ({ask})", tuple(chunk))


#: Tables whose rows feed the index (employers, and their contact people).
INDEXED_TABLES = frozenset(("employer", "contact"))


@dataclass(frozen=True, slots=True)
class Touched:
    """One record a bulk writer is about to insert or update."""

    table: str
    row_id: str
    existed: bool
    columns: frozenset[str]


def _employers_of_contacts(conn: Connection, contact_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in batches.chunks(contact_ids):
        ask = batches.marks(len(chunk))
        rows = conn.exec_driver_sql(
            f"SELECT employer_id FROM contact WHERE id IN ({ask})", tuple(chunk)
        )
        found.update(r[0] for r in rows)
    return found


@contextmanager
def kept_current(conn: Connection, touched: Iterable[Touched]) -> Iterator[None]:
    """Bulk writes in the block; the index is refreshed once at the end, not per row.

    `touched` names the records the block writes. Employers whose indexed columns
    change, and employers whose contacts change (where the contacts were and where
    they are after), are re-indexed; new employers are indexed in one statement.
    """
    relevant = [t for t in touched if t.table in INDEXED_TABLES]
    if not relevant:
        yield
        return
    reindex = {
        t.row_id
        for t in relevant
        if t.table == "employer"
        and t.existed
        and not INDEXED_EMPLOYER_COLUMNS.isdisjoint(t.columns)
    }
    contact_ids = [t.row_id for t in relevant if t.table == "contact"]
    reindex |= _employers_of_contacts(conn, contact_ids)  # where they were
    before = last_rowid(conn)
    with paused(conn):
        yield
    reindex |= _employers_of_contacts(conn, contact_ids)  # where they are now
    refresh_new(conn, before)
    added = {
        r[0] for r in conn.execute(text("SELECT id FROM employer WHERE rowid > :r"), {"r": before})
    }
    refresh(conn, reindex - added)


#: The triggers, created by migrations (`0001_first_schema` with the index itself;
#: later revisions drop and re-run them, so they are idempotent).
SEARCH_TRIGGER_DROP: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS employer_search_ai",
    "DROP TRIGGER IF EXISTS employer_search_au",
    "DROP TRIGGER IF EXISTS employer_search_ad",
    "DROP TRIGGER IF EXISTS contact_search_ai",
    "DROP TRIGGER IF EXISTS contact_search_au",
    "DROP TRIGGER IF EXISTS contact_search_ad",
)

SEARCH_TRIGGERS: tuple[str, ...] = (
    *SEARCH_TRIGGER_DROP,
    f"CREATE TABLE IF NOT EXISTS {PAUSE_TABLE} (paused INTEGER NOT NULL)",
    f"CREATE TRIGGER employer_search_ai AFTER INSERT ON employer {_UNLESS_PAUSED} "
    f"BEGIN {_refresh('new.id')} END",
    f"CREATE TRIGGER employer_search_au AFTER UPDATE OF {', '.join(INDEXED_EMPLOYER_COLUMNS_IN_ORDER)}"
    f" ON employer {_UNLESS_PAUSED} "
    f"BEGIN {_refresh('new.id')} END",
    "CREATE TRIGGER employer_search_ad AFTER DELETE ON employer BEGIN "
    "DELETE FROM employer_search WHERE rowid = old.rowid; END",
    f"CREATE TRIGGER contact_search_ai AFTER INSERT ON contact {_UNLESS_PAUSED} "
    f"BEGIN {_refresh('new.employer_id')} END",
    f"CREATE TRIGGER contact_search_au AFTER UPDATE ON contact {_UNLESS_PAUSED} "
    f"BEGIN {_refresh('old.employer_id')} {_refresh('new.employer_id')} END",
    f"CREATE TRIGGER contact_search_ad AFTER DELETE ON contact {_UNLESS_PAUSED} "
    f"BEGIN {_refresh('old.employer_id')} END",
)

SEARCH_DROP: tuple[str, ...] = (
    *SEARCH_TRIGGER_DROP,
    f"DROP TABLE IF EXISTS {PAUSE_TABLE}",
    "DROP TABLE IF EXISTS employer_search",
)

SEARCH_DDL: tuple[str, ...] = (
    *SEARCH_DROP,
    "CREATE VIRTUAL TABLE employer_search USING fts5("
    "name, people, place, phone, notes, tokenize = 'unicode61 remove_diacritics 2')",
    *SEARCH_TRIGGERS,
)
