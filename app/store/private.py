"""Files only the user can read: the data folder 0700, every file in it 0600.

The store holds participants' names, phones and emails; its backups, logs, email
drafts (with RFI PDFs attached) and resume copies hold the same. On Linux and
macOS they are made readable by their owner only. On Windows the per-user data
folder (%APPDATA%) is already private to the user, and POSIX modes mean little
there, so nothing is changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.store.paths import user_data_dir

FOLDER_MODE = 0o700
FILE_MODE = 0o600
#: SQLite's companions of a store file, made with the store's own mode.
SIDE_FILES = ("-wal", "-shm", "-journal")


def applies() -> bool:
    return sys.platform != "win32"


def make_private(path: Path) -> None:
    """Readable and writable by the owner only (a file), or enterable by them only (a folder)."""
    if not applies():
        return
    try:
        os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)
    except FileNotFoundError:
        pass
    except PermissionError:
        pass  # not ours (a shared file named with --store): its owner decides


def private_folder(folder: Path) -> Path:
    """Make `folder` (and missing parents) 0700. An existing folder is tightened only when it
    is the data folder or inside it: a folder the user chose (Documents, a share) is theirs."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for level in reversed(missing):  # mkdir(parents=True) would give parents the default mode
        level.mkdir(mode=FOLDER_MODE, exist_ok=True)
        make_private(level)
    data = user_data_dir()
    for level in (folder, *folder.parents):
        if not within(level, data):
            break
        make_private(level)  # the data folder and those in it, made open by an older version
    return folder


def within(folder: Path, root: Path) -> bool:
    """Whether `folder` is `root` or inside it (the data folder: tightened when found open)."""
    folder, root = folder.resolve(), root.resolve()
    return folder == root or root in folder.parents


def opener(path: str, flags: int) -> int:
    """For `open(..., opener=opener)`: a new file is born 0600, never readable by others."""
    fd = os.open(path, flags, FILE_MODE)
    if applies():
        os.fchmod(fd, FILE_MODE)
    return fd


def write_bytes(path: Path, data: bytes) -> None:
    """`Path.write_bytes`, with the file 0600 from its first byte."""
    with open(path, "wb", opener=opener) as fh:
        fh.write(data)


def touch(path: Path) -> None:
    """Create `path` empty and 0600 if it does not exist (before SQLite opens it)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))


def store_files(path: Path) -> list[Path]:
    """A store file and the companions SQLite keeps beside it."""
    return [path, *(Path(f"{path}{side}") for side in SIDE_FILES)]


def make_store_private(path: Path) -> None:
    for item in store_files(path):
        if item.exists():
            make_private(item)
