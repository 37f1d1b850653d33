"""The packet PDF: every pre-filled value in its own section, blanks marked, same bytes each time."""

from __future__ import annotations

import dataclasses
import io
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.documents.ojt.packet import build_invoice_batch, build_packet
from tests.ojt.packet_samples import full_packet, packet_with_gaps

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def sections(pdf: bytes) -> dict[str, str]:
    """Page text grouped by the section named in the letterhead band (the line after the
    agency name, which is drawn last on each page)."""
    out: dict[str, str] = {}
    for text in pages(pdf):
        lines = text.splitlines()
        title = lines[max(n for n, line in enumerate(lines) if line == "Central States SER") + 1]
        out[title] = out.get(title, "") + "\n" + text
    return out


def test_every_prefilled_value_is_in_its_section() -> None:
    data = full_packet()
    got = sections(build_packet(data))
    e, t, a = data.employer, data.trainee, data.agreement
    expected = {
        "Cover sheet": [
            e.legal_name,
            t.name,
            a.position_title,
            "03/02/2026 to 03/08/2026",
            "Reimbursement request no. 2",
            "Work Opportunity Tax Credit worksheet",
        ],
        "OJT agreement": [
            e.legal_name,
            e.fein,
            e.worksite_address,
            e.phone,
            e.signer_name,
            e.signer_title,
            e.supervisor_name,
            "42",
            t.name,
            t.program,
            a.position_title,
            a.onet_code,
            "02/23/2026",
            "04/17/2026",
            "320",
            "$18.25",
            "75%",
            "$4,380.00",
            "02/16/2026",
            "$10,000.00",
        ],
        "Training plan": [
            t.name,
            a.position_title,
            "Marcus Whitfield",
            "Keisha Dunmore",
            *[s.skill for s in data.plan.skills],
            "Certified",
            "Independent",
            "Classroom",
            "Westside Safety Institute",
            "Total (310 on the job, 10 in class)",
        ],
        "Reimbursement request no. 2": [
            "03/02/2026",
            "03/06/2026",
            "10.5",
            "42.5",
            "2.5",
            "$775.63",
            "$547.50",
            "$1,095.00",
            "$3,285.00",
            e.signer_name,
            t.name,
        ],
        "Progress report": [
            "Passed the written test",
            "Meets target",
            "Beginning",
            "Not started",
            *[s.skill for s in data.plan.skills],
        ],
        "Timesheet for 03/09/2026 to 03/15/2026": [
            "03/09/2026",
            "03/12/2026",
            "03/15/2026",
            t.name,
            e.supervisor_name,
            a.position_title,
        ],
        "Work Opportunity Tax Credit worksheet": [
            e.legal_name,
            e.fein,
            e.worksite_address,
            e.phone,
            t.name,
            a.position_title,
            "02/23/2026",
            "02/10/2026",
            "02/12/2026",
            "$18.25",
            "March 23, 2026",
            "IRS Form 8850",
            "ETA Form 9061",
            "28th day",
        ],
    }
    assert set(expected) == set(got)
    for section, values in expected.items():
        text = " ".join(got[section].split())
        for value in values:
            assert value and str(value) in text, (section, value)


def test_no_record_id_and_page_x_of_y() -> None:
    texts = pages(build_packet(full_packet()))
    assert len(texts) == 7
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of 7" in text
        assert not UUID.search(text)
        assert "missing" not in text
        assert "Central States SER" in text


def test_same_data_same_bytes_other_data_other_bytes() -> None:
    assert build_packet(full_packet(3)) == build_packet(full_packet(3))
    assert build_packet(full_packet(3)) != build_packet(full_packet(4))


def test_blanks_are_marked_and_listed_on_the_cover() -> None:
    got = sections(build_packet(packet_with_gaps()))
    cover = " ".join(got["Cover sheet"].split())
    assert "Not known when this packet was printed" in cover
    for name in (
        "FEIN",
        "Authorized signer",
        "Signer's title",
        "Training supervisor",
        "Starting hourly wage",
        "Maximum reimbursement",
    ):
        assert name in cover
    assert cover.count("FEIN") == 1  # the WOTC block's "employer identification number" is the same
    agreement = got["OJT agreement"]
    assert agreement.count("missing") >= 6
    assert "36-41" not in agreement
    assert "missing" in got["Work Opportunity Tax Credit worksheet"]


def test_packet_without_invoice_or_wotc_lists_only_what_is_enclosed() -> None:
    data = dataclasses.replace(full_packet(), invoice=None, progress=(), wotc=None)
    got = sections(build_packet(data))
    assert set(got) == {
        "Cover sheet",
        "OJT agreement",
        "Training plan",
        "Timesheet for 03/09/2026 to 03/15/2026",
    }
    assert "None in this packet" in got["Cover sheet"]


def test_plan_hours_that_do_not_add_up_are_shown() -> None:
    data = full_packet()
    data = dataclasses.replace(
        data, agreement=dataclasses.replace(data.agreement, training_hours=400)
    )
    plan = " ".join(sections(build_packet(data))["Training plan"].split())
    assert "The plan adds up to 320 hours; the agreement names 400 training hours" in plan


def test_batch_numbers_each_packet_on_its_own() -> None:
    texts = pages(build_invoice_batch([full_packet(n) for n in range(3)], "Invoices due"))
    assert len(texts) == 12  # cover, request, progress report, timesheet each
    assert sum("Page 1 of 4" in t for t in texts) == 3
    assert not any("On-the-Job Training Agreement" in t for t in texts)
    assert "Tobias Renner2" in texts[-1]


@settings(max_examples=12, deadline=None, derandomize=True)
@given(
    employer=st.text(alphabet=string.ascii_letters + " &<>'\".,-", min_size=1, max_size=40),
    trainee=st.text(alphabet=string.ascii_letters + " &'-", min_size=1, max_size=30),
)
def test_any_names_print_as_typed(employer: str, trainee: str) -> None:
    employer, trainee = " ".join(employer.split()), " ".join(trainee.split())
    data = full_packet()
    data = dataclasses.replace(
        data,
        employer=dataclasses.replace(data.employer, legal_name=employer or None),
        trainee=dataclasses.replace(data.trainee, name=trainee or None),
    )
    pdf = build_packet(data)
    assert pdf == build_packet(data)
    cover = " ".join(sections(pdf)["Cover sheet"].split())
    for name in (employer, trainee):
        assert (name or "missing") in cover
