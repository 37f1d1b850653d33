"""The printed sheets dialog: partners of the year, thanks recorded once, papers made."""

from __future__ import annotations

from datetime import date

import pytest

from app.core import periods
from app.services.reports.metrics import Scope
from app.ui.context import AppContext
from app.ui.reports.sheets import SheetsDialog
from tests.reports import world
from tests.reports.pdf_text import text_of


@pytest.fixture
def dialog(qtbot, store):
    known = world.build(store)
    scope = Scope(periods.custom(date(2026, 1, 1), date(2026, 6, 30)), as_of=world.AS_OF)
    widget = SheetsDialog(AppContext(store=store), scope)
    qtbot.addWidget(widget)
    widget.year.setValue(2026)
    return widget, known


def test_partners_list_and_thanks(dialog, qtmodeltester):
    widget, known = dialog
    qtmodeltester.check(widget.model)
    assert widget.model.rowCount() == 2
    assert widget.model.data(widget.model.index(0, 1)) == "Oak Foods LLC"
    assert "Birch Hotels Inc" in widget.left_out.text()
    assert widget.selected_partner() == known["oak"]
    widget.kind.select("basket")
    widget.record_thanks()
    assert "Gift basket" in widget.report.thanked_text(known["oak"])
    assert widget.model.data(widget.model.index(0, 3)).startswith("Gift basket on")
    with pytest.raises(ValueError, match="already recorded"):
        widget.record_thanks()
    _, letter = text_of(widget.letter_bytes())
    assert "Oak Foods LLC" in letter and "Thank you for 2026" in letter


def test_impact_and_outreach_papers(dialog):
    widget, known = dialog
    widget.employer.select(known["cedar"])
    _, impact = text_of(widget.impact_bytes())
    assert "Cedar Logistics" in impact
    _, outreach = text_of(widget.outreach_bytes())
    assert "Free hiring help" in outreach
