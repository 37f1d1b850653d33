"""The sync property: whatever devices do and however changes travel, every store ends the same.

3 to 10 devices, each a real SQLite store, make random inserts, edits, deletes
(soft and hard), undeletes and merges, and exchange random batches of changes
(subsets, reordered, duplicated, relayed through other devices) in memory. After
everyone has received everything:

- every synced table has identical content on every device;
- every change id (device, hlc) is in every device's journal;
- every value that lost to a concurrent edit is in every device's conflict log,
  and nothing else is (a value someone edited on top of is not a conflict).
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text

from app.core.models import Contact, Employer
from app.core.models.sync import SyncDevice
from app.services.employers import employers, merge
from app.store import journal
from app.store.engine import Store, copy_store, open_store
from app.store.journal import NO_STAMP, Stamp
from app.sync.changes import UNLOGGED, Change, journal_changes
from tests.sync.devices import content, deliver, journal_ids
from tests.sync.helpers import search_index_errors

NAMES = ["Pilsen Bakery", "Kedzie Logistics", "Austin Home Health", "Archer Builders"]
FIELDS = ["notes", "industry", "dba_name", "city"]
VALUES = ["", "a", "b", "c", "Second shift", "Spanish-speaking owner"]
PEOPLE = ["Rosa Garcia", "James Johnson", "Ana Lopez"]

DEV = st.integers(min_value=0, max_value=9)
PICK = st.integers(min_value=0, max_value=50)
STEP = st.one_of(
    st.tuples(st.just("new_employer"), DEV, st.sampled_from(NAMES)),
    st.tuples(st.just("edit"), DEV, PICK, st.sampled_from(FIELDS), st.sampled_from(VALUES)),
    st.tuples(st.just("contact"), DEV, PICK, st.sampled_from(PEOPLE)),
    st.tuples(st.just("edit_contact"), DEV, PICK, st.sampled_from(VALUES)),
    st.tuples(st.just("drop_contact"), DEV, PICK),
    st.tuples(st.just("activity"), DEV, PICK),
    st.tuples(st.just("delete"), DEV, PICK),
    st.tuples(st.just("undelete"), DEV, PICK),
    st.tuples(st.just("merge"), DEV, PICK, PICK),
    st.tuples(st.just("sync"), DEV, DEV, st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("sync"), DEV, DEV, st.integers(min_value=0, max_value=3)),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store without a device id: each copy makes its own at open."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    store = open_store(path)
    with store.engine.begin() as conn:
        conn.execute(delete(SyncDevice.__table__))
    store.close()
    return path


def _ids(store: Store, cls: type, deleted: bool) -> list[str]:
    table = cls.__table__
    with store.engine.connect() as conn:
        # Creation order, not id order: ids carry random bits, and a rerun must pick alike.
        query = select(table.c.id).order_by(table.c.created_at, table.c.id)
        query = query.where(
            table.c.deleted_at.is_not(None) if deleted else table.c.deleted_at.is_(None)
        )
        return [r[0] for r in conn.execute(query)]


def _pick(items: list[str], n: int) -> str | None:
    return items[n % len(items)] if items else None


def _run_step(step: tuple, stores: list[Store], rng: random.Random) -> None:
    kind, dev, *args = step
    store = stores[dev % len(stores)]
    live = _ids(store, Employer, deleted=False)
    if kind == "new_employer":
        employers.create_employer(store, {"legal_name": args[0]})
    elif kind == "edit" and live:
        employers.update_employer_field(store, _pick(live, args[0]), args[1], args[2])
    elif kind == "contact" and live:
        employers.add_contact(store, _pick(live, args[0]), {"name": args[1]})
    elif kind == "edit_contact":
        people = _ids(store, Contact, deleted=False)
        if people:
            employers.update_contact_field(store, _pick(people, args[0]), "role", args[1])
    elif kind == "drop_contact":
        people = _ids(store, Contact, deleted=False)
        if people:
            with store.transaction() as session:  # a hard delete: kept as a tombstone
                session.delete(session.get(Contact, _pick(people, args[0])))
    elif kind == "activity" and live:
        employers.log_activity(store, _pick(live, args[0]), "call", "Called about openings")
    elif kind == "delete" and live:
        employers.delete_employer(store, _pick(live, args[0]))
    elif kind == "undelete":
        gone = _ids(store, Employer, deleted=True)
        if gone:
            employers.restore_employer(store, _pick(gone, args[0]))
    elif kind == "merge" and len(live) >= 2:
        survivor, duplicate = _pick(live, args[0]), _pick(live, args[1])
        if survivor != duplicate:
            merge.merge_employers(store, survivor, duplicate)
    elif kind == "sync":
        source = store
        target = stores[args[0] % len(stores)]
        if target is not source:
            _carry(source, target, args[1], rng)


def _everything(store: Store) -> list[Change]:
    with store.engine.connect() as conn:
        return [c for _, c in journal_changes(conn)]


def _carry(source: Store, target: Store, mode: int, rng: random.Random) -> None:
    """Deliver what `source` holds (its own and relayed changes), badly."""
    changes = _everything(source)
    if mode == 0:
        rng.shuffle(changes)
        deliver(target, changes)
    elif mode == 1:
        deliver(target, [c for c in changes if rng.random() < 0.5])
    elif mode == 2:
        part = [c for c in changes if rng.random() < 0.7]
        deliver(target, part)
        deliver(target, part + [c for c in changes if rng.random() < 0.3])
    else:
        deliver(target, list(reversed(changes)))


def _expected_losers(changes: list[Change]) -> set[tuple[str, str, str, str, int]]:
    """Per field: every change that is neither the winner nor made over by another change."""
    insert_only = journal.insert_only_tables()
    by_field: dict[tuple[str, str, str], list[tuple[Stamp, Stamp]]] = defaultdict(list)
    for c in changes:
        if c.column == journal.ROW:
            for column in c.value:
                if column != "id":
                    by_field[(c.table, c.row_id, column)].append((c.stamp, NO_STAMP))
        else:
            by_field[(c.table, c.row_id, c.column)].append((c.stamp, c.seen))
    losers = set()
    for (table, row_id, column), entries in by_field.items():
        if table in insert_only and not journal.insert_only_mutable(column):
            continue
        if column in UNLOGGED:
            continue
        winner = max(stamp.key() for stamp, _ in entries)
        seen = {s for _, s in entries}
        for stamp, _ in entries:
            if stamp.key() != winner and stamp not in seen:
                losers.add((table, row_id, column, stamp.device, stamp.hlc))
    return losers


def _logged_losers(store: Store) -> set[tuple[str, str, str, str, int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT tbl, row_id, col, lost_device, lost_hlc FROM conflict WHERE kind = 'lww'")
        )
        return {(r[0], r[1], r[2], r[3], int(r[4])) for r in rows}


@settings(settings.get_profile("stores"))
@given(
    devices=st.integers(min_value=3, max_value=10),
    steps=st.lists(STEP, min_size=5, max_size=40),
    rng=st.randoms(use_true_random=False),
)
def test_every_store_converges(template: Path, tmp_path: Path, devices: int, steps, rng) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    stores: list[Store] = []
    try:
        for n in range(devices):
            path = folder / f"device-{n}.sqlite"
            copy_store(template, path)
            stores.append(open_store(path))
        # Every device starts with one employer of its own, so edits have something to touch.
        for n, store in enumerate(stores):
            employers.create_employer(store, {"legal_name": NAMES[n % len(NAMES)]})
        for step in steps:
            _run_step(step, stores, rng)
        # Finally everyone receives everything, shuffled, in pieces, with repeats.
        union: dict[tuple[str, int], Change] = {}
        for store in stores:
            for change in _everything(store):
                union[change.id] = change
        everything = list(union.values())
        for store in stores:
            batch = everything + rng.sample(everything, k=len(everything) // 3)
            rng.shuffle(batch)
            cut = rng.randrange(len(batch) + 1)
            deliver(store, batch[:cut])
            deliver(store, batch[cut:])
        first = content(stores[0])
        expected_ids = set(union)
        losers = _expected_losers(everything)
        for store in stores:
            assert content(store) == first
            assert journal_ids(store) == expected_ids
            assert _logged_losers(store) == losers
            assert search_index_errors(store) == []
    finally:
        for store in stores:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)


@settings(settings.get_profile("stores"))
# A delete, a sync, an undelete: a device that joins from the snapshot must hold the
# undelete as it was made (it saw the delete), or the logs disagree on a lost value.
@example(
    devices=2,
    steps=[
        ("delete", 0, 0),
        ("sync", 4, 3, 0),
        ("undelete", 0, 2),
        ("sync", 0, 0, 3),
        ("sync", 4, 3, 0),
        ("edit", 4, 36, "notes", "c"),
    ],
    rng=random.Random(0),
)
@given(
    devices=st.integers(min_value=2, max_value=4),
    steps=st.lists(STEP, min_size=5, max_size=30),
    rng=st.randoms(use_true_random=False),
)
def test_every_store_converges_through_real_segment_files(
    template: Path, tmp_path: Path, devices: int, steps, rng
) -> None:
    """The same property when every change travels as encrypted segment files on a share."""
    from app.sync.engine import sync_once
    from app.sync.folder import FolderTransport
    from tests.sync.helpers import KEYS

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    share = folder / "share"
    share.mkdir()
    transport = FolderTransport(share)
    stores: list[Store] = []
    try:
        for n in range(devices):
            path = folder / f"device-{n}.sqlite"
            copy_store(template, path)
            stores.append(open_store(path))
        for n, store in enumerate(stores):
            employers.create_employer(store, {"legal_name": NAMES[n % len(NAMES)]})
        synced: set[int] = set()
        joined: set[int] = set()  # stores whose first sync started from a snapshot

        def sync(n: int):  # noqa: ANN202
            got = sync_once(stores[n], transport, KEYS, snapshot_every=3)
            if got.snapshot_used and n not in synced:
                joined.add(n)
            synced.add(n)
            return got

        for step in steps:
            if step[0] == "sync":
                got = sync(step[1] % len(stores))
                assert got.errors == [] and got.quarantined == [] and got.cloned_from is None
            else:
                _run_step(step, stores, rng)
        for _round in range(2):
            for n in range(len(stores)):
                assert sync(n).errors == []
        union: dict[tuple[str, int], Change] = {}
        for store in stores:
            for change in _everything(store):
                union[change.id] = change
        first = content(stores[0])
        losers = _expected_losers(list(union.values()))
        for n, store in enumerate(stores):
            assert content(store) == first
            assert search_index_errors(store) == []
            if n in joined:
                # A snapshot carries each field's winning change only, as it was made: the
                # changes it overwrote, and the conflicts they made, stay with the others.
                assert journal_ids(store) <= set(union)
                assert _logged_losers(store) <= losers
            else:
                assert journal_ids(store) == set(union)
                assert _logged_losers(store) == losers
    finally:
        for store in stores:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
