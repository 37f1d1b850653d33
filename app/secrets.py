"""Secrets (the team key, share and mail passwords): the one module that talks to the OS keyring.

One policy decides whether this computer's keyring is safe to keep secrets in:
the fail and null backends, the keyrings.alt file backends and any backend of no
priority are not, and a chain of backends is safe only when every link is (a
chain writes to the first link that accepts). When no safe keyring exists,
secrets are kept in this process's memory only, never written to a file, and
the interface says so with `session_only_notice`. Each secret is named by a
service and a name, as the keyring names them.
"""

from __future__ import annotations

import contextlib
from enum import Enum
from typing import Any

import keyring
import keyring.errors

#: Backends that keep nothing, fail, or keep secrets in files readable as text.
INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
#: What a keyring raises when it is locked, gone or refuses (D-Bus errors arrive as RuntimeError).
_KEYRING_ERRORS = (keyring.errors.KeyringError, RuntimeError)

#: Secrets held for this process only: (service, name) -> value.
_SESSION: dict[tuple[str, str], str] = {}


class Custody(Enum):
    """Where a secret is kept on this machine."""

    KEYRING = "keyring"
    SESSION_ONLY = "session only"


def _links() -> list[Any]:
    backend = keyring.get_keyring()
    chain = getattr(backend, "backends", None)
    return list(chain) if chain is not None else [backend]


def _safe(backend: Any) -> bool:
    if type(backend).__module__.startswith(INSECURE_MODULES):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # an unusable backend may raise from `priority` itself
        return False


def is_secure() -> bool:
    """Whether secrets can be kept in this computer's keyring (else: this session only)."""
    links = _links()
    return bool(links) and all(_safe(b) for b in links)


def keeper_name() -> str | None:
    """The keyring's own name (such as "Keyring" for the Windows Credential Locker), or None
    when it is not secure."""
    return type(_links()[0]).__name__ if is_secure() else None


def session_only_notice(what: str) -> str:
    """The plain sentence the interface shows when `what` is kept only for this session."""
    return (
        f"This computer has no secure keyring, so {what} is kept only until Employer Desk "
        "closes. It is never saved in a file."
    )


def set(service: str, name: str, value: str) -> Custody:
    """Keep a secret: in the keyring when it is secure and accepts it, else for this session."""
    _SESSION[(service, name)] = value
    if not is_secure():
        return Custody.SESSION_ONLY
    try:
        keyring.set_password(service, name, value)
    except _KEYRING_ERRORS:
        return Custody.SESSION_ONLY
    return Custody.KEYRING


def get(service: str, name: str) -> str | None:
    """The secret from the keyring, else from this session's memory, else None."""
    return _from_keyring(service, name) or _SESSION.get((service, name))


def forget(service: str, name: str) -> None:
    """Drop the secret everywhere it is kept."""
    _SESSION.pop((service, name), None)
    with contextlib.suppress(*_KEYRING_ERRORS):
        keyring.delete_password(service, name)


def custody(service: str, name: str) -> Custody | None:
    """Where the secret is kept now, or None when this computer does not have it."""
    if _from_keyring(service, name):
        return Custody.KEYRING
    return Custody.SESSION_ONLY if (service, name) in _SESSION else None


def forget_session() -> None:
    """Drop every secret held in memory (what closing the app does; tests use it)."""
    _SESSION.clear()


def _from_keyring(service: str, name: str) -> str | None:
    if not is_secure():
        return None
    try:
        return keyring.get_password(service, name)
    except _KEYRING_ERRORS:
        return None
