"""Program flyers come from the catalog and carry the agency and the BSR's contact details."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app import forms
from app.documents.program_flyer import Sender, build, filename

SENDER = Sender("Rocio Benavides", "rbenavides@example.org", "(312) 555-0102", "Little Village")


@pytest.mark.parametrize("code", [p.code for p in forms.PROGRAMS.load().programs])
def test_each_program_has_a_one_page_letter_flyer(code: str) -> None:
    catalog = forms.PROGRAMS.load()
    program = catalog.program(code)
    reader = PdfReader(io.BytesIO(build(program, catalog.agency, SENDER)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    text = " ".join(page.extract_text().split())
    assert catalog.agency.name in text
    assert program.employer_name in text
    # "What we look for" is written for employers, not the rules pasted in.
    for item in program.looks_for:
        assert " ".join(item.split()) in text
    for rule in program.rules:
        assert rule.checks not in text
    # Each citation printed once, on one "Sources" line.
    assert text.count("Sources:") == 1 and "Rules:" not in text
    named = [c.strip() for c in text.split("Sources:")[1].split(";")]
    assert named == list(program.citations) and len(named) == len(set(named))
    assert text.count("20 CFR 680.700") <= 1
    assert (
        "Rocio Benavides" in text and "(312) 555-0102" in text and "rbenavides@example.org" in text
    )
    assert "Little Village American Job Center" in text
    assert filename(program).endswith(" - flyer.pdf")


def test_a_flyer_without_a_bsr_still_says_where_to_turn() -> None:
    catalog = forms.PROGRAMS.load()
    text = (
        PdfReader(io.BytesIO(build(catalog.program("wotc"), catalog.agency, None)))
        .pages[0]
        .extract_text()
    )
    assert catalog.agency.website in text
