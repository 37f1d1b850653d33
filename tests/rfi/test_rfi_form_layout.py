"""The RFI form as an employer reads it: no record id printed, pages numbered "X of Y",
US spelling, a signature block, and pages evenly filled (no last page nearly empty)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app import forms
from app.core.pipeline import Stage
from app.documents import rfi_form
from app.forms import registry as forms_registry
from app.services.employers import employers
from app.services.rfi import rfi_documents
from tests.rfi.answers import full_answers
from tests.rfi.test_rfi_form import fill, pdf_values

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def pdf(store) -> tuple[str, PdfReader]:
    employer = employers.create_employer(
        store,
        {"legal_name": "Pilsen Bakery LLC", "fein": "36-1234567", "employees_at_site": "30"},
        stage=Stage.FIRST_MEETING,
    )
    return employer.id, PdfReader(io.BytesIO(rfi_documents.form_pdf(store, employer.id)))


def test_no_record_id_is_printed_and_pages_say_x_of_y(pdf) -> None:
    employer_id, reader = pdf
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert employer_id not in text and not UUID.search(text), text[-200:]
        assert f"Page {n} of {total}" in text
        assert "Form " not in text


def test_us_spelling_everywhere_the_form_prints() -> None:
    text = (forms_registry.folder() / "rfi.toml").read_text(encoding="utf-8")
    assert "icence" not in text.lower().replace("license", "")
    assert "Licenses or certificates required" in text


def test_the_form_ends_with_a_signature_block(pdf) -> None:
    _, reader = pdf
    last = reader.pages[-1].extract_text()
    assert "Completed by" in last and "Signature" in last and "Date (MM/DD/YYYY)" in last
    assert "15." in last
    fields = reader.get_fields()
    assert set(rfi_form.SIGNATURE_FIELDS) <= set(fields)


def test_pages_are_evenly_filled_and_questions_stay_whole(pdf) -> None:
    _, reader = pdf
    definition = forms.RFI.load()
    texts = [page.extract_text() for page in reader.pages]
    # Every question's heading and its first answer's label are on the same page.
    for question in definition.questions:
        holding = [t for t in texts if re.search(rf"(^|\n){question.number}\. ", t)]
        assert len(holding) == 1, question.number
        if question.is_group:
            assert question.fields[-1].label.split()[0] in holding[0]
    # The lightest page carries at least half of what the fullest one does.
    lines = [len([line for line in t.splitlines() if line.strip()]) for t in texts]
    assert min(lines) >= max(lines) / 2, lines
    # And the plan itself: no page under half of the fullest.
    breaks = sorted(rfi_form.plan_breaks(definition))
    heights = [rfi_form._question_height(q) for q in definition.questions]
    heights.append(rfi_form.SIGNATURE_H)
    starts = [0, *breaks, len(heights)]
    pages = [sum(heights[a:b]) for a, b in zip(starts, starts[1:], strict=False)]
    assert len(pages) == len(reader.pages)
    assert all(p <= rfi_form.PAGE_ROOM for p in pages)
    assert min(pages) >= max(pages) / 2, pages


def test_a_signed_form_still_imports(store) -> None:
    employer = employers.create_employer(store, {"legal_name": "Pilsen Bakery LLC"})
    blank = rfi_documents.form_pdf(store, employer.id)
    values = pdf_values(full_answers())
    values.update(signed_name="Ana Ruiz", signed_title="Owner", signed_date="01/05/2027")
    result = rfi_documents.import_form(store, fill(blank, values))
    assert result.employer_id == employer.id and result.changes
