"""The agency outreach sheet, read back from the PDF."""

from __future__ import annotations

from app.services.reports.outreach import outreach_data, outreach_pdf, public_programs
from tests.reports import world
from tests.reports.pdf_text import assert_fit_for_employers, text_of


def test_outreach_sheet_states_the_last_12_months(store):
    world.build(store)
    data = outreach_data(store, world.AS_OF)
    assert ("2", "hiring events and job fairs held") in data.figures
    assert ("$2,300.00", "OJT training costs paid back to partners") in data.figures
    assert sum(data.came_by_month.values()) == 4
    pages, text = text_of(outreach_pdf(store, world.AS_OF))
    assert pages == 1
    for expected in (
        "Free hiring help from Central States SER",
        "Successful outcome rate: 67% (2 of 3)",
        "WIOA On-the-Job Training (adults)",
        "Federal Bonding Program",
        "How these numbers are counted",
        "outside the worker's control",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    assert_fit_for_employers(text)


def test_programs_in_one_line_leave_out_internal_ones():
    names = [name for name, _ in public_programs()]
    assert "Pathways to Peace" not in names
    assert not any("DHS" in n for n in names)
    assert all(line.endswith((".", "!", "?")) for _, line in public_programs())
