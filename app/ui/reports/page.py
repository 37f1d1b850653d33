"""The Reports page: pick a period and filters; every figure shows its definition on hover
and opens the records behind it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import periods
from app.core.metrics import Figure, Filters
from app.services.reports import page_data
from app.services.reports.metrics import Scope
from app.services.reports.series import Point, Series
from app.ui.context import AppContext
from app.ui.dates import date_edit_format
from app.ui.reports.charts import ChartWidget
from app.ui.reports.models import FiguresModel, RecordsModel
from app.ui.widgets import ChoiceField

KINDS = [
    ("Month", "month"),
    ("Quarter", "quarter"),
    ("Program year (July-June)", "py"),
    ("Custom", "custom"),
]


def period_choices(kind: str, today: date) -> list[tuple[str, periods.Period]]:
    """The periods offered for a kind, newest first."""
    if kind == "month":
        out, y, mo = [], today.year, today.month
        for _ in range(24):
            out.append(periods.month(y, mo))
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return [(p.label, p) for p in out]
    if kind == "quarter":
        out, y, q = [], today.year, (today.month - 1) // 3 + 1
        for _ in range(8):
            out.append(periods.quarter(y, q))
            y, q = (y, q - 1) if q > 1 else (y - 1, 4)
        return [(p.label, p) for p in out]
    first = periods.program_year_of(today).start.year
    return [
        (periods.program_year(y).label, periods.program_year(y))
        for y in range(first, first - 4, -1)
    ]


class RecordsDialog(QDialog):
    """The records behind one figure, in a table."""

    def __init__(self, title: str, definition: str, table, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 480)
        about = QLabel(definition, self)
        about.setWordWrap(True)
        about.setStyleSheet("color: #444;")
        self.model = RecordsModel(table, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"Records behind {title}")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        count = QLabel(f"{len(table.rows)} records", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.view, 1)
        layout.addWidget(count)
        layout.addWidget(buttons)


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today = date.today()
        self.last_dialog: RecordsDialog | None = None
        self.kind = ChoiceField("Period kind", self)
        self.kind.set_choices(KINDS)
        self.kind.select("py")
        self.kind.choice_made.connect(lambda _v: self._fill_periods())
        self.which = ChoiceField("Period", self)
        self.which.choice_made.connect(lambda _v: self.refresh())
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.office = ChoiceField("Job center", self)
        self.program = ChoiceField("Program", self)
        self.bsr = ChoiceField("BSR", self)
        for box in (self.office, self.program, self.bsr):
            box.choice_made.connect(lambda _v: self.refresh())
        self.sheets = QPushButton("&Printed sheets…", self)
        self.sheets.setAccessibleName("Printed sheets and exports")
        self.sheets.clicked.connect(self._open_sheets)
        bar = QHBoxLayout()
        for label, widget in (
            ("P&eriod", self.kind),
            ("", self.which),
            ("", self.start),
            ("–", self.end),
            ("&Job center", self.office),
            ("Pro&gram", self.program),
            ("&BSR", self.bsr),
        ):
            if label:
                caption = QLabel(label, self)
                caption.setBuddy(widget)
                bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.sheets)
        self.summary = QLabel(self)
        self.summary.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.summary.setWordWrap(True)
        self.model = FiguresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Figures")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.doubleClicked.connect(
            lambda index: self.open_figure(self.model.row_at(index.row()))
        )
        self.table.activated.connect(lambda index: self.open_figure(self.model.row_at(index.row())))
        self.charts: dict[str, ChartWidget] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for n, key in enumerate(page_data.CHART_KEYS):
            chart = ChartWidget(grid_host)
            chart.point_clicked.connect(self.open_point)
            self.charts[key] = chart
            grid.addWidget(chart, n // 2, n % 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self._fill_filters()
        self._fill_periods()

    # Choices ------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        choices = page_data.filter_choices(self.context.store)
        self.office.set_choices([("All job centers", None), *choices.offices])
        self.program.set_choices([("All programs", None), *choices.programs])
        self.bsr.set_choices([("All BSRs", None), *choices.staff])

    def _fill_periods(self) -> None:
        kind = self.kind.currentData()
        custom = kind == "custom"
        self.which.setVisible(not custom)
        self.start.setVisible(custom)
        self.end.setVisible(custom)
        if custom:
            py = periods.program_year_of(self.today)
            for edit, day in ((self.start, py.start), (self.end, self.today)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        else:
            self.which.set_choices(period_choices(kind, self.today))
            self.which.setCurrentIndex(0)
        self.refresh()

    def scope(self) -> Scope:
        if self.kind.currentData() == "custom":
            start, end = self.start.date().toPython(), self.end.date().toPython()
            period = periods.custom(min(start, end), max(start, end))
        else:
            period = self.which.currentData()
        filters = Filters(
            self.office.currentData(), self.program.currentData(), self.bsr.currentData()
        )
        return Scope(period, filters, as_of=self.today)

    # Data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        scope = self.scope()
        data = page_data.load(self.context.store, scope)
        self.model.set_rows(list(data.figures.values()))
        for chart in data.charts:
            self.charts[chart.key].set_chart(chart)
        self.summary.setText(data.headline)
        self.summary.setToolTip(data.headline_definition)

    def open_figure(self, figure: Figure) -> RecordsDialog:
        table = page_data.records(self.context.store, figure.id, figure.record_ids)
        return self._show(
            f"{figure.definition.name}: {figure.detail()}", figure.definition.text(), table
        )

    def open_point(self, series: Series, point: Point) -> RecordsDialog:
        table = page_data.records(self.context.store, series.metric_id, point.record_ids)
        return self._show(f"{series.name}, {point.label}: {point.text}", series.definition, table)

    def _show(self, title: str, definition: str, table) -> RecordsDialog:  # noqa: ANN001
        dialog = RecordsDialog(title, definition, table, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _open_sheets(self) -> None:
        from app.ui.reports.sheets import SheetsDialog

        SheetsDialog(self.context, self.scope(), self).open()
