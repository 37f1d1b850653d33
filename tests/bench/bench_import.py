"""Importing a 100k-row master spreadsheet (.xlsx), beside what SQLite alone needs to write
the same rows, journal and search index (the floor), measured in the same run.

Target: the whole import (read, map, group, match, write) within 1.5x of the floor. Also
printed: the read alone with python-calamine, the store's size per employer and how much of
it the journal holds, and the JSON lines those changes take in a segment as change objects
(format 1) and as compact insert rows (format 2). BENCH_IMPORT_ROWS and BENCH_IMPORT_REPEATS
shrink it on a loaded machine."""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from app.services.importing import apply_plan, load_table, plan_import
from app.store.engine import copy_store, open_store
from tests.bench.timing import median_ms, ratio_line, repeat

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
STREETS = ["W Chicago Ave", "W 26th St", "S Pulaski Rd", "W Cermak Rd", "W Madison St", "S Kedzie Ave",
           "W North Ave", "S Halsted St", "W Roosevelt Rd", "N Cicero Ave", "S Western Ave", "W Ogden Ave"]  # fmt: skip
WORDS = ["Pilsen", "Midway", "Austin", "Archer", "Taqueria", "Family", "Stockyards", "Laramie", "Loop",
         "Midwest", "Grand", "Guardian", "Kedzie", "Harlem", "Canal", "Damen", "Union", "Fulton"]  # fmt: skip
KINDS = ["Bakery", "Logistics", "Home Health", "Builders", "Grill", "Market", "Metal Works",
         "Auto Service", "Janitorial", "Trucking", "Suites", "Security"]  # fmt: skip
PEOPLE = ["Maria Garcia", "Jose Lopez", "Latoya Johnson", "James Brown", "Ana Rivera", "Luis Perez"]


def write_sheet(path: Path, rows: int = ROWS, seed: int = 3) -> None:
    """A master spreadsheet: mixed-case and CAPITAL names, packed addresses, two phone styles,
    and about one row in five a second contact of a business already listed."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Employers")
    sheet.append(["Company", "Contact Person", "Title", "Phone", "Email", "Address", "Notes"])
    listed: list[tuple[str, str, str]] = []
    for n in range(rows):
        if listed and rng.random() < 0.2:
            name, address, phone = rng.choice(listed)
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {n}"
            if rng.random() < 0.3:
                name = name.upper()
            address = f"{rng.randint(100, 9999)} {rng.choice(STREETS)}, Chicago, IL 606{rng.randint(10, 60)}"
            digits = f"{rng.choice(['312', '773', '872'])}{rng.randint(2000000, 9999999)}"
            phone = digits if rng.random() < 0.5 else f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
            listed.append((name, address, phone))
        person = f"{rng.choice(PEOPLE)} {n}"
        sheet.append([name, person, "HR Manager", phone, f"hr{n}@example.com", address, ""])
    workbook.save(path)


def _calamine_read(path: Path) -> int:
    from python_calamine import load_workbook

    return len(load_workbook(str(path)).get_sheet_by_index(0).to_python())


def _store_writes_alone(imported: Path, empty: Path, target: Path) -> float:
    """Seconds for SQLite alone to write what the import wrote (same rows, indexes, journal
    and search index, as plain executemany): the floor any import into this store has."""
    import sqlite3

    from app.store import search

    copy_store(empty, target)
    with sqlite3.connect(imported) as src:
        tables = {
            name: src.execute(f"SELECT * FROM {name}").fetchall()
            for name in ("contact", "employer", "change", "field_version")
        }
        known = {n: src.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in tables}
    with sqlite3.connect(empty) as base:
        for name in tables:  # rows the empty store already had (reference data, its device)
            have = base.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            tables[name] = tables[name][have:] if have < known[name] else []
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-131072")
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(f"INSERT INTO {search.PAUSE_TABLE} VALUES (1)")
    for name, rows in tables.items():
        if rows:
            marks = ", ".join("?" for _ in rows[0])
            conn.executemany(f"INSERT OR REPLACE INTO {name} VALUES ({marks})", rows)
    conn.execute(f"DELETE FROM {search.PAUSE_TABLE}")
    conn.execute(search.INDEX_ROWS)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _sizes(path: Path, employers: int) -> list[str]:
    """The store's bytes per employer, the journal's share, and its changes as segment lines."""
    import sqlite3
    import zlib

    from app.sync import packing
    from app.sync.changes import local_changes

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        values = conn.execute("SELECT coalesce(sum(length(value)), 0) FROM change").fetchone()[0]
    size = path.stat().st_size
    journal = sum(v for k, v in pages.items() if k == "change" or "change" in k)
    store = open_store(path)
    changes = [c for _n, c in local_changes(store)]
    store.close()
    objects = b"\n".join(packing.dumps(c.to_plain()) for c in changes)
    rows = b"\n".join(packing.pack_all(changes).lines)
    mb = 1 << 20
    return [
        f"store after the import: {size / mb:.1f} MB = {size / max(employers, 1):,.0f} bytes per "
        f"employer; journal (change table and its indexes) {journal / mb:.1f} MB, of which "
        f"values {values / mb:.1f} MB",
        f"its {len(changes):,} changes as segment lines: change objects {len(objects) / mb:.1f} MB "
        f"({len(zlib.compress(objects, 6)) / mb:.1f} MB compressed), compact rows "
        f"{len(rows) / mb:.1f} MB ({len(zlib.compress(rows, 6)) / mb:.1f} MB compressed)",
    ]


def run() -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        sheet = folder / "master.xlsx"
        started = time.perf_counter()
        write_sheet(sheet)
        made = time.perf_counter() - started
        empty = folder / "empty.sqlite"
        open_store(empty).close()

        read = repeat(lambda: _calamine_read(sheet), times=3)
        stages: dict[str, list[float]] = {"read+header": [], "plan": [], "apply": []}
        counts = (0, 0)

        def one_import() -> None:
            nonlocal counts
            target = folder / "store.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            copy_store(empty, target)
            store = open_store(target)
            t0 = time.perf_counter()
            print("   importing…", file=sys.stderr, flush=True)
            table = load_table(sheet)
            t1 = time.perf_counter()
            plan = plan_import(store, table)
            t2 = time.perf_counter()
            result = apply_plan(store, plan, remember=False)
            t3 = time.perf_counter()
            store.close()
            stages["read+header"].append(t1 - t0)
            stages["plan"].append(t2 - t1)
            stages["apply"].append(t3 - t2)
            counts = (result.created, result.contacts_added)

        full = repeat(one_import, times=int(os.environ.get("BENCH_IMPORT_REPEATS", "3")))
        floor = [
            _store_writes_alone(folder / "store.sqlite", empty, folder / f"floor{n}.sqlite")
            for n in range(2)
        ]
        ours, base = median_ms(full), median_ms(read)
        floor_ms = median_ms(floor)
        lines = [
            f"sheet: {ROWS} rows written in {made:.1f} s",
            f"calamine read alone: {base:.0f} ms median ({ROWS / (base / 1000):,.0f} rows/s)",
            f"full import (read, map, group, match, one transaction): {ours:.0f} ms median "
            f"({ROWS / (ours / 1000):,.0f} rows/s); {counts[0]} employers, {counts[1]} contacts",
            "  stages (median ms): "
            + ", ".join(f"{k} {median_ms(v):.0f}" for k, v in stages.items()),
            f"SQLite alone writing the same rows, journal and search index: {floor_ms:.0f} ms "
            f"median = {floor_ms / base:.1f}x the read (the floor for this store's schema)",
            ratio_line("import vs the floor", ours, floor_ms, target=1.5),
            ratio_line("import vs calamine read", ours, base),
            *_sizes(folder / "store.sqlite", counts[0]),
        ]
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    for line in run():
        print(line)
