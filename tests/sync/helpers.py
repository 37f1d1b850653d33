"""Small helpers the sync tests share: stores that edit employers, and their content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from app.core.models import Employer
from app.store import journal
from app.store.engine import Store, open_store
from app.sync.keys import TeamKeys

KEY = bytes(range(32))
KEYS = TeamKeys(KEY)
DEVICES_DIR = ("employer-desk", "v1", "devices")


def new_store(path: Path) -> Store:
    return open_store(path)


def add_employer(store: Store, name: str, **fields: Any) -> str:
    with store.transaction() as session:
        row = Employer(legal_name=name, **fields)
        session.add(row)
        session.flush()
        return row.id


def edit_employer(store: Store, employer_id: str, **fields: Any) -> None:
    with store.transaction() as session:
        row = session.get(Employer, employer_id)
        for k, v in fields.items():
            setattr(row, k, v)
        session.add(row)


def employer(store: Store, employer_id: str) -> Employer | None:
    with store.session() as session:
        return session.get(Employer, employer_id)


def content(store: Store) -> dict[str, list[tuple]]:
    """Every synced table's rows, sorted: two stores in sync compare equal."""
    out: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        for name, table in sorted(journal.synced_tables().items()):
            rows = conn.execute(select(table).order_by(table.c.id)).all()
            out[name] = [tuple(r) for r in rows]
    return out


def search_index_errors(store: Store) -> list[str]:
    """How the employer search index differs from one rebuilt from the rows (empty when current)."""
    from app.store import search

    with store.engine.connect() as conn:
        indexed = conn.execute(
            text(
                "SELECT e.id, s.name, s.people, s.place, s.phone, s.notes "
                "FROM employer_search s JOIN employer e ON e.rowid = s.rowid"
            )
        ).all()
        expected = conn.execute(
            text(f"SELECT e.id, {search.DOCUMENT_COLUMNS} FROM employer e")
        ).all()
        stray = conn.execute(text("SELECT count(*) FROM employer_search")).scalar_one()
    have, want = {tuple(r) for r in indexed}, {tuple(r) for r in expected}
    errors = [f"stale or missing: {row[0]}" for row in sorted(want - have)]
    errors += [f"outdated: {row[0]}" for row in sorted(have - want)]
    if stray != len(expected):
        errors.append(f"{stray} index rows for {len(expected)} employers")
    return errors


def device_dir(share: Path, device: str) -> Path:
    return share.joinpath(*DEVICES_DIR, device)


def share_files(share: Path) -> dict[str, bytes]:
    """Every file under the share, by relative path, with its bytes."""
    return {
        str(p.relative_to(share)): p.read_bytes() for p in sorted(share.rglob("*")) if p.is_file()
    }
