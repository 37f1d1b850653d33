"""This store's own notes about the share: the files it published and small settings.

`sync_published` is the store's memory of what it wrote (sequence, hash, and the
range of local journal positions each changes segment carried). It is what lets a
device tell its own files from a copy's, and publish again what the share lost.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from app.core.models.local import LocalSetting
from app.core.models.team_sync import SyncCursor, SyncPublished
from app.store.engine import Store
from app.sync.changes import Change
from app.sync.segment import Kind


def published(session: Session, device: str, kind: Kind = Kind.CHANGES) -> dict[int, str]:
    """{sequence: hex hash} of the files of `kind` this store wrote as `device`."""
    rows = session.exec(
        select(SyncPublished.seq, SyncPublished.digest).where(
            SyncPublished.device_id == device, SyncPublished.kind == int(kind)
        )
    ).all()
    return {int(s): d for s, d in rows}


def last_published(session: Session, device: str, kind: Kind = Kind.CHANGES) -> tuple[int, str]:
    """(sequence, hex hash) of the last file of `kind` this store wrote as `device`, (0, "")
    when none: the next file chains to it. One row by the key, however long the log."""
    row = session.exec(
        select(SyncPublished.seq, SyncPublished.digest)
        .where(SyncPublished.device_id == device, SyncPublished.kind == int(kind))
        .order_by(SyncPublished.seq.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    return (int(row[0]), row[1]) if row else (0, "")


def published_rows(session: Session, device: str) -> dict[int, SyncPublished]:
    """The changes segments this store wrote as `device`, by sequence."""
    rows = session.exec(
        select(SyncPublished).where(
            SyncPublished.device_id == device, SyncPublished.kind == int(Kind.CHANGES)
        )
    ).all()
    return {int(r.seq): r for r in rows}


def last_local_seq(session: Session) -> int:
    """Journal position of the last change this store put in any segment."""
    value = session.exec(
        select(func.max(SyncPublished.last_local_seq)).where(
            SyncPublished.kind == int(Kind.CHANGES)
        )
    ).one()
    return int(value or 0)


def record(
    session: Session,
    device: str,
    kind: Kind,
    seq: int,
    data_digest: bytes,
    changes: list[tuple[int, Change]] | None = None,
    records: int = 0,
) -> None:
    """Log a file we wrote; `changes` are the new local changes it carried (journal order)."""
    session.add(
        SyncPublished(
            device_id=device,
            kind=int(kind),
            seq=seq,
            digest=data_digest.hex(),
            first_local_seq=changes[0][0] if changes else 0,
            last_local_seq=changes[-1][0] if changes else 0,
            records=records or (len(changes) if changes else 0),
        )
    )


def local_setting(store: Store, key: str) -> Any:
    with store.session() as session:
        row = session.get(LocalSetting, key)
    return json.loads(row.value) if row else None


def put_local_setting(store: Store, key: str, value: Any) -> None:
    with store.transaction() as session:
        row = session.get(LocalSetting, key) or LocalSetting(key=key)
        row.value = json.dumps(value, sort_keys=True)
        session.add(row)


def cursors(store: Store) -> dict[str, SyncCursor]:
    with store.session() as session:
        return {c.device_id: c for c in session.exec(select(SyncCursor)).all()}


__all__ = [
    "cursors",
    "last_local_seq",
    "local_setting",
    "published",
    "published_rows",
    "put_local_setting",
    "record",
]
