"""A one-page flyer per program, from the catalog: what it is, what it gives, who qualifies, whom to call.

Data in, PDF bytes out. The wording comes from forms/programs.toml, so a
program described once reads the same in emails, flyers and the eligibility panel.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, ListFlowable, ListItem, Paragraph, Spacer

from app.core.programs import Agency, ProgramDef
from app.documents.paper import INK, esc

ACCENT = colors.HexColor("#2a9d8f")
PALE = colors.HexColor("#eef4f8")
PAGE_W, PAGE_H = letter
MARGIN = 54

_TITLE = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=26, leading=31, textColor=INK)
_LEAD = ParagraphStyle("d", fontName="Helvetica", fontSize=13, leading=18)
_H = ParagraphStyle(
    "h",
    fontName="Helvetica-Bold",
    fontSize=13,
    leading=17,
    textColor=ACCENT,
    spaceBefore=14,
    spaceAfter=5,
)
_ITEM = ParagraphStyle("i", fontName="Helvetica", fontSize=11.5, leading=15)
_SMALL = ParagraphStyle(
    "s", fontName="Helvetica", fontSize=8, leading=10, textColor=colors.HexColor("#555555")
)


@dataclass(frozen=True)
class Sender:
    """The BSR whose contact details the flyer carries."""

    name: str
    email: str = ""
    phone: str = ""
    office: str = ""


def build(program: ProgramDef, agency: Agency, sender: Sender | None) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=letter, invariant=1)
    c.setTitle(f"{program.employer_name}: {agency.name}")
    c.setAuthor(agency.name)
    c.setSubject(program.employer_name)
    # Agency band.
    c.setFillColor(INK)
    c.rect(0, PAGE_H - 84, PAGE_W, 84, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(MARGIN, PAGE_H - 42, agency.name)
    c.setFont("Helvetica", 11)
    c.drawString(MARGIN, PAGE_H - 62, agency.tagline or "Services for employers")
    c.setFillColor(ACCENT)
    c.rect(0, PAGE_H - 90, PAGE_W, 6, stroke=0, fill=1)
    # Body.
    story: list = [
        Paragraph(esc(program.employer_name), _TITLE),
        Spacer(1, 10),
        Paragraph(esc(program.description), _LEAD),
    ]
    if program.benefits:
        story += [Paragraph("What you get", _H), _bullets(program.benefits)]
    if program.looks_for:
        story += [Paragraph("What we look for", _H), _bullets(program.looks_for)]
    story += [
        Paragraph("No cost to your business", _H),
        Paragraph(
            "Our services are free to employers. We fill in the paperwork with you, "
            "from the answers you give us once.",
            _ITEM,
        ),
    ]
    frame = Frame(MARGIN, 160, PAGE_W - 2 * MARGIN, PAGE_H - 110 - 160, showBoundary=0)
    frame.addFromList([KeepInFrame(PAGE_W - 2 * MARGIN, PAGE_H - 260, story, mode="shrink")], c)
    # Contact box.
    c.setFillColor(PALE)
    c.roundRect(MARGIN, 62, PAGE_W - 2 * MARGIN, 88, 8, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(MARGIN + 16, 132, "Talk to us")
    c.setFont("Helvetica", 11)
    lines = []
    if sender is not None:
        lines.append(", ".join(p for p in (sender.name, "Business Services Representative") if p))
        lines.append("   ".join(p for p in (sender.phone, sender.email) if p))
        if sender.office:
            lines.append(f"{sender.office} American Job Center")
    if agency.website:
        lines.append(agency.website)
    y = 116
    for line in [x for x in lines if x][:4]:
        c.drawString(MARGIN + 16, y, line)
        y -= 14
    foot = Paragraph(esc(sources_line(program)), _SMALL)
    _, foot_h = foot.wrap(PAGE_W - 2 * MARGIN, 40)
    foot.drawOn(c, MARGIN, 54 - foot_h)
    c.showPage()
    c.save()
    return buffer.getvalue()


def sources_line(program: ProgramDef) -> str:
    """The regulations and policies behind the program, each named once."""
    return "Sources: " + "; ".join(program.citations) if program.citations else ""


def _bullets(items: tuple[str, ...] | list[str]) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(esc(i), _ITEM), leftIndent=14) for i in items],
        bulletType="bullet",
        start="•",
        leftIndent=14,
        bulletFontSize=11,
    )


def filename(program: ProgramDef) -> str:
    safe = "".join(ch if ch.isalnum() or ch in " -" else " " for ch in program.short_name)
    return f"{' '.join(safe.split())} - flyer.pdf"
