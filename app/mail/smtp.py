"""Sending through the agency's mail server, with the password kept only in the OS keyring.

When the machine has no secure keyring, the password is not stored at all and
the app says so plainly; emails then go out as .eml drafts for Outlook.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import asdict, dataclass
from email.message import EmailMessage

from app import secrets

KEYRING_SERVICE = "Employer Desk mail server"
SECURITIES = ("starttls", "ssl", "none")


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


def password_storage() -> tuple[bool, str]:
    """Whether the mail password can be kept here (`app.secrets` decides), and a sentence
    saying so. Without a secure keyring it is not kept even for the session: emails go out
    as drafts instead, so nobody types a password that the next start forgets."""
    keeper = secrets.keeper_name()
    if keeper:
        return True, f"Passwords are kept in {keeper}."
    return False, (
        "This computer has no secure password store, so Employer Desk will not keep your mail "
        "password. Emails are saved as drafts that Outlook opens ready to send."
    )


def store_password(settings: SmtpSettings, password: str) -> None:
    """Keep the mail password in the keyring, or refuse (NoSecureKeyring) and keep nothing."""
    secure, message = password_storage()
    if not secure:
        raise NoSecureKeyring(message)
    if secrets.set(KEYRING_SERVICE, settings.account, password) is not secrets.Custody.KEYRING:
        secrets.forget(KEYRING_SERVICE, settings.account)
        raise NoSecureKeyring("The keyring did not take the password, so it is not kept.")


def get_password(settings: SmtpSettings) -> str | None:
    return secrets.get(KEYRING_SERVICE, settings.account) if secrets.is_secure() else None


def forget_password(settings: SmtpSettings) -> None:
    secrets.forget(KEYRING_SERVICE, settings.account)


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
