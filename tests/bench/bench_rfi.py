"""The RFI path's waits a BSR feels: re-evaluating every program when answers change, and the
RFI PDF round trip (build, fill, import), each beside a baseline measured in the same run."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.services.agency import org
from app.services.employers import employers
from app.services.rfi import eligibility, rfi_documents
from app.services.rfi import rfi as rfi_service
from app.store.engine import open_store
from tests.bench.timing import median_ms, ratio_line, repeat
from tests.rfi.answers import full_answers
from tests.rfi.test_rfi_form import fill, pdf_values


def _plain_pdf() -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer)
    c.drawString(72, 720, "A one-page letter")
    c.save()
    return buffer.getvalue()


def run() -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench-rfi-"))
    store = open_store(folder / "store.sqlite")
    org.ensure_reference_data(store)
    ids = []
    for n in range(40):
        e = employers.create_employer(store, {"legal_name": f"Bench Employer {n}"})
        rfi_service.record_answers(store, e.id, full_answers(), source="pdf")
        ids.append(e.id)
    target = ids[len(ids) // 2]

    evaluate = repeat(lambda: eligibility.evaluate(store, target), 9)
    read = repeat(lambda: rfi_service.answers(store, target), 9)
    lines = [
        f"eligibility re-evaluation (9 programs, 48 answers): median {median_ms(evaluate):.1f} ms; "
        f"baseline reading the answers: {median_ms(read):.1f} ms",
        ratio_line("re-evaluation", median_ms(evaluate), median_ms(read)),
    ]

    values = pdf_values(full_answers())

    def round_trip() -> None:
        filled = fill(rfi_documents.form_pdf(store, target), values)
        rfi_documents.import_form(store, filled)

    trip = repeat(round_trip, 5)
    plain = repeat(_plain_pdf, 5)
    lines += [
        f"RFI PDF round trip (build pre-filled, fill, import): median {median_ms(trip):.0f} ms; "
        f"baseline one-page reportlab PDF: {median_ms(plain):.1f} ms",
        ratio_line("RFI round trip", median_ms(trip), median_ms(plain)),
    ]
    store.close()
    return lines
