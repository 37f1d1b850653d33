"""Promotional flyers for a hiring event: a letter-size poster and a half-page handout.

Data in, PDF bytes out. The QR code carries the event as an iCalendar VEVENT,
so a phone camera offers to save the date with the place already filled in.
The code is drawn as vector squares, sharp at any printer's resolution.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from app.documents.paper import INK, esc

ACCENT = colors.HexColor("#e76f51")
PALE = colors.HexColor("#f1f4f8")


@dataclass(frozen=True)
class FlyerPosition:
    title: str
    openings: int
    wage: str
    schedule: str = ""


@dataclass(frozen=True)
class FlyerData:
    """Everything printed on a flyer, already in the words to print."""

    event_id: str
    kind_label: str
    title: str
    employers: list[str]
    starts_at: datetime  # Chicago time
    ends_at: datetime
    place_name: str
    address: str
    positions: list[FlyerPosition] = field(default_factory=list)
    what_to_bring: list[str] = field(default_factory=list)
    parking: str = ""
    transit: str = ""
    accessibility: str = ""
    contact_line: str = ""
    organization: str = "American Job Center"


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def qr_payload(data: FlyerData) -> str:
    """The event as an iCalendar VEVENT (local Chicago time, named time zone)."""
    fmt = "%Y%m%dT%H%M%S"
    where = ", ".join(p for p in (data.place_name, data.address) if p)
    what = f"{data.kind_label}: " + ", ".join(data.employers) if data.employers else data.kind_label
    lines = [
        "BEGIN:VEVENT",
        f"UID:{data.event_id}",
        f"SUMMARY:{_ics_text(data.title)}",
        f"DTSTART;TZID=America/Chicago:{data.starts_at.strftime(fmt)}",
        f"DTEND;TZID=America/Chicago:{data.ends_at.strftime(fmt)}",
        f"LOCATION:{_ics_text(where)}",
        f"DESCRIPTION:{_ics_text(what)}",
        "END:VEVENT",
    ]
    return "\n".join(lines)


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules (True = dark), without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code with its bottom-left corner at (x, y), `size` points wide, on white
    with a four-module quiet zone around it."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    module = size / (n + 8)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                canvas.rect(
                    x + (4 + start) * module,
                    y + size - (4 + r + 1) * module,
                    (c - start) * module,
                    module,
                    stroke=0,
                    fill=1,
                )
            else:
                c += 1
    canvas.restoreState()


def clock(dt: datetime) -> str:
    """10 AM, 12:30 PM (no zero padding on any platform)."""
    hour = dt.hour % 12 or 12
    minutes = f":{dt.minute:02d}" if dt.minute else ""
    return f"{hour}{minutes} {'AM' if dt.hour < 12 else 'PM'}"


def long_date(dt: datetime) -> str:
    return f"{dt:%A, %B} {dt.day}, {dt.year}"


def _when(data: FlyerData) -> str:
    return f"{long_date(data.starts_at)}<br/>{clock(data.starts_at)} - {clock(data.ends_at)}"


def _styles(scale: float) -> dict[str, ParagraphStyle]:
    def s(name: str, size: float, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": "Helvetica", "textColor": INK}
        base.update(kw)
        return ParagraphStyle(name, fontSize=size * scale, leading=size * scale * 1.22, **base)

    return {
        "kicker": s("kicker", 13, fontName="Helvetica-Bold", textColor=ACCENT),
        "title": s("title", 30, fontName="Helvetica-Bold"),
        "employers": s("employers", 16, fontName="Helvetica-Bold"),
        "when": s("when", 17, fontName="Helvetica-Bold", textColor=ACCENT),
        "head": s(
            "head", 12.5, fontName="Helvetica-Bold", spaceBefore=6 * scale, spaceAfter=2 * scale
        ),
        "body": s("body", 10.5),
        "small": s("small", 8.5),
        "cell": s("cell", 10),
        "cellb": s("cellb", 10, fontName="Helvetica-Bold"),
        "center": s("center", 8.5, alignment=TA_CENTER),
    }


def _story(data: FlyerData, scale: float, width: float) -> list:
    st = _styles(scale)
    story: list = [
        Paragraph(esc(data.kind_label.upper()), st["kicker"]),
        Paragraph(esc(data.title), st["title"]),
    ]
    if data.employers and data.title.find(data.employers[0]) < 0:
        story.append(Paragraph(esc(" · ".join(data.employers)) + " hiring", st["employers"]))
    story += [Spacer(1, 4 * scale), Paragraph(_when(data), st["when"]), Spacer(1, 4 * scale)]
    if data.positions:
        story.append(Paragraph("Now hiring", st["head"]))
        rows = [
            [
                Paragraph("Position", st["cellb"]),
                Paragraph("Openings", st["cellb"]),
                Paragraph("Pay", st["cellb"]),
            ]
        ]
        for p in data.positions:
            title = esc(p.title) + (
                f"<br/><font size={7.5 * scale:.1f}>{esc(p.schedule)}</font>" if p.schedule else ""
            )
            rows.append(
                [
                    Paragraph(title, st["cell"]),
                    Paragraph(str(p.openings), st["cell"]),
                    Paragraph(esc(p.wage or "Ask us"), st["cell"]),
                ]
            )
        table = Table(rows, colWidths=[width * 0.54, width * 0.19, width * 0.27], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), PALE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c9d1dc")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5 * scale),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * scale),
                ]
            )
        )
        story.append(table)
    story.append(Paragraph("Where", st["head"]))
    story.append(Paragraph(f"<b>{esc(data.place_name)}</b><br/>{esc(data.address)}", st["body"]))
    for label, text in (
        ("Parking", data.parking),
        ("Public transit", data.transit),
        ("Accessibility", data.accessibility),
    ):
        if text:
            story.append(Paragraph(f"<b>{label}:</b> {esc(text)}", st["body"]))
    if data.what_to_bring:
        story.append(Paragraph("What to bring", st["head"]))
        story.append(
            Paragraph("<br/>".join(f"• {esc(item)}" for item in data.what_to_bring), st["body"])
        )
    return story


def _footer_text(data: FlyerData) -> str:
    text = (
        f"Free and open to all job seekers. Our staff will help you fill in applications "
        f"and meet the employer face to face. {data.organization}."
    )
    if data.contact_line:
        text += f" Questions: {data.contact_line}"
    return text


def _panel(
    canvas: Canvas,
    data: FlyerData,
    box: tuple[float, float, float, float],
    scale: float,
    text_scale: float,
) -> None:
    """One flyer in the box (x, y, w, h): band on top, the story, QR and footer at the bottom.
    The story is set at `text_scale` and shrunk if it would not fit."""
    x, y, w, h = box
    st = _styles(scale)
    band = 0.32 * inch * scale
    canvas.setFillColor(INK)
    canvas.rect(x, y + h - band, w, band, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont("Helvetica-Bold", 11 * scale)
    canvas.drawString(x + 0.3 * inch * scale, y + h - band + 0.11 * inch * scale, data.organization)
    canvas.setFillColor(ACCENT)
    canvas.rect(x, y, w, 0.09 * inch * scale, stroke=0, fill=1)

    margin = 0.45 * inch * scale
    qr_size = 1.9 * inch * scale
    footer_h = qr_size + 0.2 * inch * scale
    inner_w = w - 2 * margin
    frame = Frame(
        x + margin,
        y + footer_h,
        inner_w,
        h - band - footer_h - 0.1 * inch * scale,
        leftPadding=0,
        rightPadding=0,
        topPadding=6 * scale,
        bottomPadding=0,
        showBoundary=0,
    )
    frame.addFromList(
        [KeepInFrame(inner_w, frame._aH, _story(data, text_scale, inner_w), mode="shrink")], canvas
    )

    qr_x = x + w - margin - qr_size
    qr_y = y + 0.16 * inch * scale
    draw_qr(canvas, qr_payload(data), qr_x, qr_y, qr_size)
    footer = Frame(
        x + margin,
        qr_y,
        qr_x - x - margin - 0.15 * inch,
        qr_size,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    footer.addFromList(
        [
            Paragraph(esc(_footer_text(data)), st["small"]),
            Spacer(1, 3 * scale),
            Paragraph("Scan the code to save the date on your phone.", st["small"]),
        ],
        canvas,
    )


def build_flyer(data: FlyerData) -> bytes:
    """A letter-size promotional flyer, one page."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=letter, pageCompression=1)
    canvas.setTitle(f"Flyer - {data.title}")
    canvas.setAuthor(data.organization)
    w, h = letter
    _panel(canvas, data, (0, 0, w, h), 1.0, 1.45)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def build_handout(data: FlyerData) -> bytes:
    """Two half-page handouts on one landscape letter sheet, with a cut line between."""
    buf = io.BytesIO()
    size = landscape(letter)
    canvas = Canvas(buf, pagesize=size, pageCompression=1)
    canvas.setTitle(f"Handout - {data.title}")
    canvas.setAuthor(data.organization)
    w, h = size
    half = w / 2
    for i in range(2):
        box = (i * half + 0.15 * inch, 0.15 * inch, half - 0.3 * inch, h - 0.3 * inch)
        _panel(canvas, data, box, 0.68, 0.9)
    canvas.setStrokeColor(colors.grey)
    canvas.setDash(4, 4)
    canvas.line(half, 0.1 * inch, half, h - 0.1 * inch)
    canvas.setFont("Helvetica", 6)
    canvas.setFillColor(colors.grey)
    canvas.drawCentredString(half, 0.04 * inch, "cut here")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
