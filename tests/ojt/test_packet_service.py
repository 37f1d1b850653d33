"""The packet from a real store: gathered values, the missing-information list, the batch."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app.core.models.ojt import WotcRecord
from app.services.employers import employers
from app.services.ojt import agreements, invoices, packet, timesheets
from app.services.people import participants, placements

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
START = date(2026, 2, 23)  # a Monday
TODAY = date(2026, 3, 20)


def make_agreement(store) -> tuple[str, dict[str, str]]:
    """An active agreement with two weeks billed (one paid), a rating and a WOTC record."""
    employer = employers.create_employer(
        store,
        {
            "legal_name": "Halsted Tool & Die Inc",
            "street": "1400 S Halsted St",
            "zip_code": "60607",
            "main_phone": "(312) 555-0181",
            "employees_at_site": 35,
        },
    )
    person = participants.create_participant(
        store,
        {
            "first_name": "Imani",
            "last_name": "Castellano",
            "programs": "wioa-adult",
            "phone": "(773) 555-0107",
        },
        today=TODAY,
    )
    placement = placements.create_placement(
        store,
        person.id,
        employer.id,
        {
            "position_title": "CNC Operator Trainee",
            "hire_date": START,
            "wage_cents": "19.50",
            "hours_per_week": 40,
        },
        today=TODAY,
    )
    agreement = agreements.create_from_placement(store, placement.id, today=TODAY)
    agreements.update_field(store, agreement.id, "training_hours", 80)
    agreements.update_field(store, agreement.id, "period_kind", "weekly")
    agreements.add_skill(
        store,
        agreement.id,
        {
            "skill": "Reading blueprints",
            "start_level": "Basic",
            "target_level": "Proficient",
            "hours": 80,
        },
    )
    agreements.set_status(store, agreement.id, "signed", on=date(2026, 2, 20))
    agreements.set_status(store, agreement.id, "active", on=START)
    skill = agreements.skills(store, agreement.id)[0]
    for week in (0, 1):
        monday = date.fromordinal(START.toordinal() + 7 * week)
        timesheets.add_timesheet(
            store, agreement.id, monday, [8, 8, 8, 8, 10, 0, 0], "19.50", kind="weekly"
        )
        invoices.create_invoice(
            store,
            agreement.id,
            monday,
            date.fromordinal(monday.toordinal() + 6),
            ratings={skill.id: "Progressing"},
            requested_on=TODAY,
        )
    with store.transaction() as session:
        session.add(
            WotcRecord(
                employer_id=employer.id,
                participant_id=person.id,
                agreement_id=agreement.id,
                position_title="CNC Operator Trainee",
                starting_wage_cents=1950,
                prescreened_on=date(2026, 2, 16),
                start_on=START,
            )
        )
    ids = {
        "agreement": agreement.id,
        "employer": employer.id,
        "participant": person.id,
        "placement": placement.id,
        "skill": skill.id,
    }
    return agreement.id, ids


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
