"""Printing goes through QPrinter: here a PDF printer, so the printed pages can be read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.services.events import event_documents
from app.ui.printing import page_images, print_to
from tests.events import fixture


def test_flyer_and_report_print_every_page(qtbot, store, tmp_path: Path) -> None:
    known = fixture.build(store)
    for name, pdf, pages in (
        ("flyer", event_documents.flyer_pdf(store, known.event_id), 1),
        ("report", event_documents.report_pdf(store, known.event_id), 2),
    ):
        images = page_images(pdf, dpi=72)
        assert len(images) == pages
        assert (images[0].width(), images[0].height()) == (612, 792)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = tmp_path / f"{name}-printed.pdf"
        printer.setOutputFileName(str(out))
        assert print_to(printer, pdf) == pages
        assert len(PdfReader(out).pages) == pages
        # The printed page is not blank: the image holds dark ink (text, QR code).
        printed = page_images(out.read_bytes(), dpi=30)[0]
        dark = sum(
            1
            for y in range(0, printed.height(), 3)
            for x in range(0, printed.width(), 3)
            if printed.pixelColor(x, y).lightness() < 100
        )
        assert dark > 20
