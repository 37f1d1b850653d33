"""A real Samba server (Debian's smbd) on 127.0.0.1 and a free port, for SMB tests.

It runs in the foreground with its own smb.conf, private, lock, pid, state and
cache folders under a temporary directory, and a Samba user (mapped to the Unix
account "nobody", with files written as root through `force user`) added with
`smbpasswd -a` into that private folder. Nothing outside the directory is touched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SMBD = Path("/usr/sbin/smbd")
SMBPASSWD = shutil.which("smbpasswd") or "/usr/bin/smbpasswd"
SHARE = "team"
USER = "nobody"

CONF = """[global]
  server role = standalone server
  workgroup = WORKGROUP
  netbios name = EDTEST
  smb ports = {port}
  interfaces = 127.0.0.1
  bind interfaces only = yes
  private dir = {base}/private
  lock directory = {base}/lock
  pid directory = {base}/pid
  state directory = {base}/state
  cache directory = {base}/cache
  ncalrpc dir = {base}/ncalrpc
  log file = {base}/log/log.%m
  passdb backend = tdbsam:{base}/private/passdb.tdb
  server min protocol = SMB2_10
  disable spoolss = yes
  load printers = no
  printing = bsd
  printcap name = /dev/null
  map to guest = never
  server services = smb
  rpc_server:default = disabled
  strict sync = yes

[{share}]
  path = {base}/share
  read only = no
  valid users = {user}
  force user = root
"""


@dataclass
class Samba:
    """A running server: its share's folder on disk, and how to reach it."""

    base: Path
    port: int
    password: str
    process: subprocess.Popen

    @property
    def share_dir(self) -> Path:
        return self.base / "share"

    @property
    def unc(self) -> str:
        return f"\\\\127.0.0.1:{self.port}\\{SHARE}"

    user = USER

    def stop(self) -> None:
        # The server and the children it forked share the group it leads.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(10)
                break
            except subprocess.TimeoutExpired:
                continue


def unavailable_reason() -> str | None:
    """Why a Samba server cannot run here, or None when it can."""
    if not SMBD.exists():
        return f"{SMBD} is missing: install Debian's samba package (packaging/dev.sh test does)"
    if os.geteuid() != 0:
        return "smbd needs root to serve files here"
    return None


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process ends (Linux prctl)."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(base: Path, attempts: int = 3) -> Samba:
    """Start a server on a free port; when another process takes that port first (tests
    run in parallel), smbd exits and another free port is tried."""
    for attempt in range(attempts):
        try:
            return _start_once(base)
        except PortTaken:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


class PortTaken(RuntimeError):
    """smbd could not bind the port chosen for it."""


def _start_once(base: Path) -> Samba:
    for sub in ("private", "lock", "pid", "state", "cache", "ncalrpc", "log", "share"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    conf = base / "smb.conf"
    conf.write_text(CONF.format(port=port, base=base, share=SHARE, user=USER))
    password = secrets.token_urlsafe(12)
    subprocess.run(
        [SMBPASSWD, "-c", str(conf), "-s", "-a", USER],
        input=f"{password}\n{password}\n",
        text=True,
        check=True,
        capture_output=True,
    )
    log = open(base / "smbd.out", "wb")  # noqa: SIM115 (kept open for the server's life)
    proc = subprocess.Popen(
        [str(SMBD), "--foreground", "--no-process-group", "--debug-stdout", "-s", str(conf)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        # smbd signals its whole process group when a client session ends badly;
        # its own session keeps that away from the test runner.
        start_new_session=True,
        # If the test run itself is killed, the server goes with it.
        preexec_fn=_die_with_parent,
    )
    log.close()
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            out = (base / "smbd.out").read_text(errors="replace")[-2000:]
            if "Address already in use" in out:
                raise PortTaken(out)
            raise RuntimeError(f"smbd exited: {out}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("smbd did not start listening within 30 s") from None
            time.sleep(0.1)
    return Samba(base=base, port=port, password=password, process=proc)
