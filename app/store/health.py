"""Looking at a store file before using it: refuse what is not ours, newer, or damaged.

Every check reads only (a read-only SQLite connection, or the first bytes of the
file), so a file that is refused is left exactly as it was: no migration, no
backup, no tables added. What is wrong becomes a `StoreProblem` whose message
says, in the BSR's words, what happened and what to do; a damaged store names
the newest backup taken before a migration, which `restore_backup` puts back
(keeping the damaged file beside it, never deleting it).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import threading
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from app import APP_NAME
from app.store import private

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables of the first schema: a database holding them and our alembic table is ours.
OUR_TABLES = frozenset(("employer", "contact", "office", "program", "staff"))
BACKUP_MARK = ".before-migration-"
DAMAGED_MARK = ".damaged-"
_TIMEOUT_S = 5.0


class ProblemKind(StrEnum):
    NOT_A_FILE = "not_a_file"
    NOT_A_STORE = "not_a_store"
    NEWER = "newer"
    DAMAGED = "damaged"
    IN_USE = "in_use"
    NOT_ALLOWED = "not_allowed"
    OTHER = "other"


class StoreProblem(Exception):
    """Why a store cannot be opened, in the user's words; `backup` is one that can be restored."""

    def __init__(
        self,
        kind: ProblemKind,
        path: Path,
        message: str,
        backup: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = Path(path)
        self.message = message
        self.backup = backup


# --- backups -----------------------------------------------------------------------


def backup_name(path: Path, stamp: str) -> Path:
    return path.with_name(f"{path.stem}{BACKUP_MARK}{stamp}{path.suffix}")


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def backups_of(path: Path) -> list[Path]:
    """Copies taken before migrations, newest first (their names sort by time)."""
    found = path.parent.glob(f"{glob.escape(path.stem)}{BACKUP_MARK}*{glob.escape(path.suffix)}")
    return sorted((p for p in found if p.is_file()), reverse=True)


def newest_backup(path: Path) -> Path | None:
    """The newest backup that is itself a sound store of ours."""
    for candidate in backups_of(path):
        try:
            _inspect(candidate, offer_backup=False)
        except StoreProblem:
            continue
        if candidate.stat().st_size > 0:
            return candidate
    return None


def restore_backup(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the store at `path`; the damaged file (and its -wal and -shm)
    moves aside, kept. Returns where the damaged file now is."""
    aside = path.with_name(f"{path.stem}{DAMAGED_MARK}{now_stamp()}{path.suffix}")
    tmp = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(backup, tmp)
    private.make_private(tmp)
    if path.exists():
        os.replace(path, aside)
    for side in ("-wal", "-shm"):
        extra = Path(f"{path}{side}")
        if extra.exists():
            os.replace(extra, Path(f"{aside}{side}"))
    os.replace(tmp, path)
    return aside


# --- looking at a file -----------------------------------------------------------------


def inspect(path: Path, check: QuickCheck | None = None) -> frozenset[str]:
    """Raise `StoreProblem` unless `path` is a store of ours this version can open, or a
    file still to be made (missing, or empty with no backup beside it). Writes nothing.
    Returns the store's migration revisions (none for a file still to be made).

    `check` is the integrity check of this file started earlier (`QuickCheck`); without
    one it runs here. A file refused for another reason is still given back only once that
    check has ended, so nothing goes on reading (or holding open) a file the BSR is told
    about, may restore over, or a test removes."""
    try:
        return _inspect(Path(path), offer_backup=True, check=check)
    finally:
        if check is not None:
            check.wait()


def _inspect(path: Path, offer_backup: bool, check: QuickCheck | None = None) -> frozenset[str]:
    if path.is_dir():
        raise not_a_file(path)
    if path.parent.exists() and not path.parent.is_dir():
        raise not_a_file(path)
    if not path.exists():
        return frozenset()
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise explain(path, exc) from exc
    if not header:
        if offer_backup and backups_of(path):
            raise damaged(path, offer_backup)  # our store, emptied
        return frozenset()
    if not header.startswith(SQLITE_HEADER):
        if offer_backup and backups_of(path):
            raise damaged(path, offer_backup)
        raise StoreProblem(
            ProblemKind.NOT_A_STORE,
            path,
            f"{path} is not an {APP_NAME} data file (it is not a database at all), so it was "
            "left as it was. Start with --store and the name of your data file, or the name "
            "of a new file to start afresh.",
        )
    return _look_inside(path, header, offer_backup, check)


def _look_inside(
    path: Path, header: bytes, offer_backup: bool, check: QuickCheck | None = None
) -> frozenset[str]:
    """The file is an SQLite database: whose, which version, and is it whole?"""
    try:
        conn = read_only(path, header)
    except sqlite3.Error as exc:
        raise explain(path, exc, offer_backup) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return frozenset()  # an empty database: a new store is made in it
        revisions: set[str] = set()
        if "alembic_version" in tables:
            revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        unknown = revisions - known_revisions()
        if "alembic_version" not in tables or (unknown and not tables >= OUR_TABLES):
            raise not_ours(path)
        if unknown:
            raise StoreProblem(
                ProblemKind.NEWER,
                path,
                f"{path} was saved by a newer version of {APP_NAME}; this version cannot open "
                "it and changed nothing. Install the newer version (your office's support "
                "person has it) and open it again.",
            )
        if _truncated(path, header) or (check.failed() if check else _check_fails(conn)):
            raise damaged(path, offer_backup)
        return frozenset(revisions)
    except sqlite3.Error as exc:
        raise explain(path, exc, offer_backup) from exc
    finally:
        conn.close()


def read_only(path: Path, header: bytes, timeout: float = _TIMEOUT_S) -> sqlite3.Connection:
    """A connection that cannot write. A WAL database with no -wal file is opened as
    immutable, so not even the -wal and -shm files SQLite keeps beside it appear."""
    wal_mode = len(header) > 19 and header[18] == 2
    immutable = wal_mode and not Path(f"{path}-wal").exists()
    uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=timeout)


def _truncated(path: Path, header: bytes) -> bool:
    """The header's page count promises more than the file holds (and no WAL holds the rest)."""
    if len(header) < 100 or Path(f"{path}-wal").exists():
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96] and pages > 0
    return valid and pages * page_size > path.stat().st_size


def _check_fails(conn: sqlite3.Connection, pragma: str = "quick_check") -> bool:
    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    return rows != [("ok",)]


class QuickCheck:
    """`PRAGMA quick_check` of a store file, run in a thread of its own from `start` on.

    It reads every page of the file (about 0.2 s per 40 MB, more on a slow disk) inside
    SQLite, which lets Python work meanwhile, so the app starts it at once and the open
    (`inspect`) waits for its answer only if it is not in yet: a damaged store is still
    refused before anything is written to it, and starting no longer waits for the check.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._failed = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)

    def start(self) -> QuickCheck:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            with self.path.open("rb") as fh:
                header = fh.read(100)
            conn = read_only(self.path, header)
            try:
                self._failed = _check_fails(conn)
            finally:
                conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the answer
            self._error = exc

    def wait(self) -> None:
        """Until the check has ended, if it was started (its answer is not asked for)."""
        if self._thread.ident is not None:
            self._thread.join()

    def running(self) -> bool:
        return self._thread.is_alive()

    def failed(self) -> bool:
        """Whether the check found damage (waiting for it); its error, if it could not run."""
        if self._thread.ident is None:
            self._run()  # never started: run it here
        else:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._failed


def inspect_fully(path: Path) -> None:
    """`PRAGMA integrity_check` (indexes against their tables too): before a migration only,
    since it reads every index (about 0.1 s per 3 MB), where quick_check runs at every open."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        conn = read_only(path, header)
        try:
            failed = _check_fails(conn, "integrity_check")
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise explain(path, exc) from exc
    if failed:
        raise damaged(path)


@cache
def known_revisions() -> frozenset[str]:
    """Every migration this version ships."""
    from app.store import migrate

    return migrate.known_revisions()


# --- problems, in the user's words --------------------------------------------------


def not_a_file(path: Path) -> StoreProblem:
    return StoreProblem(
        ProblemKind.NOT_A_FILE,
        path,
        f"{path} is not a place for a data file (a folder is in the way, or a file stands "
        "where a folder should be). Start with --store and the full name of a file, "
        "like --store C:\\Users\\you\\employer-desk.sqlite.",
    )


def not_ours(path: Path) -> StoreProblem:
    return StoreProblem(
        ProblemKind.NOT_A_STORE,
        path,
        f"{path} is a database of another program, not an {APP_NAME} data file, so it was "
        "left as it was. Start with --store and the name of your data file, or the name of "
        "a new file to start afresh.",
    )


def damaged(path: Path, offer_backup: bool = True) -> StoreProblem:
    backup = newest_backup(path) if offer_backup else None
    text = f"The data file {path} is damaged and was not opened; nothing in it was changed."
    if backup is not None:
        made = datetime.fromtimestamp(backup.stat().st_mtime)
        text += (
            f" The newest backup, {backup.name} from {made:%B} {made.day}, {made.year}, "
            "can be restored; the damaged file is then kept beside it."
        )
    else:
        text += (
            " There is no backup of it on this computer; ask your office's support person "
            "for help, or start with --store and a new file name."
        )
    return StoreProblem(ProblemKind.DAMAGED, path, text, backup)


def explain(path: Path, exc: BaseException, offer_backup: bool = True) -> StoreProblem:
    """Turn a low-level failure while opening into what happened and what to do."""
    if isinstance(exc, StoreProblem):
        return exc
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreProblem(
            ProblemKind.IN_USE,
            path,
            f"The data file {path} is in use by another program, probably another copy of "
            f"{APP_NAME}. Close the other copy and start {APP_NAME} again.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged(path, offer_backup)
    if isinstance(exc, IsADirectoryError | NotADirectoryError | FileExistsError):
        return not_a_file(path)
    if (
        isinstance(exc, PermissionError)
        or "unable to open" in text
        or "readonly" in text
        or "read-only" in text
    ):
        return StoreProblem(
            ProblemKind.NOT_ALLOWED,
            path,
            f"{APP_NAME} may not write to {path}. Check that the folder exists and that you "
            "may save files there, or start with --store and a file in a folder you own.",
        )
    if isinstance(exc, OSError):
        return StoreProblem(
            ProblemKind.OTHER,
            path,
            f"{APP_NAME} could not use the data file {path}: "
            f"{exc.strerror or 'the disk refused'}. Check there is free space and the folder "
            "is reachable, then start again.",
        )
    return StoreProblem(
        ProblemKind.OTHER,
        path,
        f"{APP_NAME} could not open the data file {path}. Nothing has been changed. "
        "Start it again; if this keeps happening, tell your office's support person.",
    )


__all__ = [
    "ProblemKind",
    "StoreProblem",
    "backups_of",
    "explain",
    "inspect",
    "newest_backup",
    "restore_backup",
]
