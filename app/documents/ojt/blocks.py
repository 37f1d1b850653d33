"""The building blocks every packet section uses: styles, values, blanks, field grids, signatures.

One place decides how a value prints (money, dates, hours) and how a value that
is not known prints: a shaded box reading "missing", counted so the cover sheet
can tell the employer what to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents.paper import INK, MISSING, MUTED, PAGE_W, PALE, RULE, esc
from app.documents.paper import MARGIN as _MARGIN

WIDTH = PAGE_W - 2 * _MARGIN
MISSING_HEX = MISSING.hexval()[2:]


def _style(name: str, size: float, bold: bool = False, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName="Helvetica-Bold" if bold else "Helvetica",
        fontSize=size,
        leading=size * 1.28,
        textColor=kw.pop("textColor", INK),
        **kw,
    )


TITLE = _style("title", 17, True, spaceAfter=4)
H2 = _style("h2", 11.5, True, spaceBefore=9, spaceAfter=3)
BODY = _style("body", 9.5)
SMALL = _style("small", 8, textColor=MUTED)
TERM = _style("term", 8.5)
LABEL = _style("label", 7.5, textColor=MUTED)
VALUE = _style("value", 9.5, True)
CELL = _style("cell", 9)
CELL_B = _style("cellb", 9, True)


class Blanks:
    """Counts the values printed as "missing" while the sections are built."""

    def __init__(self) -> None:
        self.names: dict[str, None] = {}  # what is missing, each once, in print order

    @property
    def count(self) -> int:
        return len(self.names)

    def mark(self, what: str = "") -> str:
        if what:
            self.names.setdefault(what)
        pad = "&nbsp;" * 14
        return f'<font backColor="#{MISSING_HEX}" color="#7a4b00"><i>&nbsp;missing{pad}</i></font>'


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def day(d: date) -> str:
    return d.strftime("%m/%d/%Y")


def long_day(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def hours(h: float) -> str:
    text = f"{h:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def show(value: object, blanks: Blanks, fmt: object = None, what: str = "") -> str:
    """Paragraph markup for a value: formatted and escaped, or the marked blank
    (`what` names it on the cover sheet's list of blanks)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return blanks.mark(what)
    if callable(fmt):
        return esc(str(fmt(value)))
    return esc(str(value))


def field(
    label: str, value: object, blanks: Blanks, fmt: object = None, what: str = ""
) -> tuple[str, str]:
    """A labelled value for `fields`; a blank is listed under `what`, else its label."""
    return label, show(value, blanks, fmt, what=what or label)


def para(markup: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(markup, style)


def cell(markup: str | Flowable, style: ParagraphStyle, width: float) -> str | Flowable:
    """A table cell: plain text when it has no markup and fits on one line (a Paragraph costs
    about forty times more to lay out), else a Paragraph that wraps."""
    if isinstance(markup, Flowable):
        return markup
    if "<" not in markup:
        text = markup.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if "&" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - 6:
            return text
    return Paragraph(markup, style)


def _font(cells: tuple[tuple[int, int], tuple[int, int]], style: ParagraphStyle) -> list[tuple]:
    """Table style commands that make plain-text cells look like `style`."""
    start, stop = cells
    return [
        ("FONT", start, stop, style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", start, stop, style.textColor),
    ]


def fields(pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
    """Label over value, `columns` fields a row, each value already in markup."""
    col = WIDTH / columns
    pairs = list(pairs) + [("", "")] * (-len(pairs) % columns)
    rows: list[list[object]] = []
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    for start in range(0, len(pairs), columns):
        chunk = pairs[start : start + columns]
        r = len(rows)
        rows.append([cell(esc(label), LABEL, col) for label, _ in chunk])
        rows.append([cell(value, VALUE, col) for _, value in chunk])
        style += _font(((0, r), (-1, r)), LABEL) + _font(((0, r + 1), (-1, r + 1)), VALUE)
        style += [
            ("TOPPADDING", (0, r), (-1, r), 2),
            ("BOTTOMPADDING", (0, r), (-1, r), 0),
            ("TOPPADDING", (0, r + 1), (-1, r + 1), 0),
            ("BOTTOMPADDING", (0, r + 1), (-1, r + 1), 3),
            ("LINEBELOW", (0, r + 1), (-1, r + 1), 0.4, RULE),
        ]
    table = Table(rows, colWidths=[col] * columns)
    table.setStyle(TableStyle(style))
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths: Sequence[float],
    total: Sequence[str] | None = None,
    row_height: float | None = None,
) -> Table:
    """A ruled table: bold shaded header, optional bold total row."""
    cols = [WIDTH * w for w in widths]
    data: list[list[object]] = [
        [cell(esc(h), CELL_B, w) for h, w in zip(header, cols, strict=True)]
    ]
    for row in rows:
        data.append([cell(c, CELL, w) for c, w in zip(row, cols, strict=True)])
    if total is not None:
        data.append([cell(c, CELL_B, w) for c, w in zip(total, cols, strict=True)])
    heights = None
    if row_height is not None:
        heights = [None] + [row_height] * len(rows) + ([None] if total is not None else [])
    table = Table(data, colWidths=cols, rowHeights=heights, repeatRows=1)
    style = [
        *_font(((0, 0), (-1, -1)), CELL),
        *_font(((0, 0), (-1, 0)), CELL_B),
        ("BACKGROUND", (0, 0), (-1, 0), PALE),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if total is not None:
        style += [("BACKGROUND", (0, -1), (-1, -1), PALE), *_font(((0, -1), (-1, -1)), CELL_B)]
    table.setStyle(TableStyle(style))
    return table


def supervisor_party(name: str | None, title: str | None) -> tuple[str, str, str]:
    """The training supervisor's signature row: the printed name only when a person is named
    (a job title is not a signer: the line is left to print by hand), the title in its box."""
    return ("Training supervisor", esc(name or ""), esc(title or ""))


def signatures(parties: Sequence[tuple[str, str, str]]) -> Flowable:
    """Signature and date boxes, one row per party: (role, printed name markup, title markup)."""
    widths = [WIDTH * w for w in (0.18, 0.11, 0.36, 0.07, 0.28)]
    data: list[list[object]] = []
    for role, name, title in parties:
        data.append([cell(esc(role), CELL_B, widths[0]), "Signature", "", "Date", ""])
        data.append(
            ["", "Name", cell(name, CELL, widths[2]), "Title", cell(title, CELL, widths[4])]
        )
    table = Table(
        data,
        colWidths=widths,
        rowHeights=[28, None] * len(parties),
    )
    style = [
        *_font(((0, 0), (-1, -1)), CELL),
        *_font(((0, 0), (0, -1)), CELL_B),
        *_font(((1, 0), (1, -1)), LABEL),
        *_font(((3, 0), (3, -1)), LABEL),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for n in range(len(parties)):
        r = 2 * n
        style += [
            ("BOX", (2, r), (2, r), 0.8, INK),
            ("BOX", (4, r), (4, r), 0.8, INK),
            ("LINEBELOW", (2, r + 1), (2, r + 1), 0.4, RULE),
            ("LINEBELOW", (4, r + 1), (4, r + 1), 0.4, RULE),
            ("SPAN", (0, r), (0, r + 1)),
            ("VALIGN", (0, r), (0, r + 1), "MIDDLE"),
        ]
        if n:
            style.append(("TOPPADDING", (0, r), (-1, r), 10))
    table.setStyle(TableStyle(style))
    return KeepTogether([Spacer(1, 10), para("Signatures", H2), table])


class CheckBox(Flowable):
    """A square drawn with lines (no symbol font needed): ticked for what is enclosed,
    empty for what the reader ticks."""

    def __init__(self, checked: bool = False, size: float = 9) -> None:
        super().__init__()
        self.checked = checked
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.rect(0, 0, s, s, stroke=1, fill=0)
        if self.checked:
            c.setLineWidth(1.4)
            path = c.beginPath()
            path.moveTo(s * 0.2, s * 0.5)
            path.lineTo(s * 0.42, s * 0.22)
            path.lineTo(s * 0.82, s * 0.8)
            c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


def choices(labels: Sequence[str]) -> Table:
    """Empty boxes, one per choice, for the reader to tick one."""
    table = Table([[CheckBox(), para(esc(label), CELL)] for label in labels], colWidths=[13, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def note(markup: str, background: colors.Color = PALE) -> Table:
    """A shaded paragraph across the page, for what the reader must not miss."""
    table = Table([[para(markup, BODY)]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table
