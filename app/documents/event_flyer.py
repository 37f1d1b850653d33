"""An event's flyer and half-page handout, in one language or two on one sheet.

Data in, PDF bytes out. Every sheet carries the agency's header (agency, organizing job
center, its address and phone) and "Page X of Y". The QR code carries the event as an
iCalendar VEVENT, so a phone camera offers to save the date with the place already
filled in; it is drawn as vector squares, sharp at any printer's resolution. What the
panels say is in `app.documents.flyer_story`, its words in forms/flyers.toml.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer

from app.core.flyer_wording import Words
from app.documents.flyer_story import ACCENT, FlyerData, FlyerRow, footer_lines, story, styles
from app.documents.paper import INK, MUTED, RULE, esc

__all__ = ["FlyerData", "FlyerRow", "build_flyer", "build_handout", "qr_matrix", "qr_payload"]


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def qr_payload(data: FlyerData, words: Words) -> str:
    """The event as an iCalendar VEVENT (local Chicago time, named time zone)."""
    fmt = "%Y%m%dT%H%M%S"
    where = ", ".join(p for p in (data.place_name, data.address) if p)
    kind = words("kicker_invitation" if data.for_employers else f"kicker_{data.kind}")
    what = f"{kind}: " + ", ".join(data.employers) if data.employers else kind
    lines = [
        "BEGIN:VEVENT",
        f"UID:{data.event_id}",
        f"SUMMARY:{_ics_text(data.title_in(words))}",
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


def _band(
    canvas: Canvas, data: FlyerData, box: tuple[float, float, float, float], scale: float
) -> float:
    """The agency header across the top of the box; returns its height."""
    x, y, w, h = box
    band = 0.55 * inch * scale
    canvas.setFillColor(INK)
    canvas.rect(x, y + h - band, w, band, stroke=0, fill=1)
    pad = 0.3 * inch * scale
    canvas.setFillColor(colors.white)
    canvas.setFont("Helvetica-Bold", 12 * scale)
    canvas.drawString(x + pad, y + h - band + 0.3 * inch * scale, data.agency)
    canvas.setFont("Helvetica", 8.5 * scale)
    canvas.drawString(x + pad, y + h - band + 0.13 * inch * scale, data.organization)
    canvas.setFont("Helvetica", 7.5 * scale)
    right = [p for p in (data.office_address, data.office_phone) if p]
    line_y = y + h - band + 0.3 * inch * scale
    for line in right:
        canvas.drawRightString(x + w - pad, line_y, line)
        line_y -= 0.17 * inch * scale
    canvas.setFillColor(ACCENT)
    canvas.rect(x, y, w, 0.07 * inch * scale, stroke=0, fill=1)
    return band


def _panel(
    canvas: Canvas,
    data: FlyerData,
    languages: Sequence[Words],
    box: tuple[float, float, float, float],
    scale: float,
    text_scale: float,
) -> None:
    """One flyer in the box (x, y, w, h): the header band, one column of text per
    language (shrunk to fit), and the QR code with the small print at the bottom."""
    x, y, w, h = box
    band = _band(canvas, data, box, scale)
    margin = 0.4 * inch * scale
    gap = 0.3 * inch * scale
    qr_size = 1.6 * inch * scale
    footer_h = qr_size + 0.22 * inch * scale
    col_w = (w - 2 * margin - gap * (len(languages) - 1)) / len(languages)
    body_h = h - band - footer_h - 0.08 * inch * scale
    for n, words in enumerate(languages):
        frame = Frame(
            x + margin + n * (col_w + gap),
            y + footer_h,
            col_w,
            body_h,
            leftPadding=0,
            rightPadding=0,
            topPadding=6 * scale,
            bottomPadding=0,
            showBoundary=0,
        )
        flow = story(data, words, text_scale, col_w)
        frame.addFromList([KeepInFrame(col_w, frame._aH, flow, mode="shrink")], canvas)
        if n:
            canvas.setStrokeColor(RULE)
            canvas.line(
                x + margin + n * (col_w + gap) - gap / 2,
                y + footer_h,
                x + margin + n * (col_w + gap) - gap / 2,
                y + footer_h + body_h - 6 * scale,
            )

    qr_x = x + w - margin - qr_size
    qr_y = y + 0.14 * inch * scale
    draw_qr(canvas, qr_payload(data, languages[0]), qr_x, qr_y, qr_size)
    small = styles(scale)["small"]
    notes: list = []
    for words in languages:
        notes += [Paragraph(esc(line), small) for line in footer_lines(data, words)]
        notes.append(Spacer(1, 3 * scale))
    width = qr_x - x - margin - 0.15 * inch * scale
    footer = Frame(
        x + margin,
        qr_y,
        width,
        qr_size,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    footer.addFromList([KeepInFrame(width, qr_size, notes, mode="shrink")], canvas)


def _page_label(canvas: Canvas, languages: Sequence[Words], width: float) -> None:
    """ "Page 1 of 1" (in each language) at the foot of the sheet: a flyer is one page."""
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 7)
    text = " · ".join(words("page", page=1, pages=1) for words in languages)
    canvas.drawRightString(width - 0.3 * inch, 0.1 * inch, text)


def _sheet(
    data: FlyerData, languages: Sequence[Words], kind: str, size: tuple[float, float]
) -> tuple[Canvas, io.BytesIO]:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size, pageCompression=1, invariant=1)
    canvas.setTitle(f"{kind} - {data.title_in(languages[0])}")
    canvas.setAuthor(data.agency)
    return canvas, buf


def build_flyer(data: FlyerData, languages: Sequence[Words]) -> bytes:
    """A letter-size flyer, one page; two languages print side by side on it."""
    canvas, buf = _sheet(data, languages, "Flyer", letter)
    w, h = letter
    text_scale = 1.35 if len(languages) == 1 else 1.1
    _panel(canvas, data, languages, (0, 0.25 * inch, w, h - 0.25 * inch), 1.0, text_scale)
    _page_label(canvas, languages, w)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def build_handout(data: FlyerData, languages: Sequence[Words]) -> bytes:
    """Two half-page handouts on one landscape letter sheet, with a cut line between: two
    copies of one language, or one per language when there are two."""
    size = landscape(letter)
    canvas, buf = _sheet(data, languages, "Handout", size)
    w, h = size
    half = w / 2
    halves = [languages[0], languages[0]] if len(languages) == 1 else list(languages[:2])
    for i, words in enumerate(halves):
        box = (i * half + 0.15 * inch, 0.25 * inch, half - 0.3 * inch, h - 0.4 * inch)
        _panel(canvas, data, [words], box, 0.68, 0.9)
    canvas.setStrokeColor(colors.grey)
    canvas.setDash(4, 4)
    canvas.line(half, 0.25 * inch, half, h - 0.1 * inch)
    canvas.setDash()
    _page_label(canvas, languages, w)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
