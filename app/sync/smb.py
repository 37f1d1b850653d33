"""The share reached over SMB with `smbprotocol`, no mount or mapped drive needed.

`\\\\server\\share\\path` (optionally `\\\\server:port\\share\\path` for a server on
another port) is reached with a user name kept in the store's team settings and a
password kept in the OS keyring through `app.secrets` (service "Employer Desk",
user name "smb:<user>@<server>"; this session only when there is no secure keyring). Publishing follows the same rule as on a folder: a new
temporary file is written and flushed (an SMB2 FLUSH, which the server makes
durable), then renamed; an SMB rename refuses to replace an existing name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from dataclasses import dataclass

from smbprotocol.exceptions import LogonFailure, SMBException

from app import secrets
from app.sync.keys import SERVICE
from app.sync.transport import DEFAULT_TIMEOUT, Transport, read_bounded

_UNC = re.compile(
    r"^(?:\\\\|//)(?P<server>[^\\/:]+)(?::(?P<port>\d+))?[\\/](?P<share>[^\\/]+)(?P<rest>.*)$"
)


@dataclass(frozen=True)
class SmbAddress:
    server: str
    port: int
    share: str
    path: tuple[str, ...]

    def unc(self, *more: str) -> str:
        return "\\".join([f"\\\\{self.server}", self.share, *self.path, *more])


def parse_unc(text: str) -> SmbAddress:
    """Split `\\\\server[:port]\\share\\path` (slashes either way); ValueError if not one."""
    m = _UNC.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a network path like \\\\server\\share\\folder")
    rest = tuple(p for p in re.split(r"[\\/]", m.group("rest")) if p)
    return SmbAddress(m.group("server"), int(m.group("port") or 445), m.group("share"), rest)


def is_unc(text: str) -> bool:
    return bool(_UNC.match(text.strip()))


def password_username(user: str, server: str) -> str:
    return f"smb:{user}@{server.lower()}"


def save_password(user: str, server: str, password: str) -> bool:
    """Keep the SMB password in the keyring; False when there is no secure keyring to keep
    it in (it is then held in memory for this session only, never written in plain text)."""
    custody = secrets.set(SERVICE, password_username(user, server), password)
    return custody is secrets.Custody.KEYRING


def load_password(user: str, server: str) -> str | None:
    return secrets.get(SERVICE, password_username(user, server))


def _os_error(exc: OSError) -> OSError:
    """smbclient raises SMBOSError; turn the common ones into the built-in subclasses."""
    if exc.errno == errno.ENOENT:
        return FileNotFoundError(errno.ENOENT, str(exc))
    if exc.errno == errno.EEXIST:
        return FileExistsError(errno.EEXIST, str(exc))
    return exc


class SmbTransport(Transport):
    """Protocol v1 over SMB 2/3 (signing required by default, as Windows servers want)."""

    def __init__(
        self,
        address: str,
        username: str,
        password: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        encrypt: bool | None = None,
    ) -> None:
        super().__init__(timeout)
        self.address = parse_unc(address)
        self.location = address
        self.username = username
        self.password = (
            password if password is not None else load_password(username, self.address.server)
        )
        self.encrypt = encrypt
        self._cache: dict = {}

    def _kw(self) -> dict:
        return {
            "port": self.address.port,
            "username": self.username,
            "password": self.password,
            "connection_cache": self._cache,
            "connection_timeout": max(1, int(self.timeout)),
        }

    def _connect(self) -> None:
        import smbclient

        smbclient.register_session(
            self.address.server,
            username=self.username,
            password=self.password,
            port=self.address.port,
            encrypt=self.encrypt,
            connection_timeout=max(1, int(self.timeout)),
            connection_cache=self._cache,
        )

    def _unc(self, rel: tuple[str, ...]) -> str:
        return self.address.unc(*rel)

    def _call(self, fn, *args, **kwargs):
        try:
            self._connect()
            return fn(*args, **kwargs, **self._kw())
        except OSError as exc:
            raise _os_error(exc) from exc
        except SMBException as exc:
            if isinstance(exc, LogonFailure):
                raise PermissionError(
                    errno.EACCES, f"the server refused user name {self.username!r} or its password"
                ) from exc
            raise ConnectionError(str(exc)) from exc
        except ValueError as exc:  # smbprotocol reports refused connections this way
            raise ConnectionError(str(exc)) from exc

    def _listdir(self, rel: tuple[str, ...]) -> list[tuple[str, bool]]:
        import smbclient

        def entries(path: str, **kw) -> list[tuple[str, bool]]:
            return [(e.name, e.is_dir()) for e in smbclient.scandir(path, **kw)]

        return self._call(entries, self._unc(rel))

    def _size(self, rel: tuple[str, ...]) -> int:
        import smbclient

        return int(self._call(smbclient.stat, self._unc(rel)).st_size)

    def _mtime(self, rel: tuple[str, ...]) -> float:
        import smbclient

        return float(self._call(smbclient.stat, self._unc(rel)).st_mtime)

    def _listdir_stats(
        self, rel: tuple[str, ...], names: list[str]
    ) -> tuple[list[tuple[str, bool]], dict[str, tuple[int, float]]]:
        import smbclient

        wanted = set(names)

        def listed(path: str, **kw) -> tuple[list[tuple[str, bool]], dict]:
            entries, stats = [], {}
            for e in smbclient.scandir(path, **kw):
                entries.append((e.name, e.is_dir()))
                if e.name in wanted:  # the listing carries size and time: one trip
                    info = e.smb_info
                    stats[e.name] = (int(info.end_of_file), info.last_write_time.timestamp())
            return entries, stats

        return self._call(listed, self._unc(rel))

    def _read(self, rel: tuple[str, ...], limit: int) -> bytes:
        import smbclient

        def read(path: str, **kw) -> bytes:
            with smbclient.open_file(path, mode="rb", **kw) as fh:
                return read_bounded(fh, limit)

        return self._call(read, self._unc(rel))

    def _write_new(self, rel_dir: tuple[str, ...], name: str, data: bytes) -> None:
        import smbclient

        tmp = self._unc((*rel_dir, f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"))
        final = self._unc((*rel_dir, name))

        def write(**kw) -> None:
            try:
                with smbclient.open_file(tmp, mode="xb", **kw) as fh:
                    fh.write(data)
                    fh.flush()
                smbclient.rename(tmp, final, **kw)
            except BaseException:
                with contextlib.suppress(Exception):
                    smbclient.remove(tmp, **kw)
                raise

        self._call(write)

    def _delete(self, rel: tuple[str, ...]) -> None:
        import smbclient

        self._call(smbclient.remove, self._unc(rel))

    def _makedirs(self, rel: tuple[str, ...]) -> None:
        import smbclient

        self._probe()
        self._call(smbclient.makedirs, self._unc(rel), exist_ok=True)

    def _probe(self) -> None:
        import smbclient

        self._call(smbclient.stat, self._unc(()))

    def close(self) -> None:
        """Drop this transport's connections (they are private to it)."""
        import smbclient

        with contextlib.suppress(Exception):
            smbclient.reset_connection_cache(fail_on_error=False, connection_cache=self._cache)


__all__ = [
    "SmbAddress",
    "SmbTransport",
    "is_unc",
    "load_password",
    "parse_unc",
    "save_password",
]
