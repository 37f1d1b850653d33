"""What sync needs from the share, whatever reaches it (a folder path or SMB).

The layout is fixed by protocol v1::

    <share>/employer-desk/v1/devices/<device-id>/seg-0000000001.eds      changes
                                                /cursors-0000000001.eds  how far it has read others
                                                /snapshots/snap-0000000001.eds

Each device writes only its own folder, and only new files: `publish` writes a
temporary name, flushes, syncs and renames to a name that must not exist yet. A
listing names every file it ignores (temporary files, system files, cloud-client
duplicates, anything else) with the reason, so the user can see why.

Every filesystem call goes through `_guarded`, which runs it on a share thread
(`share_calls`) and gives up after `timeout` seconds, as measured by the transport's
`ShareClock`: a share that vanished or hangs raises `ShareUnreachable` instead of
freezing the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO, TypeVar

from app.sync.segment import MAX_FILE_BYTES, Kind
from app.sync.share_calls import Call, ShareClock, WorkerPool

ROOT = ("employer-desk", "v1", "devices")
SNAPSHOTS = "snapshots"
EXT = ".eds"
PREFIX = {Kind.CHANGES: "seg", Kind.CURSORS: "cursors", Kind.SNAPSHOT: "snap"}
_KIND_OF = {prefix: kind for kind, prefix in PREFIX.items()}
DEFAULT_TIMEOUT = 20.0

_T = TypeVar("_T")
_FILE_RE = re.compile(r"^(seg|cursors|snap)-(\d{10})\.eds$")
_DEVICE_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SYSTEM = {"desktop.ini", "thumbs.db", ".ds_store", "icon\r", ".dropbox", ".dropbox.attr"}
#: "seg-..eds" copies made by cloud clients: "(conflicted copy ...)", "(1)", "-MACHINE", " - Copy".
_CLOUD_COPY = re.compile(
    r"^(seg|cursors|snap)-\d{10}(?:\s*\([^)]*\)|-[A-Za-z0-9][A-Za-z0-9_-]*|\s+-\s+copy.*)\.eds$",
    re.I,
)


class ShareError(Exception):
    """The share could not be used; `reason` is in the user's words."""


class ShareUnreachable(ShareError):
    """The folder is missing, offline, refused us or did not answer in time."""


class FileTooLarge(ShareError):
    """A file larger than the protocol allows: never read (it would only fill memory)."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        super().__init__(
            f"{size / (1 << 20):,.0f} MB, larger than the {limit >> 20} MB a sync file may be; "
            "not read (left there by something other than Employer Desk, or damaged)"
        )
        self.name, self.size, self.limit = name, size, limit


class AlreadyPublished(ShareError):
    """The file name is taken: someone else writes this device's folder (a cloned store)."""


@dataclass(frozen=True)
class Skipped:
    """A file on the share that sync did not use, and why."""

    path: str
    reason: str


@dataclass
class Listing:
    """Numbered files of one kind in one device folder (sequence -> file name)."""

    files: dict[int, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class IoStats:
    """What a sync cost on the share (counted per transport, reset by the caller)."""

    listings: int = 0
    files_read: int = 0
    files_written: int = 0
    files_deleted: int = 0
    bytes_read: int = 0
    bytes_written: int = 0
    #: Files compared by size and time only (nothing read).
    files_statted: int = 0


@dataclass
class Examined:
    """What one look at a folder found: its files, {seq: (size, time written)} of the files
    looked at that are there, {seq: bytes} of those read, {seq: why not} of those that
    could not be."""

    listing: Listing = field(default_factory=Listing)
    stats: dict[int, tuple[int, float]] = field(default_factory=dict)
    data: dict[int, bytes] = field(default_factory=dict)
    unreadable: dict[int, str] = field(default_factory=dict)


#: Bytes read from the share at a time: a file is never held twice over while read.
READ_CHUNK = 1 << 20


def read_bounded(fh: BinaryIO, limit: int) -> bytes:
    """Read an open file in chunks, stopping after `limit` + 1 bytes (enough to refuse it)."""
    out = bytearray()
    while len(out) <= limit:
        chunk = fh.read(min(READ_CHUNK, limit + 1 - len(out)))
        if not chunk:
            break
        out += chunk
    return bytes(out)


def file_name(kind: Kind, seq: int) -> str:
    return f"{PREFIX[kind]}-{seq:010d}{EXT}"


def is_device_id(name: str) -> bool:
    return bool(_DEVICE_RE.match(name))


def classify(name: str) -> tuple[Kind, int] | str:
    """(kind, sequence) for a protocol file name, else the reason it is ignored."""
    m = _FILE_RE.match(name)
    if m:
        return _KIND_OF[m.group(1)], int(m.group(2))
    low = name.lower()
    if low.endswith(".tmp") or low.startswith((".~", "~$")):
        return "temporary file (a copy or publish in progress, or left by a crash)"
    if low in _SYSTEM:
        return "system file"
    if _CLOUD_COPY.match(name) or "conflicted copy" in low:
        return "duplicate made by a cloud sync client (conflicted copy)"
    return "not an Employer Desk file"


class Transport:
    """Protocol logic over five primitives that subclasses implement for their medium."""

    #: Shown to the user: the folder path or \\server\share\path.
    location: str = ""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        #: Measures each call's bound; a caller may hand in its own (see `ShareClock`).
        self.clock = ShareClock()
        self.stats = IoStats()
        self._workers = WorkerPool()
        #: The share's time stamp of the file published last, read in the same call.
        self._last_written: tuple[tuple[str, ...], float] | None = None

    # -- primitives (relative paths are tuples of names under the share root) --
    def _listdir(self, rel: tuple[str, ...]) -> list[tuple[str, bool]]:
        """(name, is_directory) for each entry; FileNotFoundError when missing."""
        raise NotImplementedError

    def _size(self, rel: tuple[str, ...]) -> int:
        """The file's size in bytes (a stat; nothing is read)."""
        raise NotImplementedError

    def _listdir_stats(
        self, rel: tuple[str, ...], names: list[str]
    ) -> tuple[list[tuple[str, bool]], dict[str, tuple[int, float]]]:
        """(name, is_directory) for each entry, and {name: (size, time written)} of the
        files of `names` found; one trip where the medium allows (the listing itself
        carries sizes and times on SMB and on Windows)."""
        raise NotImplementedError

    def _read(self, rel: tuple[str, ...], limit: int) -> bytes:
        """The file's bytes, read in chunks and never more than `limit` + 1 of them."""
        raise NotImplementedError

    def _mtime(self, rel: tuple[str, ...]) -> float:
        """When the share says the file was last written (POSIX seconds, its own clock)."""
        raise NotImplementedError

    def _write_new(self, rel_dir: tuple[str, ...], name: str, data: bytes) -> None:
        """Temp file, flush, sync, rename to `name`; FileExistsError if `name` exists."""
        raise NotImplementedError

    def _delete(self, rel: tuple[str, ...]) -> None:
        raise NotImplementedError

    def _makedirs(self, rel: tuple[str, ...]) -> None:
        raise NotImplementedError

    def _probe(self) -> None:
        """Raise OSError when the share root itself is not there."""
        raise NotImplementedError

    # -- guarded calls --
    def _guarded(self, what: str, fn: Callable[[], _T]) -> _T:
        call = Call(fn)
        worker = self._workers.take()
        worker.run(call)
        if not self.clock.wait(call.done, self.timeout):
            self._workers.abandon(worker)
            raise ShareUnreachable(
                f"{self.location} did not answer within {self.timeout:g} s while {what}"
            )
        if call.error is not None:
            raise call.error
        return call.value  # type: ignore[return-value]

    def _dir(self, device: str, kind: Kind) -> tuple[str, ...]:
        base = (*ROOT, device)
        return (*base, SNAPSHOTS) if kind is Kind.SNAPSHOT else base

    def _display(self, rel: tuple[str, ...]) -> str:
        return "/".join(rel[len(ROOT) :])

    # -- protocol operations --
    def reachable(self) -> bool:
        try:
            self._guarded("checking the folder", self._probe)
        except (OSError, ShareError):
            return False
        return True

    def check(self) -> None:
        """Raise ShareUnreachable with the reason when the share root is not usable."""
        try:
            self._guarded("checking the folder", self._probe)
        except OSError as exc:
            raise ShareUnreachable(f"{self.location} cannot be reached: {exc}") from exc

    def devices(self) -> tuple[list[str], list[Skipped]]:
        """Device folders on the share, and entries beside them that are not devices."""
        try:
            entries = self._guarded("listing devices", lambda: self._listdir(ROOT))
        except FileNotFoundError:
            self.check()
            return [], []
        except OSError as exc:
            raise ShareUnreachable(f"{self.location} cannot be listed: {exc}") from exc
        self.stats.listings += 1
        found, skipped = [], []
        for name, is_dir in sorted(entries):
            if is_dir and is_device_id(name):
                found.append(name)
            else:
                reason = classify(name)
                skipped.append(
                    Skipped(name, reason if isinstance(reason, str) else "not a device folder")
                )
        return found, skipped

    def listing(self, device: str, kind: Kind) -> Listing:
        """The files of `kind` in `device`'s folder, with every other file and why."""
        return self.scan(device, (kind,))[kind]

    def scan(
        self, device: str, kinds: tuple[Kind, ...] = (Kind.CHANGES, Kind.CURSORS)
    ) -> dict[Kind, Listing]:
        """One directory read for several kinds kept in the same folder.

        Debris is reported once, in the listing of the first kind asked for.
        """
        folders = {self._dir(device, k) for k in kinds}
        if len(folders) != 1:
            raise ValueError("scan kinds that live in the same folder")
        rel = folders.pop()
        try:
            entries = self._guarded("listing files", lambda: self._listdir(rel))
        except FileNotFoundError:
            return {k: Listing() for k in kinds}
        except OSError as exc:
            raise ShareUnreachable(f"{self.location} cannot be listed: {exc}") from exc
        self.stats.listings += 1
        return self._sort_entries(rel, kinds, entries)

    def _sort_entries(
        self, rel: tuple[str, ...], kinds: tuple[Kind, ...], entries: list[tuple[str, bool]]
    ) -> dict[Kind, Listing]:
        out = {k: Listing() for k in kinds}
        debris = out[kinds[0]].skipped
        in_snapshots = rel[-1] == SNAPSHOTS
        for name, is_dir in sorted(entries):
            if is_dir and name == SNAPSHOTS and not in_snapshots:
                continue
            got = classify(name)
            why = ""
            if isinstance(got, str):
                why = got
            elif is_dir:
                why = "a folder, not a file"
            elif got[0] in out:
                out[got[0]].files[got[1]] = name
            elif in_snapshots or got[0] is Kind.SNAPSHOT:
                why = "in the wrong folder"
            if why:
                debris.append(Skipped(self._display((*rel, name)), why))
        return out

    def _bounded(self, rel: tuple[str, ...], limit: int) -> bytes:
        """A whole file, after checking its size: FileTooLarge past `limit` (nothing read)."""
        size = self._size(rel)
        if size > limit:
            raise FileTooLarge(self._display(rel), size, limit)
        data = self._read(rel, limit)
        if len(data) > limit:  # grew after the stat (still being copied)
            raise FileTooLarge(self._display(rel), len(data), limit)
        return data

    def read(self, device: str, kind: Kind, seq: int, limit: int = MAX_FILE_BYTES) -> bytes:
        """A whole file, after checking its size: FileTooLarge past `limit` (nothing read)."""
        rel = (*self._dir(device, kind), file_name(kind, seq))
        try:
            data = self._guarded("reading a file", lambda: self._bounded(rel, limit))
        except (FileNotFoundError, FileTooLarge):
            raise
        except OSError as exc:
            raise ShareUnreachable(f"{self.location}: cannot read {rel[-1]}: {exc}") from exc
        self.stats.files_read += 1
        self.stats.bytes_read += len(data)
        return data

    def examine(self, device: str, kind: Kind, stat: list[int], read: list[int]) -> Examined:
        """The listing of one folder's files of `kind`, the sizes and time stamps of the
        `stat` files and the bytes of the `read` ones, in one call (see `own_folder`)."""
        rel = self._dir(device, kind)
        names = {file_name(kind, s): s for s in stat}

        def work() -> Examined:
            try:
                entries, found = self._listdir_stats(rel, list(names))
            except FileNotFoundError:
                return Examined(unreadable=dict.fromkeys(read, "missing from the share"))
            out = Examined(listing=self._sort_entries(rel, (kind,), entries)[kind])
            out.stats = {names[n]: v for n, v in found.items() if n in names}
            for s in read:
                try:
                    out.data[s] = self._bounded((*rel, file_name(kind, s)), MAX_FILE_BYTES)
                except FileNotFoundError:
                    out.unreadable[s] = "missing from the share"
                except FileTooLarge as exc:
                    out.unreadable[s] = str(exc)
            return out

        try:
            got = self._guarded("looking at files", work)
        except OSError as exc:
            raise ShareUnreachable(f"{self.location} cannot be read: {exc}") from exc
        self.stats.listings += 1
        self.stats.files_statted += len(got.stats)
        self.stats.files_read += len(got.data)
        self.stats.bytes_read += sum(len(d) for d in got.data.values())
        return got

    def publish(self, device: str, kind: Kind, seq: int, data: bytes) -> str:
        """Write a new file; never replaces one. Returns its path relative to the devices folder."""
        rel = self._dir(device, kind)
        name = file_name(kind, seq)

        def work() -> None:
            self._makedirs(rel)
            self._write_new(rel, name, data)
            try:
                self._last_written = ((*rel, name), self._mtime((*rel, name)))
            except (OSError, NotImplementedError):
                self._last_written = None

        try:
            self._guarded("publishing", work)
        except FileExistsError:
            raise AlreadyPublished(
                f"{self._display((*rel, name))} already exists: another copy of this store "
                "is publishing as the same device"
            ) from None
        except OSError as exc:
            raise ShareUnreachable(f"{self.location}: cannot write {name}: {exc}") from exc
        self.stats.files_written += 1
        self.stats.bytes_written += len(data)
        return self._display((*rel, name))

    def written_at(self, device: str, kind: Kind, seq: int) -> float | None:
        """The share's own time stamp of a file (None when it cannot tell)."""
        rel = (*self._dir(device, kind), file_name(kind, seq))
        last = self._last_written
        if last is not None and last[0] == rel:
            return last[1]  # stamped as it was written: no second trip to the share
        try:
            return self._guarded("reading a file's time", lambda: self._mtime(rel))
        except (OSError, ShareError, NotImplementedError):
            return None

    def publish_path(self, device: str, kind: Kind, seq: int) -> str:
        """How a published file is named in reports (relative to the devices folder)."""
        return self._display((*self._dir(device, kind), file_name(kind, seq)))

    def delete(self, device: str, kind: Kind, seq: int) -> None:
        rel = (*self._dir(device, kind), file_name(kind, seq))
        try:
            self._guarded("deleting an old file", lambda: self._delete(rel))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise ShareUnreachable(f"{self.location}: cannot delete {rel[-1]}: {exc}") from exc
        self.stats.files_deleted += 1


__all__ = [
    "AlreadyPublished",
    "Examined",
    "FileTooLarge",
    "IoStats",
    "Listing",
    "ShareError",
    "ShareUnreachable",
    "Skipped",
    "Transport",
    "classify",
    "file_name",
    "is_device_id",
]
