"""A referral's resume goes out as an email: to the employer, or to the partner organization
that runs a shared opening's recruitment.

The email is written from forms/emails/resume.toml with the opening named, the resume
kept in the store attached, and then saved as an Outlook draft or put in the outbox like
every other email (`app.services.rfi.mail`). The referral records when, to whom, which
file and how, so the team can see that the resume really left.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr
from pathlib import Path

from sqlmodel import select

from app import forms
from app.core import validation as v
from app.core.ids import utcnow
from app.core.models import (
    Contact,
    Employer,
    Participant,
    Partner,
    PartnerContact,
    PartnerOpening,
    Referral,
    Resume,
)
from app.core.models.rfi import OpenPosition
from app.mail import message as mail_message
from app.services import records
from app.services.rfi import mail as rfi_mail
from app.store.engine import Store

KIND = "resume"


@dataclass(frozen=True)
class Addressee:
    """Who receives the resume: the organization's name, and its people with an address."""

    organization: str
    people: list[tuple[str, str]]  # (name, email), the first is greeted


def _employer_addressee(session, employer_id: str) -> Addressee:
    employer = records.live(session, Employer, employer_id)
    people = session.exec(
        select(Contact)
        .where(Contact.employer_id == employer_id, Contact.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(Contact.is_primary.desc(), Contact.created_at)  # type: ignore[attr-defined]
    )
    found = [(c.name, c.email) for c in people if c.email]
    return Addressee(employer.dba_name or employer.legal_name, found[:1])


def _partner_addressee(session, partner_id: str) -> Addressee:
    partner = records.live(session, Partner, partner_id)
    people = session.exec(
        select(PartnerContact)
        .where(
            PartnerContact.partner_id == partner_id,
            PartnerContact.deleted_at.is_(None),  # type: ignore[union-attr]
        )
        .order_by(PartnerContact.created_at)
    )
    found = [(c.name, c.email) for c in people if c.email]
    if not found and partner.email:
        found = [("", partner.email)]
    return Addressee(partner.name, found[:1])


@dataclass(frozen=True)
class Parts:
    """What the email is made of, read from the referral in one session."""

    referral: Referral
    resume: Resume
    participant: str
    opening: str
    employer: str
    to: Addressee


def _parts(store: Store, referral_id: str) -> Parts:
    with store.session() as session:
        referral = records.live(session, Referral, referral_id)
        if referral.resume_id is None:
            raise v.FieldError("resume_id", "This referral has no resume: attach one first.")
        resume = records.live(session, Resume, referral.resume_id)
        person = records.live(session, Participant, referral.participant_id)
        opening = session.get(PartnerOpening, referral.opening_id) if referral.opening_id else None
        position = session.get(OpenPosition, referral.position_id) if referral.position_id else None
        title = (position.title if position else "") or referral.position_title
        employer = ""
        if referral.employer_id:
            employer_row = session.get(Employer, referral.employer_id)
            employer = employer_row.dba_name or employer_row.legal_name if employer_row else ""
        if opening is not None:
            title = title or opening.position_title
            employer = employer or opening.employer_name
        if referral.partner_id:
            to = _partner_addressee(session, referral.partner_id)
        elif referral.employer_id:
            to = _employer_addressee(session, referral.employer_id)
        else:
            raise v.FieldError("employer_id", "This referral names no employer or partner.")
        session.expunge_all()
    name = f"{person.first_name} {person.last_name}".strip()
    return Parts(referral, resume, name, title, employer or to.organization, to)


def compose(store: Store, referral_id: str) -> mail_message.Draft:
    """The email for the BSR to read: the opening named, the resume attached, addressed."""
    parts = _parts(store, referral_id)
    template = forms.EMAILS.load()[KIND]
    greeted = parts.to.people[0][0] if parts.to.people else ""
    values = {
        **rfi_mail.sender_values(store),
        "employer_name": parts.employer,
        "contact_name": greeted.split()[0] if greeted.strip() else "Sir or Madam",
        "participant_name": parts.participant,
        "opening_title": parts.opening or "open",
        "resume_file": Path(parts.resume.file_name).name,
    }
    subject, body = template.fill(values)
    sender_name, sender_email = rfi_mail.sender_address(store)
    return mail_message.Draft(
        kind=KIND,
        employer_id=parts.referral.employer_id,
        to=[formataddr(p) for p in parts.to.people],
        subject=subject,
        body=body,
        sender_name=sender_name,
        sender_email=sender_email,
        attachments=[
            mail_message.Attachment(
                Path(parts.resume.file_name).name, parts.resume.content, parts.resume.media_type
            )
        ],
    )


def save_draft(
    store: Store,
    referral_id: str,
    draft: mail_message.Draft | None = None,
    folder: Path | None = None,
) -> Path:
    """Write the Outlook draft (logged like every email) and record it on the referral."""
    draft = draft or compose(store, referral_id)
    path = rfi_mail.save_draft(store, draft, folder)
    _record(store, referral_id, draft, "draft")
    return path


def queue(store: Store, referral_id: str, draft: mail_message.Draft | None = None) -> str:
    """Put the email in the outbox (sent when the server answers) and record it."""
    draft = draft or compose(store, referral_id)
    row = rfi_mail.queue(store, draft)
    _record(store, referral_id, draft, "outbox")
    return row.id


def _record(store: Store, referral_id: str, draft: mail_message.Draft, how: str) -> None:
    files = [a.filename for a in draft.attachments]
    with store.transaction() as session:
        referral = records.live(session, Referral, referral_id)
        referral.emailed_at = utcnow()
        referral.emailed_to = ", ".join(draft.to)
        referral.emailed_file = ", ".join(files)
        referral.emailed_as = how
        records.touch(session, referral)
