"""The employer impact sheet, read back from the PDF."""

from __future__ import annotations

import pytest

from app.services.reports.impact import impact_data, impact_pdf
from tests.reports import world
from tests.reports.pdf_text import assert_fit_for_employers, text_of


def test_impact_sheet_states_the_partnership(store):
    known = world.build(store)
    data = impact_data(store, known["oak"], world.AS_OF)
    assert [e.title for e in data.events] == ["ev1", "ev6"]  # held only: not ev3 or ev5
    assert data.events[0].came == 2
    assert (data.referred, data.interviewed, data.hired) == (3, 2, 3)
    assert data.ojt_reimbursed_cents == 200000
    assert data.wotc == (3, 2, 1)
    pages, text = text_of(impact_pdf(store, known["oak"], world.AS_OF))
    assert pages == 1
    for expected in (
        "Central States SER",
        "Oak Foods LLC",
        "$2,000.00",
        "Successful outcome rate over the last 12 months: 67% (2 of 3)",
        "outside the worker's control",
        "Your contact: Ana Granados",
        "Page 1 of 1",
        "How these numbers are counted",
        "Work Opportunity Tax Credit: 3 hires screened, 2 filed, 1 certified.",
    ):
        assert expected in text, expected
    assert_fit_for_employers(text)


def test_impact_sheet_for_a_new_partner_says_what_is_not_there_yet(store):
    known = world.build(store)
    _, text = text_of(impact_pdf(store, known["birch"], world.AS_OF))
    assert "No hiring events with you yet" in text
    assert "no trainees with you yet" in text
    assert_fit_for_employers(text)


def test_unknown_employer_is_a_clear_error(store):
    with pytest.raises(LookupError, match="No employer"):
        impact_data(store, "nope", world.AS_OF)
