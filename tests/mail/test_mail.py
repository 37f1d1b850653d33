"""Emails: templates, .eml drafts parsed back, SMTP to a local server, the outbox across restarts."""

from __future__ import annotations

import io
import socket
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import keyring
import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader
from sqlmodel import select

from app import forms
from app.core.models import Activity, Employer, OutboxMessage
from app.core.pipeline import Stage
from app.forms import FormsFileError
from app.mail import smtp
from app.services.agency import org
from app.services.employers import employers
from app.services.rfi import mail as mail_service
from app.services.rfi import rfi as rfi_service
from app.store.engine import open_store
from tests.rfi.answers import full_answers


@pytest.fixture
def bsr(store):
    office = org.offices(store)[0]
    return org.save_profile(
        store,
        "Rocio Benavides",
        office.id,
        ["wioa-adult"],
        "rbenavides@example.org",
        "(312) 555-0102",
    )


@pytest.fixture
def employer(store, bsr):
    e = employers.create_employer(
        store, {"legal_name": "Pilsen Bakery LLC"}, stage=Stage.FIRST_MEETING
    )
    employers.add_contact(
        store,
        e.id,
        {"name": "Maria Hernandez", "email": "maria@pilsenbakery.example", "is_primary": True},
    )
    return e


def _stage(store, employer_id: str) -> str:
    with store.session() as session:
        return session.get(Employer, employer_id).stage


def _activities(store, employer_id: str) -> list[Activity]:
    with store.session() as session:
        return list(session.exec(select(Activity).where(Activity.employer_id == employer_id)))


def test_templates_load_and_fill() -> None:
    templates = forms.EMAILS.load()
    assert set(templates) >= {
        "follow_up",
        "eligible",
        "not_eligible",
        "missing_info",
        "rfi_reminder",
    }
    subject, body = templates["eligible"].fill(
        {"employer_name": "Pilsen Bakery", "contact_name": "Maria"}
    )
    assert subject == "Pilsen Bakery qualifies for our hiring programs"
    assert body.startswith("Dear Maria,")
    assert "\n\n\n" not in body and "${" not in body


@pytest.mark.parametrize(
    ("text", "says", "line"),
    [
        (
            'name = "x"\nsubject = "Hi ${employer}"\nbody = "b"\n',
            "unknown placeholder ${employer}",
            2,
        ),
        ('name = "x"\nsubject = "Hi"\nbody = "costs $5"\n', "not a placeholder", 3),
        ('name = "x"\nsubject = "Hi"\n', "key 'body' is missing", None),
        ('name = "x"\nsubject = "Hi"\nbody = "b"\nflyers = "some"\n', "key 'flyers' is 'some'", 4),
        ('name = "x"\nsubject = "Hi\nbody = "b"\n', "not valid TOML", 2),
    ],
)
def test_broken_template_is_refused(
    forms_folder: Path, text: str, says: str, line: int | None
) -> None:
    path = forms_folder / "emails" / "eligible.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormsFileError) as caught:
        forms.EMAILS.load()
    assert str(caught.value).startswith("eligible.toml")
    assert says in str(caught.value)
    assert caught.value.line == line


def test_missing_template_file_is_refused(forms_folder: Path) -> None:
    (forms_folder / "emails" / "eligible.toml").unlink()
    with pytest.raises(FormsFileError, match="eligible.toml: this email template is missing"):
        forms.EMAILS.load()


def test_follow_up_draft_has_flyers_and_rfi_and_moves_to_rfi_sent(
    store, employer, tmp_path
) -> None:
    draft = mail_service.compose(store, employer.id, "follow_up")
    assert draft.to == ["Maria Hernandez <maria@pilsenbakery.example>"]
    assert "Dear Maria," in draft.body and "Rocio Benavides" in draft.body
    assert "Little Village American Job Center" in draft.body or "American Job Center" in draft.body
    draft.body = draft.body.replace("Dear Maria,", "Dear Ms. Hernandez,")  # the BSR edits
    path = mail_service.save_draft(store, draft, tmp_path)
    parsed = message_from_bytes(path.read_bytes(), policy=default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == "Maria Hernandez <maria@pilsenbakery.example>"
    assert parsed["From"] == "Rocio Benavides <rbenavides@example.org>"
    assert "Dear Ms. Hernandez," in parsed.get_body(("plain",)).get_content()
    names = [a.get_filename() for a in parsed.iter_attachments()]
    assert "Request for Information.pdf" in names
    assert len([n for n in names if n.endswith("flyer.pdf")]) >= 5  # no services chosen yet: all
    for part in parsed.iter_attachments():
        assert part.get_content_type() == "application/pdf"
        assert part.get_content().startswith(b"%PDF")
    assert _stage(store, employer.id) == Stage.RFI_SENT.value
    logged = _activities(store, employer.id)
    assert [a.outcome for a in logged] == ["drafted:follow_up"]
    assert logged[0].kind == "email"


def test_eligibility_email_matches_the_decision(store, employer, tmp_path) -> None:
    rfi_service.record_answers(
        store,
        employer.id,
        full_answers() | {"background_check": "Cannot hire anyone with a record"},
    )
    from app.services.rfi import eligibility

    evaluation = eligibility.evaluate(store, employer.id)
    kind = mail_service.choose_kind(evaluation)
    assert kind == "not_eligible"
    draft = mail_service.compose(store, employer.id, kind)
    assert "Federal Bonding Program: Bonds help employers hire people with a record" in draft.body
    assert "These services are still open to you" in draft.body
    assert "Candidate referrals" in draft.body
    names = [a.filename for a in draft.attachments]
    assert len(names) == 1 and names[0].startswith("Services for ")
    assert "attached brochure" in draft.body
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(draft.attachments[0].data)).pages
    )
    assert "Candidate referrals" in text and "Federal Bonding Program" not in text
    mail_service.save_draft(store, draft, tmp_path)
    assert _stage(store, employer.id) == Stage.ELIGIBILITY_TOLD.value


def test_missing_info_email_lists_what_is_missing(store, employer) -> None:
    rfi_service.record_answers(store, employer.id, {"fein": "36-1234567"})
    from app.services.rfi import eligibility

    kind = mail_service.choose_kind(eligibility.evaluate(store, employer.id))
    assert kind == "missing_info"
    draft = mail_service.compose(store, employer.id, kind)
    assert "  - Employees in total (all locations) (question 6)" in draft.body
    assert [a.filename for a in draft.attachments] == ["Request for Information.pdf"]


def test_draft_without_address_is_refused(store, bsr, tmp_path) -> None:
    e = employers.create_employer(store, {"legal_name": "No Mail Co"})
    draft = mail_service.compose(store, e.id, "follow_up")
    folder = tmp_path / "drafts"
    with pytest.raises(ValueError, match="email address"):
        mail_service.save_draft(store, draft, folder)
    assert not folder.exists()
    assert _activities(store, e.id) == []


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local_server() -> tuple[Controller, Inbox]:
    """A real SMTP server on 127.0.0.1 that keeps what it receives; the caller stops it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp_server():
    controller, inbox = local_server()
    yield controller, inbox
    controller.stop()


def _config(port: int) -> smtp.SmtpSettings:
    return smtp.SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="none",
        from_address="rbenavides@example.org",
        timeout=60,  # a bound for a busy machine, not a measure
    )


def test_send_through_local_smtp_server(store, employer, smtp_server) -> None:
    controller, inbox = smtp_server
    mail_service.save_smtp_settings(store, _config(controller.port), password=None)
    draft = mail_service.compose(store, employer.id, "follow_up")
    mail_service.queue(store, draft)
    result = mail_service.flush_outbox(store)
    assert (result.sent, result.waiting) == (1, 0)
    assert len(inbox.messages) == 1
    mail_from, rcpt, content = inbox.messages[0]
    assert mail_from == "rbenavides@example.org" and rcpt == ["maria@pilsenbakery.example"]
    received = message_from_bytes(content, policy=default)
    assert received["X-Unsent"] is None
    assert "Request for Information.pdf" in [a.get_filename() for a in received.iter_attachments()]
    outcomes = sorted(a.outcome for a in _activities(store, employer.id))
    assert outcomes == ["queued:follow_up", "sent:follow_up"]


def test_outbox_keeps_messages_offline_and_across_a_restart(store, employer, smtp_server) -> None:
    controller, inbox = smtp_server
    offline = _free_port()  # nothing listens here
    mail_service.save_smtp_settings(store, _config(offline), password=None)
    mail_service.queue(store, mail_service.compose(store, employer.id, "follow_up"))
    mail_service.queue(store, mail_service.compose(store, employer.id, "rfi_reminder"))
    result = mail_service.flush_outbox(store)
    assert (result.sent, result.waiting) == (0, 2)
    assert "Could not reach the mail server" in result.error
    path = store.path
    store.close()

    reopened = open_store(path)
    try:
        with reopened.session() as session:
            rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.created_at)).all()
            assert [(r.status, r.attempts) for r in rows] == [("queued", 1), ("queued", 0)]
        mail_service.save_smtp_settings(reopened, _config(controller.port), password=None)
        result = mail_service.flush_outbox(reopened)
        assert (result.sent, result.waiting) == (2, 0)
        subjects = [message_from_bytes(c, policy=default)["Subject"] for _, _, c in inbox.messages]
        assert subjects[0].startswith("Thank you for meeting with us")
        assert subjects[1].startswith("Reminder")
    finally:
        reopened.close()


def test_password_goes_to_the_keyring_only(store, memory_keyring) -> None:
    config = smtp.SmtpSettings(host="mail.example.org", username="rbenavides")
    mail_service.save_smtp_settings(store, config, password="s3cret")
    assert memory_keyring.secrets[(smtp.KEYRING_SERVICE, config.account)] == "s3cret"
    with store.engine.connect() as conn:
        dump = "".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM local_setting"))
    assert "s3cret" not in dump
    assert smtp.get_password(config) == "s3cret"


def test_without_a_secure_keyring_the_password_is_not_kept(store) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    secure, message = smtp.password_storage()
    assert not secure and "no secure password store" in message
    config = smtp.SmtpSettings(host="mail.example.org", username="rbenavides")
    with pytest.raises(smtp.NoSecureKeyring):
        mail_service.save_smtp_settings(store, config, password="s3cret")
    assert mail_service.smtp_settings(store) is None


def test_refused_address_fails_for_good_with_reason(store, employer) -> None:
    from app.mail import outbox
    from app.mail.smtp import MailError

    mail_service.save_smtp_settings(store, _config(_free_port()), password=None)
    mail_service.queue(store, mail_service.compose(store, employer.id, "follow_up"))

    def refuse(message: EmailMessage) -> None:
        raise MailError(
            "The mail server refused these addresses: maria@pilsenbakery.example.", False
        )

    result = outbox.flush(store, refuse)
    assert (result.sent, result.failed, result.waiting) == (0, 1, 0)
    with store.session() as session:
        row = session.exec(select(OutboxMessage)).one()
        assert row.status == "failed" and "refused" in row.last_error
