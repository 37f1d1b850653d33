"""Simple bar and line charts painted with QPainter (QtCharts is not in PySide6-Essentials).

Each chart reads its points from SeriesModel item models; every bar or dot is a
target: hovering shows the figure with its definition, clicking opens the
records behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.services.reports.series import Chart, Point, Series
from app.ui.reports.models import SeriesModel

INK = QColor("#1d3557")
GRID = QColor("#dde3ea")
MUTED = QColor("#6b6b6b")
COLORS = (QColor("#457b9d"), QColor("#e76f51"), QColor("#2a9d8f"), QColor("#8d99ae"))
TOP_ROWS = 8


def _nice_top(value: float) -> float:
    """A round axis maximum at or above `value`, four ticks of 1, 2 or 5 times a power of
    ten (never below 1: people and days are counted whole)."""
    if value <= 0:
        return 4.0
    base = 1.0
    while base * 10 <= value / 4:
        base *= 10
    for factor in (1, 2, 5, 10):
        if factor * base * 4 >= value:
            return factor * base * 4
    return 40 * base


def _short(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.3g}k"
    return f"{value:g}"


class ChartWidget(QWidget):
    """One chart; `point_clicked(series, point)` when a bar or dot is clicked."""

    point_clicked = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.models: list[SeriesModel] = []
        self._targets: list[tuple[QRectF, Series, Point]] = []
        self.setMinimumSize(300, 195)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.models = [SeriesModel(s, self) for s in chart.series]
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(
            "; ".join(f"{p.label}: {p.text}" for s in chart.series for p in s.points)
        )
        self.update()

    # Painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._targets = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#c9d1dc"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.chart is None:
            return
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(INK)
        title_text = painter.fontMetrics().elidedText(
            self.chart.title, Qt.TextElideMode.ElideRight, self.width() - 20
        )
        painter.drawText(
            QRectF(10, 6, self.width() - 20, 20), Qt.AlignmentFlag.AlignLeft, title_text
        )
        painter.setFont(self.font())
        area = QRectF(10, 30, self.width() - 20, self.height() - 40)
        if not self.chart.has_data:
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.chart.empty_text)
            return
        if self.chart.kind == "hbars":
            self._paint_hbars(painter, area)
        else:
            self._paint_bars(painter, area)

    def _legend(self, painter: QPainter, area: QRectF, series: list[Series]) -> float:
        """Legend under the plot; returns its height."""
        if len(series) < 2:
            return 0.0
        metrics = painter.fontMetrics()
        items = []
        for n, s in enumerate(series):
            label = s.name + (" (line, right axis)" if s.unit == "share" else "")
            items.append((n, label, 24 + metrics.horizontalAdvance(label)))
        lines = [[]]
        used = 0.0
        for item in items:
            if lines[-1] and used + item[2] > area.width() - 40:
                lines.append([])
                used = 0.0
            lines[-1].append(item)
            used += item[2]
        y = area.bottom() - 18 * len(lines) + 4
        for line in lines:
            x = area.left() + 40
            for n, label, width in line:
                painter.fillRect(QRectF(x, y + 3, 10, 10), COLORS[n % len(COLORS)])
                painter.setPen(INK)
                painter.drawText(QPointF(x + 14, y + 12), label)
                x += width
            y += 18
        return 18.0 * len(lines)

    def _paint_bars(self, painter: QPainter, area: QRectF) -> None:
        assert self.chart is not None
        bars = [s for s in self.chart.series if s.unit != "share"]
        lines = [s for s in self.chart.series if s.unit == "share"]
        legend = self._legend(painter, area, bars + lines)
        plot = QRectF(
            area.left() + 40,
            area.top() + 4,
            area.width() - (84 if lines else 48),
            area.height() - 24 - legend,
        )
        top = _nice_top(max((p.value or 0) for s in bars for p in s.points))
        painter.setPen(QPen(GRID, 1))
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left(), y - 8, 36, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _short(top * i / 4),
            )
            if lines:
                painter.drawText(
                    QRectF(plot.right() + 4, y - 8, 40, 16),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{25 * i}%",
                )
            painter.setPen(QPen(GRID, 1))
        labels = [p.label for p in (bars or lines)[0].points]
        slot = plot.width() / max(1, len(labels))
        width = slot * 0.7 / max(1, len(bars))
        metrics = painter.fontMetrics()
        step = max(
            1, int(len(labels) * metrics.horizontalAdvance("Mmm 00 ") / max(plot.width(), 1)) + 1
        )
        for i, label in enumerate(labels):
            if i % step == 0:
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(plot.left() + i * slot, plot.bottom() + 2, slot * step, 16),
                    Qt.AlignmentFlag.AlignLeft,
                    label,
                )
        for n, s in enumerate(bars):
            for i, p in enumerate(s.points):
                if p.value is None:
                    continue
                h = plot.height() * p.value / top
                rect = QRectF(
                    plot.left() + i * slot + slot * 0.15 + n * width, plot.bottom() - h, width, h
                )
                painter.fillRect(rect, COLORS[n % len(COLORS)])
                labelled = p.value > 0 or s.unit == "days"
                if labelled and width >= metrics.horizontalAdvance(_short(p.value)) + 2:
                    painter.setPen(INK)
                    painter.drawText(
                        QRectF(rect.left() - 4, rect.top() - 15, width + 8, 14),
                        Qt.AlignmentFlag.AlignCenter,
                        _short(p.value),
                    )
                self._targets.append((rect.adjusted(0, -15, 0, 0), s, p))
        for n, s in enumerate(lines, start=len(bars)):
            pen = QPen(COLORS[n % len(COLORS)], 2)
            previous: QPointF | None = None
            for i, p in enumerate(s.points):
                if p.value is None:
                    previous = None
                    continue
                at = QPointF(
                    plot.left() + (i + 0.5) * slot, plot.bottom() - plot.height() * p.value
                )
                painter.setPen(pen)
                if previous is not None:
                    painter.drawLine(previous, at)
                painter.setBrush(COLORS[n % len(COLORS)])
                painter.drawEllipse(at, 3.5, 3.5)
                self._targets.append((QRectF(at.x() - 6, at.y() - 6, 12, 12), s, p))
                previous = at
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_hbars(self, painter: QPainter, area: QRectF) -> None:
        assert self.chart is not None
        s = self.chart.series[0]
        shown = [p for p in s.points if p.value]
        points = shown[:TOP_ROWS]
        hidden = len(shown) - len(points)
        if hidden > 0:
            area = area.adjusted(0, 0, 0, -18)
        metrics = painter.fontMetrics()
        label_w = min(
            area.width() * 0.46, max(metrics.horizontalAdvance(p.label) for p in points) + 8
        )
        row_h = min(24.0, area.height() / max(1, len(points)))
        top = max(p.value or 0 for p in points)
        bar_w = area.width() - label_w - 70
        for i, p in enumerate(points):
            y = area.top() + i * row_h
            painter.setPen(INK)
            label = metrics.elidedText(p.label, Qt.TextElideMode.ElideRight, int(label_w - 6))
            painter.drawText(
                QRectF(area.left(), y, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            rect = QRectF(
                area.left() + label_w, y + row_h * 0.18, bar_w * (p.value or 0) / top, row_h * 0.64
            )
            painter.fillRect(rect, COLORS[0])
            painter.setPen(INK)
            painter.drawText(
                QRectF(rect.right() + 4, y, 70, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                p.text,
            )
            self._targets.append((QRectF(area.left(), y, area.width(), row_h), s, p))
        hidden = sum(1 for p in s.points if p.value) - len(points)
        if hidden > 0:
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left(), area.bottom() - 16, area.width(), 16),
                Qt.AlignmentFlag.AlignRight,
                f"and {hidden} more",
            )

    # Interaction --------------------------------------------------------------------------
    def target_at(self, pos: QPointF) -> tuple[Series, Point] | None:
        for rect, series, point in self._targets:
            if rect.contains(pos):
                return series, point
        return None

    def targets(self) -> list[tuple[QRectF, Series, Point]]:
        return list(self._targets)

    def event(self, event) -> bool:  # noqa: ANN001
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.target_at(QPointF(event.pos()))
            if hit is not None:
                series, point = hit
                QToolTip.showText(
                    event.globalPos(),
                    f"<b>{series.name}, {point.label}: {point.text}</b><br><br>{series.definition}<br><br>Click to see the records.",
                    self,
                )
            elif self.chart is not None:
                QToolTip.showText(
                    event.globalPos(),
                    "<br><br>".join(s.definition for s in self.chart.series),
                    self,
                )
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.target_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.point_clicked.emit(*hit)
        super().mouseReleaseEvent(event)
