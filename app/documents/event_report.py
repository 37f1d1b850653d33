"""The event report BSRs show employers: the reach of one event held and of the series.

Data in, PDF bytes out: figures as numbers and as charts (reportlab.graphics),
so a hiring manager sees at a glance how many job seekers a partnership reaches.
Labels wrap rather than being cut; program names are the public ones (the
service groups internal categories under "Other programs").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents import letterhead as lh
from app.documents.letterhead import ACCENT, BAR, BODY, H1, H2, INK, KICKER, SMALL, Letterhead


@dataclass(frozen=True)
class ReportEvent:
    title: str
    day: date
    place: str
    registered: int
    attended: int
    walk_ins: int
    pre_registered: int
    pre_registered_attended: int
    new_people: int
    returning_people: int
    youth: int
    adults: int
    applications_helped: int
    employers_met: int
    interviews_set: int
    by_hour: dict[str, int]
    by_program: dict[str, int]
    by_zip: dict[str, int]


@dataclass(frozen=True)
class ReportSeries:
    points: list[tuple[date, str, int, int]]  # day, title, attended, interviews
    unique_people: int
    total_attended: int
    total_interviews: int
    total_applications: int


@dataclass(frozen=True)
class ReportData:
    organization: str
    event: ReportEvent
    series: ReportSeries
    prepared_by: str = ""
    head: Letterhead = field(default_factory=lambda: Letterhead("American Job Center"))


def _empty(width: float, height: float, text: str) -> Drawing:
    d = Drawing(width, height)
    d.add(
        String(width / 2, height / 2, text, textAnchor="middle", fontSize=9, fillColor=colors.grey)
    )
    return d


def bar_chart(values: dict[str, int], width: float, height: float, title: str) -> Drawing:
    """Vertical bars with the count over each bar."""
    if not values:
        return _empty(width, height, f"{title}: no check-ins yet")
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 45, height - 50
    chart.data = [list(values.values())]
    chart.categoryAxis.categoryNames = list(values.keys())
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(values.values()) * 1.2 + 1
    chart.valueAxis.valueStep = _step(max(values.values()))
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    d.add(String(4, height - 12, title, fontName="Helvetica-Bold", fontSize=9, fillColor=INK))
    return d


def hbar_chart(
    values: dict[str, int], width: float, height: float, title: str, top: int = 8
) -> Drawing:
    """Horizontal bars, largest first, at most `top` of them (the rest summed as "Other")."""
    if not values:
        return _empty(width, height, f"{title}: no check-ins yet")
    items = sorted(values.items(), key=lambda kv: -kv[1])
    if len(items) > top:
        items = [*items[: top - 1], ("Other", sum(v for _, v in items[top - 1 :]))]
    items.reverse()
    labels = [_wrapped(k, width * 0.42) for k, _ in items]
    label_w = max(stringWidth(line, "Helvetica", 7) for k in labels for line in k.split("\n"))
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w + 10, 10
    chart.width, chart.height = width - label_w - 30, height - 32
    chart.data = [[v for _, v in items]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(v for _, v in items) * 1.2 + 1
    chart.valueAxis.valueStep = _step(max(v for _, v in items))
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 7
    d.add(chart)
    d.add(String(4, height - 12, title, fontName="Helvetica-Bold", fontSize=9, fillColor=INK))
    return d


def trend_chart(series: ReportSeries, width: float, height: float) -> Drawing:
    """Attendance and interviews set, event by event."""
    if not series.points:
        return _empty(width, height, "No events yet")
    d = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 35, 30
    chart.width, chart.height = width - 50, height - 55
    chart.data = [[p[2] for p in series.points], [p[3] for p in series.points]]
    chart.categoryAxis.categoryNames = [f"{p[0]:%b} {p[0].day}\n{p[0]:%Y}" for p in series.points]
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(p[2], p[3]) for p in series.points) * 1.2 + 1
    chart.valueAxis.valueStep = _step(max(max(p[2], p[3]) for p in series.points))
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.lines[0].strokeColor = BAR
    chart.lines[0].strokeWidth = 2
    chart.lines[1].strokeColor = ACCENT
    chart.lines[1].strokeWidth = 2
    chart.joinedLines = 1
    d.add(chart)
    d.add(
        String(
            4,
            height - 12,
            "Attendance (blue) and interviews set (orange), event by event",
            fontName="Helvetica-Bold",
            fontSize=9,
            fillColor=INK,
        )
    )
    return d


def _wrapped(label: str, width: float) -> str:
    """A chart label on as many lines as it needs (never cut)."""
    return "\n".join(simpleSplit(label, "Helvetica", 7, width)) or label


def _step(top: int) -> int:
    """Whole-number ticks, about five of them: people are not counted in halves."""
    return max(1, -(-top // 5))


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def build_report(data: ReportData) -> bytes:
    width = lh.content_width()
    e, s = data.event, data.series
    story: list = [
        Paragraph("EVENT REPORT", KICKER),
        Paragraph(e.title, H1),
        Paragraph(f"{e.day:%A, %B} {e.day.day}, {e.day.year} · {e.place}", BODY),
        Spacer(1, 10),
        Paragraph("This event", H2),
        Spacer(1, 4),
        lh.tiles(
            [
                (str(e.attended), "job seekers came"),
                (str(e.walk_ins), "walked in"),
                (str(e.applications_helped), "applications completed with our help"),
                (str(e.interviews_set), "interviews set"),
            ],
            width,
        ),
        Spacer(1, 6),
    ]
    facts = [
        [
            "Registered in advance",
            str(e.pre_registered),
            "of whom came",
            f"{e.pre_registered_attended} ({_pct(e.pre_registered_attended, e.pre_registered)})",
        ],
        ["First time at our events", str(e.new_people), "Came before", str(e.returning_people)],
        ["Youth (16-24)", str(e.youth), "Adults", str(e.adults)],
        ["Met the employer", str(e.employers_met), "Interviews set", str(e.interviews_set)],
    ]
    table = Table(facts, colWidths=[width * 0.32, width * 0.12, width * 0.32, width * 0.24])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
                ("FONT", (1, 0), (1, -1), "Helvetica-Bold", 9.5),
                ("FONT", (3, 0), (3, -1), "Helvetica-Bold", 9.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d1dc")),
            ]
        )
    )
    story += [table, Spacer(1, 10)]
    half = width / 2 - 6
    charts = Table(
        [
            [
                bar_chart(e.by_hour, half, 150, "Arrivals by hour"),
                hbar_chart(e.by_program, half, 150, "By program"),
            ],
            [hbar_chart(e.by_zip, half, 150, "By ZIP code"), _zip_table(e.by_zip, half)],
        ],
        colWidths=[half + 6, half + 6],
    )
    charts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [charts, Spacer(1, 8)]
    series_rows = [["Event", "Date", "Came", "Interviews"]] + [
        [title, f"{day:%m/%d/%Y}", str(att), str(iv)] for day, title, att, iv in s.points
    ]
    series_table = lh.table(series_rows, [width * 0.55, width * 0.17, width * 0.13, width * 0.15])
    average = s.total_attended / len(s.points) if s.points else 0
    story += [
        KeepTogether(
            [
                Paragraph("The series: every hiring event and job fair held so far", H2),
                Spacer(1, 4),
                lh.tiles(
                    [
                        (str(len(s.points)), "events held"),
                        (str(s.total_attended), "check-ins in all"),
                        (str(s.unique_people), "different job seekers reached"),
                        (f"{average:.1f}".removesuffix(".0"), "job seekers per event on average"),
                        (str(s.total_interviews), "interviews set"),
                    ],
                    width,
                ),
                Spacer(1, 6),
                trend_chart(s, width, 170),
            ]
        ),
        Spacer(1, 6),
        series_table,
        Spacer(1, 10),
        Paragraph(
            f"Prepared by {data.prepared_by}, {data.organization}."
            if data.prepared_by
            else data.organization,
            SMALL,
        ),
    ]
    return lh.build(story, data.head, f"Event report - {data.event.title}")


def _zip_table(by_zip: dict[str, int], width: float) -> Table:
    total = sum(by_zip.values())
    rows = [["ZIP code", "People", "Share"]] + [
        [z, str(n), _pct(n, total)] for z, n in list(by_zip.items())[:8]
    ]
    table = Table(rows, colWidths=[width * 0.45, width * 0.25, width * 0.25])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d1dc")),
                ("TOPPADDING", (0, 0), (-1, 0), 14),
            ]
        )
    )
    return table
