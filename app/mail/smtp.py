"""Sending through the agency's mail server, with the password kept only in the OS keyring.

When the machine has no secure keyring, the password is not stored at all and
the app says so plainly; emails then go out as .eml drafts for Outlook.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from dataclasses import asdict, dataclass
from email.message import EmailMessage

import keyring
import keyring.errors

KEYRING_SERVICE = "Employer Desk mail server"
SECURITIES = ("starttls", "ssl", "none")
INSECURE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    security: str = "starttls"
    username: str = ""
    from_address: str = ""
    timeout: float = 20.0

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def account(self) -> str:
        return f"{self.username or self.from_address}@{self.host}:{self.port}"


class MailError(Exception):
    """Sending failed; `message` says what happened in the BSR's words, `retry` if it may pass later."""

    def __init__(self, message: str, retry: bool) -> None:
        super().__init__(message)
        self.message = message
        self.retry = retry


class NoSecureKeyring(Exception):
    """This computer has no safe place for the mail password."""


def keyring_is_secure() -> tuple[bool, str]:
    """Whether passwords can be kept safely here, and a sentence saying so."""
    backend = keyring.get_keyring()
    backends = getattr(backend, "backends", None)
    candidates = list(backends) if backends is not None else [backend]
    secure = [
        b
        for b in candidates
        if not type(b).__module__.startswith(INSECURE_BACKENDS) and getattr(b, "priority", 0) > 0
    ]
    if secure:
        return True, f"Passwords are kept in {type(secure[0]).__name__}."
    return False, (
        "This computer has no secure password store, so Employer Desk will not keep your mail "
        "password. Emails are saved as drafts that Outlook opens ready to send."
    )


def store_password(settings: SmtpSettings, password: str) -> None:
    secure, message = keyring_is_secure()
    if not secure:
        raise NoSecureKeyring(message)
    keyring.set_password(KEYRING_SERVICE, settings.account, password)


def get_password(settings: SmtpSettings) -> str | None:
    if not keyring_is_secure()[0]:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.account)
    except keyring.errors.KeyringError:
        return None


def forget_password(settings: SmtpSettings) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(KEYRING_SERVICE, settings.account)


def send(message: EmailMessage, settings: SmtpSettings, password: str | None) -> None:
    """Hand one message to the server; raises MailError in plain words."""
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=settings.timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.username and password:
                client.login(settings.username, password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            "The mail server refused your user name or password. Check them in Settings.", False
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(exc.recipients)
        raise MailError(f"The mail server refused these addresses: {refused}.", False) from exc
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
        raise MailError(
            f"Could not reach the mail server {settings.host}. The email waits in the outbox "
            "and goes out when the connection is back.",
            True,
        ) from exc
    except smtplib.SMTPException as exc:
        raise MailError(f"The mail server did not accept the email ({exc}).", True) from exc
