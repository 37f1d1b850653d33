"""Merging other devices' changes: `apply_changes` on a fresh store against plain executemany.

A fresh device applies 10 devices x 10,000 changes, in batches of 1,000 (one
segment each), as the pull does. Two workloads, each beside inserting the same
final rows with sqlite3 `executemany` into an identical store in the same run:

1. inserts only: 100,000 new employers (the first sync of a new laptop);
2. mixed: per device 60% inserts (employers, contacts, activities) and 40%
   field edits of them, some arriving before their record (delivered shuffled).

Targets: inserts only within 1.5x of executemany, mixed within 3x. Also reported:
changes per second.
BENCH_SYNC_APPLY_PER_DEVICE and BENCH_SYNC_APPLY_REPEATS shrink it on a loaded machine.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from app.core import hlc
from app.core.ids import new_id
from app.core.models import Activity, Contact, Employer
from app.core.models.sync import SyncDevice
from app.services.demo.dataset import activity_rows, employer_rows
from app.store.engine import open_store
from app.sync.changes import Change, apply_changes
from tests.bench.bigstore import bulk_insert
from tests.bench.timing import ratio_line

DEVICES = 10
#: Settable for loaded machines (the figures say which size they measured).
PER_DEVICE = int(os.environ.get("BENCH_SYNC_APPLY_PER_DEVICE", "10000"))
BATCH = 1_000
REPEATS = int(os.environ.get("BENCH_SYNC_APPLY_REPEATS", "3"))


def _owners() -> list[Any]:
    return [SimpleNamespace(id=new_id(), office_id=new_id()) for _ in range(10)]


def _inserts_only(rng: random.Random) -> tuple[list[list[Change]], dict[str, list[dict[str, Any]]]]:
    now = Employer().created_at
    rows = [
        Employer(**r).model_dump() for r in employer_rows(rng, DEVICES * PER_DEVICE, _owners(), now)
    ]
    base = hlc.pack(hlc.wall_clock_ms() - 3_600_000)
    batches = []
    for d in range(DEVICES):
        device = new_id()
        mine = rows[d * PER_DEVICE : (d + 1) * PER_DEVICE]
        changes = [
            Change(base + i, device, "employer", r["id"], "*", r) for i, r in enumerate(mine)
        ]
        batches += [changes[i : i + BATCH] for i in range(0, len(changes), BATCH)]
    return batches, {"employer": rows}


EDITS = [
    ("employer", "notes"),
    ("employer", "industry"),
    ("contact", "role"),
    ("employer", "stage"),
]


def _mixed(rng: random.Random) -> tuple[list[list[Change]], dict[str, list[dict[str, Any]]]]:
    """60% inserts and 40% edits per device; returns the batches and the final rows."""
    now = Employer().created_at
    final: dict[str, dict[str, dict[str, Any]]] = {"employer": {}, "contact": {}, "activity": {}}
    batches: list[list[Change]] = []
    base = hlc.pack(hlc.wall_clock_ms() - 3_600_000)
    for _ in range(DEVICES):
        device = new_id()
        stamp = base
        changes: list[Change] = []
        inserts: list[tuple[str, dict[str, Any]]] = []
        for emp in employer_rows(rng, PER_DEVICE * 6 // 30, _owners(), now):
            emp = Employer(**emp).model_dump()
            inserts.append(("employer", emp))
            contact = Contact(employer_id=emp["id"], name="Rosa Garcia", role="HR").model_dump()
            inserts.append(("contact", contact))
            act = next(activity_rows(rng, emp, 1, now))
            inserts.append(("activity", Activity(**act).model_dump()))
        for table, row in inserts:
            stamp += 1
            changes.append(Change(stamp, device, table, row["id"], "*", row))
            final[table][row["id"]] = dict(row)
        editable = [(t, r) for t, r in inserts if t != "activity"]
        for n in range(PER_DEVICE - len(inserts)):
            table, row = rng.choice(editable)
            column = next(c for t, c in EDITS[n % len(EDITS)] if t == table) if False else None
            column = (
                "notes"
                if table == "employer" and n % 2
                else ("industry" if table == "employer" else "role")
            )
            value = f"edit {n}"
            stamp += 1
            changes.append(
                Change(stamp, device, table, row["id"], column, value, stamp - 1, device)
            )
            final[table][row["id"]][column] = value
        rng.shuffle(changes)  # edits may arrive before their record
        batches += [changes[i : i + BATCH] for i in range(0, len(changes), BATCH)]
    return batches, {t: list(rows.values()) for t, rows in final.items()}


def _template(folder: Path) -> Path:
    path = folder / "template.sqlite"
    store = open_store(path)
    store.close()
    return path


def _fresh(template: Path, path: Path) -> Path:
    shutil.copyfile(template, path)
    con = sqlite3.connect(path)
    with con:
        con.execute(f"DELETE FROM {SyncDevice.__tablename__}")  # a device of its own
    con.close()
    return path


def _measure(
    tmp: Path,
    template: Path,
    name: str,
    batches: list[list[Change]],
    rows: dict[str, list[dict[str, Any]]],
) -> tuple[float, float]:
    ours, base = [], []
    total = sum(len(b) for b in batches)
    for n in range(REPEATS):
        store = open_store(_fresh(template, tmp / f"{name}-apply-{n}.sqlite"))
        start = time.perf_counter()
        applied = 0
        for batch in batches:
            with store.transaction() as session:
                applied += apply_changes(session, batch).received
        ours.append(time.perf_counter() - start)
        assert applied == total
        store.close()

        path = _fresh(template, tmp / f"{name}-bulk-{n}.sqlite")
        conn = sqlite3.connect(path)
        start = time.perf_counter()
        with conn:
            for table, table_rows in rows.items():
                bulk_insert(conn, table, table_rows)
        base.append(time.perf_counter() - start)
        conn.close()
    return statistics.median(ours), statistics.median(base)


def run() -> list[str]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-apply-"))
    lines = []
    try:
        template = _template(tmp)
        rng = random.Random(11)
        for name, label, build, target in (
            ("inserts", "inserts only", _inserts_only, 1.5),
            ("mixed", "60% inserts + 40% edits, shuffled", _mixed, 3),
        ):
            batches, rows = build(rng)
            total = sum(len(b) for b in batches)
            row_count = sum(len(r) for r in rows.values())
            ours, base = _measure(tmp, template, name, batches, rows)
            lines += [
                f"{label}: apply {DEVICES} x {PER_DEVICE:,} changes to a fresh store: "
                f"median {ours:.2f} s, {total / ours:,.0f} changes/s",
                f"{label}: executemany of the same {row_count:,} final rows: median {base:.2f} s",
                ratio_line(f"{label}: apply vs executemany", ours, base, target=target),
            ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return lines
