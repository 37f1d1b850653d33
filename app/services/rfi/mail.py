"""Emails to employers: fill a template from the record, attach flyers and the RFI, then either
write an .eml draft for Outlook or send through the outbox. Every email is logged as an activity,
and the ones that mark a step (RFI sent, eligibility told) move the pipeline stage.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from app import forms
from app.core.email_templates import EmailTemplate
from app.core.ids import utcnow
from app.core.models import Activity, Contact, Employer, Office, OutboxMessage
from app.core.pipeline import Stage, advance
from app.core.programs import Catalog, ProgramDef, Result
from app.mail import message as mail_message
from app.mail import outbox, smtp
from app.services.agency import settings
from app.services.rfi import eligibility
from app.store.engine import Store
from app.store.paths import user_data_dir

if TYPE_CHECKING:
    # reportlab loads only when a flyer is built: the Today page imports this module.
    from app.documents import program_flyer

SMTP_SETTINGS = "mail.smtp"
DRAFTS_FOLDER = "mail.drafts_folder"
#: Emails that move the employer along the pipeline when drafted or sent.
STAGE_OF_KIND: dict[str, Stage] = {
    "follow_up": Stage.RFI_SENT,
    "eligible": Stage.ELIGIBILITY_TOLD,
    "not_eligible": Stage.ELIGIBILITY_TOLD,
}
ELIGIBILITY_KINDS = ("eligible", "not_eligible")


# Settings -----------------------------------------------------------------


def drafts_folder(store: Store) -> Path:
    """Where .eml drafts are written (Settings can point it at Documents or the desktop)."""
    chosen = settings.get(store, DRAFTS_FOLDER)
    return Path(chosen) if chosen else user_data_dir() / "Email drafts"


def smtp_settings(store: Store) -> smtp.SmtpSettings | None:
    """The mail server, or None when emails go out as Outlook drafts."""
    raw = settings.get(store, SMTP_SETTINGS)
    if not raw or not raw.get("host"):
        return None
    return smtp.SmtpSettings(**raw)


def save_smtp_settings(store: Store, config: smtp.SmtpSettings | None, password: str | None) -> str:
    """Keep the server details in the store and the password in the keyring only.

    Returns a sentence for the BSR; raises smtp.NoSecureKeyring (nothing stored) when the
    machine cannot keep a password safely.
    """
    if config is None:
        settings.put(store, SMTP_SETTINGS, None)
        return "Emails are saved as drafts for Outlook."
    if config.security not in smtp.SECURITIES:
        raise ValueError(f"Security must be one of {', '.join(smtp.SECURITIES)}.")
    if password:
        smtp.store_password(config, password)
    settings.put(store, SMTP_SETTINGS, config.as_dict())
    return f"Emails are sent through {config.host}."


# Filling a template ---------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def _recipients(store: Store, employer_id: str) -> tuple[list[Recipient], list[Recipient]]:
    with store.session() as session:
        people = list(
            session.exec(
                select(Contact)
                .where(Contact.employer_id == employer_id, Contact.deleted_at.is_(None))  # type: ignore[union-attr]
                .order_by(Contact.is_primary.desc(), Contact.created_at)  # type: ignore[attr-defined]
            )
        )
    with_mail = [Recipient(p.name, p.email) for p in people if p.email]
    return with_mail[:1], with_mail[1:2]


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"  - {line}" for line in lines)


def choose_kind(evaluation: eligibility.Evaluation) -> str:
    """Which eligibility email fits: any "no" gets the not-eligible letter (with what is still
    open), a "yes" the good news, and nothing decided yet asks for the missing answers."""
    if evaluation.by_result(Result.NOT_ELIGIBLE):
        return "not_eligible"
    if evaluation.by_result(Result.ELIGIBLE):
        return "eligible"
    return "missing_info"


def sender_values(store: Store, catalog: Catalog | None = None) -> dict[str, str]:
    """The agency and the BSR writing: the placeholders every email signs with."""
    catalog = catalog or forms.PROGRAMS.load()
    me = settings.me(store)
    office = ""
    if me and me.office_id:
        with store.session() as session:
            row = session.get(Office, me.office_id)
            office = f"{row.name} American Job Center" if row else ""
    return {
        "agency_name": catalog.agency.name,
        "agency_website": catalog.agency.website,
        "bsr_name": me.name if me else "",
        "bsr_email": me.email if me else "",
        "bsr_phone": me.phone if me else "",
        "bsr_office": office,
    }


def sender_address(store: Store) -> tuple[str, str]:
    """Name and address the email goes out from: the BSR's, else the mail server's."""
    me = settings.me(store)
    config = smtp_settings(store)
    email = (me.email if me and me.email else "") or (config.from_address if config else "")
    return (me.name if me else ""), email


def placeholder_values(
    store: Store,
    employer_id: str,
    evaluation: eligibility.Evaluation | None = None,
    catalog: Catalog | None = None,
) -> dict[str, str]:
    catalog = catalog or forms.PROGRAMS.load()
    evaluation = evaluation or eligibility.evaluate(store, employer_id, catalog)
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is None:
            raise LookupError(f"No employer with id {employer_id}.")
        name = employer.dba_name or employer.legal_name
    to, _ = _recipients(store, employer_id)
    first_name = to[0].name.split()[0] if to and to[0].name.strip() else ""
    programs = {p.code: p for p in catalog.programs}
    # Employers read public program names only; an internal program is never named to them.
    eligible, not_eligible, pending = (
        [r for r in evaluation.by_result(result) if programs[r.code].public]
        for result in (Result.ELIGIBLE, Result.NOT_ELIGIBLE, Result.NEEDS_INFORMATION)
    )
    eligible_lines = [
        f"{programs[r.code].employer_name}: {programs[r.code].description}" for r in eligible
    ]
    not_eligible_lines = [
        f"{programs[r.code].employer_name}: " + " ".join(reason.text for reason in r.reasons)
        for r in not_eligible
    ]
    needs = ""
    if pending:
        needs = (
            (
                "\nTo decide on "
                + ", ".join(programs[r.code].employer_name for r in pending)
                + ", I still need a few answers:\n"
                + _bullets([f"{f.label} (question {f.number})" for f in evaluation.missing])
                + "\n"
            )
            if evaluation.missing
            else (
                "\nI am still checking "
                + ", ".join(programs[r.code].employer_name for r in pending)
                + " and will write soon.\n"
            )
        )
    return {
        **sender_values(store, catalog),
        "employer_name": name,
        "contact_name": first_name or "Sir or Madam",
        "eligible_list": _bullets(eligible_lines),
        "not_eligible_list": _bullets(not_eligible_lines),
        "open_services_list": _bullets([programs[r.code].employer_name for r in eligible])
        or _bullets(["Candidate referrals when you have an opening", "Hiring events"]),
        "needs_info_list": needs,
        "missing_list": _bullets([f"{f.label} (question {f.number})" for f in evaluation.missing]),
    }


def _flyer_programs(
    template: EmailTemplate, evaluation: eligibility.Evaluation, catalog: Catalog
) -> list[ProgramDef]:
    if template.flyers == "all":
        return list(catalog.programs)
    if template.flyers == "eligible":
        codes = {r.code for r in evaluation.by_result(Result.ELIGIBLE)}
        return [p for p in catalog.programs if p.code in codes]
    if template.flyers == "wanted":
        wanted = set(evaluation.answers.get("services_wanted") or [])
        chosen = [p for p in catalog.programs if p.service in wanted]
        return chosen or list(catalog.programs)
    return []


def flyer_sender(store: Store) -> program_flyer.Sender | None:
    from app.documents import program_flyer

    me = settings.me(store)
    if me is None:
        return None
    office = ""
    if me.office_id:
        with store.session() as session:
            row = session.get(Office, me.office_id)
            office = row.name if row else ""
    return program_flyer.Sender(me.name, me.email, me.phone, office)


def brochure(store: Store, employer_id: str, programs: list[ProgramDef]) -> mail_message.Attachment:
    """One services brochure listing `programs` for this employer, with my letterhead."""
    from app.documents import services_brochure
    from app.services.agency.public import letterhead

    me = settings.me(store)
    with store.session() as session:
        employer = session.get(Employer, employer_id)
        office = session.get(Office, me.office_id) if me and me.office_id else None
        name = (employer.dba_name or employer.legal_name) if employer else ""
    pdf = services_brochure.build(name, programs, letterhead(office, me))
    return mail_message.Attachment(services_brochure.filename(name), pdf)


def compose(store: Store, employer_id: str, kind: str) -> mail_message.Draft:
    """A filled draft for the BSR to read and edit: recipients, subject, body, attachments."""
    from app.documents import program_flyer
    from app.services.rfi import rfi_documents

    templates = forms.EMAILS.load()
    if kind not in templates:
        raise KeyError(f"No email template named {kind!r}.")
    template = templates[kind]
    catalog = forms.PROGRAMS.load()
    evaluation = eligibility.evaluate(store, employer_id, catalog)
    subject, body = template.fill(placeholder_values(store, employer_id, evaluation, catalog))
    attachments: list[mail_message.Attachment] = []
    chosen = [p for p in _flyer_programs(template, evaluation, catalog) if p.public]
    if template.flyers == "eligible":
        if chosen:
            attachments.append(brochure(store, employer_id, chosen))
    else:
        sender = flyer_sender(store)
        seen_names: set[str] = set()
        for program in chosen:
            name = program_flyer.filename(program)
            if name in seen_names:
                continue
            seen_names.add(name)
            attachments.append(
                mail_message.Attachment(name, program_flyer.build(program, catalog.agency, sender))
            )
    if template.rfi_form:
        attachments.append(
            mail_message.Attachment(
                "Request for Information.pdf", rfi_documents.form_pdf(store, employer_id)
            )
        )
    to, cc = _recipients(store, employer_id)
    sender_name, sender_email = sender_address(store)
    return mail_message.Draft(
        kind=kind,
        employer_id=employer_id,
        to=[_address(r) for r in to],
        cc=[_address(r) for r in cc],
        subject=subject,
        body=body,
        sender_name=sender_name,
        sender_email=sender_email,
        attachments=attachments,
    )


def _address(r: Recipient) -> str:
    from email.utils import formataddr

    return formataddr((r.name, r.email))


# Drafting and sending -------------------------------------------------------


def _log(store: Store, draft: mail_message.Draft, summary: str, outcome: str) -> None:
    """The activity for this email, and the pipeline step it marks, in one transaction."""
    if not draft.employer_id:
        return
    me = settings.me(store)
    with store.transaction() as session:
        employer = session.get(Employer, draft.employer_id)
        session.add(
            Activity(
                employer_id=draft.employer_id,
                kind="email",
                occurred_at=utcnow(),
                staff_id=me.id if me else None,
                summary=summary,
                outcome=outcome,
            )
        )
        target = STAGE_OF_KIND.get(draft.kind)
        if employer is not None and target is not None:
            new_stage = advance(employer.stage, target)
            if new_stage != employer.stage:
                employer.stage = new_stage
                employer.stage_changed_at = utcnow()
                employer.updated_at = utcnow()
                session.add(employer)


def save_draft(store: Store, draft: mail_message.Draft, folder: Path | None = None) -> Path:
    """Write the .eml draft (X-Unsent: 1, Outlook opens it ready to send) and log it."""
    if not draft.to:
        raise ValueError("Add the employer's email address before saving the email.")
    message = mail_message.to_message(draft, unsent=True)
    stem = f"{date.today().isoformat()} {draft.subject}"
    path = mail_message.write_eml(message, folder or drafts_folder(store), stem)
    _log(
        store,
        draft,
        f"Email drafted to {', '.join(draft.to)}: {draft.subject}",
        f"drafted:{draft.kind}",
    )
    return path


def queue(store: Store, draft: mail_message.Draft) -> OutboxMessage:
    """Put the email in the outbox (kept in the store until the server takes it) and log it."""
    if not draft.to:
        raise ValueError("Add the employer's email address before sending.")
    if smtp_settings(store) is None:
        raise ValueError("No mail server is set up; save the email as a draft for Outlook instead.")
    me = settings.me(store)
    message = mail_message.to_message(draft, unsent=False)
    row = outbox.enqueue(store, message, draft.employer_id, draft.kind, me.id if me else None)
    _log(
        store,
        draft,
        f"Email queued to {', '.join(draft.to)}: {draft.subject}",
        f"queued:{draft.kind}",
    )
    return row


_flushing = threading.Lock()


def flush_outbox(store: Store) -> outbox.FlushResult:
    """Send everything waiting, if a server is set up (safe to call at start and on a timer).

    One flush at a time in this process: a timer and a Send click never send a message twice.
    """
    if not _flushing.acquire(blocking=False):
        return outbox.FlushResult(0, len(outbox.waiting(store)), 0, "")
    try:
        return _flush(store)
    finally:
        _flushing.release()


def _flush(store: Store) -> outbox.FlushResult:
    config = smtp_settings(store)
    if config is None:
        return outbox.FlushResult(0, len(outbox.waiting(store)), 0, "No mail server is set up.")
    password = smtp.get_password(config)

    def sender(message: Any) -> None:
        smtp.send(message, config, password)

    return outbox.flush(store, sender)
