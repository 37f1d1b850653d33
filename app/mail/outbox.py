"""The outbox: messages wait in the local store while offline and go out when the server answers.

Each message is written to the store before any attempt, so a crash or a closed
lid loses nothing; a message is marked sent only after the server accepted it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_string
from email.message import EmailMessage
from email.policy import SMTP

from sqlmodel import select

from app.core.ids import utcnow
from app.core.models import Activity, OutboxMessage
from app.core.models.rfi import OutboxStatus
from app.mail.smtp import MailError
from app.store.engine import Store

Sender = Callable[[EmailMessage], None]


def enqueue(
    store: Store,
    message: EmailMessage,
    employer_id: str | None,
    kind: str,
    staff_id: str | None = None,
) -> OutboxMessage:
    """Keep the message to send later (X-Unsent removed: it is going out, not a draft)."""
    if "X-Unsent" in message:
        del message["X-Unsent"]
    row = OutboxMessage(
        employer_id=employer_id,
        kind=kind,
        recipients=", ".join(
            a for a in (str(message.get("To", "")), str(message.get("Cc", ""))) if a
        ),
        subject=str(message.get("Subject", "")),
        raw=message.as_string(policy=SMTP),
        staff_id=staff_id,
    )
    with store.transaction() as session:
        session.add(row)
    return row


def waiting(store: Store) -> list[OutboxMessage]:
    with store.session() as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.status == OutboxStatus.QUEUED.value)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)  # type: ignore[arg-type]
            )
        )


def all_messages(store: Store) -> list[OutboxMessage]:
    with store.session() as session:
        return list(
            session.exec(select(OutboxMessage).order_by(OutboxMessage.created_at.desc()))  # type: ignore[attr-defined]
        )


@dataclass(frozen=True)
class FlushResult:
    sent: int
    waiting: int
    failed: int
    error: str = ""


def flush(store: Store, sender: Sender) -> FlushResult:
    """Send what waits, oldest first. Stops at the first connection problem (no hammering);
    a message the server refuses for good is marked failed with the reason."""
    sent = failed = 0
    error = ""
    for row in waiting(store):
        message = message_from_string(row.raw, _class=EmailMessage, policy=SMTP)
        try:
            sender(message)  # type: ignore[arg-type]
        except MailError as exc:
            error = exc.message
            with store.transaction() as session:
                current = session.get(OutboxMessage, row.id)
                assert current is not None
                current.attempts += 1
                current.last_error = exc.message
                if not exc.retry:
                    current.status = OutboxStatus.FAILED.value
                session.add(current)
            if exc.retry:
                break
            failed += 1
            continue
        with store.transaction() as session:
            current = session.get(OutboxMessage, row.id)
            assert current is not None
            current.status = OutboxStatus.SENT.value
            current.sent_at = utcnow()
            current.attempts += 1
            current.last_error = ""
            session.add(current)
            if current.employer_id:
                session.add(
                    Activity(
                        employer_id=current.employer_id,
                        kind="email",
                        occurred_at=utcnow(),
                        staff_id=current.staff_id,
                        summary=f"Email sent to {current.recipients}: {current.subject}",
                        outcome=f"sent:{current.kind}",
                    )
                )
        sent += 1
    return FlushResult(sent, len(waiting(store)), failed, error)


def retry_failed(store: Store, message_id: str) -> None:
    """Put a failed message back in the queue (after the BSR fixed the address or password)."""
    with store.transaction() as session:
        row = session.get(OutboxMessage, message_id)
        if row is not None and row.status == OutboxStatus.FAILED.value:
            row.status = OutboxStatus.QUEUED.value
            session.add(row)
