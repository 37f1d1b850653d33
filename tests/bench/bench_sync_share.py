"""Sync through the shared folder: pulling 100k changes, files per sync, publishing one edit.

1. A fresh device pulls 10 devices x 10,000 changes (10 segments of 1,000 each per
   device) from a local folder, beside inserting the same 100,000 rows into the
   same kind of store with sqlite3 `executemany` (target: within 3x).
   The same join with a snapshot on the share (made by a device that had pulled it
   all): the fresh device reads the snapshot and the segments past it (none here).
2. Files read and written on the share per sync, as records per sync and
   segments on the share grow: the count must follow new segments, not records.
3. Publishing one edit to a local folder (edit + publish), beside the bare
   crash-safe write of the same bytes (temp file, fsync, link, folder fsync).

BENCH_SYNC_PER_DEVICE (10,000) shrinks the pull; BENCH_SYNC_PARTS (pull,files,publish)
picks the parts to run (join is the pull with a snapshot).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from app.core import hlc
from app.core.ids import new_id
from app.core.models import Employer
from app.services.demo.dataset import employer_rows
from app.store import migrate
from app.store.engine import make_engine, open_store
from app.sync import segment as seg
from app.sync.changes import Change
from app.sync.engine import publish, pull, sync_once
from app.sync.folder import FolderTransport, write_new_file
from app.sync.keys import TeamKeys
from app.sync.segment import Kind
from app.sync.transport import IoStats
from tests.bench.bigstore import bulk_insert
from tests.bench.timing import median_ms, ratio_line

KEYS = TeamKeys(bytes(range(32)))
DEVICES = 10
PER_DEVICE = int(os.environ.get("BENCH_SYNC_PER_DEVICE", "10000"))
PER_SEGMENT = min(1_000, PER_DEVICE)
PARTS = os.environ.get("BENCH_SYNC_PARTS", "pull,join,files,publish").split(",")
REPEATS = 2  # the 100k pull is about a minute and a half of CPU each time


def _rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    owners = [SimpleNamespace(id=new_id(), office_id=new_id()) for _ in range(10)]
    defaults = Employer().model_dump()
    now = defaults["created_at"]
    return [{**defaults, **r} for r in employer_rows(rng, count, owners, now)]


def _write_team(share: Path, rows: list[dict[str, Any]]) -> None:
    """Ten devices' segments, each insert one change, as their devices would publish them."""
    t = FolderTransport(share)
    base = hlc.pack(hlc.wall_clock_ms() - 3_600_000)
    for d in range(DEVICES):
        device = new_id()
        mine = rows[d * PER_DEVICE : (d + 1) * PER_DEVICE]
        prev = seg.ZERO_HASH
        for s in range(PER_DEVICE // PER_SEGMENT):
            batch = mine[s * PER_SEGMENT : (s + 1) * PER_SEGMENT]
            changes = [
                Change(base + i, device, "employer", row["id"], "*", row).to_plain()
                for i, row in enumerate(batch, start=s * PER_SEGMENT)
            ]
            data = seg.encode(
                kind=Kind.CHANGES,
                device=device,
                seq=s + 1,
                prev_hash=prev,
                key=KEYS.current,
                records=changes,
            )
            t.publish(device, Kind.CHANGES, s + 1, data)
            prev = seg.digest(data)


def _template(folder: Path) -> Path:
    path = folder / "template.sqlite"
    engine = make_engine(path)
    migrate.upgrade(engine)
    engine.dispose()
    return path


def _fresh_pull_vs_bulk(
    tmp: Path, template: Path, share: Path, rows: list, pulled_all: Callable[[Any], bool]
) -> tuple[float, float]:
    """Median seconds of a new store pulling the whole share, and of executemany writing the
    same rows into a copy of the same empty store (the baseline, measured beside it)."""
    ours, base = [], []
    for n in range(REPEATS):
        path = tmp / f"fresh{n}.sqlite"
        shutil.copyfile(template, path)
        store = open_store(path)
        start = time.perf_counter()
        got = pull(store, FolderTransport(share), KEYS)
        ours.append(time.perf_counter() - start)
        assert pulled_all(got), got
        store.close()

        path = tmp / f"bulk{n}.sqlite"
        shutil.copyfile(template, path)
        conn = sqlite3.connect(path)
        start = time.perf_counter()
        with conn:
            bulk_insert(conn, "employer", rows)
        base.append(time.perf_counter() - start)
        conn.close()
    return statistics.median(ours), statistics.median(base)


def bench_pull(tmp: Path) -> list[str]:
    rows = _rows(random.Random(7), DEVICES * PER_DEVICE)
    share = tmp / "share"
    share.mkdir()
    _write_team(share, rows)
    template = _template(tmp)
    total = DEVICES * PER_DEVICE
    pull_s, bulk_s = _fresh_pull_vs_bulk(
        tmp, template, share, rows, lambda got: got.applied.applied == total and not got.waiting
    )
    return [
        f"fresh device pulls {DEVICES} devices x {PER_DEVICE:,} changes "
        f"({DEVICES * PER_DEVICE // PER_SEGMENT} segments): median {pull_s:.2f} s, "
        f"{total / pull_s:,.0f} changes/s",
        f"executemany of the same {total:,} rows: median {bulk_s:.2f} s, {total / bulk_s:,.0f} rows/s",
        ratio_line("pull vs executemany", pull_s, bulk_s, target=3),
    ]


def bench_join_snapshot(tmp: Path) -> list[str]:
    from app.sync import snapshot

    rows = _rows(random.Random(7), DEVICES * PER_DEVICE)
    share = tmp / "share"
    share.mkdir()
    _write_team(share, rows)
    template = _template(tmp)
    relay_path = tmp / "relay.sqlite"
    shutil.copyfile(template, relay_path)
    relay = open_store(relay_path)
    pull(relay, FolderTransport(share), KEYS)
    snapshot.publish_snapshot(relay, FolderTransport(share), KEYS)
    relay.close()
    total = DEVICES * PER_DEVICE
    join_s, bulk_s = _fresh_pull_vs_bulk(
        tmp, template, share, rows, lambda got: got.snapshot is not None and not got.waiting
    )
    return [
        f"fresh device joins from a snapshot of {total:,} changes (and the tail past it): "
        f"median {join_s:.2f} s",
        f"executemany of the same {total:,} rows: median {bulk_s:.2f} s",
        ratio_line("join from a snapshot vs executemany", join_s, bulk_s, target=1.5),
    ]


def bench_files_per_sync(tmp: Path) -> list[str]:
    """Three devices sync in turn; count share I/O of one device's sync per round."""
    template = _template(tmp)
    share = tmp / "files-share"
    share.mkdir()
    stores = []
    for name in "abc":
        path = tmp / f"{name}.sqlite"
        shutil.copyfile(template, path)
        stores.append(open_store(path))
    t = FolderTransport(share)
    rng = random.Random(3)
    lines = []
    per_records: dict[int, tuple[int, int]] = {}
    rounds = 0
    for records in (10, 100, 1000):
        for _ in range(3):
            rounds += 1
            for store in stores:
                with store.transaction() as session:
                    for row in _rows(rng, records):
                        session.add(Employer(**row))
                sync_once(store, t, KEYS, prune=False, snapshot_every=10_000)
        got = sync_once(stores[0], t, KEYS, prune=False, snapshot_every=10_000)
        # stores[0] just read the two segments the others published after its last sync.
        per_records[records] = (got.io.files_read, got.io.files_written)
        segs = sum(len(t.listing(d, Kind.CHANGES).files) for d in t.devices()[0])
        lines.append(
            f"{records:>5} records per device per sync, {segs} segments on the share: "
            f"files read {got.io.files_read}, written {got.io.files_written}, "
            f"listings {got.io.listings}, bytes read {got.io.bytes_read:,}"
        )
    for store in stores:
        store.close()
    small, large = per_records[10], per_records[1000]
    lines.append(
        ratio_line(
            "files read per sync at 1,000 vs 10 records per device (x100 records)",
            max(large[0], 1),
            max(small[0], 1),
            target=1,
        )
    )
    return lines


def bench_publish_one(tmp: Path) -> list[str]:
    path = tmp / "one.sqlite"
    shutil.copyfile(_template(tmp), path)
    store = open_store(path)
    share = tmp / "one-share"
    share.mkdir()
    t = FolderTransport(share)
    with store.transaction() as session:
        row = Employer(legal_name="Publish Latency Co")
        session.add(row)
    publish(store, t, KEYS)
    ours, base, step = [], [], []
    raw_dir = tmp / "raw"
    raw_dir.mkdir()
    for n in range(25):
        start = time.perf_counter()
        with store.transaction() as session:
            emp = session.get(Employer, row.id)
            emp.city = f"City {n}"
            session.add(emp)
        t.stats = io = IoStats()
        saved = time.perf_counter()
        result = publish(store, t, KEYS)
        ours.append(time.perf_counter() - start)
        step.append(time.perf_counter() - saved)
        t.stats = IoStats()
        assert result.changes >= 1
        data = t.read(result.device_id, Kind.CHANGES, int(result.files[0][-14:-4]))
        start = time.perf_counter()
        write_new_file(raw_dir, f"raw-{n}.eds", data)
        base.append(time.perf_counter() - start)
    store.close()
    return [
        f"publish one edit to a local folder (edit, segment, fsync, rename): "
        f"median {median_ms(ours):.1f} ms",
        f"bare crash-safe write of the same bytes: median {median_ms(base):.1f} ms",
        ratio_line("one edit published vs bare write", median_ms(ours), median_ms(base), 3),
        f"of which publishing (after the edit is saved): median {median_ms(step):.1f} ms = "
        f"{median_ms(step) / median_ms(base):.2f}x the bare write",
        f"the last publish (25 own files on the share before it): files read {io.files_read}, "
        f"looked at {io.files_statted}, listings {io.listings}",
    ]


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pull").mkdir()
        (root / "files").mkdir()
        (root / "one").mkdir()
        lines: list[str] = []
        if "pull" in PARTS:
            lines += bench_pull(root / "pull")
        if "join" in PARTS:
            (root / "join").mkdir()
            lines += bench_join_snapshot(root / "join")
        if "files" in PARTS:
            lines += bench_files_per_sync(root / "files")
        if "publish" in PARTS:
            lines += bench_publish_one(root / "one")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
