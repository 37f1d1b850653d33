"""An eligible employer receives ONE services brochure, not a flyer per program."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app import forms
from app.core.programs import Result
from app.documents import services_brochure
from app.services.agency.public import internal_terms
from app.services.rfi import eligibility
from app.services.rfi import mail as mail_service
from app.services.rfi import rfi as rfi_service
from tests.mail.test_mail import bsr, employer  # noqa: F401 - fixtures
from tests.rfi.answers import full_answers

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _text(pdf: bytes) -> tuple[list[str], str]:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    return pages, " ".join(" ".join(pages).split())


def test_the_eligibility_email_carries_one_brochure_of_the_programs_that_apply(
    store,
    employer,  # noqa: F811
) -> None:
    rfi_service.record_answers(store, employer.id, full_answers())
    evaluation = eligibility.evaluate(store, employer.id)
    assert mail_service.choose_kind(evaluation) == "eligible"
    catalog = forms.PROGRAMS.load()
    applies = [catalog.program(r.code) for r in evaluation.by_result(Result.ELIGIBLE)]
    assert len(applies) >= 5
    draft = mail_service.compose(store, employer.id, "eligible")
    assert [a.filename for a in draft.attachments] == ["Services for Pilsen Bakery.pdf"]
    assert 'The attached brochure, "Services for Pilsen Bakery"' in draft.body
    pages, text = _text(draft.attachments[0].data)
    # Agency header and "Page X of Y" on every page.
    for n, page in enumerate(pages, 1):
        assert catalog.agency.name in page
        assert f"Page {n} of {len(pages)}" in page
        assert not UUID.search(page)
    # Every public program that applies, by its public name; internal ones never named.
    for program in applies:
        if program.public:
            assert program.employer_name in text, program.code
    for term in internal_terms() + ["Pathways to Peace", "IDHS"]:
        assert term not in text, term
    assert employer.id not in text
    # Sources named once each.
    assert text.count("Sources:") == 1
    listed = text.split("Sources:")[1].split(" Page ")[0].split("Central States")[0]
    named = [c.strip() for c in listed.split(";")]
    assert named == services_brochure.sources([p for p in applies if p.public])
    assert len(named) == len(set(named))
    # The email names public programs only too.
    assert "Pathways to Peace" not in draft.body


def test_a_brochure_lists_exactly_what_it_is_given() -> None:
    from app.documents.letterhead import Letterhead

    catalog = forms.PROGRAMS.load()
    chosen = [catalog.program("wotc"), catalog.program("referrals")]
    pdf = services_brochure.build("Pilsen Bakery LLC", chosen, Letterhead("Central States SER"))
    pages, text = _text(pdf)
    assert "Services for Pilsen Bakery LLC" in text
    assert "Work Opportunity Tax Credit (WOTC)" in text and "Candidate referrals" in text
    assert "Federal Bonding Program" not in text and "On-the-Job Training" not in text
    for program in chosen:
        for item in program.looks_for:
            assert " ".join(item.split()) in text
    assert pages[-1].count("Page ") == 1
