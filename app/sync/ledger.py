"""This store's own notes about the share: the files it published and small settings.

`sync_published` is the store's memory of what it wrote (sequence, hash, and the
range of local journal positions each changes segment carried). It is what lets a
device tell its own files from a copy's, and publish again what the share lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert
from sqlmodel import Session, select

from app.core.ids import utcnow
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
    row = (
        session.connection()
        .exec_driver_sql(
            "SELECT seq, digest FROM sync_published WHERE device_id = ? AND kind = ? "
            "ORDER BY seq DESC LIMIT 1",
            (device, int(kind)),
        )
        .first()
    )
    return (int(row[0]), row[1]) if row else (0, "")


def published_rows(session: Session, device: str) -> dict[int, SyncPublished]:
    """The changes segments this store wrote as `device`, by sequence."""
    rows = session.exec(
        select(SyncPublished).where(
            SyncPublished.device_id == device, SyncPublished.kind == int(Kind.CHANGES)
        )
    ).all()
    return {int(r.seq): r for r in rows}


@dataclass(frozen=True)
class OwnFile:
    """A changes file we wrote and that should still be on the share."""

    seq: int
    digest: str
    #: (size, time stamp) the share gave when its bytes were last found as written.
    stat: tuple[int, float] | None


def own_log(store: Store, device: str) -> tuple[list[int], int]:
    """(sequences of our changes files not pruned, ascending; our last sequence, pruned or
    not): plain numbers, since the log grows with every publish."""
    rows = store.raw_rows(
        "SELECT seq, pruned FROM sync_published WHERE device_id = :d AND kind = :k ORDER BY seq",
        {"d": device, "k": int(Kind.CHANGES)},
    )
    return [int(s) for s, p in rows if not p], int(rows[-1][0]) if rows else 0


def own_files(store: Store, device: str, seqs: Iterable[int]) -> dict[int, OwnFile]:
    """What we logged of those of our changes files."""
    named = {f"s{n}": int(s) for n, s in enumerate(set(seqs))}
    if not named:
        return {}
    marks = ",".join(f":{n}" for n in named)
    rows = store.raw_rows(
        "SELECT seq, digest, size, mtime FROM sync_published "
        f"WHERE device_id = :d AND kind = :k AND seq IN ({marks})",
        {"d": device, "k": int(Kind.CHANGES), **named},
    )
    return {
        int(s): OwnFile(int(s), d, None if z is None or m is None else (z, m))
        for s, d, z, m in rows
    }


@dataclass
class Checked:
    """What a look at our folder learned, to keep: the (size, time stamp) of files whose
    bytes were found as written, and settings (where the next look goes on from)."""

    stats: dict[int, tuple[int, float]]
    settings: dict[str, Any]

    def __bool__(self) -> bool:
        return bool(self.stats or self.settings)


def note_checked(conn: Connection, device: str, checked: Checked) -> None:
    """Keep what a look at our folder learned, in the caller's transaction (publishing
    writes it with the file it logs: one commit)."""
    if checked.stats:
        conn.exec_driver_sql(
            "UPDATE sync_published SET size = ?, mtime = ? "
            "WHERE device_id = ? AND kind = ? AND seq = ?",
            [(z, m, device, int(Kind.CHANGES), s) for s, (z, m) in checked.stats.items()],
        )
    if checked.settings:
        conn.exec_driver_sql(_PUT_SETTING, [(k, _plain(v)) for k, v in checked.settings.items()])


def where_publishing_starts(store: Store, device: str) -> tuple[int, int, str]:
    """(journal position after which our changes are unpublished, our last changes file's
    sequence, its hex hash): `last_local_seq` and `last_published` in one plain query."""
    [(after, last, digest)] = store.raw_rows(
        "SELECT (SELECT max(last_local_seq) FROM sync_published WHERE kind = :k), "
        "(SELECT seq FROM sync_published WHERE device_id = :d AND kind = :k "
        "ORDER BY seq DESC LIMIT 1), "
        "(SELECT digest FROM sync_published WHERE device_id = :d AND kind = :k "
        "ORDER BY seq DESC LIMIT 1)",
        {"d": device, "k": int(Kind.CHANGES)},
    )
    return int(after or 0), int(last or 0), digest or ""


def last_local_seq(session: Session) -> int:
    """Journal position of the last change this store put in any segment (by an index)."""
    value = (
        session.connection()
        .exec_driver_sql(
            "SELECT max(last_local_seq) FROM sync_published WHERE kind = ?", (int(Kind.CHANGES),)
        )
        .scalar()
    )
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
    """Log a file we wrote; `changes` are the new local changes it carried (journal order).
    A plain insert in the session's transaction (nothing for the ORM to track)."""
    session.connection().execute(
        insert(SyncPublished.__table__),  # type: ignore[arg-type]
        {
            "device_id": device,
            "kind": int(kind),
            "seq": seq,
            "digest": data_digest.hex(),
            "first_local_seq": changes[0][0] if changes else 0,
            "last_local_seq": changes[-1][0] if changes else 0,
            "records": records or (len(changes) if changes else 0),
            "published_at": utcnow(),
            "pruned": False,
        },
    )


def local_setting(store: Store, key: str) -> Any:
    with store.session() as session:
        row = session.get(LocalSetting, key)
    return json.loads(row.value) if row else None


def put_local_setting(store: Store, key: str, value: Any) -> None:
    with store.transaction() as session:
        row = session.get(LocalSetting, key) or LocalSetting(key=key)
        row.value = _plain(value)
        session.add(row)


def local_settings(store: Store, keys: Iterable[str]) -> dict[str, Any]:
    """Several settings in one plain query ({key: value} of those that are set)."""
    named = {f"k{n}": key for n, key in enumerate(keys)}
    marks = ",".join(f":{n}" for n in named)
    rows = store.raw_rows(f"SELECT key, value FROM local_setting WHERE key IN ({marks})", named)
    return {k: json.loads(v) for k, v in rows}


_PUT_SETTING = (
    "INSERT INTO local_setting (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def _plain(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def cursors(store: Store) -> dict[str, SyncCursor]:
    with store.session() as session:
        return {c.device_id: c for c in session.exec(select(SyncCursor)).all()}


__all__ = [
    "Checked",
    "OwnFile",
    "cursors",
    "last_local_seq",
    "local_setting",
    "local_settings",
    "note_checked",
    "own_files",
    "own_log",
    "published",
    "published_rows",
    "put_local_setting",
    "record",
    "where_publishing_starts",
]
