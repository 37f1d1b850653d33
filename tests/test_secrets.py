"""Secrets: one policy for "is this keyring secure?", a session-only fallback, and the only
module that imports keyring."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from jaraco.classes import properties
from keyring.backends import fail, null

from app import secrets
from app.mail import smtp
from app.sync import keys, smb
from tests.conftest import MemoryKeyring

APP = Path(__file__).resolve().parents[1] / "app"


class _Stored(MemoryKeyring):
    """A keyring that keeps what it is given (the shapes below change only its standing)."""


class PlainFile(_Stored):
    """Stands for keyrings.alt's plain-text file backend (not installed here)."""


PlainFile.__module__ = "keyrings.alt.file"


class NoPriority(_Stored):
    priority = 0  # type: ignore[assignment]


class Unusable(_Stored):
    """Like the Secret Service backend with no D-Bus session: asking its priority raises
    (keyring itself then leaves it out of its own choice)."""

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        raise RuntimeError("no D-Bus session")


class Chain(_Stored):
    """A chain of backends, as keyring's ChainerBackend presents them."""

    def __init__(self, *links: Any) -> None:
        super().__init__()
        self.backends = list(links)


#: Backends made inside each test (one whose priority raises must not be touched earlier).
SECURE: dict[str, Callable[[], Any]] = {
    "a real keyring": _Stored,
    "a chain of real keyrings": lambda: Chain(_Stored(), _Stored()),
}
INSECURE: dict[str, Callable[[], Any]] = {
    "fail": fail.Keyring,
    "null": null.Keyring,
    "plain text file": PlainFile,
    "priority 0": NoPriority,
    "priority that raises": Unusable,
    "empty chain": Chain,
    "chain with a plain text link": lambda: Chain(_Stored(), PlainFile()),
}


@pytest.mark.parametrize("backend", SECURE.values(), ids=SECURE.keys())
def test_secure_keyrings_keep_secrets(backend: Callable[[], Any]) -> None:
    keyring.set_keyring(backend())
    assert secrets.is_secure()
    assert secrets.keeper_name()


@pytest.mark.parametrize("backend", INSECURE.values(), ids=INSECURE.keys())
def test_insecure_keyrings_are_refused(backend: Callable[[], Any]) -> None:
    keyring.set_keyring(backend())
    assert not secrets.is_secure()
    assert secrets.keeper_name() is None


@pytest.mark.parametrize(
    "backend", [*SECURE.values(), *INSECURE.values()], ids=[*SECURE.keys(), *INSECURE.keys()]
)
def test_team_key_share_password_and_mail_password_get_the_same_answer(
    backend: Callable[[], Any],
) -> None:
    keyring.set_keyring(backend())
    secure = secrets.is_secure()
    assert (keys.save_key("team", keys.new_key()) is keys.Custody.KEYRING) == secure
    assert smb.save_password("ana", "fileserver", "pw") == secure
    assert smtp.password_storage()[0] == secure


def test_get_set_forget_in_a_secure_keyring(memory_keyring) -> None:
    assert secrets.set("Employer Desk", "x", "s3cret") is secrets.Custody.KEYRING
    assert memory_keyring.secrets[("Employer Desk", "x")] == "s3cret"
    assert secrets.get("Employer Desk", "x") == "s3cret"
    assert secrets.custody("Employer Desk", "x") is secrets.Custody.KEYRING
    secrets.forget("Employer Desk", "x")
    assert secrets.get("Employer Desk", "x") is None
    assert secrets.custody("Employer Desk", "x") is None
    assert memory_keyring.secrets == {}


def test_without_a_secure_keyring_secrets_last_the_session_only() -> None:
    backend = PlainFile()
    keyring.set_keyring(backend)
    assert secrets.set("Employer Desk", "x", "s3cret") is secrets.Custody.SESSION_ONLY
    assert backend.secrets == {}  # never written where it could be read as text
    assert secrets.get("Employer Desk", "x") == "s3cret"
    assert secrets.custody("Employer Desk", "x") is secrets.Custody.SESSION_ONLY
    assert "only until Employer Desk closes" in secrets.session_only_notice("the password")
    secrets.forget_session()  # the app closed
    assert secrets.get("Employer Desk", "x") is None


def test_a_keyring_that_refuses_falls_back_to_the_session(memory_keyring, monkeypatch) -> None:
    def locked(*_: object) -> None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    monkeypatch.setattr(memory_keyring, "get_password", locked)
    monkeypatch.setattr(memory_keyring, "delete_password", locked)
    assert secrets.set("Employer Desk", "x", "s3cret") is secrets.Custody.SESSION_ONLY
    assert secrets.get("Employer Desk", "x") == "s3cret"
    secrets.forget("Employer Desk", "x")
    assert secrets.get("Employer Desk", "x") is None


def test_the_mail_password_is_never_kept_for_the_session_alone(memory_keyring, monkeypatch):
    settings = smtp.SmtpSettings(host="mail.example", username="ana")

    def locked(*_: object) -> None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    with pytest.raises(smtp.NoSecureKeyring):
        smtp.store_password(settings, "s3cret")
    assert smtp.get_password(settings) is None


def _imports_keyring(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] in {"keyring", "keyrings"} for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {
            "keyring",
            "keyrings",
        }:
            return True
    return False


def test_only_the_secrets_module_imports_keyring() -> None:
    importers = {str(p.relative_to(APP)) for p in APP.rglob("*.py") if _imports_keyring(p)}
    assert importers == {"secrets.py"}
