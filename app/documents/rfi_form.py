"""The fillable RFI form: a letter-size AcroForm PDF pre-filled with what is known (it is read
back by `app.documents.rfi_form_reader`).

Every field's tooltip holds its question, so an employer hovering a box in any
PDF reader sees what is asked. The employer's id travels in a hidden read-only
field and in the document keywords, so a returned form is imported without
asking whose it is.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.core.rfi import (
    OTHER_MAX,
    POSITION_KEYS,
    POSITION_LABELS,
    AnswerField,
    Question,
    RfiDefinition,
)
from app.core.rfi_answers import format_wage, option_key
from app.documents.paper import INK, MUTED, esc

ID_FIELD = "employer_desk_employer_id"
KEYWORD_PREFIX = "employer-desk-employer:"
BOX = colors.HexColor("#f4f7fb")
PAGE_W, PAGE_H = letter
MARGIN = 46
CONTENT_W = PAGE_W - 2 * MARGIN
LABEL_W = 200
FIELD_H = 17

_QUESTION = ParagraphStyle("q", fontName="Helvetica-Bold", fontSize=10.5, leading=13, textColor=INK)
_HELP = ParagraphStyle(
    "h", fontName="Helvetica-Oblique", fontSize=8.5, leading=10.5, textColor=MUTED
)
_LABEL = ParagraphStyle("l", fontName="Helvetica", fontSize=8.5, leading=10)
_INTRO = ParagraphStyle("i", fontName="Helvetica", fontSize=9.5, leading=12.5)


@dataclass(frozen=True)
class FormHeader:
    """Who the form is for and who sends it."""

    employer_id: str
    employer_name: str
    agency_name: str
    sender_line: str = ""


class RfiFormError(ValueError):
    """A PDF that is not a filled-in RFI form of this app (the message says what to do)."""

    title = "Not an RFI form"


class RfiFormDamaged(RfiFormError):
    """A PDF whose structure or answers are damaged: nothing is read from it."""

    title = "The PDF is damaged"


class RfiFormLocked(RfiFormError):
    """A PDF protected with a password."""

    title = "The PDF is password-protected"


#: The closing block: who filled the form in, a line to sign on, and the date.
SIGNATURE_FIELDS = ("signed_name", "signed_title", "signed_date")
SIGNATURE_H = 118
#: Room for questions on a page: below the header band, above the footer.
PAGE_ROOM = PAGE_H - 78 - 48


def build(definition: RfiDefinition, header: FormHeader, known: Mapping[str, Any]) -> bytes:
    """The fillable PDF, pre-filled with `known` answers (stored values, as in the record).

    Laid out twice: the first pass counts the pages, so each can say "Page X of Y".
    """
    breaks = plan_breaks(definition)
    _, pages = _render(definition, header, known, breaks, 0)
    data, _ = _render(definition, header, known, breaks, pages)
    return data


def plan_breaks(definition: RfiDefinition) -> set[int]:
    """Indexes of the questions that start a page (the question count: the closing
    signature block does), with the pages evenly filled.

    As few pages as the questions need, each question whole on one page, and no page left
    nearly empty: the fullest page is made as light as the page count allows.
    """
    heights = [_question_height(q) for q in definition.questions] + [SIGNATURE_H]
    first = _paragraph_height(definition.intro, _INTRO) + 6

    def fill(room: float) -> list[int]:
        starts, used = [], first
        for n, height in enumerate(heights):
            if used + height > room and used > 0:
                starts.append(n)
                used = 0.0
            used += height
        return starts

    fewest = len(fill(PAGE_ROOM))
    low, high = (first + sum(heights)) / (fewest + 1), PAGE_ROOM
    for _ in range(30):
        middle = (low + high) / 2
        if len(fill(middle)) > fewest:
            low = middle
        else:
            high = middle
    return set(fill(high))


def _paragraph_height(text: str, style: ParagraphStyle, width: float = CONTENT_W) -> float:
    return Paragraph(esc(text), style).wrap(width, PAGE_H)[1]


def _question_height(question: Question) -> float:
    """The height `_Writer.question` takes for a question (heading, help, answers, spacing)."""
    h1 = _paragraph_height(f"{question.number}. {question.text}", _QUESTION)
    h2 = _paragraph_height(question.help, _HELP) if question.help else 0
    return h1 + h2 + sum(_field_height(f) for f in question.fields) + 15


def _render(
    definition: RfiDefinition,
    header: FormHeader,
    known: Mapping[str, Any],
    breaks: set[int],
    pages: int,
) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, invariant=1)
    canvas.setTitle(f"{definition.title}: {header.employer_name}")
    canvas.setAuthor(header.agency_name)
    canvas.setSubject(definition.title)
    canvas.setKeywords(f"{KEYWORD_PREFIX}{header.employer_id}")
    writer = _Writer(canvas, definition, header, pages)
    writer.start_page()
    canvas.acroForm.textfield(
        name=ID_FIELD,
        value=header.employer_id,
        x=MARGIN,
        y=PAGE_H - 20,
        width=2,
        height=2,
        borderWidth=0,
        fieldFlags="readOnly",
        annotationFlags="hidden",
        tooltip="Employer Desk record id (do not change)",
        maxlen=64,
    )
    writer.paragraph(definition.intro, _INTRO, CONTENT_W)
    writer.y -= 6
    for n, question in enumerate(definition.questions):
        if n in breaks:
            writer.break_page()
        writer.question(question, known)
    if len(definition.questions) in breaks:
        writer.break_page()
    writer.signature(known)
    writer.finish_page()
    canvas.save()
    return buffer.getvalue(), writer.page


class _Writer:
    def __init__(
        self, canvas: Canvas, definition: RfiDefinition, header: FormHeader, pages: int
    ) -> None:
        self.c = canvas
        self.definition = definition
        self.header = header
        self.pages = pages
        self.page = 0
        self.y = 0.0

    # Pages ---------------------------------------------------------------
    def start_page(self) -> None:
        self.page += 1
        c = self.c
        c.setFillColor(INK)
        c.rect(0, PAGE_H - 58, PAGE_W, 58, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-Bold", 15)
        c.drawString(MARGIN, PAGE_H - 30, self.header.agency_name)
        c.setFont("Helvetica", 10.5)
        c.drawString(
            MARGIN, PAGE_H - 47, f"{self.definition.title}  |  {self.header.employer_name}"
        )
        c.setFont("Helvetica", 9)
        of = f" of {self.pages}" if self.pages else ""
        c.drawRightString(PAGE_W - MARGIN, PAGE_H - 30, f"Page {self.page}{of}")
        c.setFillColor(colors.black)
        self.y = PAGE_H - 78

    def finish_page(self) -> None:
        c = self.c
        c.setFillColor(MUTED)
        c.setFont("Helvetica", 7.5)
        if self.header.sender_line:
            c.drawString(MARGIN, 26, f"Please return to: {self.header.sender_line}")
        c.setFillColor(colors.black)

    def new_page(self) -> None:
        self.finish_page()
        self.c.showPage()
        self.start_page()

    def break_page(self) -> None:
        """A planned page break (nothing happens at the top of a page already)."""
        if self.y < PAGE_H - 78:
            self.new_page()

    def need(self, height: float) -> None:
        if self.y - height < 48:
            self.new_page()

    def signature(self, known: Mapping[str, Any]) -> None:
        """Who answered, a line to sign on and the date: the employer's word on the answers."""
        self.need(SIGNATURE_H)
        c, form = self.c, self.c.acroForm
        self.y -= 10
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(MARGIN, self.y, PAGE_W - MARGIN, self.y)
        self.y -= 16
        c.setFont("Helvetica-Bold", 10.5)
        c.setFillColor(INK)
        c.drawString(MARGIN, self.y, "Completed by")
        c.setFont("Helvetica", 8.5)
        c.drawString(
            MARGIN + 80,
            self.y,
            "I confirm that these answers are true to the best of my knowledge.",
        )
        self.y -= 8
        labels = ("Name", "Job title", "Date (MM/DD/YYYY)")
        for name, label in zip(SIGNATURE_FIELDS, labels, strict=True):
            self.y -= FIELD_H + 5
            c.setFont("Helvetica", 8.5)
            c.setFillColor(colors.black)
            c.drawString(MARGIN, self.y + 5, label)
            form.textfield(
                name=name,
                value=str(known.get(name) or ""),
                x=MARGIN + LABEL_W,
                y=self.y,
                width=CONTENT_W - LABEL_W if name != "signed_date" else 160,
                height=FIELD_H,
                fontSize=9,
                borderColor=INK,
                fillColor=BOX,
                borderWidth=0.6,
                tooltip=f"Completed by: {label}",
                maxlen=120,
            )
        self.y -= 26
        c.drawString(MARGIN, self.y + 2, "Signature")
        c.line(MARGIN + LABEL_W, self.y, PAGE_W - MARGIN, self.y)
        self.y -= 8

    def paragraph(self, text: str, style: ParagraphStyle, width: float, x: float = MARGIN) -> float:
        para = Paragraph(esc(text), style)
        _, height = para.wrap(width, PAGE_H)
        self.need(height)
        para.drawOn(self.c, x, self.y - height)
        self.y -= height
        return height

    # Questions -----------------------------------------------------------
    def question(self, question: Question, known: Mapping[str, Any]) -> None:
        heading = Paragraph(esc(f"{question.number}. {question.text}"), _QUESTION)
        _, h1 = heading.wrap(CONTENT_W, PAGE_H)
        help_para = Paragraph(esc(question.help), _HELP) if question.help else None
        h2 = help_para.wrap(CONTENT_W, PAGE_H)[1] if help_para else 0
        whole = h1 + h2 + sum(_field_height(f) for f in question.fields) + 14
        first = question.fields[0]
        # Keep a question on one page when it fits on one; else at least its first answer.
        self.need(whole if whole < PAGE_H - 140 else h1 + h2 + _field_height(first) + 8)
        self.y -= 4
        heading.drawOn(self.c, MARGIN, self.y - h1)
        self.y -= h1 + 1
        if help_para:
            help_para.drawOn(self.c, MARGIN, self.y - h2)
            self.y -= h2
        self.y -= 4
        tip = f"{question.number}. {question.text}"
        for f in question.fields:
            part_tip = f"{tip} ({f.label})" if question.is_group else tip
            self.field(f, known.get(f.id), part_tip, show_label=question.is_group)
        self.y -= 6

    def field(self, f: AnswerField, value: Any, tip: str, show_label: bool = True) -> None:
        height = _field_height(f)
        self.need(height)
        form = self.c.acroForm
        x_field = MARGIN + LABEL_W
        width = CONTENT_W - LABEL_W
        if f.type != "positions" and show_label:
            label = Paragraph(esc(f.label), _LABEL)
            _, lh = label.wrap(LABEL_W - 8, PAGE_H)
            label.drawOn(self.c, MARGIN, self.y - max(lh, 12))
        if f.type in ("text", "number", "date"):
            box_h = FIELD_H * max(1, f.lines)
            text = _text_value(f, value)
            form.textfield(
                name=f.id,
                value=text,
                x=x_field,
                y=self.y - box_h,
                width=width if f.type == "text" else min(width, 160),
                height=box_h,
                fontSize=9,
                borderColor=INK,
                fillColor=BOX,
                borderWidth=0.6,
                tooltip=tip,
                maxlen=f.max_length,
                fieldFlags="multiline" if f.lines > 1 else "",
            )
            if f.type == "date":
                self.c.setFont("Helvetica", 7.5)
                self.c.setFillColor(MUTED)
                self.c.drawString(x_field + 168, self.y - 12, "MM/DD/YYYY")
                self.c.setFillColor(colors.black)
        elif f.type == "yesno":
            for n, (word, key) in enumerate((("Yes", "yes"), ("No", "no"))):
                bx = x_field + n * 70
                form.radio(
                    name=f.id,
                    value=key,
                    selected=value is (key == "yes") if isinstance(value, bool) else False,
                    x=bx,
                    y=self.y - 14,
                    size=13,
                    buttonStyle="circle",
                    borderColor=INK,
                    fillColor=BOX,
                    borderWidth=0.6,
                    tooltip=f"{tip}: {word}",
                    fieldFlags="radio",
                )
                self.c.setFont("Helvetica", 9)
                self.c.drawString(bx + 17, self.y - 11, word)
        elif f.type == "choice":
            chosen = set(value if isinstance(value, list) else [value] if value else [])
            col_w = width / 2
            for n, option in enumerate(f.options):
                bx = x_field + (n % 2) * col_w
                by = self.y - 12 - (n // 2) * 13
                look = {
                    "x": bx,
                    "y": by,
                    "size": 10,
                    "borderColor": INK,
                    "fillColor": BOX,
                    "borderWidth": 0.6,
                    "tooltip": f"{tip}: {option}",
                }
                if f.multiple:
                    form.checkbox(
                        name=f"{f.id}__{option_key(option)}",
                        checked=option in chosen,
                        buttonStyle="check",
                        fieldFlags="",
                        **look,
                    )
                else:
                    form.radio(
                        name=f.id,
                        value=option_key(option),
                        selected=option in chosen,
                        buttonStyle="circle",
                        fieldFlags="radio",
                        **look,
                    )
                self.c.setFont("Helvetica", 8.5)
                self.c.drawString(bx + 13, by + 2, option[:48])
        else:
            self._positions(f, value or [], tip)
        self.y -= height

    def _positions(self, f: AnswerField, rows: list[dict[str, Any]], tip: str) -> None:
        widths = {"title": 170, "openings": 60, "wage_cents": 85, "hours_per_week": 70, "shifts": 0}
        widths["shifts"] = CONTENT_W - sum(widths.values())
        form = self.c.acroForm
        x = MARGIN
        self.c.setFont("Helvetica-Bold", 8)
        for key in POSITION_KEYS:
            self.c.drawString(x + 2, self.y - 10, POSITION_LABELS[key])
            x += widths[key]
        for n in range(1, f.rows + 1):
            row = rows[n - 1] if n <= len(rows) else {}
            x = MARGIN
            y = self.y - 14 - n * (FIELD_H + 3) + 3
            for key in POSITION_KEYS:
                raw = row.get(key)
                text = (
                    format_wage(raw) if key == "wage_cents" else ("" if raw is None else str(raw))
                )
                form.textfield(
                    name=f"{f.id}_{n}_{key}",
                    value=text,
                    x=x,
                    y=y,
                    width=widths[key] - 4,
                    height=FIELD_H,
                    fontSize=9,
                    borderColor=INK,
                    fillColor=BOX,
                    borderWidth=0.6,
                    tooltip=f"{tip}: position {n}, {POSITION_LABELS[key].lower()}",
                    maxlen=OTHER_MAX,
                )
                x += widths[key]


def _field_height(f: AnswerField) -> float:
    if f.type == "positions":
        return 14 + f.rows * (FIELD_H + 3)
    if f.type == "choice":
        return max(FIELD_H, 13 * ((len(f.options) + 1) // 2)) + 4
    return FIELD_H * max(1, f.lines) + 4


def _text_value(f: AnswerField, value: Any) -> str:
    if value is None:
        return ""
    if f.type == "date":
        from datetime import date

        try:
            return date.fromisoformat(str(value)).strftime("%m/%d/%Y")
        except ValueError:
            return str(value)
    return str(value)
