"""Resumes go out: the referral's email names the opening, carries the real resume file and is
recorded on the referral; to the employer as an Outlook draft, or to the partner that runs a
shared opening through the outbox. Every email is parsed back from its MIME."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import select

from app.core.models import Activity
from app.core.validation import FieldError
from app.mail import outbox
from app.mail.smtp import SmtpSettings
from app.services.agency import org, settings
from app.services.people import partners, referrals, resume_mail
from app.services.rfi import mail as rfi_mail
from app.ui.context import AppContext
from app.ui.people.models import ReferralsModel
from app.ui.people.resume_composer import ResumeComposer
from app.ui.rfi import composer as composer_module
from tests.people import helpers

TODAY = date.today()


def resume_pdf(folder: Path) -> Path:
    """A real one-page PDF resume."""
    path = folder / "Ana Lopez resume.pdf"
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "Ana Lopez - forklift certified, 4 years in warehouses")
    page.save()
    return path


@pytest.fixture
def bsr(store) -> None:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"], email="rdiaz@example.org")


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_a_resume_to_an_employer_is_a_draft_with_the_file_and_the_opening(
    store, bsr, tmp_path: Path
) -> None:
    employer = helpers.employer(store, "Lakeside Foods", contact_email="dana@lakeside.example")
    person = helpers.participant(store, "Ana", "Lopez")
    source = resume_pdf(tmp_path)
    made = referrals.create_referral(
        store, person, TODAY, employer_id=employer, position_title="Forklift operator",
        resume_path=source,
    )  # fmt: skip
    drafts = tmp_path / "drafts"
    path = resume_mail.save_draft(store, made.id, folder=drafts)

    message = parsed(path.read_bytes())
    assert message["Subject"] == "Candidate for Forklift operator: Ana Lopez"
    assert message["To"] == "Dana Ruiz <dana@lakeside.example>"
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",)).get_content()
    assert "Dear Dana," in body and "Forklift operator opening at Lakeside Foods" in body
    assert "attached as Ana Lopez resume.pdf." in body and "Rosa Diaz" in body
    files = list(message.iter_attachments())
    assert [a.get_filename() for a in files] == ["Ana Lopez resume.pdf"]
    assert files[0].get_content_type() == "application/pdf"
    assert files[0].get_content() == source.read_bytes()

    sent = referrals.get(store, made.id)
    assert sent.emailed_at is not None and sent.emailed_as == "draft"
    assert sent.emailed_to == "Dana Ruiz <dana@lakeside.example>"
    assert sent.emailed_file == "Ana Lopez resume.pdf"
    with store.session() as session:
        rows = session.exec(select(Activity).where(Activity.employer_id == employer))
        logged = [a.summary for a in rows]
    assert any("Candidate for Forklift operator" in s for s in logged)


def test_a_resume_for_a_shared_opening_goes_to_the_managing_partner_through_the_outbox(
    store, bsr, tmp_path: Path
) -> None:
    rfi_mail.save_smtp_settings(
        store, SmtpSettings("mail.example.org", from_address="desk@example.org"), password=None
    )
    sharing = partners.create_partner(store, {"name": "Westside Workforce Alliance"})
    runs_it = partners.create_partner(store, {"name": "Pilsen Career Network"})
    partners.add_contact(store, runs_it.id, {"name": "Marta Ibarra", "email": "marta@pcn.example"})
    opening = partners.record_opening(
        store, sharing.id, "Home health aide", TODAY, managed_by_id=runs_it.id,
        employer_name="Garfield Home Health",
    )  # fmt: skip
    person = helpers.participant(store, "Luis", "Perez")
    source = resume_pdf(tmp_path)
    made = partners.send_resume(store, opening.id, person, TODAY, resume_path=source)
    resume_mail.queue(store, made.id)

    waiting = outbox.waiting(store)
    assert len(waiting) == 1 and waiting[0].kind == "resume"
    message = parsed(waiting[0].raw.encode())
    assert message["To"] == "Marta Ibarra <marta@pcn.example>"
    assert "Home health aide" in message["Subject"] and "Luis Perez" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Dear Marta," in body and "Home health aide opening at Garfield Home Health" in body
    (attached,) = list(message.iter_attachments())
    assert attached.get_content() == source.read_bytes()
    sent = referrals.get(store, made.id)
    assert sent.emailed_as == "outbox" and sent.emailed_to == "Marta Ibarra <marta@pcn.example>"


def test_without_a_resume_or_an_address_nothing_goes_out(store, bsr, tmp_path: Path) -> None:
    employer = helpers.employer(store, "No Mail Inc")
    person = helpers.participant(store)
    bare = referrals.create_referral(
        store, person, TODAY, employer_id=employer, position_title="Cook"
    )
    with pytest.raises(FieldError, match="no resume"):
        resume_mail.compose(store, bare.id)
    with_file = referrals.create_referral(
        store, person, TODAY, employer_id=employer, position_title="Cook",
        resume_path=resume_pdf(tmp_path),
    )  # fmt: skip
    with pytest.raises(ValueError, match="email address"):
        resume_mail.save_draft(store, with_file.id, folder=tmp_path / "drafts")
    assert referrals.get(store, with_file.id).emailed_at is None
    assert not (tmp_path / "drafts").exists() or not list((tmp_path / "drafts").iterdir())


def test_the_composer_shows_the_email_and_marks_the_referral(
    qtbot, store, bsr, tmp_path: Path, monkeypatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(
        composer_module.FileOpener, "open", classmethod(lambda cls, p: opened.append(p))
    )
    settings.put(store, rfi_mail.DRAFTS_FOLDER, str(tmp_path / "drafts"))
    employer = helpers.employer(store, "Lakeside Foods", contact_email="dana@lakeside.example")
    person = helpers.participant(store, "Ana", "Lopez")
    made = referrals.create_referral(
        store, person, TODAY, employer_id=employer, position_title="Line cook",
        resume_path=resume_pdf(tmp_path),
    )  # fmt: skip
    ctx = AppContext(store=store)
    dialog = ResumeComposer(ctx, made.id, employer)
    qtbot.addWidget(dialog)
    assert dialog.subject.text() == "Candidate for Line cook: Ana Lopez"
    assert dialog.attachments.count() == 1
    assert dialog.attachments.item(0).text().startswith("Ana Lopez resume.pdf")
    assert not dialog.send_button.isEnabled()  # no mail server: an Outlook draft
    with qtbot.waitSignal(ctx.signals.data_changed):
        path = dialog.save_draft()
    assert path is not None and opened == [path]
    assert [a.get_filename() for a in parsed(path.read_bytes()).iter_attachments()] == [
        "Ana Lopez resume.pdf"
    ]
    model = ReferralsModel()
    model.set_rows(referrals.list_rows(store, participant_id=person))
    column = model.columnCount() - 1
    shown = model.index(0, column).data()
    assert "Dana Ruiz <dana@lakeside.example> (draft)" in shown
