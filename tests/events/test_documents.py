"""Flyers and the event report: real PDFs, read back as text and as pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from app import forms
from app.documents.event_flyer import qr_matrix, qr_payload
from app.services.events import event_documents
from tests.events import fixture


def pdf_text(data: bytes, tmp_path: Path, name: str) -> tuple[Path, str]:
    path = tmp_path / name
    path.write_bytes(data)
    reader = PdfReader(path)
    return path, "\n".join(page.extract_text() for page in reader.pages)


def decode_qr(pdf: Path, tmp_path: Path) -> list[str]:
    """Render the first page at 150 dpi with poppler and read every QR code on it."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_flyer_says_what_where_when_and_carries_the_event_in_its_qr(store, tmp_path) -> None:
    known = fixture.build(store)
    event_id = fixture.site_event_with_tour(store, known)
    path, text = pdf_text(
        event_documents.flyer_pdf(store, event_id, lang="en"), tmp_path, "flyer.pdf"
    )
    assert len(PdfReader(path).pages) == 1
    assert PdfReader(path).pages[0].mediabox.width == 612
    for expected in (
        "Pilsen Bakery Inc. is hiring",
        "Thursday, April 15, 2027",
        "9:30 AM - 12 PM",
        "Bakery production worker",
        "$17.50-$19.00/hr",
        "Delivery driver",
        "$21.00/hr",
        "2500 W Cermak Rd, Chicago, IL 60608",
        "Free lot behind the building",  # parking from the workplace tour
        "Pink Line Western",  # transit from the workplace tour
        "A photo ID",
        "Rocio Benavides",
    ):
        assert expected in text, expected
    assert "stressed" not in text  # the BSR's private impressions stay off the flyer
    decoded = decode_qr(path, tmp_path)
    data = event_documents.flyer_data(store, event_id)
    assert decoded == [qr_payload(data, forms.FLYERS.load()["en"])]
    assert "DTSTART;TZID=America/Chicago:20270415T093000" in decoded[0]
    assert "LOCATION:Pilsen Bakery Inc.\\, 2500 W Cermak Rd" in decoded[0]
    assert f"UID:{event_id}" in decoded[0]


def test_half_page_handout_holds_two_copies_with_readable_codes(store, tmp_path) -> None:
    known = fixture.build(store)
    path, text = pdf_text(
        event_documents.flyer_pdf(store, known.event_id, handout=True, lang="en"),
        tmp_path,
        "handout.pdf",
    )
    page = PdfReader(path).pages[0]
    assert (page.mediabox.width, page.mediabox.height) == (792, 612)
    flat = " ".join(text.split())
    assert flat.count("Bakery production worker") == 2
    assert flat.count("$17.50-$19.00/hr") == 2
    assert flat.count("Little Village American Job Center") >= 2
    payload = qr_payload(
        event_documents.flyer_data(store, known.event_id), forms.FLYERS.load()["en"]
    )
    assert decode_qr(path, tmp_path) == [payload, payload]


def test_qr_matrix_is_deterministic_for_a_payload() -> None:
    assert qr_matrix("BEGIN:VEVENT\nEND:VEVENT") == qr_matrix("BEGIN:VEVENT\nEND:VEVENT")
    assert qr_matrix("a") != qr_matrix("b")


def test_job_fair_data_report_states_the_fixture_numbers(store, tmp_path) -> None:
    known = fixture.build(store)
    _, text = pdf_text(event_documents.report_pdf(store, known.event_id), tmp_path, "report.pdf")
    flat = " ".join(text.split())
    for expected in (
        "EVENT REPORT",
        "Page 1 of",
        "Hiring event: Pilsen Bakery Inc.",
        "Thursday, March 18, 2027",
        "5 3 2 2",  # came, walked in, applications helped, interviews set
        "Registered in advance 3 of whom came 2 (67%)",
        "First time at our events 3 Came before 2",
        "Youth (16-24) 2 Adults 3",
        "Arrivals by hour",
        "10:00",
        "60623 3 60%",
        "Other programs",
        "2 7 5 3.5 2",  # events, check-ins, people reached, average, interviews
        "02/11/2027 2 0",
        "03/18/2027 5 2",
        "Prepared by Rocio Benavides",
    ):
        assert expected in flat, expected
