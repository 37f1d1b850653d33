"""Property: whatever happens to segment files on the share, no committed edit is lost.

Devices edit and sync through a real folder while files on the share are cut
short, get a flipped bit, are zeroed, grow, or trade places. No device takes a
damaged file for a copy of its store; once the share is repaired (the damaged
files put back as they were, as from a backup) and everyone syncs, every edit
any device committed is on every device and all stores are identical.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.store.engine import Store, open_store
from app.sync.changes import device_id, local_changes
from app.sync.engine import sync_once
from app.sync.folder import FolderTransport
from tests.sync.devices import content, journal_ids
from tests.sync.helpers import DEVICES_DIR, KEYS, add_employer, edit_employer

DAMAGE = ["truncate", "flip", "zero", "append", "swap"]
DEV = st.integers(min_value=0, max_value=3)
STEP = st.one_of(
    st.tuples(st.just("add"), DEV, st.integers(0, 99)),
    st.tuples(st.just("edit"), DEV, st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("sync"), DEV),
    st.tuples(st.just("sync"), DEV),
    st.tuples(st.just("damage"), st.sampled_from(DAMAGE), st.integers(0, 999), st.integers(0, 999)),
)


def _damage(
    share: Path, how: str, pick: int, where: int, kept: dict[Path, bytes], devices: list[str]
) -> None:
    """Damage one file. Files are taken in the order the devices were made: their ids are
    random, so ordering by them would make the same example damage other files when run
    again. A file an earlier step cut to nothing has no byte to flip."""
    rank = {device: n for n, device in enumerate(devices)}
    files = sorted(
        share.joinpath(*DEVICES_DIR).glob("*/seg-*.eds"),
        key=lambda f: (rank.get(f.parent.name, len(rank)), f.parent.name, f.name),
    )
    if not files:
        return
    path = files[pick % len(files)]
    data = path.read_bytes()
    kept.setdefault(path, data)
    at = where % len(data) if data else 0
    if how == "truncate":
        path.write_bytes(data[:at])
    elif how == "flip":
        if data:
            path.write_bytes(data[:at] + bytes([data[at] ^ (1 << where % 8)]) + data[at + 1 :])
    elif how == "zero":
        path.write_bytes(bytes(len(data)))
    elif how == "append":
        path.write_bytes(data + b"\0" * (1 + where))
    else:
        mates = [f for f in files if f.parent == path.parent and f != path]
        if mates:
            other = mates[where % len(mates)]
            kept.setdefault(other, other.read_bytes())
            path.write_bytes(kept.get(other, other.read_bytes()))
            other.write_bytes(data)


@settings(settings.get_profile("stores"))
@given(
    devices=st.integers(min_value=2, max_value=3),
    steps=st.lists(STEP, min_size=4, max_size=25),
    rng=st.randoms(use_true_random=False),
)
@example(  # a file cut to nothing, then damaged again
    devices=2,
    steps=[
        ("sync", 0),
        ("damage", "truncate", 0, 0),
        ("damage", "flip", 0, 5),
        ("damage", "truncate", 0, 3),
        ("sync", 1),
    ],
    rng=random.Random(0),
)
def test_every_committed_edit_arrives_whatever_the_share_does(
    migrated_template: Path, tmp_path: Path, devices: int, steps, rng: random.Random
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    share = folder / "share"
    share.mkdir()
    t = FolderTransport(share)
    stores: list[Store] = []
    kept: dict[Path, bytes] = {}
    try:
        for n in range(devices):
            path = folder / f"d{n}.sqlite"
            shutil.copyfile(migrated_template, path)
            stores.append(open_store(path))
        ids = {n: [add_employer(s, f"Start {n}")] for n, s in enumerate(stores)}
        for step in steps:
            kind = step[0]
            if kind == "damage":
                _damage(share, *step[1:], kept, [device_id(s) for s in stores])
                continue
            n = step[1] % len(stores)
            store = stores[n]
            if kind == "add":
                ids[n].append(add_employer(store, f"Employer {step[2]}"))
            elif kind == "edit":
                mine = ids[n]
                edit_employer(store, mine[step[2] % len(mine)], notes=f"note {step[3]}")
            else:
                before = device_id(store)
                got = sync_once(store, t, KEYS)
                assert got.cloned_from is None and device_id(store) == before, got.notes
        committed = set()
        for store in stores:
            me = device_id(store)
            committed |= {c.id for _, c in local_changes(store)} | {
                i for i in journal_ids(store) if i[0] == me
            }
        # The share is repaired: damaged files are put back as they were written.
        for path, data in kept.items():
            path.write_bytes(data)
        for _round in range(3):
            for store in stores:
                got = sync_once(store, t, KEYS)
                assert got.errors == [] and got.cloned_from is None
        first = content(stores[0])
        for store in stores:
            assert committed <= journal_ids(store)
            assert content(store) == first
    finally:
        for store in stores:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
