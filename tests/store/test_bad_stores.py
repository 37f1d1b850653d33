"""Bad store files at start: refused in plain words, left byte for byte as they were.

Generated over the ways a store goes bad (truncated, random garbage, text, a
folder, a newer schema, another program's database, mid-file damage, emptied):
no traceback, no backup, no migration, nothing written beside the file; a
damaged store names the newest sound backup, which can be put back.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.__main__ import main
from app.core.models import Staff
from app.services.agency import settings as local_settings
from app.services.employers import employers
from app.services.employers.start_list import read_start_list
from app.store import health
from app.store.engine import open_store
from app.store.health import ProblemKind, StoreProblem
from tests.store.bad_stores import MAKERS, snapshot

#: Words of SQLite and Python that must never reach the user.
JARGON = ("traceback", "sqlite3", "operationalerror", "databaseerror", "disk image", "errno")


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound store of ours with a few employers, checkpointed into one file."""
    path = tmp_path_factory.mktemp("good") / "good.sqlite"
    store = open_store(path)
    for n in range(25):
        employers.create_employer(store, {"legal_name": f"Lakeview Bakery {n}", "city": "Chicago"})
    # Left on the Employers page by a BSR: the list is read before the store opens.
    with store.transaction() as session:
        dana = Staff(name="Dana Reyes")
        session.add(dana)
    local_settings.put(store, local_settings.ME, dana.id)
    local_settings.put(store, local_settings.WINDOW_STATE, {"page": "employers"})
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def assert_plain(problem: StoreProblem, path: Path) -> None:
    assert str(path) in problem.message
    assert "\n" not in problem.message
    assert not any(word in problem.message.lower() for word in JARGON), problem.message


def check_refused(folder: Path, good: Path, name: str, seed: int) -> StoreProblem:
    path = folder / "employer-desk.sqlite"
    expected = MAKERS[name](path, good, random.Random(seed))
    before = snapshot(folder)
    with pytest.raises(StoreProblem) as inspected:
        health.inspect(path)
    with pytest.raises(StoreProblem) as opened:
        open_store(path)
    # As the app starts: the list read first, the integrity check beside the open.
    start = read_start_list(path, "employers")
    if expected is not ProblemKind.DAMAGED:
        assert start is None, name
    check = health.QuickCheck(path)
    with pytest.raises(StoreProblem) as checked_early:
        open_store(path, check=check.start())
    assert not check.running(), "the integrity check still reads a file already refused"
    assert snapshot(folder) == before  # byte-identical, no backup, no -wal/-shm, nothing added
    for problem in (inspected.value, opened.value, checked_early.value):
        assert problem.kind is expected, (name, seed, problem.message)
        assert problem.path == path
        assert_plain(problem, path)
    return opened.value


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_each_kind_of_bad_store_is_refused_untouched(name, good_store, tmp_path):
    check_refused(tmp_path, good_store, name, seed=13)


class _HeldCheck(health.QuickCheck):
    """An integrity check that cannot end before the open waits for it or asks its answer:
    an open that refused the file without waiting would leave it reading, whatever the
    machine's speed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.released = threading.Event()

    def _run(self) -> None:
        self.released.wait()
        super()._run()

    def wait(self) -> None:
        self.released.set()
        super().wait()

    def failed(self) -> bool:
        self.released.set()
        return super().failed()


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_refused_store_is_reported_only_once_its_check_has_ended(name, good_store, tmp_path):
    """Refused as newer or not ours before the integrity check is done: the check still
    ends first, so nothing holds or reads the file the BSR may restore over or delete."""
    path = tmp_path / "employer-desk.sqlite"
    MAKERS[name](path, good_store, random.Random(3))
    check = _HeldCheck(path).start()
    try:
        with pytest.raises(StoreProblem):
            open_store(path, check=check)
        assert not check.running()
    finally:
        check.released.set()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(sorted(MAKERS)), seed=st.integers(0, 2**32 - 1))
def test_any_bad_store_is_refused_untouched(name, seed, good_store, tmp_path):
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        check_refused(Path(folder), good_store, name, seed)


def test_damaged_store_offers_the_newest_sound_backup_and_restoring_keeps_it(good_store, tmp_path):
    path = tmp_path / "employer-desk.sqlite"
    older = tmp_path / "employer-desk.before-migration-20260101T000000Z.sqlite"
    newer = tmp_path / "employer-desk.before-migration-20260301T000000Z.sqlite"
    newest_but_broken = tmp_path / "employer-desk.before-migration-20260401T000000Z.sqlite"
    shutil.copy(good_store, older)
    shutil.copy(good_store, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE employer SET legal_name = 'Kept In The Backup' WHERE rowid = 1")
    conn.close()
    newest_but_broken.write_bytes(b"not a store")
    MAKERS["mid_file"](path, good_store, random.Random(5))
    damaged_bytes = path.read_bytes()

    with pytest.raises(StoreProblem) as caught:
        open_store(path)
    problem = caught.value
    assert problem.kind is ProblemKind.DAMAGED and problem.backup == newer
    assert newer.name in problem.message

    aside = health.restore_backup(path, problem.backup)
    assert aside.read_bytes() == damaged_bytes  # the damaged file is kept, never deleted
    assert newer.exists() and older.exists()
    store = open_store(path)
    try:
        names = {r.name for r in employers.list_rows(store)}
    finally:
        store.close()
    assert "Kept In The Backup" in names and len(names) == 25


def test_new_missing_and_empty_files_become_stores(tmp_path):
    """Nothing there yet, an empty file or an empty database: a new store is made in it."""
    empty_db = tmp_path / "empty-db.sqlite"
    sqlite3.connect(empty_db).close()
    (tmp_path / "zero.sqlite").write_bytes(b"")
    for name in ("missing.sqlite", "zero.sqlite", "empty-db.sqlite"):
        store = open_store(tmp_path / name)
        try:
            assert employers.list_rows(store) == []
        finally:
            store.close()
    assert not list(tmp_path.glob("*before-migration*"))


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_command_says_one_line_and_fails(name, good_store, tmp_path, capsys):
    path = tmp_path / "employer-desk.sqlite"
    MAKERS[name](path, good_store, random.Random(7))
    before = snapshot(tmp_path)
    for argv in (
        ["export", "--format", "json", "--out", str(tmp_path / "out" / "x.json")],
        ["team", "status"],
        ["retention"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(["--store", str(path), *argv])
        assert caught.value.code not in (0, None)
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("employer-desk: "), captured.err
        assert str(path) in lines[0]
        assert not any(word in lines[0].lower() for word in JARGON)
    assert snapshot(tmp_path) == before


def test_command_on_a_damaged_store_says_how_to_restore(good_store, tmp_path, capsys):
    path = tmp_path / "employer-desk.sqlite"
    MAKERS["zero_length"](path, good_store, random.Random(1))
    with pytest.raises(SystemExit) as caught:
        main(["--store", str(path), "team", "status"])
    assert caught.value.code == 3
    line = capsys.readouterr().err.strip()
    assert "before-migration-20260101T000000Z" in line and "Restore newest backup" in line


def test_store_failing_integrity_check_is_neither_backed_up_nor_migrated(tmp_path):
    """Indexes that no longer match their tables pass quick_check; before a migration (and
    its backup) the full integrity_check runs and refuses the store, untouched."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    path = tmp_path / "employer-desk.sqlite"
    shutil.copy(fixtures / "store-0009.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(legal_name)', '(city)') "
        "WHERE name = 'ix_employer_legal_name'"
    )
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    health.inspect(path)  # quick_check alone does not see it
    with pytest.raises(StoreProblem) as caught:
        open_store(path)
    assert caught.value.kind is ProblemKind.DAMAGED
    assert_plain(caught.value, path)
    assert snapshot(tmp_path) == before


def test_full_check_of_a_wal_store_leaves_no_files_beside_it(good_store, tmp_path):
    path = tmp_path / "employer-desk.sqlite"
    shutil.copy(good_store, path)
    assert path.read_bytes()[18] == 2  # a WAL store, as every store of ours
    before = snapshot(tmp_path)
    health.inspect_fully(path)
    health.inspect(path)
    assert snapshot(tmp_path) == before


def test_integrity_check_started_early_finds_damage_only_a_full_read_sees(good_store, tmp_path):
    """Damage in the middle of the file leaves header and schema readable: only the check
    finds it, and it still does when it runs in its own thread before the open."""
    path = tmp_path / "employer-desk.sqlite"
    shutil.copy(good_store, path)
    assert health.QuickCheck(path).start().failed() is False
    MAKERS["mid_file"](path, good_store, random.Random(5))
    assert _damage_seen(health.QuickCheck(path).start())
    assert _damage_seen(health.QuickCheck(path))  # never started: it runs when asked
    with pytest.raises(StoreProblem) as caught:
        open_store(path, check=health.QuickCheck(path).start())
    assert caught.value.kind is ProblemKind.DAMAGED


def _damage_seen(check: health.QuickCheck) -> bool:
    """SQLite reports damage as failed checks, or by refusing to read a page at all."""
    try:
        return check.failed()
    except sqlite3.DatabaseError as exc:
        return "malformed" in str(exc)


def test_integrity_check_of_a_held_store_says_it_is_in_use(good_store, tmp_path):
    path = tmp_path / "employer-desk.sqlite"
    shutil.copy(good_store, path)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        check = health.QuickCheck(path).start()
        with pytest.raises(StoreProblem) as caught:
            open_store(path, check=check)
    finally:
        holder.rollback()
        holder.close()
    assert caught.value.kind is ProblemKind.IN_USE
