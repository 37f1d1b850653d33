"""The team key: made once, kept in the OS keyring, carried to other laptops in a key file.

Everything a device writes to the share is encrypted with one 32-byte team key.
The key never touches the disk in plain text: it lives in the OS keyring
(service "Employer Desk", user name "team-key:<team id>") through `app.secrets`,
and when the machine has no secure keyring it is kept in this process's memory
only, and the caller is told so (`Custody.SESSION_ONLY`). A new laptop joins with a key file in which the
key is wrapped by AES-GCM under a key derived from a passphrase with scrypt.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app import secrets
from app.secrets import Custody
from app.sync.segment import key_id_of

SERVICE = "Employer Desk"
KEY_BYTES = 32
KEY_FILE_FORMAT = "employer-desk-team-key"
KEY_FILE_VERSION = 1
MIN_PASSPHRASE = 8
#: scrypt cost: about 32 MiB and a fraction of a second, once per export or join.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class TeamKeyError(Exception):
    """A key problem said in the user's words."""


class WrongPassphrase(TeamKeyError):
    pass


class BadKeyFile(TeamKeyError):
    pass


@dataclass(frozen=True)
class TeamKeys:
    """The keys a sync uses: `current` encrypts what we publish; all of them decrypt."""

    current: bytes | None
    older: tuple[bytes, ...] = ()

    def by_id(self) -> dict[str, bytes]:
        keys = [k for k in (self.current, *self.older) if k]
        return {key_id_of(k): k for k in keys}

    @property
    def current_id(self) -> str | None:
        return key_id_of(self.current) if self.current else None


SESSION_ONLY_NOTICE = (
    secrets.session_only_notice("the team key")
    + " Keep your exported key file: you will need it to sync again after a restart."
)


def username(team_id: str) -> str:
    return f"team-key:{team_id}"


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def save_key(team_id: str, key: bytes) -> Custody:
    """Keep the key in the keyring, or for this session only when there is none."""
    if len(key) != KEY_BYTES:
        raise ValueError("a team key is 32 bytes")
    return secrets.set(SERVICE, username(team_id), base64.b64encode(key).decode("ascii"))


def load_key(team_id: str) -> bytes | None:
    """The team key from the keyring, else from this session's memory, else None."""
    stored = secrets.get(SERVICE, username(team_id))
    try:
        key = base64.b64decode(stored or "", validate=True)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def custody(team_id: str) -> Custody | None:
    """Where this team's key is kept now, or None when this device lacks it."""
    return secrets.custody(SERVICE, username(team_id))


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(team_id: str, key_id: str) -> bytes:
    return f"{KEY_FILE_FORMAT}/{KEY_FILE_VERSION}/{team_id}/{key_id}".encode()


def export_key_file(path: Path, passphrase: str, *, team_id: str, key: bytes) -> Path:
    """Write the key wrapped under `passphrase` to a new file (never overwrites one)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise TeamKeyError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    path = Path(path)
    salt = os.urandom(16)
    nonce = os.urandom(12)
    key_id = key_id_of(key)
    wrapped = AESGCM(_kek(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, key, _aad(team_id, key_id)
    )
    doc = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "team_id": team_id,
        "key_id": key_id,
        "kdf": {
            "name": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": base64.b64encode(salt).decode("ascii"),
        },
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "wrapped_key": base64.b64encode(wrapped).decode("ascii"),
    }
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise TeamKeyError(f"{path} already exists; choose a new file name.") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")
    return path


@dataclass(frozen=True)
class ImportedKey:
    team_id: str
    key: bytes

    @property
    def key_id(self) -> str:
        return key_id_of(self.key)


def import_key_file(path: Path, passphrase: str) -> ImportedKey:
    """Open a key file; a wrong passphrase or a damaged file gives a plain error."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadKeyFile(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise BadKeyFile(f"{path} is not an Employer Desk key file.") from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
        raise BadKeyFile(f"{path} is not an Employer Desk key file.")
    if doc.get("version") != KEY_FILE_VERSION:
        raise BadKeyFile(f"{path} was made by a newer Employer Desk; update this one first.")
    try:
        kdf = doc["kdf"]
        team_id = str(doc["team_id"])
        key_id = str(doc["key_id"])
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(doc["nonce"], validate=True)
        wrapped = base64.b64decode(doc["wrapped_key"], validate=True)
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if kdf.get("name") != "scrypt" or not (2**10 <= n <= 2**20) or r > 32 or p > 16:
            raise ValueError("unsupported key derivation")
    except (KeyError, TypeError, ValueError):
        raise BadKeyFile(f"{path} is damaged: some of its fields are missing or wrong.") from None
    try:
        key = AESGCM(_kek(passphrase, salt, n, r, p)).decrypt(nonce, wrapped, _aad(team_id, key_id))
    except InvalidTag:
        raise WrongPassphrase(
            "That passphrase does not open this key file. Check it with the person who "
            "exported the key."
        ) from None
    if len(key) != KEY_BYTES or key_id_of(key) != key_id:
        raise BadKeyFile(f"{path} is damaged: the key inside does not match its id.")
    return ImportedKey(team_id=team_id, key=key)


__all__ = [
    "SERVICE",
    "SESSION_ONLY_NOTICE",
    "TeamKeys",
    "BadKeyFile",
    "Custody",
    "ImportedKey",
    "TeamKeyError",
    "WrongPassphrase",
    "custody",
    "export_key_file",
    "import_key_file",
    "load_key",
    "new_key",
    "save_key",
    "username",
]
