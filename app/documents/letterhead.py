"""What every paper an employer reads shares: the agency header, the contact, "Page X of Y".

Data in, PDF bytes out. Builders hand a story of flowables; this module lays it
out on letter pages with the header on every page and the page count in the footer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

INK = colors.HexColor("#1d3557")
ACCENT = colors.HexColor("#e76f51")
BAR = colors.HexColor("#457b9d")
PALE = colors.HexColor("#f1f4f8")
RULE = colors.HexColor("#c9d1dc")
HEADER_H = 0.62 * inch


@dataclass(frozen=True)
class Letterhead:
    agency: str
    tagline: str = ""
    website: str = ""
    office: str = ""  # "Little Village American Job Center, 2856 S Millard Ave"
    contact: str = ""  # "Ana Granados, 773-555-0100, ana@example.org"


def style(name: str, size: float, bold: bool = False, color: colors.Color = INK) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName="Helvetica-Bold" if bold else "Helvetica",
        fontSize=size,
        leading=size * 1.25,
        textColor=color,
    )


H1 = style("h1", 19, True)
H2 = style("h2", 12.5, True)
BODY = style("body", 10)
SMALL = style("small", 7.5, color=colors.HexColor("#555555"))
KICKER = style("kicker", 10, True, ACCENT)


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, so each footer can say "Page X of Y"."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.grey)
            self.drawRightString(
                letter[0] - 0.7 * inch, 0.4 * inch, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


def _decorate(head: Letterhead):  # noqa: ANN202
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.rect(0, height - HEADER_H, width, HEADER_H, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Helvetica-Bold", 15)
        canvas.drawString(0.7 * inch, height - 0.36 * inch, head.agency)
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(0.7 * inch, height - 0.52 * inch, head.tagline)
        if head.website:
            canvas.drawRightString(width - 0.7 * inch, height - 0.36 * inch, head.website)
        if head.office:
            canvas.drawRightString(width - 0.7 * inch, height - 0.52 * inch, head.office)
        canvas.setFillColor(colors.grey)
        canvas.setFont("Helvetica", 8)
        if head.contact:
            canvas.drawString(0.7 * inch, 0.4 * inch, f"Your contact: {head.contact}")
        canvas.restoreState()

    return draw


def build(story: Sequence[Flowable], head: Letterhead, title: str) -> bytes:
    """Lay out the story under the letterhead; returns the PDF bytes."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=letter,
        leftMargin=0.7 * inch,
        rightMargin=0.7 * inch,
        topMargin=HEADER_H + 0.25 * inch,
        bottomMargin=0.65 * inch,
        title=title,
        author=head.agency,
    )
    draw = _decorate(head)
    doc.build(list(story), onFirstPage=draw, onLaterPages=draw, canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def content_width() -> float:
    return letter[0] - 1.4 * inch


def tiles(figures: Sequence[tuple[str, str]], width: float, size: float = 20) -> Table:
    """Big numbers with a caption under each, in one row."""
    big = style("big", size, True, ACCENT)
    cap = style("cap", 8.5)
    cells = [
        [Paragraph(value, big) for value, _ in figures],
        [Paragraph(c, cap) for _, c in figures],
    ]
    table = Table(cells, colWidths=[width / len(figures)] * len(figures))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PALE),
                ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def table(
    rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 9, header: bool = True
) -> Table:
    """A plain table whose cells wrap (a long name takes two lines, never cut); the first
    row is a shaded header unless `header` is False."""
    head = style("th", size, True)
    cell = style("td", size)
    first = 1 if header else 0
    data = [[Paragraph(str(v), head) for v in row] for row in rows[:first]] + [
        [Paragraph(str(v), cell) for v in row] for row in rows[first:]
    ]
    out = Table(data, colWidths=list(widths), repeatRows=first)
    commands = [("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), PALE))
    out.setStyle(TableStyle(commands))
    return out
