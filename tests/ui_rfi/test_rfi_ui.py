"""The RFI & eligibility tab, the entry dialog, the composer and the Today timers, driven as a BSR would."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlmodel import select

from app.core.models import Activity, EligibilityDecision, Employer
from app.core.pipeline import Stage
from app.services.employers import employers
from app.services.rfi import rfi as rfi_service
from app.services.rfi import rfi_documents
from app.ui.rfi import panel as panel_module
from app.ui.rfi.panel import EligibilityPanel
from app.ui.rfi.today import (
    EligibilityOwedSection,
    FollowUpEmailsOwedSection,
    RfisUnansweredSection,
)
from tests.rfi.answers import full_answers
from tests.rfi.test_rfi_form import fill, pdf_values


@pytest.fixture
def panel(qtbot, context, employer) -> EligibilityPanel:
    widget = EligibilityPanel(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 620)
    widget.set_employer(employer.id)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def returned_pdf(store, employer_id: str, tmp_path: Path, answers: dict | None = None) -> Path:
    path = tmp_path / "RFI returned.pdf"
    pdf = rfi_documents.form_pdf(store, employer_id)
    path.write_bytes(fill(pdf, pdf_values(answers or full_answers())))
    return path


def test_models_pass_the_model_tester(qtmodeltester, panel, context, employer) -> None:
    rfi_service.record_answers(context.store, employer.id, full_answers() | {"hires_12m": ""})
    context.signals.data_changed.emit("rfi_answer")
    assert panel.answers.rowCount() > 40
    for model in (panel.programs, panel.answers, panel.missing):
        qtmodeltester.check(model)


def test_panel_re_evaluates_when_answers_change(qtbot, panel, context, employer) -> None:
    assert panel.programs.rowCount() == 9
    assert all(r.result.result.value == "needs_information" for r in panel.programs.rows())
    rfi_service.record_answers(context.store, employer.id, full_answers())
    context.signals.data_changed.emit("rfi_answer")
    results = {r.result.code: r.result.result.value for r in panel.programs.rows()}
    assert results["referrals"] == "eligible"
    assert panel.missing.rowCount() == 0
    assert panel.tabs.tabText(2) == "Missing (0)"
    rfi_service.record_answers(
        context.store, employer.id, {"background_check": "Cannot hire anyone with a record"}
    )
    context.signals.data_changed.emit("rfi_answer")
    results = {r.result.code: r.result.result.value for r in panel.programs.rows()}
    assert results["federal_bonding"] == "not_eligible"
    bonding_row = next(
        i for i, r in enumerate(panel.programs.rows()) if r.result.code == "federal_bonding"
    )
    panel.program_view.selectRow(bonding_row)
    assert "your policy does not allow hiring anyone with a record" in panel.reasons.toPlainText()
    assert "Federal Bonding Program" in panel.reasons.toPlainText()


def test_clicks_from_answers_received_to_eligibility_email_ready(
    qtbot, monkeypatch, panel, context, employer, tmp_path, drafts, opened
) -> None:
    """The returned PDF is in Downloads: count every click and keystroke until the email is ready."""
    pdf = returned_pdf(context.store, employer.id, tmp_path)
    clicks: list[str] = []
    keystrokes: list[str] = []

    def choose_file(cls, parent):
        clicks.extend(["double-click the file"] * 2)  # the file chooser: a double-click
        return pdf

    monkeypatch.setattr(panel_module.PdfFileDialog, "ask_open", classmethod(choose_file))

    def click(button) -> None:
        clicks.append(button.accessibleName())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    click(panel.import_button)
    assert panel.evaluation is not None and panel.evaluation.missing == ()
    click(panel.tell_button)
    composer = panel.composer
    assert composer is not None and composer.isVisible()
    # Ready: addressed, the right letter, filled from the record, one services brochure.
    assert composer.template.currentData() == "eligible"
    assert composer.to.text() == "Maria Hernandez <maria@pilsenbakery.example>"
    assert "Pilsen Bakery qualifies" in composer.subject.text()
    assert composer.attachments.count() == 1
    assert composer.attachments.item(0).text().startswith("Services for Pilsen Bakery")
    assert len(clicks) == 4 and keystrokes == []
    # One more click writes the .eml that Outlook opens ready to send.
    click(composer.save_button)
    assert len(clicks) == 5
    assert len(opened) == 1 and opened[0].parent == drafts
    parsed = message_from_bytes(opened[0].read_bytes(), policy=default)
    assert parsed["X-Unsent"] == "1"
    with context.store.session() as session:
        decisions = session.exec(select(EligibilityDecision)).all()
        assert len(decisions) == 9 and {d.confirmed_by for d in decisions} == {context.me_id}
        assert session.get(Employer, employer.id).stage == Stage.ELIGIBILITY_TOLD.value
    assert "Confirmed" in panel.programs.rows()[0].confirmed


def test_dropping_the_pdf_imports_it(qtbot, panel, context, employer, tmp_path) -> None:
    pdf = returned_pdf(context.store, employer.id, tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(context.signals.data_changed, timeout=30_000):
        panel.dropEvent(event)
    assert rfi_service.answers(context.store, employer.id)["fein"] == "36-1234567"
    assert "last import" in panel.status.text()


def test_bad_pdf_answers_open_the_entry_dialog_to_correct(
    qtbot, monkeypatch, panel, context, employer, tmp_path
) -> None:
    notices: list[str] = []
    monkeypatch.setattr(
        panel_module.Notice, "ask", classmethod(lambda cls, p, t, x: notices.append(x))
    )
    pdf_path = tmp_path / "bad.pdf"
    values = pdf_values(full_answers()) | {"employees_total": "about forty"}
    pdf_path.write_bytes(fill(rfi_documents.form_pdf(context.store, employer.id), values))
    assert panel.import_pdf(pdf_path) is False
    assert "Question 6, Employees in total (all locations)" in notices[0]
    assert rfi_service.answers(context.store, employer.id) == {}
    entry = panel.entry
    assert entry is not None and entry.isVisible()
    editor = entry.editors["employees_total"]
    assert editor.raw() == "about forty"
    assert entry.source.currentData() == "pdf"
    assert entry.save() is False
    assert editor.error.text() == "Enter a whole number, like 25."
    editor.widget.setText("42")
    assert entry.editors["open_positions"].raw()[0]["wage"] == "18.50"
    with qtbot.waitSignal(context.signals.data_changed, timeout=30_000):
        assert entry.save() is True
    stored = rfi_service.answers(context.store, employer.id)
    assert stored["employees_total"] == 42
    assert stored["open_positions"][0]["wage_cents"] == 1850
    assert stored["relocated_120d"] is False


def test_not_our_pdf_says_so(monkeypatch, panel, tmp_path) -> None:
    notices: list[tuple[str, str]] = []
    monkeypatch.setattr(
        panel_module.Notice, "ask", classmethod(lambda cls, p, t, x: notices.append((t, x)))
    )
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"%PDF-1.4 broken")
    assert panel.import_pdf(junk) is False
    assert notices[0][0] == "The PDF is damaged"
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"Dear BSR, here is our form.")
    assert panel.import_pdf(letter) is False
    assert notices[1] == ("Not an RFI form", notices[1][1])
    assert "not a PDF" in notices[1][1]


def test_entry_dialog_saves_only_what_changed(qtbot, panel, context, employer) -> None:
    entry = panel.enter_answers()
    assert entry is not None
    assert entry.editors["legal_name"].raw() == "Pilsen Bakery LLC"  # pre-filled from the record
    fein = entry.editors["fein"].widget
    assert isinstance(fein, QLineEdit)
    fein.setText("361234567")
    relocated = entry.editors["relocated_120d"].widget
    assert isinstance(relocated, QComboBox)
    relocated.setCurrentText("No")
    entry.editors["services_wanted"].checks[5].setChecked(True)
    assert set(entry.values()) == {"fein", "relocated_120d", "services_wanted"}
    with qtbot.waitSignal(context.signals.data_changed, timeout=30_000):
        assert entry.save()
    history = rfi_service.history(context.store, employer.id)
    assert {h.answer_id for h in history} == {"fein", "relocated_120d", "services_wanted"}
    assert {h.source for h in history} == {"phone"}
    assert rfi_service.answers(context.store, employer.id)["services_wanted"] == ["Referrals"]
    assert panel.answers.rowCount() >= 3
    fein_row = next(r for r in panel.answers.rows() if r.field.id == "fein")
    assert (fein_row.value, fein_row.source, fein_row.entered_by) == (
        "36-1234567",
        "Phone",
        "Rocio Benavides",
    )


def test_every_entry_control_has_an_accessible_name(panel) -> None:
    entry = panel.enter_answers()
    for editor in entry.editors.values():
        assert editor.widget.accessibleName()
    for button in (panel.import_button, panel.tell_button, panel.entry_button, panel.form_button):
        assert button.accessibleName()


def test_composer_edits_and_saves(qtbot, panel, context, employer, drafts, opened) -> None:
    composer = panel.write_email("follow_up")
    assert composer.template.currentData() == "follow_up"
    names = [composer.attachments.item(i).text() for i in range(composer.attachments.count())]
    assert any(n.startswith("Request for Information.pdf") for n in names)
    composer.subject.setText("Thank you, Maria")
    composer.body.setPlainText("Dear Maria,\n\nThe form is attached.\n\nAna")
    composer.attachments.setCurrentRow(0)
    composer.remove_attachment.click()
    assert composer.attachments.count() == len(names) - 1
    path = composer.save_draft()
    parsed = message_from_bytes(path.read_bytes(), policy=default)
    assert parsed["Subject"] == "Thank you, Maria"
    text = parsed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Maria,\n\nThe form is attached.")
    assert len(list(parsed.iter_attachments())) == len(names) - 1
    with context.store.session() as session:
        logged = session.exec(select(Activity).where(Activity.employer_id == employer.id)).all()
        assert [a.outcome for a in logged] == ["drafted:follow_up"]
    assert not composer.send_button.isEnabled()  # no mail server set up


def test_composer_sends_through_a_local_server(qtbot, context, employer, panel) -> None:
    from app.services.rfi import mail as mail_service
    from tests.mail.test_mail import _config, local_server

    controller, inbox = local_server()
    try:
        mail_service.save_smtp_settings(context.store, _config(controller.port), None)
        composer = panel.write_email("follow_up")
        assert composer.send_button.isEnabled()
        with qtbot.waitSignal(
            context.signals.status_message,
            timeout=20000,
            check_params_cb=lambda m: m.startswith("Sent"),
        ):
            assert composer.send()
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_today_timers_list_and_open_the_right_email(
    qtbot, qtmodeltester, context, employer, tmp_path
) -> None:
    store = context.store
    other = employers.create_employer(store, {"legal_name": "Midway Logistics"})
    employers.add_contact(
        store, other.id, {"name": "James Brown", "email": "jb@example.com", "is_primary": True}
    )
    employers.log_activity(
        store,
        other.id,
        "meeting_virtual",
        "First meeting",
        occurred_at=datetime.now(UTC),
        staff_id=context.me_id,
    )
    follow = FollowUpEmailsOwedSection(context)
    qtbot.addWidget(follow)
    follow.owner_id = None
    follow.refresh()
    assert follow.model.rowCount() == 1
    qtmodeltester.check(follow.model)
    composer = follow.write_selected()
    assert composer.template.currentData() == "follow_up" and composer.employer_id == other.id

    with store.transaction() as session:  # the RFI went out long ago
        e = session.get(Employer, employer.id)
        e.stage_changed_at = datetime(2026, 1, 5, tzinfo=UTC)
        session.add(e)
    unanswered = RfisUnansweredSection(context)
    qtbot.addWidget(unanswered)
    unanswered.owner_id = None
    unanswered.refresh()
    assert [r.employer_id for r in unanswered.model.rows()] == [employer.id]
    qtmodeltester.check(unanswered.model)
    assert unanswered.write_selected().template.currentData() == "rfi_reminder"

    rfi_service.record_answers(store, employer.id, full_answers())
    owed = EligibilityOwedSection(context)
    qtbot.addWidget(owed)
    owed.owner_id = None
    context.signals.data_changed.emit("rfi_answer")
    owed.refresh()
    assert [r.employer_id for r in owed.model.rows()] == [employer.id]
    qtmodeltester.check(owed.model)
    assert owed.write_selected().template.currentData() == "eligible"
    unanswered.refresh()
    assert unanswered.model.rowCount() == 0


def test_an_over_long_answer_is_named_and_not_put_in_the_entry_form(
    monkeypatch, panel, context, employer, tmp_path
) -> None:
    notices: list[str] = []
    monkeypatch.setattr(
        panel_module.Notice, "ask", classmethod(lambda cls, p, t, x: notices.append(x))
    )
    pdf_path = tmp_path / "long.pdf"
    values = pdf_values(full_answers()) | {"legal_name": "A" * 100_000}
    pdf_path.write_bytes(fill(rfi_documents.form_pdf(context.store, employer.id), values))
    assert panel.import_pdf(pdf_path) is False
    assert (
        "Question 1, Legal business name: at most 120 characters (this answer has 100,000)."
        in notices[0]
    )
    assert rfi_service.answers(context.store, employer.id) == {}
    entry = panel.entry
    assert entry is not None and entry.isVisible()
    assert (
        entry.editors["legal_name"].raw() == "Pilsen Bakery LLC"
    )  # the record's, not the runaway one
    assert entry.editors["fein"].raw() == "36-1234567"


def test_damaged_and_locked_pdfs_say_so(monkeypatch, panel, context, employer, tmp_path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    notices: list[tuple[str, str]] = []
    monkeypatch.setattr(
        panel_module.Notice, "ask", classmethod(lambda cls, p, t, x: notices.append((t, x)))
    )
    data = returned_pdf(context.store, employer.id, tmp_path).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) - 300])
    assert panel.import_pdf(cut) is False
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    assert panel.import_pdf(locked) is False
    assert [t for t, _ in notices] == ["The PDF is damaged", "The PDF is password-protected"]
    assert "protected with a password" in notices[1][1]
    assert rfi_service.answers(context.store, employer.id) == {}
