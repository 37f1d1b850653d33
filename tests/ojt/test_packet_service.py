"""The packet from a real store: gathered values, the missing-information list, the batch."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app.services.ojt import agreements, invoices, packet, timesheets
from tests.ojt.packet_samples import START, TODAY, make_agreement

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_packet_from_the_store_has_the_values_and_no_ids(store) -> None:
    agreement_id, ids = make_agreement(store)
    data = packet.gather(store, agreement_id, today=TODAY)
    assert data.employer.legal_name == "Halsted Tool & Die Inc"
    assert data.trainee.name == "Imani Castellano"
    assert data.trainee.program == "WIOA Adult"
    assert data.invoice is not None and data.invoice.number == 2
    assert data.invoice.overtime_hours == 2
    assert data.next_period == (date(2026, 3, 9), date(2026, 3, 15))
    assert [r.rating for r in data.progress] == ["Progressing"]
    assert data.wotc is not None and data.wotc.filing_deadline == date(2026, 3, 23)
    pdf = packet.packet_pdf(store, agreement_id, today=TODAY)
    assert pdf == packet.packet_pdf(store, agreement_id, today=TODAY)
    text = " ".join(text_of(pdf).split())
    for value in (
        "Halsted Tool & Die Inc",
        "Imani Castellano",
        "CNC Operator Trainee",
        "1400 S Halsted St",
        "$19.50",
        "Reading blueprints",
        "Progressing",
        "Reimbursement Request No. 2",
        "03/02/2026 to 03/08/2026",
        "March 23, 2026",
    ):
        assert value in text, value
    assert not UUID.search(text)
    for record_id in ids.values():
        assert record_id not in text


def test_missing_information_names_field_and_record(store) -> None:
    agreement_id, ids = make_agreement(store)
    items = {item.label: item for item in packet.missing_information(store, agreement_id)}
    assert items["FEIN"].record == packet.EMPLOYER
    assert items["FEIN"].record_id == ids["employer"]
    assert items["FEIN"].field == "fein"
    assert items["Authorized signer"].record == packet.AGREEMENT
    assert items["Authorized signer"].field == "signer_name"
    assert items["O*NET-SOC occupation"].record == packet.AGREEMENT
    assert items["WOTC: job offered"].record == packet.WOTC
    assert "Position" not in items and "Employer (legal name)" not in items
    # Fixing the agreement field takes it off the list.
    agreements.update_field(store, agreement_id, "signer_name", "Ruth Abernathy")
    assert "Authorized signer" not in {
        i.label for i in packet.missing_information(store, agreement_id)
    }
    # The packet prints each of them as a marked blank.
    data = packet.gather(store, agreement_id, today=TODAY)
    assert data.employer.fein is None and data.agreement.onet_code is None


def test_invoices_due_in_a_month_in_one_pdf(store) -> None:
    agreement_id, _ = make_agreement(store)
    first = invoices.invoices(store, agreement_id)[0]
    assert packet.invoices_due(store, 2026, 3) == [
        (agreement_id, date(2026, 3, 1)),
        (agreement_id, date(2026, 3, 8)),
    ]
    invoices.approve(store, first.id, on=TODAY)
    invoices.pay(store, first.id, on=TODAY)
    assert packet.invoices_due(store, 2026, 3) == [(agreement_id, date(2026, 3, 8))]
    text = text_of(packet.invoices_due_pdf(store, 2026, 3, today=TODAY))
    assert "Reimbursement Request No. 2" in text and "Page 1 of 4" in text
    assert "On-the-Job Training Agreement" not in text
    assert packet.invoices_due(store, 2026, 4) == []


def test_cli_packet_and_invoices_due(store, tmp_path, capsys) -> None:
    from app.__main__ import main

    agreement_id, _ = make_agreement(store)
    out = tmp_path / "packet.pdf"
    assert main(["--store", str(store.path), "ojt", "packet", agreement_id, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "FEIN: Employer record, field fein" in printed
    assert "Halsted Tool & Die Inc" in text_of(out.read_bytes())
    batch = tmp_path / "due.pdf"
    args = ["--store", str(store.path), "ojt", "invoices-due", "--month", "2026-03"]
    assert main([*args, "--out", str(batch)]) == 0
    assert "2 reimbursement requests written" in capsys.readouterr().out
    assert text_of(batch.read_bytes()).count("Page 1 of 4") == 2
    assert main([*args[:-1], "2026-04", "--out", str(tmp_path / "none.pdf")]) == 1
    assert "No reimbursement request is due in April 2026" in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()
    assert main(["--store", str(store.path), "ojt", "packet", "nope", "--out", str(out)]) == 1


def test_an_internal_program_is_never_printed(store) -> None:
    agreement_id, ids = make_agreement(store)
    agreements.update_field(store, agreement_id, "program_code", "p2p")
    data = packet.gather(store, agreement_id, today=TODAY)
    assert data.trainee.program is None
    text = text_of(packet.packet_pdf(store, agreement_id, today=TODAY))
    assert "Pathways" not in text and "p2p" not in text
    items = {i.label: i for i in packet.missing_information(store, agreement_id)}
    assert items["Program"].record == packet.AGREEMENT  # the trainee has a WIOA program on file


def test_a_corrected_request_keeps_its_number_and_prints_the_new_hours(store) -> None:
    agreement_id, _ = make_agreement(store)
    first = invoices.invoices(store, agreement_id)[0]
    timesheets.add_timesheet(
        store,
        agreement_id,
        START,
        [8, 8, 8, 8, 6, 0, 0],
        "19.50",
        kind="weekly",
        replaces_id=first.timesheet_ids.split(",")[0],
    )
    invoices.correct(store, first.id, "Friday was 6 hours", requested_on=TODAY)
    data = packet.gather(store, agreement_id, period=START, today=TODAY)
    assert data.invoice is not None and data.invoice.number == 1
    assert sum(h for _, h in data.invoice.days) == 38
    assert data.invoice.overtime_hours == 0
    # The month's batch holds the correction, not the request it replaced.
    due = packet.invoices_due(store, 2026, 3)
    assert due == [(agreement_id, date(2026, 3, 1)), (agreement_id, date(2026, 3, 8))]


def test_a_job_title_is_never_printed_as_the_supervisor_who_signs(store) -> None:
    agreement_id, _ = make_agreement(store)
    agreements.update_field(store, agreement_id, "supervisor_name", "Head cook")
    data = packet.gather(store, agreement_id, today=TODAY)
    assert (data.employer.supervisor_name, data.employer.supervisor_title) == (None, "Head cook")
    agreements.update_field(store, agreement_id, "supervisor_name", "Dana Okafor, Head cook")
    data = packet.gather(store, agreement_id, today=TODAY)
    assert (data.employer.supervisor_name, data.employer.supervisor_title) == (
        "Dana Okafor",
        "Head cook",
    )
    text = " ".join(text_of(packet.packet_pdf(store, agreement_id, today=TODAY)).split())
    assert "Dana Okafor, Head cook" in text
