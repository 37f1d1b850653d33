"""A composed email as an RFC 5322 message, and as an .eml draft that Outlook opens ready to send."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from app.store import private


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str = "application/pdf"


@dataclass
class Draft:
    """What the composer shows and the BSR edits, before it becomes a message."""

    kind: str
    employer_id: str | None
    to: list[str]
    subject: str
    body: str
    sender_name: str = ""
    sender_email: str = ""
    cc: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


def to_message(draft: Draft, unsent: bool = True) -> EmailMessage:
    """The message; `unsent` adds X-Unsent: 1 so Outlook opens the file as a draft to send."""
    message = EmailMessage(policy=SMTP)
    if draft.sender_email:
        message["From"] = formataddr((draft.sender_name, draft.sender_email))
    message["To"] = ", ".join(draft.to)
    if draft.cc:
        message["Cc"] = ", ".join(draft.cc)
    message["Subject"] = draft.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_domain(draft.sender_email))
    if unsent:
        message["X-Unsent"] = "1"
    message.set_content(draft.body)
    for item in draft.attachments:
        maintype, _, subtype = item.mime.partition("/")
        message.add_attachment(
            item.data, maintype=maintype, subtype=subtype, filename=item.filename
        )
    return message


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "employer-desk.local"


def safe_filename(text: str, limit: int = 60) -> str:
    """A file name that Windows, macOS and Linux all accept."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text)
    cleaned = " ".join(cleaned.split()).strip(" .")
    return cleaned[:limit].rstrip(" .") or "email"


def write_eml(message: EmailMessage, folder: Path, stem: str) -> Path:
    """Write the draft as `stem.eml` in `folder` (never overwriting), via a temporary file."""
    private.private_folder(folder)
    base = safe_filename(stem)
    target = folder / f"{base}.eml"
    n = 2
    while target.exists():
        target = folder / f"{base} ({n}).eml"
        n += 1
    tmp = target.with_name(f".{target.name}.tmp")
    private.write_bytes(tmp, message.as_bytes(policy=SMTP))
    tmp.replace(target)
    return target
