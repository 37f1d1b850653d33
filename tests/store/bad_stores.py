"""Bad store files, made the ways disks, people and other programs make them.

Each maker writes a file (or a folder) at `path` from a sound store `good` of ours
(or from nothing) and returns what `health.inspect` must say of it.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from app.store.health import ProblemKind

Maker = Callable[[Path, Path, random.Random], ProblemKind]


def truncated(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    data = good.read_bytes()
    path.write_bytes(data[: rnd.randrange(100, len(data) - 4096)])
    return ProblemKind.DAMAGED


def garbage(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    path.write_bytes(rnd.randbytes(rnd.randrange(1, 200_000)))
    return ProblemKind.NOT_A_STORE


def text(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    rows = [f"Company {n},312-555-{rnd.randrange(10000):04d}" for n in range(rnd.randrange(1, 400))]
    path.write_text("Company,Phone\n" + "\n".join(rows), encoding="utf-8")
    return ProblemKind.NOT_A_STORE


def directory(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    path.mkdir()
    (path / "inside.txt").write_text("a folder where the store should be")
    return ProblemKind.NOT_A_FILE


def newer_schema(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    shutil.copy(good, path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO alembic_version VALUES ('0099_from_a_later_release')")
    conn.close()
    return ProblemKind.NEWER


def foreign_sqlite(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.executemany(
        "INSERT INTO moz_places (url) VALUES (?)", [(f"https://e{n}.example",) for n in range(50)]
    )
    conn.commit()
    conn.close()
    return ProblemKind.NOT_A_STORE


def foreign_alembic(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    """Another program that also uses Alembic (and even has a table called employer)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1d0b7e')")
    conn.execute("CREATE TABLE employer (id INTEGER PRIMARY KEY, payroll TEXT)")
    conn.commit()
    conn.close()
    return ProblemKind.NOT_A_STORE


def mid_file(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    data = bytearray(good.read_bytes())
    page = 4096
    pages = len(data) // page
    first = rnd.randrange(2, pages - 2)
    span = rnd.randrange(1, 3) * page
    data[first * page : first * page + span] = rnd.randbytes(span)
    path.write_bytes(bytes(data))
    return ProblemKind.DAMAGED


def zero_length_beside_backups(path: Path, good: Path, rnd: random.Random) -> ProblemKind:
    """Emptied (a crash while copying, a full disk) where backups show a store lived."""
    shutil.copy(good, path.with_name(f"{path.stem}.before-migration-20260101T000000Z{path.suffix}"))
    path.write_bytes(b"")
    return ProblemKind.DAMAGED


MAKERS: dict[str, Maker] = {
    "truncated": truncated,
    "garbage": garbage,
    "text": text,
    "directory": directory,
    "newer_schema": newer_schema,
    "foreign_sqlite": foreign_sqlite,
    "foreign_alembic": foreign_alembic,
    "mid_file": mid_file,
    "zero_length": zero_length_beside_backups,
}


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file under `folder` with its bytes (None for folders): what must not change."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }
