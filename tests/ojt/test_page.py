"""The OJT & Packets page, driven through its widgets: list, filters, missing values, packet."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from app.services.ojt import agreements, invoices, overview, packet, timesheets
from app.services.people import placements
from app.ui.context import AppContext
from app.ui.ojt.dialogs import NewAgreementDialog
from app.ui.ojt.employer_section import EmployerOjtSection
from app.ui.ojt.models import SHARE_ROLE, AgreementModel, MissingModel
from app.ui.ojt.page import OjtPage
from tests.ojt.packet_samples import START, TODAY, make_agreement


@pytest.fixture
def made(store):
    agreement_id, ids = make_agreement(store)
    return store, agreement_id, ids


@pytest.fixture
def page(made, qtbot):
    store, _, _ = made
    widget = OjtPage(AppContext(store=store))
    qtbot.addWidget(widget)
    return widget


def test_models_pass_the_model_tester(made, qtmodeltester) -> None:
    store, agreement_id, _ = made
    model = AgreementModel()
    model.set_rows(overview.rows(store))
    qtmodeltester.check(model)
    missing = MissingModel()
    missing.set_rows(packet.missing_information(store, agreement_id))
    qtmodeltester.check(missing)
    from app.ui.ojt.models import InvoiceModel, SkillModel, TimesheetModel

    for cls, rows in (
        (SkillModel, agreements.skills(store, agreement_id)),
        (TimesheetModel, timesheets.current_timesheets(store, agreement_id)),
        (InvoiceModel, invoices.invoices(store, agreement_id)),
    ):
        m = cls()
        m.set_rows(rows)
        assert m.rowCount() == len(rows) > 0
        qtmodeltester.check(m)


def test_list_shows_the_agreement_and_its_money(page, made) -> None:
    _, agreement_id, _ = made
    assert page.model.rowCount() == 1
    assert page.current_agreement_id() == agreement_id
    row = page.model.row_at(0)
    assert (row.employer_name, row.trainee_name, row.status_label) == (
        "Halsted Tool & Die Inc",
        "Imani Castellano",
        "Active",
    )
    assert row.next_invoice_due == date(2026, 3, 15)
    assert row.reimbursed_cents == 0
    assert page.model.index(0, AgreementModel.MONEY).data(SHARE_ROLE) == 0.0
    assert "of $" in page.model.index(0, AgreementModel.MONEY).data()
    assert page.plan.model.rowCount() == 1
    assert page.timesheets.model.rowCount() == 2
    assert page.invoices.model.rowCount() == 2
    assert page.form.fields["position_title"].text() == "CNC Operator Trainee"


def test_filters_by_status_employer_and_bsr(page, made) -> None:
    _, _, ids = made
    page.status.select("draft")
    page.apply_filters()
    assert page.model.rowCount() == 0
    assert page.current_agreement_id() is None
    page.status.select("active")
    page.employer.select(ids["employer"])
    page.apply_filters()
    assert page.model.rowCount() == 1
    page.bsr.select(page.bsr.itemData(page.bsr.count() - 1))
    page.apply_filters()
    assert page.model.rowCount() == 1


def test_missing_value_takes_the_user_to_its_record(page, made, qtbot) -> None:
    store, agreement_id, ids = made
    labels = [m.label for m in page.packet.missing.rows()]
    assert "FEIN" in labels and "Authorized signer" in labels
    # The employer's FEIN: the employer page is asked to open.
    page.packet.missing_view.selectRow(labels.index("FEIN"))
    with qtbot.waitSignal(page.context.signals.open_employer) as opened:
        page.packet.go_button.click()
    assert opened.args == [ids["employer"]]
    # The signer: the agreement's own field, focused; typing it there takes it off the list.
    page.packet.missing_view.selectRow(labels.index("Authorized signer"))
    page.packet.go_to_selected()
    assert page.tabs.currentWidget() is page.form
    box = page.form.fields["signer_name"]
    box.set_text("Ruth Abernathy")
    box.finish()
    assert agreements.get(store, agreement_id).signer_name == "Ruth Abernathy"
    assert "Authorized signer" not in [m.label for m in page.packet.missing.rows()]


def test_packet_preview_and_save(page, tmp_path) -> None:
    assert not page.packet.save_button.isEnabled()
    page.packet.show_button.click()
    assert page.packet.preview.page_count == 7
    assert page.packet.print_button.isEnabled()
    saved = page.packet.save_to(tmp_path / "packet")
    assert saved == tmp_path / "packet.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    # The first invoice's period gives request no. 1.
    page.packet.period.setCurrentIndex(page.packet.period.count() - 1)
    page.packet.show_packet()
    text = packet_text(page.packet.preview.pdf)
    assert "Reimbursement Request No. 1" in text


def test_invoices_due_this_month_in_the_preview(page, qtbot) -> None:
    page.month.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(page.batch_ready, timeout=120_000):
        page.batch_button.click()
    assert page.tabs.currentWidget() is page.packet
    assert page.packet.preview.page_count == 8  # two requests of four pages
    assert page.packet.title == "Reimbursement requests due March 2026"
    assert page.batch_button.isEnabled()
    page.month.setDate(QDate(2026, 6, 1))
    with qtbot.waitSignal(page.batch_ready, timeout=120_000):
        page.show_invoices_due()
    assert "No reimbursement request is due in June 2026" in page.error.text()
    assert page.packet.preview.page_count == 8  # the March requests stay shown


def test_new_agreement_from_a_hire_in_one_step(page, made, qtbot) -> None:
    store, _, ids = made
    hire = placements.create_placement(
        store,
        ids["participant"],
        ids["employer"],
        {"position_title": "Machine Setter", "hire_date": START, "wage_cents": "21.00"},
        today=TODAY,
    )
    dialog = NewAgreementDialog(page.context, ids["employer"], page)
    qtbot.addWidget(dialog)
    assert dialog.placement.currentData() == hire.id
    with qtbot.waitSignal(page.context.signals.data_changed):
        dialog.create()
    assert dialog.agreement_id is not None
    assert page.open_agreement(dialog.agreement_id)
    assert page.model.rowCount() == 2
    assert agreements.get(store, dialog.agreement_id).position_title == "Machine Setter"
    section = EmployerOjtSection(page.context)
    qtbot.addWidget(section)
    section.set_employer(ids["employer"])
    assert section.model.rowCount() == 2
    assert "2 agreements" in section.summary.text()


def packet_text(pdf: bytes | None) -> str:
    import io

    from pypdf import PdfReader

    assert pdf is not None
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_status_changes_from_the_agreement_tab(page, made) -> None:
    store, agreement_id, _ = made
    form = page.form
    assert [form.next_status.itemData(i) for i in range(form.next_status.count())] == ["completed"]
    form.status_date.setDate(QDate(2026, 5, 15))
    assert form.change_status()
    done = agreements.get(store, agreement_id)
    assert (done.status, done.completed_on) == ("completed", date(2026, 5, 15))
    assert not form.apply_status.isEnabled()  # a completed agreement is closed
    assert page.model.row_at(0).status_label == "Completed"


def test_a_missing_wotc_date_is_saved_on_its_record(page, made) -> None:
    item = next(m for m in page.packet.missing.rows() if m.label == "WOTC: job offered")
    assert not page.save_missing(item, "not a date")
    assert page.error.text()
    assert page.save_missing(item, "02/18/2026")
    assert "WOTC: job offered" not in [m.label for m in page.packet.missing.rows()]
