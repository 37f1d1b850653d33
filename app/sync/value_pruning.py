"""Dropping journal values nobody can need again, so a store does not grow with every edit.

The journal keeps every change a store made or applied; its value is what
publishes it, relays it in a snapshot and looks it up for the conflict log. A
value can go (set to NULL, "the stored row's", see `app.store.journal`) once:

- the change is published: our own changes up to the last one put in a segment,
  every change of another device (it came from the share);
- a snapshot of ours on the share holds its field as it stands, so a new laptop
  never needs the change itself; that is every change up to the journal position
  read just before the snapshot was built;
- its record is stored here. An edit that came before its record waits in the
  journal with its value until the record arrives;
- it is applied and its table is not an office or program (kept: a duplicate row
  of one is removed when two computers' copies are merged), and not a table this
  version does not know (those are relayed as they came).

Where the change still decides its field, the stored field is its value. An older
change a later one replaced is only ever sent again when a file of ours on the
share is damaged (`app.sync.own_folder`); it then carries the field's current
value under its old stamp, and loses to the later change wherever both arrive.
"""

from __future__ import annotations

from sqlalchemy import text

from app.store import journal
from app.store.engine import Store
from app.sync import ledger

#: The journal position a snapshot of ours covers (local setting).
COVERS_SETTING = "sync.snapshot_covers"


def journal_end(store: Store) -> int:
    """The journal position of the newest change (0 for an empty journal)."""
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM change")).scalar_one())


def prune_values(store: Store, covers: int) -> int:
    """Drop the values a snapshot covering journal positions up to `covers` makes useless;
    returns how many were dropped."""
    ledger.put_local_setting(store, COVERS_SETTING, covers)
    dropped = 0
    with store.transaction() as session:
        published = ledger.last_local_seq(session)
        conn = session.connection()
        me = journal.load_device(conn).device_id
        for name in sorted(journal.synced_tables()):
            if journal.keeps_values(name):
                continue
            done = conn.execute(
                text(
                    "UPDATE change SET value = NULL WHERE seq <= :covers AND tbl = :t "
                    "AND value IS NOT NULL AND applied AND (device != :me OR seq <= :published) "
                    f"AND row_id IN (SELECT id FROM {name})"
                ),
                {"covers": covers, "t": name, "me": me, "published": published},
            )
            dropped += done.rowcount or 0
    return dropped


__all__ = ["COVERS_SETTING", "journal_end", "prune_values"]
