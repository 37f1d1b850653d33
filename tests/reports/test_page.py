"""The Reports page driven through its widgets on the known world."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt

from app.core import periods
from app.services.reports import page_data
from app.services.reports.metrics import Scope
from app.services.reports.records import RecordTable
from app.ui.context import AppContext
from app.ui.reports.models import FiguresModel, RecordsModel, SeriesModel
from app.ui.reports.page import ReportsPage
from tests.reports import world


@pytest.fixture
def page(qtbot, store):
    known = world.build(store)
    widget = ReportsPage(AppContext(store=store))
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.today = world.AS_OF
    widget.kind.select("py")
    widget._fill_periods()
    widget.which.setCurrentIndex(widget.which.findText(periods.program_year(2025).label))
    widget.refresh()
    return widget, known


def _row(page: ReportsPage, metric_id: str) -> int:
    return page.model.row_of(metric_id)


def test_figures_show_values_and_definitions(page):
    widget, _known = page
    model = widget.model
    placements = model.index(_row(widget, "placements"), 1)
    assert model.data(placements) == "5"
    outcome = model.index(_row(widget, "outcome_rate"), 1)
    assert model.data(outcome) == "67% (2 of 3)"
    tip = model.data(outcome, Qt.ItemDataRole.ToolTipRole)
    assert "outside the worker's control" in tip
    r180 = model.index(_row(widget, "retention_180"), 1)
    assert model.data(r180) == "no data"
    assert "Job seekers who came to 2 events held" not in widget.summary.text()
    assert "4 job seekers came to 2 events held" in widget.summary.text()


def test_a_figure_opens_its_records(page, qtbot):
    widget, _known = page
    index = widget.model.index(_row(widget, "came"), 0)
    widget.table.doubleClicked.emit(index)
    dialog = widget.last_dialog
    assert dialog is not None and dialog.isVisible()
    names = {dialog.model.table.rows[r][2] for r in range(dialog.model.rowCount())}
    assert names == {"Maria Lopez", "Kevin Brown", "Tanya Reed"}
    assert dialog.model.rowCount() == 4
    dialog.reject()


def test_a_bar_opens_its_records_and_filters_apply(page, qtbot):
    widget, known = page
    chart = widget.charts["placements"]
    chart.grab()  # paints, which lays out the bars
    january = [
        t for t in chart.targets() if t[2].label == "Jan 26" and t[1].metric_id == "placements"
    ]
    assert january
    rect = january[0][0]
    with qtbot.waitSignal(chart.point_clicked) as caught:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    series, point = caught.args
    assert point.text == "4"
    dialog = widget.open_point(series, point)
    assert dialog.model.rowCount() == 4
    dialog.reject()
    widget.bsr.select(known["ben"])
    widget.bsr.choice_made.emit(known["ben"])
    assert widget.model.data(widget.model.index(_row(widget, "placements"), 1)) == "1"
    assert chart.target_at(QPointF(-5, -5)) is None


def test_empty_period_charts_say_why(page):
    widget, _ = page
    widget.which.setCurrentIndex(widget.which.findText(periods.program_year(2023).label))
    widget.refresh()
    assert widget.scope().period == periods.program_year(2023)
    assert not widget.charts["reach"].chart.has_data
    assert widget.model.data(widget.model.index(_row(widget, "outcome_rate"), 1)) == "no data"


def test_item_models_pass_the_model_tester(store, qtmodeltester):
    world.build(store)
    scope = Scope(periods.custom(date(2026, 1, 1), date(2026, 6, 30)), as_of=world.AS_OF)
    data = page_data.load(store, scope)
    figures = FiguresModel()
    figures.set_rows(list(data.figures.values()))
    qtmodeltester.check(figures)
    for chart in data.charts:
        for series in chart.series:
            qtmodeltester.check(SeriesModel(series))
    came = data.figures["came"]
    qtmodeltester.check(RecordsModel(page_data.records(store, "came", came.record_ids)))
    qtmodeltester.check(RecordsModel(RecordTable(("A",), [], [])))
