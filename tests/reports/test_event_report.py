"""The event report: only events held count, a planned event is refused with the reason,
labels wrap instead of being cut, program names are the public ones."""

from __future__ import annotations

import pytest

from app.documents.event_report import hbar_chart
from app.services.events import event_documents
from tests.reports import world
from tests.reports.pdf_text import assert_fit_for_employers, text_of


def test_planned_event_report_is_refused_with_the_reason(store):
    known = world.build(store)
    with pytest.raises(event_documents.EventNotHeld, match="only zeros"):
        event_documents.report_pdf(store, known["ev3"])


def test_series_counts_only_events_held(store):
    known = world.build(store)
    data = event_documents.report_data(store, known["ev2"])
    assert len(data.series.points) == 2  # ev1 and ev2; the planned ev3 is later anyway
    pages, text = text_of(event_documents.report_pdf(store, known["ev2"]))
    assert f"Page 1 of {pages}" in text
    assert "Central States SER" in text
    assert_fit_for_employers(text)
    _, first = text_of(event_documents.report_pdf(store, known["ev1"]))
    assert "Other programs" in first  # Kevin's internal program, under its public name
    assert "WIOA Adult" in first
    assert_fit_for_employers(first)


def test_long_chart_labels_wrap_whole():
    long = "Illinois Manufacturing Excellence Partnership Training Center"
    drawing = hbar_chart({long: 3, "Short": 1}, 260, 150, "By employer")
    labels = drawing.contents[0].categoryAxis.categoryNames
    assert "\n" in labels[-1]
    assert labels[-1].replace("\n", " ") == long
