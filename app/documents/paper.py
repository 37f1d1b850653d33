"""Shared paper for multi-page documents: agency letterhead, "Page X of Y", same bytes every time.

A document that an employer signs and files must say whose it is on every page
and how many pages belong together. The page numbers are only known once the
whole story is laid out, so the canvas keeps each finished page and draws the
letterhead and footer when the document is saved. Several documents can share
one PDF (a batch): each restarts its own numbering at a `DocumentStart` mark.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

INK = colors.HexColor("#1d3557")
ACCENT = colors.HexColor("#2a9d8f")
PALE = colors.HexColor("#f1f4f8")
RULE = colors.HexColor("#c9d1dc")
MUTED = colors.HexColor("#555555")
MISSING = colors.HexColor("#ffe08a")

PAGE_W, PAGE_H = letter
MARGIN = 0.7 * inch
BAND_H = 0.62 * inch


def esc(text: str) -> str:
    """Plain text made safe inside a reportlab Paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Letterhead:
    """Who sends the document: printed in the band on top of every page."""

    agency_name: str
    office_name: str = ""
    office_address: str = ""
    office_phone: str = ""
    website: str = ""


class _Mark(Flowable):
    """A zero-size flowable that leaves a note on the canvas for the page decoration."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0


class DocumentStart(_Mark):
    """Zero-size mark: a new document starts on this page (numbering restarts)."""

    def __init__(self, footer: str) -> None:
        super().__init__()
        self.footer = footer

    def draw(self) -> None:
        canvas = self.canv
        canvas._doc_no = getattr(canvas, "_doc_no", 0) + 1  # type: ignore[attr-defined]
        canvas._doc_footer = self.footer  # type: ignore[attr-defined]


class SectionMark(_Mark):
    """Zero-size mark: the section title printed in the band from this page on."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def draw(self) -> None:
        self.canv._section = self.title  # type: ignore[attr-defined]


def _canvas_class(head: Letterhead) -> type[Canvas]:
    class PaperCanvas(Canvas):
        """Keeps finished pages and numbers them, per document, when saved."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                key = state.get("_doc_no", 0)
                totals[key] = totals.get(key, 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                key = state.get("_doc_no", 0)
                seen[key] = seen.get(key, 0) + 1
                _decorate(self, head, seen[key], totals[key])
                Canvas.showPage(self)
            Canvas.save(self)

    return PaperCanvas


def _decorate(c: Canvas, head: Letterhead, page: int, total: int) -> None:
    c.saveState()
    c.setFillColor(INK)
    c.rect(0, PAGE_H - BAND_H, PAGE_W, BAND_H, stroke=0, fill=1)
    c.setFillColor(ACCENT)
    c.rect(0, PAGE_H - BAND_H - 3, PAGE_W, 3, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(MARGIN, PAGE_H - 24, head.agency_name)
    c.setFont("Helvetica", 9)
    section = getattr(c, "_section", "")
    if section:
        c.drawString(MARGIN, PAGE_H - 38, section)
    right = [
        f"{head.office_name} American Job Center" if head.office_name else "",
        "  ".join(p for p in (head.office_address, head.office_phone) if p),
        head.website,
    ]
    y = PAGE_H - 18
    c.setFont("Helvetica", 8)
    for line in [r for r in right if r][:3]:
        c.drawRightString(PAGE_W - MARGIN, y, line)
        y -= 10
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, 0.55 * inch, PAGE_W - MARGIN, 0.55 * inch)
    c.setFillColor(MUTED)
    c.setFont("Helvetica", 7.5)
    footer = getattr(c, "_doc_footer", "")
    if footer:
        c.drawString(MARGIN, 0.4 * inch, footer)
    c.setFont("Helvetica-Bold", 8)
    c.drawRightString(PAGE_W - MARGIN, 0.4 * inch, f"Page {page} of {total}")
    c.restoreState()


def build_pdf(story: Sequence[Flowable], head: Letterhead, title: str, subject: str = "") -> bytes:
    """Lay out the story on letter paper with the letterhead; the same story gives the
    same bytes (no creation date or random document id)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=BAND_H + 0.3 * inch,
        bottomMargin=0.75 * inch,
        title=title,
        author=head.agency_name,
        subject=subject,
        creator=head.agency_name,
        invariant=1,
    )
    doc.build(list(story), canvasmaker=_canvas_class(head))
    return buffer.getvalue()
