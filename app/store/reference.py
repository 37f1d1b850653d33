"""Reference rows (offices, programs) are one row per code, under an id made from the code.

Every store seeds the agency's offices and programs from `forms/agency.toml`. They
used to get new random ids, so once a second computer joined, each code existed
twice. Now the id comes from the code (`app.core.ids.reference_id`), and
`merge_by_code` folds what earlier versions made: for each code the row with
the code's id stays (made from the oldest live row when missing), every link
to the others (`office_id` in any table) is re-pointed to it, and the others
are removed. It runs in migration 0010, when reference data is seeded at open,
and after sync applies changes that an older version (still making random ids)
may have sent. The same rule on every device makes the same result, so these
plain-SQL writes need not travel in the journal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Set

from sqlalchemy import Connection, text

from app.core.ids import reference_id
from app.store import codec
from app.store.batches import chunks

#: Reference table -> the column that links other records to it.
LINKS: dict[str, str] = {"office": "office_id", "program": "program_id"}
LINK_COLUMNS = frozenset(LINKS.values())
#: The journal's inserts of reference rows, written as the partial index on them
#: (`ix_change_reference_row`) is, so that SQLite reads them by it and never the whole journal.
JOURNAL_ROWS = "col = '*' AND tbl IN ('office', 'program')"


#: The schema text of a store -> `_tables`: sync asks once per batch, and one read of
#: the schema costs far less than asking each table for its columns.
_TABLES_SEEN: dict[tuple[tuple[str, str], ...], dict[str, list[str]]] = {}


def _tables(conn: Connection) -> dict[str, list[str]]:
    """Every table of the store with its columns."""
    key = tuple(
        (r[0], r[1] or "")
        for r in conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        )
    )
    found = _TABLES_SEEN.get(key)
    if found is None:
        if len(_TABLES_SEEN) > 16:
            _TABLES_SEEN.clear()
        found = _TABLES_SEEN[key] = _read_tables(conn)
    return found


def _read_tables(conn: Connection) -> dict[str, list[str]]:
    names = [
        r[0]
        for r in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        )
    ]
    return {
        name: [c[1] for c in conn.execute(text(f'PRAGMA table_info("{name}")'))] for name in names
    }


def merge_by_code(conn: Connection, links: Mapping[str, Set[str]] | None = None) -> int:
    """Fold reference rows sharing a code into the row with the code's id; how many went.

    `links` (reference table -> ids linked to), when given, are the only links that can
    be newly dangling: sync passes the links a batch of changes brought, when the batch
    brought no reference row itself, so a join does not scan every record per batch.
    """
    tables = _tables(conn)
    removed = 0
    for table, link in LINKS.items():
        if table not in tables:
            continue
        linked = [name for name, columns in tables.items() if link in columns]
        removed += _merge_table(conn, table, tables[table], link, linked)
        if "change" not in tables:
            continue
        if links is None:
            _repoint_dangling(conn, table, link, linked)
        elif links.get(table):
            _repoint_ids(conn, table, link, linked, set(links[table]))
    return removed


def _merge_table(
    conn: Connection, table: str, columns: list[str], link: str, linked: list[str]
) -> int:
    rows = conn.execute(
        text(
            f"SELECT id, code, deleted_at IS NULL FROM {table} ORDER BY deleted_at IS NOT NULL, id"
        )
    ).all()
    by_code: dict[str, list[str]] = defaultdict(list)
    for row_id, code, _live in rows:
        by_code[code].append(row_id)
    removed = 0
    for code, ids in by_code.items():
        keep = reference_id(table, code)
        others = [i for i in ids if i != keep]
        if not others:
            continue
        if keep not in ids:
            # The oldest live row (live rows first, then by id, which is time-ordered).
            copied = ", ".join(c for c in columns if c != "id")
            conn.execute(
                text(
                    f"INSERT INTO {table} (id, {copied}) SELECT :keep, {copied} "
                    f"FROM {table} WHERE id = :source"
                ),
                {"keep": keep, "source": ids[0]},
            )
        _repoint(conn, link, linked, others, keep)
        params = {f"i{n}": i for n, i in enumerate(others)}
        marks = ", ".join(f":{k}" for k in params)
        conn.execute(text(f"DELETE FROM {table} WHERE id IN ({marks})"), params)
        removed += len(others)
    return removed


def _repoint(conn: Connection, link: str, linked: list[str], old: list[str], new: str) -> None:
    params = {f"i{n}": i for n, i in enumerate(old)}
    marks = ", ".join(f":{k}" for k in params)
    for name in linked:
        conn.execute(
            text(f'UPDATE "{name}" SET {link} = :new WHERE {link} IN ({marks})'),
            {**params, "new": new},
        )


def _repoint_dangling(conn: Connection, table: str, link: str, linked: list[str]) -> None:
    """Links to a row already folded away (sent by a computer still on an older version):
    its code is in the journal's copy of the row, so the link goes to the code's row."""
    for name in linked:
        missing = conn.execute(
            text(
                f'SELECT DISTINCT {link} FROM "{name}" WHERE {link} IS NOT NULL '
                f"AND {link} NOT IN (SELECT id FROM {table})"
            )
        ).all()
        _repoint_by_journal(conn, table, link, [name], {old for (old,) in missing})


def _repoint_ids(conn: Connection, table: str, link: str, linked: list[str], ids: set[str]) -> None:
    """`_repoint_dangling` for the links to `ids` only."""
    present = set()
    for chunk in chunks(sorted(ids)):
        marks = ", ".join("?" * len(chunk))
        present.update(
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(chunk)
            )
        )
    _repoint_by_journal(conn, table, link, linked, ids - present)


def _repoint_by_journal(
    conn: Connection, table: str, link: str, linked: list[str], missing: set[str]
) -> None:
    """Re-point links to the `missing` rows whose code the journal knows (one read of it)."""
    codes: dict[str, str] = {}
    for chunk in chunks(sorted(missing)):
        for row_id, value in conn.exec_driver_sql(journal_rows_sql(len(chunk)), (table, *chunk)):
            row = codec.decode(value)
            code = row.get("code") if isinstance(row, dict) else None
            if code is not None and row_id not in codes:
                codes[row_id] = code
    for old, code in codes.items():  # the others are not known yet: still on their way
        keep = reference_id(table, code)
        exists = conn.execute(text(f"SELECT 1 FROM {table} WHERE id = :k"), {"k": keep}).first()
        if exists:
            _repoint(conn, link, linked, [old], keep)


def journal_rows_sql(count: int) -> str:
    """The journal's inserts of `count` rows of one reference table (parameters: the
    table, then the row ids), oldest first."""
    marks = ", ".join("?" * count)
    return (
        f"SELECT row_id, value FROM change WHERE tbl = ? AND {JOURNAL_ROWS} "
        f"AND row_id IN ({marks}) ORDER BY seq"
    )


__all__ = ["LINKS", "LINK_COLUMNS", "merge_by_code"]
