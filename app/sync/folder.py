"""The share as a folder path: a local folder, a mounted drive or a UNC path on Windows.

Publishing is crash-safe and never replaces a file: the data goes to a temporary
name in the same folder, is flushed and fsynced, then gets its final name with a
hard link (which fails if the name exists) or, where links are not supported,
a rename that Windows refuses over an existing file; last the folder itself is
fsynced so the new name survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from app.sync.transport import DEFAULT_TIMEOUT, Transport, read_bounded

_NO_LINK = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _fsync_dir(path: Path) -> None:
    if sys.platform == "win32":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):  # some network filesystems
            raise
    finally:
        os.close(fd)


def write_new_file(folder: Path, name: str, data: bytes) -> None:
    """Temp name, write, flush, fsync, link/rename to `name`, fsync the folder.

    Raises FileExistsError (leaving the existing file untouched) when `name` is taken.
    """
    final = folder / name
    tmp = folder / f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, final)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_LINK and not isinstance(exc, NotImplementedError):
                raise
            if final.exists():
                raise FileExistsError(errno.EEXIST, "file exists", str(final)) from None
            os.rename(tmp, final)  # Windows refuses to replace; POSIX checked just above
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class FolderTransport(Transport):
    """The share reached through the file system (pathlib handles \\\\server\\share paths)."""

    def __init__(self, root: Path | str, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(timeout)
        self.root = Path(root)
        self.location = str(self.root)

    def _path(self, rel: tuple[str, ...]) -> Path:
        return self.root.joinpath(*rel)

    def _listdir(self, rel: tuple[str, ...]) -> list[tuple[str, bool]]:
        with os.scandir(self._path(rel)) as it:
            return [(e.name, e.is_dir(follow_symlinks=False)) for e in it]

    def _size(self, rel: tuple[str, ...]) -> int:
        return self._path(rel).stat().st_size

    def _mtime(self, rel: tuple[str, ...]) -> float:
        return self._path(rel).stat().st_mtime

    def _listdir_stats(
        self, rel: tuple[str, ...], names: list[str]
    ) -> tuple[list[tuple[str, bool]], dict[str, tuple[int, float]]]:
        wanted, entries, stats = set(names), [], {}
        with os.scandir(self._path(rel)) as it:
            for e in it:
                entries.append((e.name, e.is_dir(follow_symlinks=False)))
                if e.name in wanted:
                    with contextlib.suppress(FileNotFoundError):
                        st = e.stat()  # from the listing itself on Windows
                        stats[e.name] = (st.st_size, st.st_mtime)
        return entries, stats

    def _read(self, rel: tuple[str, ...], limit: int) -> bytes:
        with self._path(rel).open("rb") as fh:
            return read_bounded(fh, limit)

    def _write_new(self, rel_dir: tuple[str, ...], name: str, data: bytes) -> None:
        write_new_file(self._path(rel_dir), name, data)

    def _delete(self, rel: tuple[str, ...]) -> None:
        self._path(rel).unlink()

    def _makedirs(self, rel: tuple[str, ...]) -> None:
        if not self.root.is_dir():
            # Never create the share itself: a missing root means it is offline.
            raise FileNotFoundError(errno.ENOENT, "the shared folder is not there", str(self.root))
        self._path(rel).mkdir(parents=True, exist_ok=True)

    def _probe(self) -> None:
        if not self.root.is_dir():
            raise FileNotFoundError(errno.ENOENT, "the shared folder is not there", str(self.root))
        os.listdir(self.root)


__all__ = ["FolderTransport", "write_new_file"]
