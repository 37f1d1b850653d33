"""What every paper an employer reads shares: the agency letterhead, the BSR to call, and
"Page X of Y" (laid out by app.documents.paper), plus big-number tiles and wrapping tables.

Data in, PDF bytes out. Builders hand a story of flowables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.documents import paper
from app.documents.paper import INK, PALE, RULE

ACCENT = colors.HexColor("#e76f51")
BAR = colors.HexColor("#457b9d")


@dataclass(frozen=True)
class Letterhead:
    agency: str
    tagline: str = ""
    website: str = ""
    office_name: str = ""  # "Little Village" (printed as "... American Job Center")
    office_address: str = ""
    office_phone: str = ""
    contact: str = ""  # "Rocio Benavides, (773) 555-0100, rbenavides@example.org"


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


def build(story: Sequence[Flowable], head: Letterhead, title: str) -> bytes:
    """Lay out the story under the letterhead (tagline in the band, the BSR contact in the
    footer of every page); returns the PDF bytes."""
    band = paper.Letterhead(
        agency_name=head.agency,
        office_name=head.office_name,
        office_address=head.office_address,
        office_phone=head.office_phone,
        website=head.website,
    )
    footer = f"Your contact: {head.contact}" if head.contact else ""
    marks = [paper.DocumentStart(footer), paper.SectionMark(head.tagline)]
    return paper.build_pdf([*marks, *story], band, title)


def content_width() -> float:
    return letter[0] - 2 * paper.MARGIN


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
